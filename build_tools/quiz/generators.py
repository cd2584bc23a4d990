"""Generators: one function per kind of blueprint. Each yields items whose answers are content fields.

A generator never types an answer: it reads the field named in `source` and formats it with the
same formatter the pages use, so a page and a quiz show the same characters.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..content import formatting
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item, Option
from .registry import generator


@generator
def fact_value(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Every fact of one content file (params.file) with an `ask` stem, as single choice or numeric.

    Distractors come from other facts' values in the same unit, across the whole course."""
    for fid, stem, section, fact in ctx.asked_facts:
        if not fact.ask or stem != bp.params["file"]:
            continue
        name = fact.key
        q = fact.values[name]
        source = f"facts.{fid}.{name}"
        common = dict(stem=ctx.plain(fact.ask, fact), explanation=ctx.plain(fact.text, fact), refs=tuple(fact.refs),
                      source=source, page=ctx.page(ctx.module_of(stem), section),
                      objective=ctx.objective(bp, stem, section))
        if bp.params.get("type", "single") == "numeric":
            if q.is_range:
                continue
            yield make.numeric(ctx, bp, fid, answer=q.value, unit=q.unit, tolerance=tolerance(q.value, fact.ask), **common)
        else:
            item = make.choice(ctx, bp, fid, answer=formatting.quantity(q), pool=ctx.value_pools[(q.unit, q.is_range)], **common)
            if item:
                yield item


_APPROXIMATE = ("about", "approximately", "roughly", "around", "nearly")


def tolerance(value: float, stem: str) -> float:
    """What a typed answer may be off by: half the last stated digit, or a tenth of the value
    when the stem itself asks for an approximate figure."""
    decimals = len(repr(float(value)).split(".")[1].rstrip("0")) if not float(value).is_integer() else 0
    precise = 0.5 * 10 ** -decimals
    if any(word in stem.lower().split() for word in _APPROXIMATE):
        return max(precise, abs(value) * 0.1)
    return precise


def _in_sentence(name: str) -> str:
    """'Hinge' -> 'hinge' mid-sentence, but 'T-cell activation domain' keeps its capital."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


@generator
def product_target(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each antigen: which products target it (multiple select, since several share one)."""
    course = ctx.course
    for antigen in course.antigens.antigens:
        right = [p.inn for p in course.products.products if p.target == antigen.id]
        wrong = [p.inn for p in course.products.products if p.target != antigen.id]
        yield make.multiple(ctx, bp, antigen.id, right=right, wrong=wrong,
                            stem=f"Which approved CAR T-cell products target {antigen.name}? Select all that apply.",
                            explanation=f"{', '.join(right)} target {antigen.name} ({antigen.full_name}).",
                            refs=tuple(antigen.refs), source=f"antigens.{antigen.id}",
                            page=ctx.page(ctx.module_of("products"), "comparison"))


