"""Who a label admits, for a stated patient: which approved therapies the label allows, or which
of a therapy's conditions the patient does not meet. Keys come from the one eligibility function
(build_tools/rules/eligibility.py) over the label data; the build fails where a vignette's key
disagrees with it, or an unsettled verdict would be keyed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...content.model_products import Indication, Route
from ...content.model_vignettes import Vignette
from ...pages.labels import _COURSE as COURSE_TEXT
from ...rules.eligibility import Patient, assess, course_fits
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from ..wording import cap, in_sentence, listing
from . import common
from .render import pronoun


@dataclass(frozen=True)
class Requirement:
    """One condition of a label indication, as an option reads it, and whether a patient meets
    it."""

    id: str
    says: str
    met: Callable[[Patient], bool]


def requirements(ctx: QuizContext, ind: Indication, route: Route) -> list[Requirement]:
    """Every condition of one route of an indication, from the label data."""
    course = ctx.course
    feature, drug = course.feature, course.drug_class
    found = [
        Requirement(
            "disease",
            f"A diagnosis of {course.disease(ind.disease).name}",
            lambda p, d=ind.disease: p.disease == d,
        )
    ]
    if ind.age_min is not None:
        found.append(
            Requirement(
                "age-min", f"An age of {ind.age_min} years or older", lambda p: p.age >= ind.age_min
            )
        )
    if ind.age_max is not None:
        found.append(
            Requirement(
                "age-max",
                f"An age of {ind.age_max} years or younger",
                lambda p: p.age <= ind.age_max,
            )
        )
    for f in ind.contraindicated:
        found.append(
            Requirement(
                f"contraindicated:{f}",
                f"Not carrying {feature(f).name}, which the label contraindicates",
                lambda p, f=f: f not in p.features,
            )
        )
    for f in ind.not_for:
        found.append(
            Requirement(
                f"not-for:{f}", f"Not {feature(f).name}", lambda p, f=f: f not in p.features
            )
        )
    if route.course:
        found.append(
            Requirement(
                f"course:{route.course}",
                cap(COURSE_TEXT[route.course]),
                lambda p, c=route.course: course_fits(c, p),
            )
        )
    if route.lines_min:
        noun = "line" if route.lines_min == 1 else "lines"
        found.append(
            Requirement(
                "lines",
                f"At least {route.lines_min} earlier {noun} of systemic therapy",
                lambda p, n=route.lines_min: p.lines >= n,
            )
        )
    if route.transplant_ineligible:
        found.append(
            Requirement(
                "transplant-ineligible",
                "Not eligible for a stem cell transplant",
                lambda p: not p.transplant_eligible,
            )
        )
    for d in route.received:
        found.append(
            Requirement(
                f"received:{d}",
                f"Earlier treatment with {drug(d).name}",
                lambda p, d=d: d in p.received,
            )
        )
    for d in route.refractory_to:
        found.append(
            Requirement(
                f"refractory-to:{d}",
                f"Disease refractory to {drug(d).name}",
                lambda p, d=d: d in p.refractory_to,
            )
        )
    for f in route.features:
        found.append(
            Requirement(f"feature:{f}", cap(feature(f).name), lambda p, f=f: f in p.features)
        )
    if route.features_any:
        names = [feature(f).name for f in route.features_any]
        found.append(
            Requirement(
                "features-any",
                "One of " + listing(names).replace(" and ", " or "),
                lambda p, fs=tuple(route.features_any): bool(set(fs) & p.features),
            )
        )
    for rule in route.if_feature:
        drugs = listing([drug(d).name for d in rule.received])
        found.append(
            Requirement(
                f"if:{rule.feature}",
                f"If {feature(rule.feature).name}, earlier treatment with {drugs} too",
                lambda p, r=rule: (
                    r.feature not in p.features or all(d in p.received for d in r.received)
                ),
            )
        )
    return found


def indication_for(ctx: QuizContext, therapy_id: str, disease: str) -> Indication | None:
    """The therapy's indication for this disease (the one that admits, or the first)."""
    found = [i for i in ctx.course.therapy(therapy_id).indications if i.disease == disease]
    return found[0] if found else None


def _patient_indications(ctx: QuizContext, therapy_id: str, v: Vignette) -> list[Indication]:
    return [i for i in ctx.course.therapy(therapy_id).indications if i.disease == v.patient.disease]


