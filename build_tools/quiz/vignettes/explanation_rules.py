"""Which explanation a case's findings support: each explanation in content/vignettes.yaml names
one rule below, a pure function of the vignette's data (`holds`), and names the findings that point
to it (`support`). A wrong explanation competes with the key where a finding it names holds in the
case and nothing the stem states rules it out, or, in an evidence case, where it leans on a result
the stem shows whose design the stem does not name. The level rule counts the competitors
(levels.py): weighing them is analysis, matching one finding is not."""

from __future__ import annotations

from collections.abc import Callable

from ...content.model_vignettes import Vignette
from ..context import QuizContext
from . import findings
from .facts import fact

Rule = Callable[[QuizContext, Vignette], bool]


RELAPSE_BLASTS = 5  # percent of marrow cells: below it the marrow shows no relapse
FAST_HEART = 100  # beats a minute: tachycardia, one of the review's signs of CRS
MANY_LINES = 3  # earlier lines after which the review finds T cells less fit
SECOND_LINE_PRIOR = 1  # earlier lines of the patients in the randomized second-line trials


def _acute(ctx: QuizContext, v: Vignette) -> bool:
    return v.day is not None and v.day <= findings.acute_days(ctx)


def _late(ctx: QuizContext, v: Vignette) -> bool:
    return v.day is not None and v.day > findings.acute_days(ctx)


def _target(ctx: QuizContext, v: Vignette) -> str | None:
    return getattr(ctx.course.therapy(v.therapy), "target", None)


def _kind(ctx: QuizContext, v: Vignette) -> str:
    return getattr(ctx.course.therapy(v.therapy), "kind", "car-t")


def _relapse(v: Vignette) -> bool:
    return (v.labs is not None and (v.labs.blasts or 0) >= RELAPSE_BLASTS) or "relapsed" in v.signs


def _design(ctx: QuizContext, v: Vignette) -> set[str]:
    return {fact(ctx, f).design for f in v.results}


def _mm_randomized_lines(ctx: QuizContext) -> int:
    """The most earlier lines of any patient the randomized myeloma trials enrolled."""
    return fact(ctx, "mm-randomized-lines").values["lines"].high


def _ice_low(ctx: QuizContext, v: Vignette) -> bool:
    score = findings.ice_score(ctx, v)
    return score is not None and score < ctx.course.grading.ice.maximum


def _drowsy(v: Vignette) -> bool:
    return v.neuro is not None and v.neuro.consciousness != "alert"


def _shown(ctx: QuizContext, v: Vignette, explanation_id: str) -> bool:
    """Every result the claim rests on is one the stem shows."""
    e = explanations(ctx)[explanation_id]
    return bool(v.results) and set(e.rests_on) <= set(v.results)


# Findings a wrong explanation may name as its support: where one holds, the option competes.
SUPPORT: dict[str, Rule] = {
    "fever": findings.fever,
    "fast-heart": lambda ctx, v: v.vitals is not None and v.vitals.heart_rate >= FAST_HEART,
    "low-blood-pressure": lambda ctx, v: (
        v.vitals is not None
        and (v.vitals.systolic < findings.low_systolic(ctx) or bool(v.vitals.pressors))
    ),
    "low-ice": _ice_low,
    "drowsy": lambda ctx, v: _drowsy(v),
    "neutropenic": lambda ctx, v: "neutropenic" in v.signs,
    "sedating-drug": lambda ctx, v: "sedating-drug" in v.signs,
    "low-counts": lambda ctx, v: "low-counts" in v.signs,
    "marrow-blasts": lambda ctx, v: v.labs is not None and (v.labs.blasts or 0) > 0,
    "no-b-cells": lambda ctx, v: v.labs is not None and v.labs.b_cells == 0,
    "recurrent-infections": lambda ctx, v: "recurrent-infections" in v.signs,
    "relapsed": lambda ctx, v: _relapse(v),
    "il2-given": lambda ctx, v: "il2-given" in v.signs,
    "viral-contact": lambda ctx, v: "viral-contact" in v.signs,
    "cd19-on-blasts": lambda ctx, v: _relapse(v) and "antigen-lost" not in v.signs,
    "on-glucocorticoids": lambda ctx, v: "on-glucocorticoids" in v.signs,
    "long-wait": lambda ctx, v: "long-wait" in v.signs,
    "myeloid-cancer": lambda ctx, v: "myeloid-cancer" in v.signs,
    "few-car-t-cells": lambda ctx, v: "few-car-t-cells" in v.signs,
    "new-mass": lambda ctx, v: "new-mass" in v.signs,
    # the review links more earlier regimens to less functional T cells
    "many-lines": lambda ctx, v: v.patient.lines >= MANY_LINES,
    # earlier chemotherapy puts patients at risk of second myeloid cancers
    "prior-chemotherapy": lambda ctx, v: bool(
        {"chemotherapy", "chemoimmunotherapy"} & set(v.patient.received)
    ),
}

