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
from .item import Demand, Item, Option
from .pools import pool_for
from .registry import generator
from .wording import cap, listing


@generator
def fact_value(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Every fact of one content file (params.file) with an `ask` stem, in one form only: a choice
    where answers of the same measure give at least two wrong options, else typed where the
    answer is a whole number. A fact that neither form can ask is a content error naming it."""
    for fid, file, section, fact in ctx.asked_facts:
        if not fact.ask or file != bp.params["file"]:
            continue
        q = fact.values[fact.key]
        explanation = ctx.plain(fact.text, fact)
        common = dict(
            stem=ctx.plain(fact.ask, fact),
            explanation=explanation,
            refs=tuple(fact.refs),
            sources=ctx.outside_all([fact]),
            source=f"facts.{fid}.{fact.key}",
            page=ctx.page(ctx.module_of(file), section),
            objective=ctx.objective(bp, file, section, fact.objective),
        )
        item = make.choice(
            ctx,
            bp,
            fid,
            answer=formatting.quantity(q),
            pool=pool_for(ctx, fact.measure, q.unit, q.is_range),
            key_why=f"Right: {explanation}",
            **common,
        )
        if item:
            yield item
        elif not q.is_range and float(q.value).is_integer():
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
            raise ContentError.at(
                ctx.course.docs[file],
                fact_path(ctx, file, fid) + ("ask",),
                f"fact {fid!r} cannot be asked: fewer than two other answers measure "
                f"{fact.measure!r}, and {formatting.quantity(q)} is not a whole number to type; "
                "remove `ask` or ask another figure of this measure",
            )


def fact_path(ctx: QuizContext, file: str, fid: str) -> tuple:
    """Where a fact sits in its file, for an error's line."""
    root = ctx.course.files[file]
    for i, section in enumerate(getattr(root, "sections", [])):
        for j, fact in enumerate(section.facts):
            if fact.id == fid:
                return ("sections", i, "facts", j)
    for i, row in enumerate(getattr(root, "challenges", [])):
        if row.frequency.id == fid:
            return ("challenges", i, "frequency")
    return ()


_APPROXIMATE = ("about", "approximately", "roughly", "around", "nearly")


def tolerance(value: float, stem: str) -> float:
    """What a typed answer may be off by: half the last stated digit, or a tenth of the value
    when the stem itself asks for an approximate figure."""
    decimals = (
        len(repr(float(value)).split(".")[1].rstrip("0")) if not float(value).is_integer() else 0
    )
    precise = 0.5 * 10**-decimals
    if any(word in stem.lower().split() for word in _APPROXIMATE):
        return round(max(precise, abs(value) * 0.1), decimals + 2)
    return precise


@generator
def product_target(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each antigen: which products target it (multiple select, since several share one). An
    antigen whose item would only swap the right and wrong options of another's is the same
    question: the one with fewer right options is asked."""
    course = ctx.course
    products = course.products.products
    right_of = {
        a.id: {p.inn for p in products if p.target == a.id} for a in course.antigens.antigens
    }
    everyone = {p.inn for p in products}
    for antigen in course.antigens.antigens:
        right = right_of[antigen.id]
        twin = next(
            (o for o, r in right_of.items() if o != antigen.id and r == everyone - right), None
        )
        if not right or (twin and (len(right), antigen.id) > (len(right_of[twin]), twin)):
            continue
        why = {p.inn: f"It targets {course.antigen(p.target).name}." for p in products}
        others = sorted({course.antigen(p.target).name for p in products if p.inn not in right})
        yield make.multiple(
            ctx,
            bp,
            antigen.id,
            right=sorted(right),
            wrong=sorted(everyone - right),
            why=why,
            stem=(
                f"Which approved CAR T-cell products target {antigen.name}? Select all that apply."
            ),
            explanation=(
                f"{cap(listing(sorted(right)))} target {antigen.name} ({antigen.full_name}); "
                f"the others target {listing(others)}."
            ),
            refs=tuple(antigen.refs),
            source=f"antigens.{antigen.id}",
            page=ctx.page(ctx.module_of("evidence"), "comparison"),
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
                [
                    Option.of(t.term, True, f"Right: {t.abbr} stands for {t.term}."),
                    *(
                        Option.of(o.term, False, f"That is what {o.abbr} stands for.")
                        for o in alike[:4]
                    ),
                ],
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
                explanation=f"The abbreviation {t.abbr} stands for {t.term}. {t.definition}",
                refs=(0,),
                source=f"glossary.terms.{t.id}.term",
                page=f"glossary/#{t.id}",
            ),
            fewer_options=(
                f"only {len(alike)} other glossary terms share the initials of {t.abbr}"
                if len(alike) < 3
                else ""
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
                    demand=Demand(c.gives, c.asks),
                    objective=ctx.objective(bp, file, c.section, c.objective),
                    stem=c.ask,
                    explanation=" ".join(ctx.plain(facts[f].text, facts[f]) for f in c.rests_on),
                    refs=refs,
                    sources=ctx.outside_all(facts[f] for f in c.rests_on),
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
        explanation="The FDA records give the brand names: "
        + "; ".join(f"{a}, {b}" for a, b in pairs)
        + ".",
        refs=(),
        sources=ctx.outside_all(p.fda for p in course.products.products),
        source="products.*.fda.brand",
        page=ctx.page(ctx.module_of("products"), "who-can-receive"),
    )


@generator
def agent_target(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Each drug against CAR T-cell toxicity matched to what it blocks. A group of drugs with one
    entry (several kinase inhibitors) is left out: one response cannot fit drugs that block
    different kinases."""
    agents = [a for a in ctx.course.adverse_effects.agents if not _is_group(a.name)]
    pairs = [(cap(a.name), a.blocks) for a in agents]
    yield make.matching(
        ctx,
        bp,
        "",
        pairs=pairs,
        stem="Match each drug used against CAR T-cell toxicity to what it blocks or acts on.",
        explanation=" ".join(f"{cap(a.name)}: {a.blocks}; {a.role}." for a in agents),
        refs=tuple(sorted({n for a in agents for n in a.refs})),
        source="adverse_effects.agents.*.blocks",
        page=ctx.page(ctx.module_of("adverse_effects"), "agents"),
    )


def _is_group(name: str) -> bool:
    return ", " in name.split(" (")[0] or " or " in name.split(" (")[0]