@generator
def product_indications(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each product: the diseases in its approved indications (multiple select)."""
    course = ctx.course
    for p in course.products.products:
        right = sorted({course.disease(i.disease).name for i in p.indications})
        wrong = sorted({d.name for d in course.products.diseases} - set(right))
        refs = tuple(sorted({n for i in p.indications for n in i.refs}))
        yield make.multiple(ctx, bp, p.id, right=right, wrong=wrong,
                            stem=f"For which diseases is {p.inn} approved? Select all that apply.",
                            explanation=f"{p.inn} is approved for {', '.join(right)}.", refs=refs,
                            source=f"products.{p.id}.indications", page=ctx.page(ctx.module_of("products"), p.id))


@generator
def fda_brand(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Match each product to its brand name (from FDA approval records)."""
    course = ctx.course
    pairs = [(p.inn, p.fda.brand) for p in course.products.products]
    yield make.matching(ctx, bp, "", pairs=pairs, stem="Match each CAR T-cell product to its brand name.",
                        explanation="; ".join(f"{a}: {b}" for a, b in pairs) + " (FDA approval records).",
                        refs=(0,), source="products.*.fda.brand", page=ctx.page(ctx.module_of("products"), "comparison"))


@generator
def costimulatory_domain(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each product: its costimulatory domain (true/false on CD28), from FDA records."""
    for p in ctx.course.products.products:
        yield make.truefalse(ctx, bp, p.id, true=p.fda.costimulatory_domain == "CD28",
                             stem=f"True or false: {p.inn} uses a CD28 costimulatory domain.",
                             explanation=f"{p.inn} uses a {p.fda.costimulatory_domain} costimulatory domain "
                                         "(FDA approval records).",
                             refs=(0,), source=f"products.{p.id}.fda.costimulatory_domain",
                             page=ctx.page(ctx.module_of("car_structure"), "costimulation"))


@generator
def car_domain_order(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    domains = ctx.course.car_structure.domains
    order = [d.name for d in domains]
    yield make.ordering(ctx, bp, "", order=order, stem="Put the CAR domains in order, from outside the T cell to inside:",
                        explanation="From outside to inside: " + ", ".join(order) + ".",
                        refs=tuple(sorted({n for d in domains for n in d.refs})), source="car_structure.domains",
                        page=ctx.page(ctx.module_of("car_structure"), "domains"))


@generator
def car_domain_function(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    domains = ctx.course.car_structure.domains
    page = ctx.page(ctx.module_of("car_structure"), "domains")
    yield from make.attribute_choices(
        ctx, bp, domains, "function", source="car_structure.domains.{id}.function",
        stem=lambda d: f"What is the job of the {_in_sentence(d.name.split(' (')[0])} in a CAR?",
        explanation=lambda d: f"{d.name}: {d.function}; it comes from {d.origin}.",
        refs=lambda d: d.refs, page=lambda d: page)
    pairs = [(d.name, d.location) for d in domains]
    yield make.matching(ctx, bp, "location", pairs=pairs, stem="Match each CAR domain to where it sits.",
                        explanation="; ".join(f"{a}: {b}" for a, b in pairs) + ".",
                        refs=tuple(sorted({n for d in domains for n in d.refs})), source="car_structure.domains.*.location",
                        page=page)


@generator
def naming_stem(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    page = ctx.page(ctx.module_of("naming"), "stems")
    yield from make.attribute_choices(
        ctx, bp, ctx.course.naming.stems, "meaning", source="naming.stems.{id}.meaning",
        stem=lambda s: f"In a CAR T-cell product's generic name, what does the stem '{s.stem}' indicate?",
        explanation=lambda s: f"'{s.stem}' indicates {s.meaning}.", refs=lambda s: s.refs, page=lambda s: page)


@generator
def therapy_property(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """True/false per therapy type on a boolean property, and one multiple select across types."""
    field, phrase, negative = bp.params["field"], bp.params["phrase"], bp.params["negative"]
    types = ctx.course.therapy_types.therapy_types
    page = ctx.page(ctx.module_of("therapy_types"), "comparison")
    for t in types:
        value = getattr(t, field)
        detail = t.engineering if field == "engineered" else t.hla_note
        yield make.truefalse(ctx, bp, t.id, true=value, stem=f"True or false: {t.name} {phrase}.",
                             explanation=f"{t.name} {phrase if value else negative}: {detail}.",
                             refs=tuple(t.refs), source=f"therapy_types.{t.id}.{field}", page=page)
    right = [t.name for t in types if getattr(t, field)]
    yield make.multiple(ctx, bp, "all", right=right, wrong=[t.name for t in types if not getattr(t, field)],
                        stem=f"Which of these {phrase}? Select all that apply.",
                        explanation=f"{', '.join(right)} {phrase}.", refs=tuple(sorted({n for t in types for n in t.refs})),
                        source=f"therapy_types.*.{field}", page=page)


@generator
def agent_target(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    page = ctx.page(ctx.module_of("adverse_effects"), "agents")
    yield from make.attribute_choices(
        ctx, bp, ctx.course.adverse_effects.agents, "blocks", source="adverse_effects.agents.{id}.blocks",
        stem=lambda a: f"What does {a.name} block or act on, as used against CAR T-cell toxicity?",
        explanation=lambda a: f"{a.name} acts on {a.blocks}; {a.role}.", refs=lambda a: a.refs, page=lambda a: page)


@generator
def table3_receptor(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Table 3 read for its lesson: which targets were reached with a TCR and which with a CAR."""
    trials = ctx.course.solid_tumors.trials
    pairs = sorted({(t.target, t.receptor) for t in trials})
    page = ctx.page(ctx.module_of("solid_tumors"), "reading-table-3")
    refs = tuple(sorted({t.ref for t in trials}))
    yield make.matching(ctx, bp, "", pairs=pairs, stem="Match each Table 3 target to the receptor used against it.",
                        explanation=("TCRs reached proteins made inside the cell (cancer germline antigens, HPV "
                                     "oncoproteins), shown on HLA; CARs reached molecules on the cell surface. "
                                     + "; ".join(f"{a}: {b}" for a, b in pairs) + "."),
                        refs=refs, source="solid_tumors.trials.*.receptor", family="table3:receptor", page=page)
    cars = sorted({t.target for t in trials if t.receptor == "CAR T"})
    yield make.multiple(ctx, bp, "car", right=cars, wrong=sorted({t.target for t in trials} - set(cars)),
                        stem="Which of these Table 3 targets were reached with CAR T cells? Select all that apply.",
                        explanation=(f"{_listing_and(cars)} sit on the cell surface, where a CAR can bind them; the "
                                     "others are intracellular and were reached with TCRs."),
                        refs=refs, source="solid_tumors.trials.*.receptor", family="table3:receptor",
                        level="understand", page=page)


def _listing_and(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]


@generator
def glossary_term(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """What an abbreviation stands for, only where other terms share its initials: otherwise the
    initials alone give the answer away, and the item is not asked."""
    terms = ctx.course.glossary.terms
    for t in terms:
        alike = [o for o in terms if o is not t and initials(o.term) == initials(t.term)]
        if len(alike) < 2:
            continue
        options = tuple(sorted([Option.of(t.term, True), *(Option.of(o.term, False) for o in alike[:4])],
                               key=lambda o: o.text.lower()))
        yield Item(type="single", options=options, **make.base(
            ctx, bp, t.id, stem=f"What does the abbreviation {t.abbr} stand for?",
            explanation=f"{t.abbr}: {t.term}. {t.definition}", refs=(0,), source=f"glossary.terms.{t.id}.term",
            page=f"glossary/#{t.id}"))


def initials(term: str) -> str:
    return "".join(w[0].lower() for w in term.replace("-", " ").split() if w[:1].isalpha())