# Findings a case may state that rule a wrong explanation out in so many words: an option one
# of them contradicts is not a competitor, however many findings point to it.
EXCLUDE: dict[str, Rule] = {
    "no-fever": lambda ctx, v: v.vitals is not None and not findings.fever(ctx, v),
    "alert": lambda ctx, v: v.neuro is not None and not _drowsy(v),
    "full-ice": lambda ctx, v: findings.ice_score(ctx, v) == ctx.course.grading.ice.maximum,
    "infection-source": lambda ctx, v: "infection-source" in v.signs,
    "relapsed": lambda ctx, v: _relapse(v),
    "no-relapse": lambda ctx, v: v.labs is not None and not _relapse(v),
    "antigen-lost": lambda ctx, v: "antigen-lost" in v.signs,
    "cd19-kept": lambda ctx, v: (
        _relapse(v) and "antigen-lost" not in v.signs and "cd19-weaker" not in v.signs
    ),
    "myeloid-cancer": lambda ctx, v: "myeloid-cancer" in v.signs,
    "normal-igg": lambda ctx, v: (
        v.labs is not None and v.labs.igg is not None and "low-antibodies" not in v.signs
    ),
    "recurrent-infections": lambda ctx, v: "recurrent-infections" in v.signs,
}

WINDOWS: dict[str, Rule] = {
    "late": _late,
    "prolonged": lambda ctx, v: v.day is not None and v.day > findings.prolonged_after(ctx),
}


def out_of_place(ctx: QuizContext, explanation_id: str, v: Vignette) -> str:
    """Why an explanation cannot arise in this case at all (another antigen family, outside its
    window), or "" where it can."""
    e = explanations(ctx)[explanation_id]
    if e.after and _target(ctx, v) not in e.after:
        return f"it is reported after {'/'.join(e.after)} products, not this one"
    if e.window and not WINDOWS[e.window](ctx, v):
        return f"day {v.day} lies outside its {e.window} window"
    return ""


