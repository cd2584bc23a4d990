"""Grade the CRS, the ICANS, or both, from the vignette's vital signs and ICE score. The key is the
grade the one grading function computes; the vignette states the grade it assumes, and the build
fails where the two differ."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model_vignettes import Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from . import common, findings
from .facts import fact
from .render import level_text

# where a sedating drug meets drowsiness: the safety step every reading of it carries
SEDATION_SAFETY = (
    "breathing and oxygen saturation are watched for toxicity of the drug, and the patient is "
    "regraded once it has worn off"
)
GRADES = (1, 2, 3, 4)  # offered unless a case names its own (0: "No CRS" / "No ICANS")


def offered(v: Vignette) -> tuple[int, ...]:
    return tuple(sorted(v.grades_offered)) if v.grades_offered else GRADES


def attributions(ctx: QuizContext, v: Vignette) -> set[int]:
    """The ICANS grades another attribution of the same findings gives: counting the drowsiness
    a sedating drug may explain, or putting every finding down to the drug. Where the case
    offers them, the learner must weigh the attribution: they compete with the key."""
    if "sedating-drug" not in v.signs or v.neuro is None:
        return set()
    return {_counted(ctx, v), 0} - {findings.icans(ctx, v)}


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = common.day_in_acute_window(ctx, i, v)
    computed = {"crs": findings.crs(ctx, v), "icans": findings.icans(ctx, v)}
    if v.asks in ("crs-grade", "icans-grade"):
        syndrome = v.asks.split("-")[0]
        shown = offered(v)
        if len(shown) != len(GRADES) or len(set(shown)) != len(shown):
            found.append(common.issue(ctx, i, "grades_offered", "offer four different grades"))
        if v.grade is None or v.grade != computed[syndrome] or v.grade not in shown:
            found.append(
                common.issue(
                    ctx,
                    i,
                    "grade",
                    f"the key assumes {syndrome.upper()} grade {v.grade}, but the grading "
                    f"function gives grade {computed[syndrome]} for these findings",
                )
            )
    else:
        key = v.grades
        if key is None or (key.crs, key.icans) != (computed["crs"], computed["icans"]):
            found.append(
                common.issue(
                    ctx,
                    i,
                    "grades",
                    f"the key assumes CRS {key and key.crs} and ICANS {key and key.icans}, but "
                    f"the grading function gives CRS {computed['crs']} and ICANS "
                    f"{computed['icans']}",
                )
            )
        for n, pair in enumerate(v.wrong_grades):
            if key and (pair.crs, pair.icans) == (key.crs, key.icans):
                found.append(common.issue(ctx, i, f"wrong_grades.{n}", "a wrong option is the key"))
            elif key and key.crs != key.icans and (pair.crs, pair.icans) == (key.icans, key.crs):
                found.append(
                    common.issue(
                        ctx,
                        i,
                        f"wrong_grades.{n}",
                        "the key with its grades swapped is a mirror pair that cues it",
                    )
                )
        if len(v.wrong_grades) < 2:
            found.append(common.issue(ctx, i, "wrong_grades", "give at least two wrong pairs"))
    return found


def crs_reading(ctx: QuizContext, v: Vignette) -> str:
    """What each CRS domain shows and the grade it makes."""
    scale = ctx.course.grading.crs
    levels = {
        "hypotension": findings.hypotension_level(ctx, v),
        "oxygen": findings.oxygen_level(ctx, v),
    }
    parts = [
        f"{scale.domain(d).name.lower()}: {level_text(ctx, scale.domain(d).level(lv))} "
        f"(grade {scale.domain(d).level(lv).grade})"
        for d, lv in levels.items()
    ]
    fever = (
        "fever is no longer needed once anticytokine treatment has been given"
        if v.vitals.fever_treated
        else f"the temperature of {v.vitals.temperature:g} °C is a fever"
    )
    return f"{fever}; {'; '.join(parts)}"


def icans_reading(ctx: QuizContext, v: Vignette) -> str:
    scale, ice = ctx.course.grading.icans, ctx.course.grading.ice
    if "bleed" in v.signs:
        return (
            "bleeding in the brain, with or without swelling around it, is excluded from ICANS "
            "grading, so the drowsiness and the lowered ICE score it brings set no ICANS grade"
        )
    score = findings.ice_score(ctx, v)
    parts = []
    if score is not None:
        band = next((b for b in ice.bands if b.low <= score <= b.high), None)
        parts.append(
            f"an ICE score of {score} (grade {band.grade})"
            if band
            else f"an ICE score of {score}, which sets no grade"
        )
    if "tremor" in v.signs:
        parts.append(
            "a tremor does not change the ICANS grade (it is graded on the general "
            "adverse-event scale)"
        )
    for d in ("consciousness", "seizure", "motor", "pressure"):
        level = scale.domain(d).level(getattr(v.neuro, d))
        if d == "consciousness" and level.grade and "sedating-drug" in v.signs:
            parts.append(
                "the drowsiness follows a sedating drug, so it is not counted for now; the grade "
                f"is provisional: {SEDATION_SAFETY}"
            )
            continue
        if level.grade:
            parts.append(
                f"{scale.domain(d).name.lower()}: {level_text(ctx, level)} (grade {level.grade})"
            )
    return "; ".join(parts)


def needs(ctx: QuizContext, syndrome: str, grade: int) -> str:
    """What a grade needs, from the scale: any one finding of that grade."""
    scale = getattr(ctx.course.grading, syndrome)
    if syndrome == "crs" and grade == 1:
        return "a fever with no low blood pressure and no extra oxygen"
    texts = [
        level_text(ctx, level)
        for domain in scale.domains
        for level in domain.levels
        if level.grade == grade
    ]
    if syndrome == "icans":
        band = next((b for b in ctx.course.grading.ice.bands if b.grade == grade), None)
        if band:
            texts.insert(0, f"an ICE score of {band.low} to {band.high}")
    return texts[0] if len(texts) == 1 else "at least one of these: " + "; ".join(texts)


def _page(ctx: QuizContext, anchor: str) -> str:
    return ctx.page(ctx.module_of("grading"), anchor)


@generator
def vignette_grading(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Grade CRS, ICANS or both from the data of an authored case."""
    grading = ctx.course.grading
    asks = ("crs-grade", "icans-grade", "both-grades")
    for _, v in common.of_kind(ctx, asks, _check):
        if v.asks == "both-grades":
            yield _both(ctx, bp, v)
            continue
        syndrome = v.asks.split("-")[0]
        scale = getattr(grading, syndrome)
        reading = crs_reading(ctx, v) if syndrome == "crs" else icans_reading(ctx, v)
        name = "CRS" if syndrome == "crs" else "ICANS"
        options = [
            Option.of(
                f"Grade {g}" if g else f"No {name}",
                g == v.grade,
                _why(ctx, v, syndrome, name, g, reading),
            )
            for g in offered(v)
        ]
        yield common.item(
            ctx,
            bp,
            v,
            question=f"By the ASTCT consensus criteria, what grade is this patient's {name}?",
            options=options,
            explanation=f"{' '.join(scale.rule.split())} Here {reading}: "
            + (f"grade {v.grade} {name}." if v.grade else f"no {name} grade.")
            + _after_seizure(ctx, v),
            source=f"grading.{syndrome}",
            page=_page(ctx, f"{syndrome}-grades"),
            refs=tuple(scale.refs),
            sources=ctx.outside_all([scale]),
            competing=len(attributions(ctx, v) & set(offered(v))),
        )