def why_product(ctx: QuizContext, therapy_id: str, v: Vignette) -> str:
    """Feedback for a therapy option: what its label says about this patient."""
    p = common.patient(v)
    inn = cap(ctx.course.therapy(therapy_id).inn)
    verdict = common.verdict(ctx, therapy_id, v)
    inds = _patient_indications(ctx, therapy_id, v)
    if not inds:
        disease = ctx.course.disease(v.patient.disease).name
        return f"{inn} has no label indication for {disease}."
    if verdict.eligible:
        ind = next(i for i in inds if assess(i, p).eligible)
        route = next(r for r in ind.routes if all(q.met(p) for q in requirements(ctx, ind, r)))
        met = [in_sentence(q.says) for q in requirements(ctx, ind, route)]
        return f"Right: {inn}'s label admits {_object(v)} here: {listing(met)}."
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
    # barrier: one unmet condition of a single-route indication
    ind = indication_for(ctx, v.therapy, v.patient.disease)
    if ind is None or len(ind.routes) != 1:
        return [
            common.issue(
                ctx,
                i,
                "therapy",
                "a barrier question needs an indication for the patient's disease with one route",
            )
        ]
    if common.verdict(ctx, v.therapy, v).answer != "not eligible":
        found.append(
            common.issue(
                ctx, i, "patient", "the label admits this patient: there is no barrier to ask about"
            )
        )
    reqs = {q.id: q for q in requirements(ctx, ind, ind.routes[0])}
    p = common.patient(v)
    unmet = [q.id for q in reqs.values() if not q.met(p)]
    if len(unmet) > 1:  # the feedback would teach that the one keyed condition is all she lacks
        found.append(
            common.issue(
                ctx,
                i,
                "patient",
                f"the patient fails more than one condition ({', '.join(unmet)}): "
                "a barrier question needs exactly one",
            )
        )
    if v.barrier not in reqs or reqs[v.barrier].met(p):
        found.append(
            common.issue(
                ctx,
                i,
                "barrier",
                f"{v.barrier!r} is not an unmet condition (conditions: {', '.join(reqs)})",
            )
        )
    for n, b in enumerate(v.wrong_barriers):
        if b not in reqs or not reqs[b].met(p):
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_barriers.{n}",
                    f"{b!r} is not a condition "
                    "this patient meets: it would be a second right answer",
                )
            )
    if len(v.wrong_barriers) < 2:
        found.append(common.issue(ctx, i, "wrong_barriers", "give at least two met conditions"))
    return found


def _page(ctx: QuizContext, therapy_id: str, ind: Indication | None) -> str:
    therapy = ctx.course.therapy(therapy_id)
    file = "products" if hasattr(therapy, "trials") else "solid_tumors"
    anchor = f"{therapy_id}-for-{ind.id}" if ind else "who-can-receive"
    return ctx.page(ctx.module_of(file), anchor)


def _source(ctx: QuizContext, therapy_id: str, ind: Indication | None) -> str:
    therapy = ctx.course.therapy(therapy_id)
    base = "products" if hasattr(therapy, "trials") else "solid_tumors.approved"
    return f"{base}.{therapy_id}.indications" + (f".{ind.id}" if ind else "")


@generator
def vignette_eligibility(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which approved therapies a stated patient's labels allow, or which condition blocks one."""
    for _, v in common.of_kind(ctx, ("products", "barrier"), _check):
        if v.asks == "products":
            yield _products(ctx, bp, v)
        else:
            yield _barrier(ctx, bp, v)


def _products(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
    offered = [*v.eligible, *v.not_eligible]
    options = [
        Option.of(cap(ctx.course.therapy(t).inn), t in v.eligible, why_product(ctx, t, v))
        for t in offered
    ]
    several = len(v.eligible) > 1
    inds = [i for t in v.eligible for i in _patient_indications(ctx, t, v)]
    question = (
        "Which of these products does the label allow for this patient? Select all that apply."
        if several
        else "Which of these does the label allow for this patient?"
    )
    names = listing([ctx.course.therapy(t).inn for t in v.eligible])
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
        ),
        source=_source(ctx, v.eligible[0], inds[0] if inds else None),
        page=_page(ctx, v.eligible[0], inds[0] if inds else None),
        sources=ctx.outside_all(inds) if inds else (),
        about="eligibility",
    )


def _barrier(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
    ind = indication_for(ctx, v.therapy, v.patient.disease)
    reqs = {q.id: q for q in requirements(ctx, ind, ind.routes[0])}
    inn = ctx.course.therapy(v.therapy).inn
    options = [
        Option.of(
            reqs[b].says,
            b == v.barrier,
            f"Right: {pronoun(v)} does not meet this one, so the label of {inn} does not admit "
            f"{_object(v)} yet."
            if b == v.barrier
            else f"{cap(pronoun(v))} meets this condition; it is not what stands in the way.",
        )
        for b in (v.barrier, *v.wrong_barriers)
    ]
    all_reqs = "; ".join(in_sentence(q.says) for q in reqs.values())
    return common.item(
        ctx,
        bp,
        v,
        question=f"Which condition of the label of {inn} does {pronoun(v)} not meet?",
        options=options,
        explanation=(
            f"The label of {inn} for {ctx.course.disease(ind.disease).name} asks for: {all_reqs}. "
            f"This patient does not meet one of them: {in_sentence(reqs[v.barrier].says)}."
        ),
        source=_source(ctx, v.therapy, ind),
        page=_page(ctx, v.therapy, ind),
        sources=ctx.outside_all([ind]),
        about="eligibility",
    )


def _object(v: Vignette) -> str:
    return {"she": "her", "he": "him"}[pronoun(v)]
