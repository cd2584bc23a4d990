"""What a vignette's data mean, by the content's own scales: CRS and ICANS findings for the one
grading function, the acute window, the day a cytopenia becomes prolonged."""

from __future__ import annotations

from ...content.model_vignettes import Vignette
from ...rules.grading import CrsFindings, IcansFindings, crs_grade, icans_grade
from ..context import QuizContext

_DAYS = {"days": 1, "weeks": 7, "months": 30, "years": 365}
# What the vignettes read in the grading scales: each domain and the level ids mapped to it.
NEEDS = {
    "crs": {
        "hypotension": ("none", "no-vasopressor", "one-vasopressor", "several-vasopressors"),
        "oxygen": ("none", "low-flow", "high-flow", "positive-pressure"),
    },
    "icans": {
        "consciousness": ("alert",),
        "seizure": ("none",),
        "motor": ("none",),
        "pressure": ("none",),
    },
}
DAY_FACTS = ("facts.monitoring-now.total", "facts.cytopenia-rate.days")


def missing(ctx: QuizContext) -> list[tuple[str, tuple, str]]:
    """What the vignettes need from grading.yaml and the facts but cannot find, as (file, path,
    message): a scale that lost a domain or a level, a time the day limits come from."""
    found = []
    for syndrome, domains in NEEDS.items():
        scale = getattr(ctx.course.grading, syndrome)
        have = {d.id: {lv.id for lv in d.levels} for d in scale.domains}
        for domain, levels in domains.items():
            lost = [lv for lv in levels if lv not in have.get(domain, set())]
            if lost:
                found.append(
                    (
                        "grading",
                        (syndrome, "domains"),
                        f"the vignettes grade {syndrome.upper()} by domain {domain!r} with levels "
                        f"{', '.join(lost)}, which the scale no longer has",
                    )
                )
    for source in DAY_FACTS:
        if source not in ctx.course.facts:
            found.append(("vignettes", ("vignettes",), f"the vignettes' day limits need {source}"))
    return found


_POSITIVE_PRESSURE = ("CPAP", "BiPAP", "mechanical ventilation")
_HIGH_FLOW = ("high-flow nasal cannula", "face mask", "non-rebreather mask", "Venturi mask")


def days_of(ctx: QuizContext, source: str, high: bool = True) -> int:
    """A stored time in days (`facts.x.y`), the upper end of a range unless `high` is False."""
    q = ctx.course.facts[source.strip("{}")].value
    value = q.value if not q.is_range else (q.high if high else q.low)
    return int(value * _DAYS[q.unit])


def acute_days(ctx: QuizContext) -> int:
    """The acute phase, as the course can state it: the labels' monitoring period after infusion,
    set because CRS and ICANS come in those weeks."""
    return days_of(ctx, "facts.monitoring-now.total")


def prolonged_after(ctx: QuizContext) -> int:
    """A cytopenia is prolonged once it lasts beyond this day (the review's 28-30 days)."""
    return days_of(ctx, "facts.cytopenia-rate.days")


def low_flow_limit(ctx: QuizContext) -> float:
    level = ctx.course.grading.crs.domain("oxygen").level("low-flow")
    return level.values["flow"].value


def low_systolic(ctx: QuizContext) -> float:
    """The systolic pressure below which a reproduction of the ASTCT table calls it low."""
    note = next(n for n in ctx.course.grading.crs.notes if "systolic" in n.values)
    return note.values["systolic"].value


def hypotension_level(ctx: QuizContext, v: Vignette) -> str:
    vitals = v.vitals
    pressors = [p for p in vitals.pressors if p != "vasopressin"]
    if len(pressors) >= 2:
        return "several-vasopressors"
    if vitals.pressors:
        return "one-vasopressor"
    return "no-vasopressor" if vitals.systolic < low_systolic(ctx) else "none"


def oxygen_level(ctx: QuizContext, v: Vignette) -> str:
    vitals = v.vitals
    if vitals.device in _POSITIVE_PRESSURE:
        return "positive-pressure"
    if vitals.device in _HIGH_FLOW:
        return "high-flow"
    if vitals.device == "nasal cannula":
        return "low-flow" if vitals.flow <= low_flow_limit(ctx) else "high-flow"
    return "none"


def crs(ctx: QuizContext, v: Vignette) -> int:
    """The CRS grade the one grading function gives this vignette (0: none)."""
    if v.vitals is None:
        return 0
    findings = CrsFindings(
        temperature_celsius=v.vitals.temperature,
        hypotension=hypotension_level(ctx, v),
        oxygen=oxygen_level(ctx, v),
        fever_masked=v.vitals.fever_treated,
        other_cause=False,
    )
    return crs_grade(ctx.course.grading.crs, findings)


def ice_score(ctx: QuizContext, v: Vignette) -> int | None:
    if v.neuro is None or v.neuro.cannot_do_ice:
        return None
    return ctx.course.grading.ice.maximum - sum(v.neuro.ice_lost.values())


def icans(ctx: QuizContext, v: Vignette) -> int:
    """The ICANS grade (0: none). Bleeding in the brain is excluded from ICANS, so a vignette
    that shows one has none; drowsiness a sedating drug explains is not counted."""
    if v.neuro is None:
        return 0
    n = v.neuro
    # Lowered consciousness counts only when nothing else explains it (a sedating drug).
    consciousness = "alert" if "sedating-drug" in v.signs else n.consciousness
    findings = IcansFindings(
        ice=ice_score(ctx, v),
        consciousness=consciousness,
        seizure=n.seizure,
        motor=n.motor,
        pressure=n.pressure,
        other_cause="bleed" in v.signs,
    )
    return icans_grade(ctx.course.grading.icans, ctx.course.grading.ice, findings)


def drowsiness_counted(v: Vignette) -> Vignette:
    """The same case with the drowsiness a sedating drug may explain counted: the reading a
    learner weighs against setting it aside (ASTCT footnote)."""
    return v.model_copy(update={"signs": [s for s in v.signs if s != "sedating-drug"]})


def fever(ctx: QuizContext, v: Vignette) -> bool:
    return v.vitals is not None and v.vitals.temperature >= ctx.course.grading.crs.fever_celsius
