"""Table 1 as a clinician should carry it away: the spread of each measure across products, why
rates from different trials cannot be set side by side, and which results come from randomized
trials. No item asks for a single table cell."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..content import formatting, model_products
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .distractors import clear_step
from .item import Item, Option
from .registry import generator
from .wording import cap

# The Table 1 columns a question may compare, with how a stem names them.
MEASURES = {
    "response_percent": "response rate (complete or partial remission)",
    "crs_percent": "rate of cytokine release syndrome",
    "neurologic_percent": "rate of neurologic toxicity",
    "severe_infection_percent": "rate of severe infection",
}
_DESIGN_WORDS = {
    "single-arm": "a single-arm trial",
    "retrospective": "a retrospective analysis",
    "historical-control": "a historical control group",
    "randomized": "a randomized trial",
}
_CLEAR_GAP = 5  # percentage points: an option this close to the key would be a coin toss


@dataclass(frozen=True)
class Row:
    product: model_products.Product
    trial: model_products.TrialResult
    disease: model_products.Disease

    def value(self, measure: str) -> float:
        return getattr(self.trial, measure)


def rows(ctx: QuizContext) -> list[Row]:
    course = ctx.course
    return [
        Row(p, i, course.disease(i.disease)) for p in course.products.products for i in p.trials
    ]


def _page(ctx: QuizContext, anchor: str = "comparison") -> str:
    return ctx.page(ctx.module_of("evidence"), anchor)


def _all_refs(table: list[Row]) -> tuple[int, ...]:
    return tuple(sorted({n for r in table for n in r.trial.refs}))


@generator
def table1_spread(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per measure: the range across all products, distractors the other measures' ranges."""
    table = rows(ctx)
    spreads = {
        m: (min(r.value(m) for r in table), max(r.value(m) for r in table)) for m in MEASURES
    }

    def text(m: str) -> str:
        low, high = spreads[m]
        return f"{formatting.number(low)}%–{formatting.number(high)}%"

    for measure, label in MEASURES.items():
        answer = text(measure)
        chosen = [spreads[measure][0]]
        wrong: dict[str, str] = {}
        for m in MEASURES:  # other measures' ranges, each a clear step from the key and each other
            if m != measure and all(clear_step(spreads[m][0], c) for c in chosen):
                chosen.append(spreads[m][0])
                wrong[text(m)] = f"That is the spread of the {MEASURES[m]}."
        if len(wrong) < 2:
            continue
        texts = sorted([answer, *wrong], key=lambda t: float(t.split("%")[0]))
        options = tuple(Option.of(t, t == answer, wrong.get(t, "")) for t in texts)
        yield Item(
            type="single",
            options=options,
            **make.base(
                ctx,
                bp,
                measure,
                stem=f"Across the trials in Table 1, over what range did the {label} vary?",
                explanation=(
                    f"The {label} ranged from {answer.replace('–', ' to ')} across the products "
                    "and indications in Table 1: "
                    "what a patient can expect depends on the product, the disease and the trial."
                ),
                refs=_all_refs(table),
                source=f"products.*.trials.*.{measure}",
                family=f"table1:{measure}:spread",
                page=_page(ctx),
            ),
        )


@generator
def table1_cross_trial(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per disease with two or more products: what a gap in CRS rates between trials does (not)
    show."""
    table = rows(ctx)
    caution = ctx.course.section("evidence", "reading-table-1")
    for disease in ctx.course.products.diseases:
        group = sorted(
            (r for r in table if r.disease.id == disease.id), key=lambda r: r.value("crs_percent")
        )
        if (
            len(group) < 2
            or group[-1].value("crs_percent") - group[0].value("crs_percent") < _CLEAR_GAP
        ):
            continue
        low, high = group[0], group[-1]
        a, b = (
            formatting.percent(low.value("crs_percent")),
            formatting.percent(high.value("crs_percent")),
        )
        key = (
            "Little: different patients and different CRS grading scales make the two rates "
            "hard to compare"
        )
        options = (
            Option.of(
                key,
                True,
                "Right: Table 1 sets side by side trials that were never compared head to head.",
            ),
            Option.of(
                f"{cap(low.product.inn)} is the safer product, since fewer of its patients had CRS",
                False,
                "A ranking needs a head-to-head trial or a common grading scale; "
                "Table 1 has neither.",
            ),
            Option.of(
                f"{cap(high.product.inn)} should be avoided, since its CRS rate is the higher one",
                False,
                "The gap is not a fair comparison, and CRS is treatable; "
                "the decision rests on much more.",
            ),
            Option.of(
                "Little: CRS falls with longer follow-up, so the older trial overstates it",
                False,
                "CRS is an early toxicity; the reason the rates cannot be compared is "
                "the trials' design and grading, not the length of follow-up.",
            ),
        )
        yield Item(
            type="single",
            options=tuple(sorted(options, key=lambda o: make.stable_rank(disease.id + o.text))),
            **make.base(
                ctx,
                bp,
                disease.id,
                level="analyze",
                stem=(
                    f"In Table 1, cytokine release syndrome was reported in {a} of patients "
                    f"with {disease.name} after {low.product.inn} and in {b} after "
                    f"{high.product.inn}. What does this gap tell you about the two products?"
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


@generator
def evidence_design(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which result comes from a randomized comparison: one item per randomized fact."""
    designed = [(fid, sec, fact) for fid, stem, sec, fact in ctx.asked_facts if fact.design]
    randomized = [d for d in designed if d[2].design == "randomized"]
    others = [d for d in designed if d[2].design != "randomized"]
    for fid, section, fact in randomized:
        wrong = sorted(others, key=lambda d: make.stable_rank(f"{bp.id}:{fid}:{d[0]}"))[:3]
        options = [
            Option.of(
                ctx.plain(fact.claim, fact),
                True,
                "Right: patients were randomly assigned to the two treatments.",
            )
        ]
        options += [
            Option.of(
                ctx.plain(f.claim, f),
                False,
                f"This result comes from {_DESIGN_WORDS[f.design]}, "
                "with no randomized comparison group.",
            )
            for _, _, f in wrong
        ]
        yield Item(
            type="single",
            options=tuple(sorted(options, key=lambda o: make.stable_rank(fid + o.text))),
            **make.base(
                ctx,
                bp,
                fid,
                stem=(
                    "Which of these results can support a fair comparison of two treatments, "
                    "because it comes from a randomized trial?"
                ),
                explanation=(
                    f"{ctx.plain(fact.text, fact)} Randomized trials support comparisons between "
                    "treatments; single-arm trials, retrospective series and historical controls "
                    "describe outcomes without a fair comparator."
                ),
                refs=fact.refs,
                source=f"facts.{fid}",
                family="evidence:randomized",
                objective=ctx.objective(bp, "evidence", section),
                page=ctx.page(ctx.module_of("evidence"), section),
            ),
        )