def _counted(ctx: QuizContext, v: Vignette) -> int:
    """The ICANS grade with a sedating drug's drowsiness counted."""
    return findings.icans(ctx, findings.drowsiness_counted(v))


def _hidden_seizures(ctx: QuizContext, v: Vignette) -> str:
    """After a seizure, drowsiness that follows a drug is not simply left to wear off (item
    review 8): the scale's worst seizure level would raise the grade."""
    if v.neuro is None or v.neuro.seizure == "none" or "sedating-drug" not in v.signs:
        return ""
    worst = max(ctx.course.grading.icans.domain("seizure").levels, key=lambda lv: lv.grade)
    return (
        " After a seizure, drowsiness that follows a drug is not simply left to wear off: an EEG"
        f" looks for seizures the drug could hide, and {level_text(ctx, worst)} would make it"
        f" grade {worst.grade}."
    )


def _after_seizure(ctx: QuizContext, v: Vignette) -> str:
    """A seizure brings the work-up that looks for more (an EEG for altered mental status, which
    finds non-convulsive seizures a sedating drug could hide)."""
    if v.neuro is None or v.neuro.seizure == "none":
        return ""
    return _hidden_seizures(ctx, v) + " " + ctx.plain(fact(ctx, "asco-icans-workup").text)


def _why(ctx: QuizContext, v: Vignette, syndrome: str, name: str, g: int, reading: str) -> str:
    """Feedback for one offered grade: the reading that gives the key, or what the grade needs."""
    if g == v.grade:
        if g == 0:
            return f"Right: {reading}."
        return f"Right: {reading}; the most severe decides, so grade {g}.{_hidden_seizures(ctx, v)}"
    worst = f"grade {v.grade}" if v.grade else f"no {name} grade"
    if g == 0:
        return f"These findings are graded as {name}: {reading}, so {worst}."
    if syndrome == "icans" and "bleed" in v.signs:
        # the findings may meet the grade's wording: the reason it does not apply is the bleed
        return f"Grade {g} needs {needs(ctx, syndrome, g)}. The findings may match, but {reading}."
    if syndrome == "icans" and "sedating-drug" in v.signs:
        # the drowsiness may meet the grade's wording: say what is set aside and what counts
        counted = _counted(ctx, v)
        lifts = (
            f" If the drowsiness does not lift as the drug wears off, it counts, and this is"
            f" grade {g}."
            if g == counted and g > (v.grade or 0)
            else ""
        )
        return f"Grade {g} needs {needs(ctx, syndrome, g)}. Here {reading}, so {worst}.{lifts}" + (
            _hidden_seizures(ctx, v) if g > (v.grade or 0) else ""
        )
    return f"Grade {g} needs {needs(ctx, syndrome, g)}. Here the reading is {worst}."


