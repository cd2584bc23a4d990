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
from .distractors import Pool
from .item import Item

GENERATORS = {}

TABLE1_FIELDS = {
    "response_percent": "response rate (complete or partial remission)",
    "crs_percent": "rate of cytokine release syndrome",
    "neurologic_percent": "rate of neurologic toxicity",
    "severe_infection_percent": "rate of severe infection",
}


def generator(fn):
    GENERATORS[fn.__name__] = fn
    return fn


def _rows(course):
    for p in course.products.products:
        for i in p.indications:
            yield p, i, course.disease(i.disease)


@generator
def table1_rate(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each product x indication x Table 1 field: a single-choice and a numeric item."""
    course = ctx.course
    rows = list(_rows(course))
    for field, label in TABLE1_FIELDS.items():
        values = Pool([formatting.percent(getattr(i, field)) for _, i, _ in rows], numeric=True)
        for p, i, disease in rows:
            source = f"products.{p.id}.indications.{i.id}.{field}"
            answer = formatting.percent(getattr(i, field))
            who = f"{i.population} " if i.population else ""
            explanation = f"In the trials behind its approval for {who}{disease.name}, {p.inn} had a {label} of {answer}."
            common = dict(explanation=explanation, refs=tuple(i.refs), source=source,
                          page=ctx.page(ctx.module_of("products"), f"{p.id}-{i.id}"))
            stem = f"In the approval trials of {p.inn} for {who}{disease.name}, what was the {label}?"
            if bp.params.get("type", "single") == "single":
                item = make.choice(ctx, bp, f"{p.id}:{i.id}:{field}", answer=answer, pool=values,
                                   stem=stem, **common)
                if item:
                    yield item
            else:
                yield make.numeric(ctx, bp, f"{p.id}:{i.id}:{field}", answer=getattr(i, field), unit="percent",
                                   tolerance=bp.params.get("tolerance", 0),
                                   stem=stem.replace("what was", "what percentage was"), **common)


@generator
def fact_value(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Every fact of one content file (params.file) with an `ask` stem, as single choice or numeric.

    Distractors come from other facts' values in the same unit, across the whole course."""
    for fid, stem, section, fact in ctx.asked_facts:
        if not fact.ask or stem != bp.params["file"]:
            continue
        name = _asked_value(fact)
        q = fact.values[name]
        source = f"facts.{fid}.{name}"
        common = dict(stem=ctx.plain(fact.ask, fact), explanation=ctx.plain(fact.text, fact), refs=tuple(fact.refs),
                      source=source, page=ctx.page(ctx.module_of(stem), section))
        if bp.params.get("type", "single") == "numeric":
            if q.is_range:
                continue
            yield make.numeric(ctx, bp, fid, answer=q.value, unit=q.unit, tolerance=0, **common)
        else:
            item = make.choice(ctx, bp, fid, answer=formatting.quantity(q), pool=ctx.value_pools[(q.unit, q.is_range)], **common)
            if item:
                yield item


def _in_sentence(name: str) -> str:
    """'Hinge' -> 'hinge' mid-sentence, but 'T-cell activation domain' keeps its capital."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _asked_value(fact) -> str:
    """The value an `ask` stem is about: the first one the text shows that is not a head count."""
    for name in fact.values:
        if fact.values[name].unit != "count" or len(fact.values) == 1:
            return name
    return next(iter(fact.values))


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
        detail = t.engineering if field == "engineered" else t.antigen_source
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
def trial_response(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Table 3: each cohort's response rate, distractors from the other cohorts."""
    trials = ctx.course.solid_tumors.trials
    rates = Pool([f"{c.percent}%" for t in trials for c in t.cohorts], numeric=True)
    for t in trials:
        for n, c in enumerate(t.cohorts):
            who = c.label or t.cancer
            item = make.choice(ctx, bp, f"{t.id}:{n}", answer=f"{c.percent}%", pool=rates,
                               stem=f"In the {t.first_author} {t.year} trial of {t.receptor} cells against {t.target} "
                                    f"({who}), what share of patients responded?",
                               explanation=f"{c.responders} of {c.patients} patients ({c.percent}%) responded.",
                               refs=(t.ref,), source=f"trials.{t.id}.cohorts.{n}",  # percent derives from responders/patients
                               page=ctx.page(ctx.module_of("solid_tumors"), "reading-table-3"))
            if item:
                yield item


@generator
def glossary_term(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    yield from make.attribute_choices(
        ctx, bp, ctx.course.glossary.terms, "term", source="glossary.terms.{id}.term",
        stem=lambda t: f"What does the abbreviation {t.abbr} stand for?",
        explanation=lambda t: f"{t.abbr}: {t.term}. {t.definition}", refs=lambda t: (0,), page=lambda t: f"glossary/#{t.id}")