RULES: dict[str, Rule] = {
    # CRS that an infection could mimic: both are covered until cultures say otherwise
    "cover-crs-and-infection": lambda ctx, v: (
        _acute(ctx, v)
        and findings.fever(ctx, v)
        and findings.crs(ctx, v) > 0
        and "neutropenic" in v.signs
        and "infection-source" not in v.signs
    ),
    "never": lambda ctx, v: False,  # a wrong turn in any case (waiting, treating one alone)
    "crs": lambda ctx, v: (
        _acute(ctx, v)
        and findings.crs(ctx, v) > 0
        and _kind(ctx, v) == "car-t"
        and "infection-source" not in v.signs
    ),
    "icans": lambda ctx, v: _acute(ctx, v) and findings.icans(ctx, v) > 0,
    "icans-with-crs": lambda ctx, v: (
        _acute(ctx, v) and findings.icans(ctx, v) > 0 and findings.crs(ctx, v) > 0
    ),
    "icans-without-crs": lambda ctx, v: (
        _acute(ctx, v) and findings.icans(ctx, v) > 0 and not findings.fever(ctx, v)
    ),
    # a sedating drug explains drowsiness, never an ICE score lost while fully alert
    "sedation-explains": lambda ctx, v: (
        "sedating-drug" in v.signs and _drowsy(v) and not _ice_low(ctx, v)
    ),
    "capillary-leak": lambda ctx, v: (
        "il2-given" in v.signs
        and "fluid-retention" in v.signs
        and _kind(ctx, v) in ("til", "tcr-t")
    ),
    "prolonged-cytopenias": lambda ctx, v: (
        v.day is not None
        and v.day > findings.prolonged_after(ctx)
        and v.labs is not None
        and not _relapse(v)
        and "myeloid-cancer" not in v.signs
    ),
    "antigen-escape": lambda ctx, v: (
        _relapse(v) and ("antigen-lost" in v.signs or "cd19-weaker" in v.signs)
    ),
    "antigen-kept-relapse": lambda ctx, v: (
        _relapse(v) and "antigen-lost" not in v.signs and "cd19-weaker" not in v.signs
    ),
    "movement-disorder": lambda ctx, v: (
        _late(ctx, v) and _target(ctx, v) == "bcma" and "movement-disorder" in v.signs
    ),
    "brain-bleed": lambda ctx, v: "bleed" in v.signs,
    "tremor-not-graded": lambda ctx, v: "tremor" in v.signs and findings.icans(ctx, v) == 0,
    "infection-explains-fever": lambda ctx, v: (
        findings.fever(ctx, v) and "infection-source" in v.signs
    ),
    "replace-immunoglobulin": lambda ctx, v: (
        "low-antibodies" in v.signs and "recurrent-infections" in v.signs
    ),
    "watch-antibodies": lambda ctx, v: (
        "low-antibodies" not in v.signs
        and "recurrent-infections" not in v.signs
        and v.patient.age >= 18
    ),
    # T cells worn by many earlier treatments, seen as little expansion, with the target kept
    "poor-t-cells": lambda ctx, v: (
        "few-car-t-cells" in v.signs
        and v.patient.lines >= MANY_LINES
        and _relapse(v)
        and "antigen-lost" not in v.signs
        and "cd19-weaker" not in v.signs
    ),
    # a myeloid cancer found in the marrow (the reading, not its cause)
    "myeloid-cancer": lambda ctx, v: "myeloid-cancer" in v.signs,
    # a myeloid cancer after CAR T cells in a patient who had chemotherapy: cause unsettled
    "myeloid-cause-unclear": lambda ctx, v: (
        "myeloid-cancer" in v.signs and "chemotherapy" in v.patient.received
    ),
    # a cancer whose cells carry the CAR came from the infused cells: the T-cell cancers the
    # boxed warning of the anti-CD19 and anti-BCMA products names
    "car-t-cell-cancer": lambda ctx, v: (
        "car-on-cancer" in v.signs and _target(ctx, v) in ("cd19", "bcma")
    ),
    # claims about evidence: what the results shown can support
    "shown": lambda ctx, v: False,  # decided per explanation in holds(): its results are shown
    "shown-randomized": lambda ctx, v: False,  # as "shown", and every one randomized
    "only-randomized-supports": lambda ctx, v: (
        "randomized" in _design(ctx, v) and len(_design(ctx, v)) > 1
    ),
    "no-randomized-result": lambda ctx, v: bool(v.results) and "randomized" not in _design(ctx, v),
    # a randomized large B-cell lymphoma result is second-line (fact second-line-months): it does
    # not cover a patient whose lymphoma has already failed a later line
    "randomized-earlier-line": lambda ctx, v: (
        v.patient.disease == "lbcl"
        and v.patient.lines > SECOND_LINE_PRIOR
        and "randomized" in _design(ctx, v)
    ),
    # the same trials set CAR T cells against chemotherapy followed by a transplant: they do not
    # cover a second-line patient whose lymphoma came back late and who cannot have a transplant
    "randomized-late-relapse-unfit": lambda ctx, v: (
        v.patient.disease == "lbcl"
        and v.patient.lines == SECOND_LINE_PRIOR
        and not v.patient.early_first_line_failure
        and not v.patient.refractory
        and not v.patient.transplant_eligible
        and "randomized" in _design(ctx, v)
    ),
    "cross-trial-cannot-rank": lambda ctx, v: "different-trials" in v.signs,
    # a myeloma patient past the lines of the randomized trials (fact mm-randomized-lines): the
    # randomized result does not cover her, the single-arm result beside it describes her
    "myeloma-beyond-randomized": lambda ctx, v: (
        v.patient.disease == "mm"
        and v.patient.lines > _mm_randomized_lines(ctx)
        and {"randomized", "single-arm"} <= _design(ctx, v)
    ),
}


def holds(ctx: QuizContext, explanation_id: str, v: Vignette) -> bool:
    e = explanations(ctx)[explanation_id]
    if e.rule == "shown":
        return _shown(ctx, v, explanation_id)
    if e.rule == "shown-randomized":
        return _shown(ctx, v, explanation_id) and all(
            fact(ctx, f).design == "randomized" for f in e.rests_on
        )
    return RULES[e.rule](ctx, v)


def competes(ctx: QuizContext, explanation_id: str, v: Vignette) -> bool:
    """Measured from the case, never declared: something the stem shows points to this (wrong)
    explanation and nothing the stem states rules it out. In a differential, a finding it names
    holds, it can arise after this product on this day, and no stated finding contradicts it.
    In an evidence case, it leans on a shown result whose design the stem does not name (a
    named design settles the claim by one principle: nothing is left to weigh)."""
    e = explanations(ctx)[explanation_id]
    if v.results:
        return any(f in v.results and not fact(ctx, f).design for f in e.rests_on)
    if out_of_place(ctx, explanation_id, v):
        return False
    if any(EXCLUDE[x](ctx, v) for x in e.excluded_by):
        return False
    return any(SUPPORT[s](ctx, v) for s in e.support)


def competing(ctx: QuizContext, v: Vignette) -> int:
    return sum(competes(ctx, e, v) for e in v.wrong_explanations)


def explanations(ctx: QuizContext) -> dict:
    return {e.id: e for e in ctx.course.vignettes.explanations}
