"""Generators: one function per kind of blueprint. Each yields items whose answers are content
fields.

A generator never types an answer: it reads the field named in `source` and formats it with the
same formatter the pages use, so a page and a quiz show the same characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..content import formatting
from ..content.errors import ContentError
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item, Option
from .registry import generator
from .wording import cap, listing


@generator
def fact_value(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Every fact of one content file (params.file) with an `ask` stem, as single choice or numeric.

    Distractors come from other facts' values in the same unit, across the whole course."""
    for fid, file, section, fact in ctx.asked_facts:
        if not fact.ask or file != bp.params["file"]:
            continue
        name = fact.key
        q = fact.values[name]
        source = f"facts.{fid}.{name}"
        common = dict(
            stem=ctx.plain(fact.ask, fact),
            explanation=ctx.plain(fact.text, fact),
            refs=tuple(fact.refs),
            sources=ctx.outside_all([fact]),
            source=source,
            page=ctx.page(ctx.module_of(file), section),
            objective=ctx.objective(bp, file, section),
        )
        if bp.params.get("type", "single") == "numeric":
            if q.is_range or not float(q.value).is_integer():
                continue  # typing a decimal from memory tests recall of a digit, not of the result
            yield make.numeric(
                ctx,
                bp,
                fid,
                answer=q.value,
                unit=q.unit,
                tolerance=tolerance(q.value, fact.ask),
                **common,
            )
        else:
            item = make.choice(
                ctx,
                bp,
                fid,
                answer=formatting.quantity(q),
                pool=ctx.value_pools[(q.unit, q.is_range)],
                **common,
            )
            if item:
                yield item


_APPROXIMATE = ("about", "approximately", "roughly", "around", "nearly")


def tolerance(value: float, stem: str) -> float:
    """What a typed answer may be off by: half the last stated digit, or a tenth of the value
    when the stem itself asks for an approximate figure."""
    decimals = (
        len(repr(float(value)).split(".")[1].rstrip("0")) if not float(value).is_integer() else 0
    )
    precise = 0.5 * 10**-decimals
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
        why = {
            p.inn: f"It targets {course.antigen(p.target).name}." for p in course.products.products
        }
        yield make.multiple(
            ctx,
            bp,
            antigen.id,
            right=right,
            wrong=wrong,
            why=why,
            stem=(
                f"Which approved CAR T-cell products target {antigen.name}? Select all that apply."
            ),
            explanation=f"{', '.join(right)} target {antigen.name} ({antigen.full_name}).",
            refs=tuple(antigen.refs),
            source=f"antigens.{antigen.id}",
            page=ctx.page(ctx.module_of("evidence"), "comparison"),
        )


