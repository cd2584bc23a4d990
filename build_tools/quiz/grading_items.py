"""Grading questions from the worked examples in content/grading.yaml: the key is the grade the
grading function computes, and each other grade says what it would have needed."""

from __future__ import annotations

from collections.abc import Iterator

from ..rules.grading import CrsFindings, IcansFindings, crs_grade, icans_grade
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Case, Item, Option
from .registry import generator
from .vignettes.grading import needs


def _grade_of(ctx: QuizContext, ex) -> int:
    g = ctx.course.grading
    if ex.syndrome == "crs":
        return crs_grade(g.crs, CrsFindings(ex.values[ex.temperature].value, **ex.levels))
    return icans_grade(g.icans, g.ice, IcansFindings(int(ex.values[ex.ice].value), **ex.levels))


@generator
def grade_example(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Grade the picture: every grade is an option, with the criteria that make it as feedback."""
    name = {"crs": "CRS", "icans": "ICANS"}
    for ex in ctx.course.grading.examples:
        key = _grade_of(ctx, ex)
        options = tuple(
            Option.of(
                f"Grade {n}",
                n == key,
                (f"Right: grade {n} needs " if n == key else f"Grade {n} needs ")
                + needs(ctx, ex.syndrome, n)
                + (
                    "; the most severe finding here meets it."
                    if n == key
                    else f". Here the most severe finding is of grade {key}."
                ),
            )
            for n in range(1, 5)
        )
        yield Item(
            type="single",
            options=options,
            case=Case("", "", ex.syndrome),
            **make.base(
                ctx,
                bp,
                ex.id,
                stem=f"{ctx.plain(ex.text, ex)} What {name[ex.syndrome]} grade is this?",
                explanation=(
                    f"Each finding is graded on its own and the most severe decides: "
                    f"{name[ex.syndrome]} grade {key}."
                ),
                refs=tuple(ctx.course.grading.crs.refs),
                sources=ctx.outside_all(
                    [ctx.course.grading.crs if ex.syndrome == "crs" else ctx.course.grading.icans]
                ),
                source=f"grading.examples.{ex.id}",
                family=f"grade:{ex.syndrome}",
                page=ctx.page(ctx.module_of("grading"), "grading-examples"),
                objective=ctx.objective(bp, "grading", "grading"),
            ),
        )
