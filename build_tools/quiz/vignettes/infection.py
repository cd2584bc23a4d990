"""Which infection the review's timing points to, for a patient at a stated day and immune state.
The key's window must hold the day, every wrong option's window must be over, and a kind the
review gives no window (viral) is never a wrong option: nothing rules it out on any day."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model_topics import InfectionWindow
from ...content.model_vignettes import Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from ..wording import cap
from . import common, findings
from .facts import neutropenic_fever


def window_days(ctx: QuizContext, w: InfectionWindow) -> int:
    return findings.days_of(ctx, w.mostly_within or w.still_after)


def fits(ctx: QuizContext, w: InfectionWindow, day: int) -> bool:
    """Does the review place this kind at `day`: inside its usual period, or, for a kind with no
    period, beyond the time the review says it may still occur?"""
    if w.mostly_within:
        return day <= window_days(ctx, w)
    return day > window_days(ctx, w)


def likeliest(ctx: QuizContext, day: int) -> list[InfectionWindow]:
    """The kinds the review places at `day`; a case is asked only where exactly one is."""
    return [w for w in ctx.course.adverse_effects.infection_windows if fits(ctx, w, day)]


def over(ctx: QuizContext, w: InfectionWindow, day: int) -> bool:
    """A wrong option at `day`: a kind with a usual period that the day is past."""
    return bool(w.mostly_within) and day > window_days(ctx, w)


def _windows(ctx: QuizContext) -> dict[str, InfectionWindow]:
    return {w.id: w for w in ctx.course.adverse_effects.infection_windows}


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = []
    if v.day is None:
        return [common.issue(ctx, i, "day", "an infection case needs a day")]
    windows = _windows(ctx)
    if [w.id for w in likeliest(ctx, v.day)] != [v.window]:
        found.append(
            common.issue(
                ctx, i, "day", f"day {v.day} does not lie in the window of {v.window!r} alone"
            )
        )
    for n, w in enumerate(v.wrong_windows):
        if not over(ctx, windows[w], v.day):
            found.append(
                common.issue(ctx, i, f"wrong_windows.{n}", f"{w!r} is not ruled out on day {v.day}")
            )
    target = getattr(ctx.course.therapy(v.therapy), "target", None)
    if target != "cd19":
        found.append(
            common.issue(
                ctx, i, "therapy", "the review's infection timing is for anti-CD19 products"
            )
        )
    return found


def _text(ctx: QuizContext, w: InfectionWindow) -> str:
    return (
        f"occurs mostly within {ctx.plain(w.mostly_within)} of infusion"
        if w.mostly_within
        else "has no usual period: the review notes only that it may still occur more than "
        f"{ctx.plain(w.still_after)} after infusion"
    )


@generator
def vignette_infection(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    windows = _windows(ctx)
    for _, v in common.of_kind(ctx, ("infection",), _check):
        key = windows[v.window]
        # timing narrows the search but rules nothing out in a neutropenic patient with fever
        neutropenic = neutropenic_fever(ctx, v)
        guideline = f" {ctx.plain(neutropenic.text)}" if neutropenic else ""
        caution = f" Timing does not rule it out.{guideline}" if neutropenic else ""
        options = [
            Option.of(
                cap(windows[w].name),
                w == v.window,
                f"Right: by the review, {key.name} {_text(ctx, key)}, which fits day {v.day}."
                f"{guideline}"
                if w == v.window
                else f"By the review, {windows[w].name} {_text(ctx, windows[w])}, a period "
                f"day {v.day} is past.{caution}",
            )
            for w in (v.window, *v.wrong_windows)
        ]
        yield common.item(
            ctx,
            bp,
            v,
            question="Of these, which infection does the review's timing point to?",
            options=options,
            explanation=(
                f"By the review's timing, {key.name} {_text(ctx, key)}. Timing only narrows the "
                f"search: every febrile patient needs a full work-up.{guideline}"
            ),
            source=f"adverse_effects.infection_windows.{key.id}",
            page=ctx.page(ctx.module_of("adverse_effects"), "infections"),
            refs=tuple(key.refs),
            sources=ctx.outside_all([neutropenic]) if neutropenic else (),
            about=key.id,
            fewer_options=_fewer(ctx, v),
        )


def _fewer(ctx: QuizContext, v: Vignette) -> str:
    """Why fewer than four: the kinds left out are the ones nothing rules out on this day."""
    offered = {v.window, *v.wrong_windows}
    kept = [
        w.name for w in _windows(ctx).values() if w.id not in offered and not over(ctx, w, v.day)
    ]
    if not kept:
        return ""
    return f"{' and '.join(kept)} cannot be ruled out by timing on day {v.day}, so no fourth"
