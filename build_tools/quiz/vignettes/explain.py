"""Which explanation fits the findings, or which claim the evidence supports: differentials where
findings compete (CRS against sepsis, capillary leak against infection, a late movement disorder
against ICANS), relapse and its causes, B-cell aplasia and its care, and what trial results can
support. Each explanation in content/vignettes.yaml names one rule below, a pure function of the
vignette's data (explanation_rules.py); the build fails unless the key's rule holds and no wrong
option's does, and counts the wrong options that compete for the level rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...content.model_vignettes import Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from . import common
from .explanation_rules import (
    RULES,
    competing,
    explanations,
    holds,
    out_of_place,
)
from .facts import fact, neutropenic_fever, source_of
from .grading import SEDATION_SAFETY


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = []
    known = explanations(ctx)
    doc = ctx.course.docs[common.FILE]
    for n, e in enumerate(known.values()):
        if e.rule not in RULES:
            path = ("explanations", n, "rule")
            found.append(
                common.ContentIssue(
                    doc.file,
                    doc.line_of(path),
                    f"explanations[{n}].rule",
                    f"no rule {e.rule!r} (known: {', '.join(sorted(RULES))})",
                )
            )
    if found:
        return found
    if v.explanation is None or not holds(ctx, v.explanation, v):
        found.append(
            common.issue(
                ctx,
                i,
                "explanation",
                f"the key {v.explanation!r} does not fit this vignette's data by its rule",
            )
        )
    for n, e in enumerate(v.wrong_explanations):
        if holds(ctx, e, v):
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_explanations.{n}",
                    f"{e!r} also fits this vignette's data: two defensible keys",
                )
            )
    for n, e in enumerate(v.wrong_explanations):
        why = out_of_place(ctx, e, v) if e in known else ""
        if why:
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_explanations.{n}",
                    f"{e!r} cannot arise in this case ({why}): a dead option from a shared pool",
                )
            )
    for e in v.why_not:
        if e not in v.wrong_explanations:
            found.append(
                common.issue(
                    ctx, i, f"why_not.{e}", f"{e!r} is not a wrong option of this vignette"
                )
            )
    for field, text, rests_on in _feedback(ctx, v):
        for window in unsourced_windows(ctx, text, rests_on):
            found.append(
                common.issue(
                    ctx,
                    i,
                    field,
                    f"the feedback states the window {window!r}, which no fact it rests on "
                    f"({', '.join(rests_on)}) gives: rest it on a cited fact or leave it out",
                )
            )
    if len(v.wrong_explanations) < 2:
        found.append(common.issue(ctx, i, "wrong_explanations", "give at least two"))
    return found


# A time window stated in feedback ("in the first weeks", "the first 90 days"): it rules a
# diagnosis in or out, so it must be one a fact the option rests on gives (clinical review 4).
_WINDOW = re.compile(r"\bfirst (?:(\d+) )?(day|week|month)(s?)\b")
_UNITS = {"days": "day", "weeks": "week", "months": "month"}


def unsourced_windows(ctx: QuizContext, text: str, rests_on) -> list[str]:
    stated = set()
    for f in rests_on:
        for value in fact(ctx, f).values.values():
            unit = _UNITS.get(getattr(value, "unit", ""))
            for n in (getattr(value, "value", None), getattr(value, "high", None)):
                if unit and n is not None:
                    stated.add((int(n), unit))
    found = []
    for m in _WINDOW.finditer(text):
        n = int(m.group(1)) if m.group(1) else (None if m.group(3) else 1)
        if n is None or (n, m.group(2)) not in stated:
            found.append(m.group(0))
    return found


def _feedback(ctx: QuizContext, v: Vignette):
    """Every feedback text a case shows, with the field that sets it and the facts it rests on."""
    known = explanations(ctx)
    if v.explanation in known:
        key = known[v.explanation]
        yield "explanation", key.why, key.rests_on
    for e in v.wrong_explanations:
        if e in known:
            field = f"why_not.{e}" if e in v.why_not else f"wrong_explanations.{e}"
            yield field, v.why_not.get(e) or known[e].why_not, known[e].rests_on


# How a case describes each design, in words that leave the learner to name it.
DESIGN_SAYS = {
    "randomized": "a trial in which chance decided who received which treatment",
    "single-arm": "a trial in which every patient received the product",
    "retrospective": "a look back at patients whose doctors had chosen their treatment",
    "historical-control": "earlier patients treated with standard therapy, before this trial",
}


# The design by its name alone, where the question asks for its weakness: described in plain
# words, the design would state the answer (item review 3 #31).
DESIGN_NAMES = {
    "randomized": "a randomized trial",
    "single-arm": "a single-arm trial",
    "retrospective": "a retrospective comparison",
    "historical-control": "a historical control group",
}


def shown_results(ctx: QuizContext, v: Vignette) -> str:
    """The results an evidence case puts in front of the learner, each with where it comes from:
    in plain words where the question asks what the results support, by name where it asks for
    the weakness of a design (a key that holds because its results are shown)."""
    weakness = explanations(ctx)[v.explanation].rule == "shown"
    designs = DESIGN_NAMES if weakness else DESIGN_SAYS
    parts = []
    for n, f in zip("ABCD", (fact(ctx, r) for r in v.results), strict=False):
        claim = ctx.plain(f.claim or f.text, f).rstrip(".")
        source = f"From {designs[f.design]}: " if f.design else ""
        parts.append(f"({n}) {source}{claim[:1].lower() if source else claim[:1]}{claim[1:]}.")
    return " ".join(parts)


@generator
def vignette_explanation(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which explanation, or which reading of the evidence, fits an authored case."""
    known = explanations(ctx)
    for _, v in common.of_kind(ctx, ("diagnosis",), _check):
        key = known[v.explanation]
        # the neutropenic fever rule goes with the key unless the key already rests on it
        neutropenic = neutropenic_fever(ctx, v)
        if neutropenic is not None and neutropenic.id in key.rests_on:
            neutropenic = None
        guideline = (f" {ctx.plain(neutropenic.text)}" if neutropenic else "") + _sedation(
            v, key.why
        )
        options = [
            Option.of(
                ctx.plain(known[e].says),
                e == v.explanation,
                f"Right: {ctx.plain(known[e].why)}{guideline}"
                if e == v.explanation
                else ctx.plain(v.why_not.get(e) or known[e].why_not),
            )
            for e in (v.explanation, *v.wrong_explanations)
        ]
        # Evidence cases rest on the results they show; the others on the key's facts.
        grounds = list(v.results) or list(key.rests_on)
        facts = [fact(ctx, f) for f in grounds]
        shown = f"The results: {shown_results(ctx, v)} " if v.results else ""
        yield common.item(
            ctx,
            bp,
            v,
            question=shown + (v.question or "Which reading of the findings is right?"),
            options=options,
            explanation=_explanation(ctx, key, [fact(ctx, f) for f in key.rests_on]) + guideline,
            source=source_of(ctx, grounds[0]),
            page=_page(ctx, key.rests_on[0]),
            refs=tuple(sorted({n for f in facts for n in f.refs})),
            sources=ctx.outside_all(
                [*facts, *(fact(ctx, f) for f in key.rests_on), *filter(None, [neutropenic])]
            ),
            about=key.id,
            competing=competing(ctx, v),
        )


def _sedation(v: Vignette, why: str) -> str:
    """A drowsy patient who had a sedating drug: whatever the key, the safety step goes with it
    (item review 7: an ICANS key after morphine said nothing of breathing)."""
    drowsy = v.neuro is not None and v.neuro.consciousness != "alert"
    if "sedating-drug" not in v.signs or not drowsy or "breathing and oxygen" in why:
        return ""
    return f" A sedating drug was given: {SEDATION_SAFETY}."


def _page(ctx: QuizContext, fact_id: str) -> str:
    """The section that teaches the fact the key rests on."""
    found = ctx.fact_sections.get(fact_id)
    if found:
        file, section, _ = found
        return ctx.page(ctx.module_of(file), section)
    return ctx.page(ctx.module_of("grading"), "treatment-by-grade")


def _explanation(ctx: QuizContext, key, facts) -> str:
    """The key's reason, then the facts it rests on that the reason does not already say (most
    of their words already in it)."""
    why = ctx.plain(key.why)
    said = set(why.lower().split())
    rest = [ctx.plain(f.text, f) for f in facts] if key.quote else []
    new = [
        t for t in rest if len(set(t.lower().split()) - said) > 0.4 * len(set(t.lower().split()))
    ]
    return " ".join([why, *new])
