"""Who a label admits, for a stated patient: which approved therapies the label allows, or which
of a therapy's conditions the patient does not meet (barrier.py). Keys come from the one
eligibility function (build_tools/rules/eligibility.py) over the label data; the build fails where
a vignette's key disagrees with it, or an unsettled verdict would be keyed."""

from __future__ import annotations

from collections.abc import Iterator

from ...content.model_vignettes import Vignette
from ...rules.eligibility import assess
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from ..wording import cap, in_sentence, listing
from . import barrier, common
from .conditions import (
    label_page,
    label_source,
    near_misses,
    object_pronoun,
    patient_indications,
    requirements,
)


def why_product(ctx: QuizContext, therapy_id: str, v: Vignette) -> str:
    """Feedback for a therapy option: what its label says about this patient."""
    p = common.patient(v)
    inn = cap(ctx.course.therapy(therapy_id).inn)
    verdict = common.verdict(ctx, therapy_id, v)
    inds = patient_indications(ctx, therapy_id, v)
    if not inds:
        disease = ctx.course.disease(v.patient.disease).name
        return f"{inn} has no label indication for {disease}."
    if verdict.eligible:
        ind = next(i for i in inds if assess(i, p).eligible)
        route = next(r for r in ind.routes if all(q.met(p) for q in requirements(ctx, ind, r)))
        met = [in_sentence(q.says) for q in requirements(ctx, ind, route)]
        return f"Right: {inn}'s label admits {object_pronoun(v)} here: {listing(met)}."
    unmet = sorted(
        (
            [q for q in requirements(ctx, ind, r) if not q.met(p)]
            for ind in inds
            for r in ind.routes
        ),
        key=len,
    )[0]
    missing = listing([in_sentence(q.says) for q in unmet])
    return f"{inn}'s label asks for {missing}, which this patient does not meet."


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = []
    if v.asks == "products":
        for n, t in enumerate(v.eligible):
            if not common.therapy_known(ctx, t) or not common.verdict(ctx, t, v).eligible:
                found.append(
                    common.issue(
                        ctx,
                        i,
                        f"eligible.{n}",
                        f"the label of {t} does not admit this patient (the eligibility function)",
                    )
                )
        for n, t in enumerate(v.not_eligible):
            if (
                not common.therapy_known(ctx, t)
                or common.verdict(ctx, t, v).answer != "not eligible"
            ):
                found.append(
                    common.issue(
                        ctx,
                        i,
                        f"not_eligible.{n}",
                        f"{t} is not clearly "
                        "outside its label for this patient: it would be a "
                        "second right answer or an unsettled one",
                    )
                )
        if not v.eligible or len(v.eligible) + len(v.not_eligible) < 3:
            found.append(
                common.issue(
                    ctx,
                    i,
                    "eligible",
                    "offer at least three therapies, one or more of them eligible",
                )
            )
        return found
    return barrier.check(ctx, i, v)


@generator
def vignette_eligibility(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which approved therapies a stated patient's labels allow, or which condition blocks one."""
    for _, v in common.of_kind(ctx, ("products", "barrier"), _check):
        if v.asks == "products":
            yield _products(ctx, bp, v)
        else:
            yield barrier.item(ctx, bp, v)


def _products(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
    offered = [*v.eligible, *v.not_eligible]
    options = [
        Option.of(cap(ctx.course.therapy(t).inn), t in v.eligible, why_product(ctx, t, v))
        for t in offered
    ]
    several = len(v.eligible) > 1
    inds = [i for t in v.eligible for i in patient_indications(ctx, t, v)]
    question = (
        "Which of these products does the label allow for this patient? Select all that apply."
        if several
        else "Which of these does the label allow for this patient?"
    )
    names = listing([ctx.course.therapy(t).inn for t in v.eligible])
    # Wrong products whose label just misses the patient, each on its own condition, compete:
    # the learner weighs several labels' routes, not one line of one label.
    missed = set().union(*(near_misses(ctx, t, v) for t in v.not_eligible))
    return common.item(
        ctx,
        bp,
        v,
        type="multiple" if several else "single",
        question=question,
        options=options,
        explanation=(
            f"By the label data, {names} {'admit' if several else 'admits'} this patient. "
            + " ".join(why_product(ctx, t, v).removeprefix("Right: ") for t in offered)
            + not_offered(ctx, v, offered)
        ),
        source=label_source(ctx, v.eligible[0], inds[0] if inds else None),
        page=label_page(ctx, v.eligible[0], inds[0] if inds else None),
        sources=ctx.outside_all(inds) if inds else (),
        about="eligibility",
        competing=len(missed),
        fewer_options=_fewer(ctx, v, offered),
    )


def not_offered(ctx: QuizContext, v: Vignette, offered: list[str]) -> str:
    """Labels the options leave out that admit the patient, or may: without them, a single key
    reads as the only product for the patient (clinical review 6, mn6-4)."""
    parts = []
    for t in dict.fromkeys(u[0].id for u in ctx.course.approved_uses()):
        if t in offered:
            continue
        found = common.verdict(ctx, t, v)
        inn = cap(ctx.course.therapy(t).inn)
        if found.eligible:
            parts.append(f" {inn}, not offered here, is also allowed by its label.")
        elif found.answer == "unsettled":
            disease = ctx.course.disease(v.patient.disease).name
            parts.append(
                f" {inn}, not offered here, also has a label for {disease}, but whether it admits"
                f" this patient is open: {in_sentence(found.reasons[0])}"
            )
    return "".join(parts)


def _fewer(ctx: QuizContext, v: Vignette, offered: list[str]) -> str:
    """Why a products question offers fewer than four: every therapy with a settled label for
    the patient's disease is already offered."""
    if len(offered) >= 4:
        return ""
    disease = v.patient.disease
    labelled = {
        t.id for t, i in ctx.course.approved_uses() if i.disease == disease and not i.unsettled
    }
    name = ctx.course.disease(disease).name
    left = sorted(labelled - set(offered))
    if not left:
        return f"every product with a settled label for {name} is offered"
    # a product added since the case was written: the report lists it for the author to weigh
    names = listing([ctx.course.therapy(t).inn for t in left])
    return f"the case does not yet offer {names}, which also has a settled label for {name}"
