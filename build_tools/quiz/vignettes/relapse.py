"""After a relapse of a known pattern, the approach the review supports. The pattern must match
the patient (disease, the antigen the CAR aimed at, whether the relapse lost it); wrong options
are approaches the review does not support for this relapse."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model_vignettes import Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from ..wording import cap
from . import common


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    ch = ctx.course.challenges
    pattern = next((p for p in ch.relapse_patterns if p.id == v.pattern), None)
    found = []
    target = getattr(ctx.course.therapy(v.therapy), "target", None)
    if pattern is None or pattern.disease != v.patient.disease or pattern.after_target != target:
        found.append(
            common.issue(
                ctx,
                i,
                "pattern",
                f"{v.pattern!r} is not the relapse of this "
                "patient's disease after a CAR against this target",
            )
        )
    elif pattern.antigen_lost != ("antigen-lost" in v.signs):
        found.append(
            common.issue(
                ctx,
                i,
                "signs",
                "the findings and the pattern disagree on whether the relapse lost the antigen",
            )
        )
    for n, s in enumerate(v.wrong_salvage):
        poor = next(p for p in ch.poor_salvage if p.id == s)
        if poor.when_antigen_lost and not (pattern and pattern.antigen_lost):
            found.append(
                common.issue(
                    ctx, i, f"wrong_salvage.{n}", f"{s!r} is wrong only when the antigen is lost"
                )
            )
    if len(v.wrong_salvage) < 2:
        found.append(common.issue(ctx, i, "wrong_salvage", "give at least two"))
    return found


@generator
def vignette_relapse(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    ch = ctx.course.challenges
    for _, v in common.of_kind(ctx, ("relapse",), _check):
        pattern = next(p for p in ch.relapse_patterns if p.id == v.pattern)
        poor = {p.id: p for p in ch.poor_salvage}
        options = [Option.of(cap(pattern.next), True, f"Right: {pattern.note}.")] + [
            Option.of(cap(poor[s].text), False, f"Not supported: {poor[s].note}.")
            for s in v.wrong_salvage
        ]
        yield common.item(
            ctx,
            bp,
            v,
            question="Which next step has the most support in the review?",
            options=options,
            explanation=(
                f"{cap(pattern.next)}: {pattern.note}. It is investigational, so it means a "
                "referral to a trial."
            ),
            source=f"challenges.relapse_patterns.{pattern.id}",
            page=ctx.page(ctx.module_of("challenges"), "after-relapse"),
            refs=tuple(pattern.refs),
            about=pattern.id,
            fewer_options=_fewer(ch, v),
        )


def _fewer(ch, v: Vignette) -> str:
    """Why fewer than four: the review's other poor salvage steps are wrong only where the
    antigen is lost, and here it is kept."""
    left = [p.text for p in ch.poor_salvage if p.id not in v.wrong_salvage]
    if not left or any(not p.when_antigen_lost for p in ch.poor_salvage if p.text in left):
        return ""
    return f"the review's other poor step ({'; '.join(left)}) is wrong only after antigen loss"
