"""Who a label indication admits: one pure function over content/products.yaml's indication data.

A verdict is `eligible`, `not eligible` (with the reasons), or `unsettled`: the patient meets
every condition we hold, but the stored label excerpts leave one out, so nobody should be told
yes or no from this course alone. Quiz items key only settled verdicts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..content.model_products import Indication, Route

ADULT = 18  # "adult patients" in a label: 18 years and older


@dataclass(frozen=True)
class Patient:
    """What a label indication asks about a patient."""

    age: int
    disease: str  # disease id
    lines: int = 0  # prior lines of systemic therapy
    refractory: bool = False  # the disease did not respond to the latest line
    relapses: int = 0  # relapses after a remission, so far
    early_first_line_failure: bool = False  # refractory to, or relapsed within a year of,
    # first-line chemoimmunotherapy
    transplant_eligible: bool = True
    received: frozenset[str] = field(default_factory=frozenset)  # drug class ids
    refractory_to: frozenset[str] = field(default_factory=frozenset)
    features: frozenset[str] = field(default_factory=frozenset)  # feature ids


Answer = Literal["eligible", "not eligible", "unsettled"]


@dataclass(frozen=True)
class Verdict:
    answer: Answer
    reasons: tuple[str, ...] = ()  # why not; or, when unsettled, what the sources leave out

    @property
    def eligible(self) -> bool:
        return self.answer == "eligible"


def course_fits(route_course: str, p: Patient) -> bool:
    match route_course:
        case "relapsed-or-refractory":
            return p.refractory or p.relapses >= 1
        case "refractory-or-second-relapse":
            return p.refractory or p.relapses >= 2
        case "early-first-line-failure":
            return p.lines >= 1 and p.early_first_line_failure
        case "first-line-failure":
            return p.lines >= 1 and (p.refractory or p.relapses >= 1)
    raise ValueError(f"unknown disease course {route_course!r}")


def route_gaps(route: Route, p: Patient) -> Iterator[str]:
    """What this patient lacks for one route (nothing: the route admits them)."""
    if route.course and not course_fits(route.course, p):
        yield f"disease course is not {route.course.replace('-', ' ')}"
    if route.lines_min and p.lines < route.lines_min:
        yield f"fewer than {route.lines_min} prior lines of therapy"
    if route.transplant_ineligible and p.transplant_eligible:
        yield "this route is for patients who cannot have a transplant"
    for drug in route.received:
        if drug not in p.received:
            yield f"has not received {drug}"
    for drug in route.refractory_to:
        if drug not in p.refractory_to:
            yield f"not refractory to {drug}"
    for feature in route.features:
        if feature not in p.features:
            yield f"lacks {feature}"
    if route.features_any and not set(route.features_any) & p.features:
        yield f"has none of {', '.join(route.features_any)}"
    for rule in route.if_feature:
        if rule.feature in p.features:
            yield from (
                f"has {rule.feature} but has not received {d}"
                for d in rule.received
                if d not in p.received
            )


def assess(indication: Indication, p: Patient) -> Verdict:
    """Does this indication admit this patient?"""
    reasons: list[str] = []
    if p.disease != indication.disease:
        reasons.append(f"the indication is for {indication.disease}")
    if indication.age_min is not None and p.age < indication.age_min:
        reasons.append(f"younger than {indication.age_min}")
    if indication.age_max is not None and p.age > indication.age_max:
        reasons.append(f"older than {indication.age_max}")
    reasons += [f"contraindicated: {f}" for f in indication.contraindicated if f in p.features]
    reasons += [f"not indicated for {f}" for f in indication.not_for if f in p.features]
    gaps = [list(route_gaps(route, p)) for route in indication.routes]
    if all(gaps):
        reasons += min(gaps, key=len)  # the route this patient comes closest to
    if reasons:
        return Verdict("not eligible", tuple(reasons))
    if indication.unsettled:
        return Verdict("unsettled", (indication.unsettled,))
    return Verdict("eligible")


def eligible_uses(uses, p: Patient) -> dict[tuple[str, str], Verdict]:
    """Every approved use's verdict for one patient: (therapy id, indication id) -> Verdict.
    `uses` is Course.approved_uses(): (therapy, indication) pairs, CAR T and others alike."""
    return {(therapy.id, ind.id): assess(ind, p) for therapy, ind in uses}
