"""The step of care for this grade: what comes first, or what comes next after the steps already
given. Each step in content/vignettes.yaml says where it fits (syndrome, grades, with or without
CRS, after what); the build fails unless the key fits the grade the grading function computes and
no wrong option does."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model_vignettes import Step, Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from . import common, findings
from .facts import fact, source_of
from .grading import crs_reading, icans_reading


def context(ctx: QuizContext, v: Vignette) -> tuple[str, int, bool]:
    """(syndrome, grade, CRS at the same time): ICANS where the neurology is graded, else CRS."""
    crs, icans = findings.crs(ctx, v), findings.icans(ctx, v)
    if icans:
        return "icans", icans, crs > 0
    return "crs", crs, False


def fits(step: Step, v: Vignette, where: tuple[str, int, bool]) -> bool:
    syndrome, grade, with_crs = where
    return any(
        f.syndrome == syndrome
        and grade in f.grades
        and (f.concurrent_crs is None or f.concurrent_crs == with_crs)
        and set(f.after) <= set(v.given)
        for f in step.fits
    )


def rival_readings(ctx: QuizContext, v: Vignette) -> list[tuple[str, int, bool]]:
    """Other readings the case's own findings leave open: the grade with the drowsiness a
    sedating drug may explain counted. A wrong step that fits one competes with the key: the
    learner must weigh whether the drowsiness counts. Each syndrome read alone is no rival where
    both are graded: the stem shows the other syndrome's findings, which rule that reading out
    (item reviews 5 and 7 judged such cases apply)."""
    if "sedating-drug" not in v.signs or v.neuro is None:
        return []
    found = context(ctx, findings.drowsiness_counted(v))
    return [found] if found[1] and found != context(ctx, v) else []


def competing(ctx: QuizContext, v: Vignette) -> int:
    known = steps(ctx)
    rivals = rival_readings(ctx, v)
    return sum(any(fits(known[s], v, w) for w in rivals) for s in v.wrong_steps)


def steps(ctx: QuizContext) -> dict[str, Step]:
    return {s.id: s for s in ctx.course.vignettes.steps}


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = common.day_in_acute_window(ctx, i, v)
    where = context(ctx, v)
    if not where[1]:
        return [*found, common.issue(ctx, i, "vitals", "no graded CRS or ICANS to treat")]
    known = steps(ctx)
    if v.step is None or not fits(known[v.step], v, where):
        found.append(
            common.issue(
                ctx,
                i,
                "step",
                f"the key {v.step!r} does not fit {where[0].upper()} grade {where[1]}"
                + (" with CRS" if where[2] else "")
                + " as the grading function gives it",
            )
        )
    part_of_key = set(known[v.step].includes) if v.step in known else set()
    for n, s in enumerate(v.wrong_steps):
        if fits(known[s], v, where):
            found.append(common.issue(ctx, i, f"wrong_steps.{n}", f"{s!r} is also right here"))
        elif s in part_of_key:
            found.append(
                common.issue(ctx, i, f"wrong_steps.{n}", f"{s!r} is part of the key's treatment")
            )
    if len(v.wrong_steps) < 2:
        found.append(common.issue(ctx, i, "wrong_steps", "give at least two wrong steps"))
    return found


def says(ctx: QuizContext, step: Step) -> str:
    return ctx.plain(step.says)


@generator
def vignette_care(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The step of care for an authored case, by its computed grade."""
    known = steps(ctx)
    for _, v in common.of_kind(ctx, ("treatment",), _check):
        syndrome, grade, with_crs = context(ctx, v)
        name = "CRS" if syndrome == "crs" else "ICANS"
        together = " with CRS at the same time" if with_crs else ""
        # what sets the grade, in the scale's words (a sedating drug's drowsiness, set aside with
        # its safety step, included): item review 7 asked for it in every care key
        reading = crs_reading(ctx, v) if syndrome == "crs" else icans_reading(ctx, v)
        if with_crs:  # the CRS grade decides lines such as "consider intensive care"
            reading += f"; the CRS with it is grade {findings.crs(ctx, v)}"
        key = known[v.step]
        shown = grounds_of(ctx, v, key, (syndrome, grade, with_crs))
        grounds = " ".join(_fact_text(ctx, f) for f in shown)
        # what the stored sources leave open about the key travels with it (clinical review 3)
        flagged = [_fact(ctx, f) for f in shown]
        caveats = " ".join(ctx.plain(f.flag) for f in flagged if getattr(f, "flag", None))
        options = [
            Option.of(
                says(ctx, known[s]),
                s == v.step,
                f"Right: this is grade {grade} {name}{together}: {reading}. {grounds}"
                if s == v.step
                else f"{ctx.plain(known[s].why_not)} This is grade {grade} {name}{together}.",
            )
            for s in (v.step, *v.wrong_steps)
        ]
        # the review and the guideline differ on ICANS (module 7): the question names its source
        question = (
            "What is the next step?"
            if v.given
            else "By the ASCO guideline, what is the first step of treatment?"
        )
        facts = [_fact(ctx, f) for f in key.rests_on]
        yield common.item(
            ctx,
            bp,
            v,
            question=question,
            options=options,
            explanation=(
                f"By the ASTCT criteria this is grade {grade} {name}{together}: {reading}. "
                f"{grounds}" + (f" {caveats}" if caveats else "")
            ),
            source=source_of(ctx, key.rests_on[0]),
            page=_page(ctx, key.rests_on[0]),
            refs=tuple(sorted({n for f in facts for n in f.refs})),
            sources=ctx.outside_all(facts),
            about=f"{syndrome}:{grade}",
            competing=competing(ctx, v),
        )


SEIZURE_WORKUP = "asco-icans-workup"  # what the guideline looks for once a seizure is seen


def grounds_of(ctx: QuizContext, v: Vignette, key: Step, where: tuple[str, int, bool]) -> list:
    """The facts the key's feedback gives: for a first step, the guideline's row for this grade,
    with or without CRS, and the key's own facts that belong to no row (a dose, an approval);
    never another grade's row (clinical review 7: a grade 2 item gave the grade 3 schedule and a
    grade 3 item the grade 2 line on intensive care). A next step keeps the facts it rests on.
    A seizure brings the work-up that looks for more."""
    syndrome, grade, with_crs = where
    rows = ctx.course.grading.care
    in_rows = {a.id for r in rows for a in r.actions}
    row = next(
        (
            r
            for r in rows
            if (r.syndrome, r.grade) == (syndrome, grade)
            and r.concurrent_crs in (None, with_crs)
            and r.actions
        ),
        None,
    )
    if v.given or row is None:
        found = list(key.rests_on)
    else:
        found = [a.id for a in row.actions]
        found += [f for f in key.rests_on if f not in in_rows]
    if v.neuro is not None and v.neuro.seizure != "none":
        found.append(SEIZURE_WORKUP)
    return found


def _fact(ctx: QuizContext, fact_id: str):
    return fact(ctx, fact_id)


def _fact_text(ctx: QuizContext, fact_id: str) -> str:
    f = _fact(ctx, fact_id)
    return ctx.plain(f.text, f)


def _page(ctx: QuizContext, fact_id: str) -> str:
    """The section that teaches the fact a step rests on; the guideline's table of care else."""
    found = ctx.fact_sections.get(fact_id)
    if found:
        file, section, _ = found
        return ctx.page(ctx.module_of(file), section)
    return ctx.page(ctx.module_of("grading"), "treatment-by-grade")
