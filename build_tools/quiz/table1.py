"""Table 1 as a clinician should carry it away: the spread of each measure across products, why
rates from different trials cannot be set side by side, and which results come from randomized
trials. No item asks for a single table cell."""

from __future__ import annotations

from collections.abc import Iterator

from ..content import formatting
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item, Option
from .pools import pool_for
from .registry import generator
from .table1_columns import MEASURE_OF, MEASURES, rows, spread_text, spreads

_DESIGN_WORDS = {
    "single-arm": "a single-arm trial",
    "retrospective": "a retrospective analysis",
    "historical-control": "a historical control group",
    "randomized": "a randomized trial",
}
# Where the review's summary rounds a Table 1 spread differently (ERRATA): the fact that says so.
_SUMMARY_RANGE = {
    "crs_percent": "facts.crs-range-abstract.crs",
    "neurologic_percent": "facts.crs-range-abstract.neuro",
}


def _page(ctx: QuizContext, anchor: str = "comparison") -> str:
    return ctx.page(ctx.module_of("evidence"), anchor)


def _all_refs(table) -> tuple[int, ...]:
    return tuple(sorted({n for r in table for n in r.trial.refs}))


@generator
def table1_spread(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per measure: the range across all products; wrong options are other answers of the same
    measure (another complication rate for a complication rate), so a measure with no such
    answers is not asked."""
    table = rows(ctx)
    for column, (low, high) in spreads(ctx).items():
        label = MEASURES[column]
        answer = spread_text(low, high)
        summary = ""
        if column in _SUMMARY_RANGE and _SUMMARY_RANGE[column] in ctx.course.facts:
            rounded = formatting.quantity(ctx.course.facts[_SUMMARY_RANGE[column]].value)
            summary = f" The review's summary rounds it to {rounded}."
        item = make.choice(
            ctx,
            bp,
            column,
            answer=answer,
            pool=pool_for(ctx, MEASURE_OF[column], "percent", True),
            key_why=f"Right: that is the lowest and the highest {label} in Table 1.{summary}",
            stem=f"Across the trials in Table 1, over what range did the {label} vary?",
            explanation=(
                f"The {label} ranged from {answer.replace('–', ' to ')} across the products "
                "and indications in Table 1: what a patient can expect depends on the product, "
                f"the disease and the trial.{summary}"
            ),
            refs=_all_refs(table),
            source=f"products.*.trials.*.{column}",
            family=f"table1:{column}:spread",
            page=_page(ctx),
        )
        if item:
            yield item


@generator
def table1_cross_trial(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """What a gap in CRS rates between two trials of one disease does (not) show. Asked where the
    two trials enrolled populations the table itself tells apart, so the stem gives the learner
    the evidence to weigh rather than stating the lesson."""
    caution = ctx.course.section("evidence", "reading-table-1")
    for disease in ctx.course.products.diseases:
        group = sorted(
            (r for r in rows(ctx) if r.disease.id == disease.id and r.trial.population),
            key=lambda r: r.value("crs_percent"),
        )
        if len(group) != 2 or group[0].trial.population == group[1].trial.population:
            continue
        low, high = group
        a, b = (formatting.percent(r.value("crs_percent")) for r in (low, high))

        def who(r) -> str:
            return f"{r.trial.population} patients"

        options = (
            Option.of(
                "The trials enrolled different patients and graded CRS on different scales",
                True,
                "Right: Table 1 sets side by side trials that were never compared head to head, "
                "in different patients and with different CRS grading scales.",
            ),
            Option.of(
                f"{cap_first(high.product.inn)} causes more CRS than {low.product.inn}",
                False,
                "A ranking of products needs a head-to-head trial or at least one grading scale "
                "and one population; these two trials share neither.",
            ),
            Option.of(
                f"CRS is more frequent in {high.trial.population} patients than in others",
                False,
                "The populations differ, but so do the products and the grading scales: the gap "
                "cannot be pinned on age or on any one of them.",
            ),
            Option.of(
                "The higher rate comes from a longer follow-up in that trial",
                False,
                "CRS is an early toxicity, seen in the acute phase after infusion; the length of "
                "follow-up does not change how often it was counted.",
            ),
        )
        yield Item(
            type="single",
            options=tuple(sorted(options, key=lambda o: make.stable_rank(disease.id + o.text))),
            **make.base(
                ctx,
                bp,
                disease.id,
                stem=(
                    f"In Table 1, cytokine release syndrome was reported in {a} of {who(low)} "
                    f"with {disease.name} treated with {low.product.inn} and in {b} of "
                    f"{who(high)} treated with {high.product.inn}, each in its own trial. "
                    "What best explains why this gap cannot rank the two products?"
                ),
                explanation=(
                    f"{caution.body} So a gap such as {a} against {b} describes two trials, "
                    "not two products."
                ),
                refs=tuple(sorted({*low.trial.refs, *high.trial.refs})),
                source="evidence.sections.reading-table-1",
                family="table1:cross-trial",
                page=_page(ctx, "reading-table-1"),
            ),
        )


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@generator
def evidence_design(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which results come from a randomized comparison: one select-all item over every result
    whose design the content names."""
    # the approval trials' results (other files name designs for other lessons)
    designed = [
        (fid, sec, fact)
        for fid, file, sec, fact in ctx.asked_facts
        if fact.design and file == "evidence"
    ]
    randomized = [d for d in designed if d[2].design == "randomized"]
    if not randomized or len(randomized) == len(designed):
        return
    why = {
        ctx.plain(f.claim, f): (
            "Right: patients were randomly assigned to CAR T cells or standard treatment."
            if f.design == "randomized"
            else f"This result comes from {_DESIGN_WORDS[f.design]}, with no randomized "
            "comparison group."
        )
        for _, _, f in designed
    }
    section = randomized[0][1]
    yield make.multiple(
        ctx,
        bp,
        "",
        right=[ctx.plain(f.claim, f) for _, _, f in randomized],
        wrong=[ctx.plain(f.claim, f) for _, _, f in designed if f.design != "randomized"],
        why=why,
        stem="Which of these results come from randomized trials? Select all that apply.",
        explanation=(
            " ".join(ctx.plain(f.text, f) for _, _, f in randomized)
            + " Randomized trials support comparisons between treatments; single-arm trials, "
            "retrospective series and historical controls describe outcomes without a fair "
            "comparator."
        ),
        refs=tuple(sorted({n for _, _, f in randomized for n in f.refs})),
        source="facts." + randomized[0][0],
        family="evidence:randomized",
        objective=ctx.objective(bp, "evidence", section),
        page=ctx.page(ctx.module_of("evidence"), section),
    )