def _both(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
    grading = ctx.course.grading
    key = v.grades
    crs_text, icans_text = crs_reading(ctx, v), icans_reading(ctx, v)

    def label(pair) -> str:
        icans = f"ICANS grade {pair.icans}" if pair.icans else "no ICANS"
        return f"CRS grade {pair.crs}, {icans}"

    def why(pair) -> str:
        if pair == key:
            return f"Right: for CRS, {crs_text}; for ICANS, {icans_text}."
        wrong = []
        if pair.crs != key.crs:
            wrong.append(f"CRS grade {pair.crs} needs {needs(ctx, 'crs', pair.crs)}")
        if pair.icans != key.icans and pair.icans == 0:
            wrong.append(f"the neurological findings are graded as ICANS: {icans_text}")
        elif pair.icans != key.icans:
            wrong.append(
                f"ICANS grade {pair.icans} needs {needs(ctx, 'icans', pair.icans)}; here "
                f"{icans_text}"
            )
        text = "; ".join(wrong) + "."
        if "sedating-drug" in v.signs and pair.icans == _counted(ctx, v) > key.icans:
            text += (
                " If the drowsiness does not lift as the drug wears off, it counts, and ICANS is"
                f" grade {pair.icans}."
            )
        return text[:1].upper() + text[1:]

    options = [Option.of(label(p), p == key, why(p)) for p in (key, *v.wrong_grades)]
    # A wrong pair competes where it keeps the CRS grade and reads the ICANS grade by another
    # attribution of the drowsiness (as for an ICANS grade alone).
    other = attributions(ctx, v)
    return common.item(
        ctx,
        bp,
        v,
        question="By the ASTCT consensus criteria, how do you grade each syndrome?",
        options=options,
        explanation=(
            f"CRS and ICANS are graded separately, each by its own scale. For CRS, {crs_text}: "
            f"grade {key.crs}. For ICANS, {icans_text}: grade {key.icans}."
        ),
        source="grading.crs",
        page=_page(ctx, "grading"),
        refs=tuple(sorted({*grading.crs.refs, *grading.icans.refs})),
        sources=ctx.outside_all([grading.crs, grading.icans]),
        competing=sum(p.crs == key.crs and p.icans in other for p in v.wrong_grades),
    )