@generator
def car_domain_order(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    domains = ctx.course.car_structure.domains
    order = [d.name for d in domains]
    yield make.ordering(
        ctx,
        bp,
        "",
        order=order,
        stem="Put the CAR domains in order, from outside the T cell to inside:",
        explanation="From outside to inside: " + ", ".join(order) + ".",
        refs=tuple(sorted({n for d in domains for n in d.refs})),
        source="car_structure.domains",
        page=ctx.page(ctx.module_of("car_structure"), "domains"),
    )


@generator
def table3_receptor(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Table 3 read for its lesson: which targets were reached with a TCR and which with a CAR."""
    trials = ctx.course.solid_tumors.trials
    pairs = sorted({(t.target, t.receptor) for t in trials})
    page = ctx.page(ctx.module_of("solid_tumors"), "reading-table-3")
    refs = tuple(sorted({t.ref for t in trials}))
    yield make.matching(
        ctx,
        bp,
        "",
        pairs=pairs,
        stem="Match each Table 3 target to the receptor used against it.",
        explanation=(
            "TCRs reached proteins made inside the cell (cancer germline antigens, HPV "
            "oncoproteins), shown on HLA; CARs reached molecules on the cell surface. "
            + "; ".join(f"{a}: {b}" for a, b in pairs)
            + "."
        ),
        refs=refs,
        source="solid_tumors.trials.*.receptor",
        family="table3:receptor",
        page=page,
    )
    cars = sorted({t.target for t in trials if t.receptor == "CAR T"})
    why = {
        t.target: f"Reached with {t.receptor} cells ({t.first_author} {t.year})." for t in trials
    }
    yield make.multiple(
        ctx,
        bp,
        "car",
        right=cars,
        wrong=sorted({t.target for t in trials} - set(cars)),
        why=why,
        stem="Which of these Table 3 targets were reached with CAR T cells? Select all that apply.",
        explanation=(
            f"{listing(cars)} sit on the cell surface, where a CAR can bind them; the "
            "others are intracellular and were reached with TCRs."
        ),
        refs=refs,
        source="solid_tumors.trials.*.receptor",
        family="table3:receptor",
        level="understand",
        page=page,
    )


@generator
def glossary_term(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """What an abbreviation stands for, only where other terms share its initials: otherwise the
    initials alone give the answer away, and the item is not asked."""
    terms = ctx.course.glossary.terms
    sharing: dict[str, list] = {}  # grouped once: comparing every pair grows with the square
    for t in terms:
        sharing.setdefault(initials(t.term), []).append(t)
    for t in terms:
        alike = [o for o in sharing[initials(t.term)] if o is not t]
        if len(alike) < 2:
            continue
        options = tuple(
            sorted(
                [Option.of(t.term, True), *(Option.of(o.term, False) for o in alike[:4])],
                key=lambda o: o.text.lower(),
            )
        )
        yield Item(
            type="single",
            options=options,
            **make.base(
                ctx,
                bp,
                t.id,
                stem=f"What does the abbreviation {t.abbr} stand for?",
                explanation=f"{t.abbr}: {t.term}. {t.definition}",
                refs=(0,),
                source=f"glossary.terms.{t.id}.term",
                page=f"glossary/#{t.id}",
            ),
        )


def initials(term: str) -> str:
    return "".join(w[0].lower() for w in term.replace("-", " ").split() if w[:1].isalpha())


@generator
def concept_question(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The hand-written concept questions of every content file, each in the module that presents
    its file, linked to the section that teaches it; the key rests on facts of that section."""
    for file, root in ctx.course.files.items():
        for n, c in enumerate(getattr(root, "concepts", [])):
            section = ctx.course.section(file, c.section)
            facts = {f.id: f for f in section.facts}
            missing = [f for f in c.rests_on if f not in facts]
            if missing:
                doc = ctx.course.docs[file]
                message = f"no fact {', '.join(missing)} in section {c.section!r}"
                raise ContentError.at(doc, ("concepts", n, "rests_on"), message)
            options = [
                Option.of(c.answer, True, f"Right: {c.because}"),
                *(Option.of(d.text, False, d.why) for d in c.wrong),
            ]
            options.sort(key=lambda o: make.stable_rank(f"{c.id}:{o.text}"))
            module = ctx.course.presenting_module(file)
            refs = tuple(sorted({n for f in c.rests_on for n in facts[f].refs}))
            yield Item(
                type="single",
                options=tuple(options),
                **make.base(
                    ctx,
                    bp,
                    c.id,
                    topic=module.id,
                    level=c.level,
                    objective=ctx.objective(bp, file, c.section),
                    stem=c.ask,
                    explanation=" ".join(ctx.plain(facts[f].text, facts[f]) for f in c.rests_on)
                    + f" {c.because}",
                    refs=refs,
                    source=f"facts.{c.rests_on[0]}",
                    family=f"concept:{c.id}",
                    page=ctx.page(module.id, c.section),
                ),
            )


@generator
def fda_brand(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Match each product to its brand name (from FDA approval records, cited as such)."""
    course = ctx.course
    pairs = [(p.inn, p.fda.brand) for p in course.products.products]
    yield make.matching(
        ctx,
        bp,
        "",
        pairs=pairs,
        stem="Match each CAR T-cell product to its brand name.",
        explanation="; ".join(f"{a}: {b}" for a, b in pairs) + ".",
        refs=(),
        sources=ctx.outside_all(p.fda for p in course.products.products),
        source="products.*.fda.brand",
        page=ctx.page(ctx.module_of("products"), "who-can-receive"),
    )


@generator
def car_domain_function(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Two matchings over the domains: each to its job, and each to where it sits."""
    domains = ctx.course.car_structure.domains
    page = ctx.page(ctx.module_of("car_structure"), "domains")
    refs = tuple(sorted({n for d in domains for n in d.refs}))
    asks = (("function", "its job", bp.level), ("location", "where it sits", "recall"))
    for field, what, level in asks:
        pairs = [(d.name, getattr(d, field)) for d in domains]
        yield make.matching(
            ctx,
            bp,
            field,
            pairs=pairs,
            stem=f"Match each CAR domain to {what}.",
            explanation="; ".join(f"{a}: {b}" for a, b in pairs) + ".",
            refs=refs,
            level=level,
            source=f"car_structure.domains.*.{field}",
            page=page,
        )


@generator
def naming_stem(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The stems matched to their meanings, and which real names bend the pattern."""
    stems = ctx.course.naming.stems
    page = ctx.page(ctx.module_of("naming"), "stems")
    pairs = [(f"'{s.stem}'", s.meaning) for s in stems]
    yield make.matching(
        ctx,
        bp,
        "",
        pairs=pairs,
        stem="Match each stem of a CAR T-cell product's generic name to its meaning.",
        explanation="; ".join(f"{a} means {b}" for a, b in pairs) + ".",
        refs=tuple(sorted({n for s in stems for n in s.refs})),
        source="naming.stems.*.meaning",
        page=page,
    )
    auto = next((s for s in stems if s.where == "start-of-second-word"), None)
    if auto is None:
        return  # no stem starts the second word, so there is no pattern to bend
    products = ctx.course.products.products
    bends = [
        p.inn
        for p in products
        if len(p.inn.split()) < 2 or not p.inn.split()[1].startswith(auto.stem)
    ]
    follows = [p.inn for p in products if p.inn not in bends]
    if not (bends and follows):
        return  # every name bends the pattern, or none does: nothing to tell apart
    why = {
        p.inn: (
            "One word, with no second word at all."
            if len(p.inn.split()) < 2
            else f"Its second word, '{p.inn.split()[1]}', "
            + ("starts" if p.inn in follows else "does not start")
            + f" with '{auto.stem}'."
        )
        for p in products
    }
    yield make.multiple(
        ctx,
        bp,
        "bends",
        right=bends,
        wrong=follows,
        level="apply",
        why=why,
        stem=(
            "All approved CAR T-cell products are made from the patient's own cells. "
            f"Whose generic names do not have a second word starting with '{auto.stem}'? "
            "Select all that apply."
        ),
        explanation=(
            f"{', '.join(bends)} break the pattern; "
            f"only {listing(follows)} follow it. "
            f"'{auto.stem}' often, but not always, marks an autologous product."
        ),
        refs=(0, 27),
        source="naming.sections.two-words",
        family="naming:pattern",
        objective=ctx.objective(bp, "naming", "two-words"),
        page=ctx.page(ctx.module_of("naming"), "two-words"),
    )


@generator
def agent_target(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    page = ctx.page(ctx.module_of("adverse_effects"), "agents")
    yield from make.attribute_choices(
        ctx,
        bp,
        ctx.course.adverse_effects.agents,
        "blocks",
        source="adverse_effects.agents.{id}.blocks",
        stem=lambda a: f"Used against CAR T-cell toxicity, {a.name}: what does it block or act on?",
        explanation=lambda a: f"{cap(a.name)} acts on {a.blocks}; {a.role}.",
        refs=lambda a: a.refs,
        page=lambda a: page,
        owner=lambda a: a.name,
    )


def _indication_label(course, indication) -> str:
    who = "adult " if indication.adults_only else ""
    return who + course.disease(indication.disease).name


@generator
def product_indications(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per disease: which products' labels name it (the label conditions are on the page)."""
    course = ctx.course
    products = course.products.products
    diseases = sorted({i.disease for p in products for i in p.indications})
    for disease in diseases:
        name = course.disease(disease).name
        right = [p.inn for p in products if any(i.disease == disease for i in p.indications)]
        if len(right) == len(products):
            continue
        wrong = [p.inn for p in products if p.inn not in right]
        why = {
            p.inn: "Its label names "
            + ", ".join(_indication_label(course, i) for i in p.indications)
            + "."
            for p in products
        }
        cited = [i for p in products for i in p.indications if i.disease == disease]
        yield make.multiple(
            ctx,
            bp,
            disease,
            right=right,
            wrong=wrong,
            why=why,
            stem=(
                f"Which approved CAR T-cell products have a label indication for {name}, "
                "whatever its conditions?"
            ),
            explanation=(
                f"The labels that name {name}: {', '.join(right)}. Each sets its own conditions "
                "(age, line of therapy, earlier drugs), shown on the products page."
            ),
            refs=(),
            sources=ctx.outside_all(cited),
            source="products.*.indications",
            family=f"indication:{disease}",
            page=ctx.page(ctx.module_of("products"), "who-can-receive"),
        )


@generator
def therapy_property(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """True/false per therapy type on a boolean property, and one multiple select across types;
    all are one family, since the multiple select answers every true/false."""
    field, phrase, negative = bp.params["field"], bp.params["phrase"], bp.params["negative"]
    types = ctx.course.therapy_types.therapy_types
    page = ctx.page(ctx.module_of("therapy_types"), "comparison")
    family = f"therapy_types.{field}"
    for t in types:
        value = getattr(t, field)
        detail = t.engineering if field == "engineered" else t.hla_note
        yield make.truefalse(
            ctx,
            bp,
            t.id,
            true=value,
            stem=f"True or false: {t.name} {phrase}.",
            level="recall",
            explanation=f"{t.name} {phrase if value else negative}: {detail}.",
            family=family,
            refs=tuple(t.refs),
            source=f"therapy_types.{t.id}.{field}",
            page=page,
        )
    right = [t.name for t in types if getattr(t, field)]
    why = {t.name: cap(t.engineering if field == "engineered" else t.hla_note) + "." for t in types}
    yield make.multiple(
        ctx,
        bp,
        "all",
        right=right,
        wrong=[t.name for t in types if not getattr(t, field)],
        why=why,
        stem=f"Which of these {phrase}? Select all that apply.",
        family=family,
        explanation=" ".join(
            f"{t.name}: {t.engineering if field == 'engineered' else t.hla_note}." for t in types
        ),
        refs=tuple(sorted({n for t in types for n in t.refs})),
        source=f"therapy_types.*.{field}",
        page=page,
    )


@generator
def movement_disorders(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which products delayed movement disorders have followed: the anti-BCMA ones, found by
    target."""
    course = ctx.course
    fact = ctx.fact_sections["movement-disorders"][2]
    bcma = [p.inn for p in course.products.products if p.target == "bcma"]
    others = [p.inn for p in course.products.products if p.target != "bcma"]
    why = {p.inn: f"It targets {course.antigen(p.target).name}." for p in course.products.products}
    yield make.multiple(
        ctx,
        bp,
        "",
        right=bcma,
        wrong=others,
        level="apply",
        why=why,
        stem=(
            "A patient develops a new movement disorder weeks after CAR T-cell therapy. "
            "After which of these products has this been reported? Select all that apply."
        ),
        explanation=(f"{ctx.plain(fact.text)} The anti-BCMA products are {listing(bcma)}."),
        refs=fact.refs,
        source="facts.movement-disorders",
        family="movement-disorders",
        page=ctx.page(ctx.module_of("adverse_effects"), "icans"),
    )
