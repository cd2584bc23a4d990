"""How label facts read on a page: an indication's conditions in words, approval dates as the
sources give them.

Every phrase is built from the indication data, so the page says exactly what the eligibility
rule decides from."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from ..content.course import Course
from ..content.model_products import Indication, Route
from ..rules.eligibility import ADULT

_COURSE = {
    "relapsed-or-refractory": "relapsed or refractory disease",
    "refractory-or-second-relapse": "refractory disease, or a second or later relapse",
    "early-first-line-failure": (
        "disease refractory to first-line chemoimmunotherapy, or relapsing within a year of it"
    ),
    "first-line-failure": "disease refractory to, or relapsed after, first-line chemoimmunotherapy",
}
# the label's own reason, kept wherever the condition is named (the card, the quiz's feedback)
TRANSPLANT_INELIGIBLE = "not eligible for a stem cell transplant because of comorbidities or age"
_MONTHS = "January February March April May June July August September October November December"


def document_date(date: str) -> str:
    """'2025-06-26' as '26 June 2025'; a month or a year as given."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS.split()[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


class LabelHelpers:
    def __init__(self, course: Course):
        self.course = course

    def age(self, ind: Indication) -> str:
        if ind.age_min == ADULT and ind.age_max is None:
            return f"adults ({ADULT} or older)"
        if ind.age_min is None and ind.age_max is not None:
            return f"aged {ind.age_max} or younger"
        if ind.age_min is not None and ind.age_max is not None:
            return f"aged {ind.age_min} to {ind.age_max}"
        if ind.age_min is not None:
            return f"aged {ind.age_min} or older"
        return "age group not in the stored sources"

    def route(self, r: Route) -> str:
        parts = []
        if r.course:
            parts.append(_COURSE[r.course])
        if r.lines_min:
            noun = "line" if r.lines_min == 1 else "lines"
            parts.append(f"at least {r.lines_min} earlier {noun} of therapy")
        if r.transplant_ineligible:
            parts.append(TRANSPLANT_INELIGIBLE)
        if r.received:
            parts.append("after " + _and(self.course.drug_class(d).name for d in r.received))
        if r.refractory_to:
            names = (self.course.drug_class(d).name for d in r.refractory_to)
            parts.append("refractory to " + _and(names))
        if r.features:
            parts.append(_and(self.course.feature(f).name for f in r.features))
        if r.features_any:
            parts.append("one of " + _or(self.course.feature(f).name for f in r.features_any))
        for rule in r.if_feature:
            drugs = _and(self.course.drug_class(d).name for d in rule.received)
            parts.append(f"with {self.course.feature(rule.feature).name}, also after {drugs}")
        return "; ".join(parts)

    def conditions(self, ind: Indication) -> str:
        """Who the indication admits, in words: age, then each route (any one suffices)."""
        routes = [self.route(r) for r in ind.routes]
        text = self.age(ind) + "; " + (routes[0] if len(routes) == 1 else " OR ".join(routes))
        if ind.contraindicated:
            names = _or(self.course.feature(f).name for f in ind.contraindicated)
            text += f". Not to be given to anyone who carries {names}"
        if ind.not_for:
            names = _or(self.course.feature(f).name for f in ind.not_for)
            text += f". Not indicated for {names}"
        return text

    def approval(self, ind: Indication) -> str:
        status = {"regular": "regular approval", "accelerated": "accelerated approval"}
        when = (
            f"Approved {document_date(ind.approved)}"
            if ind.approved
            else "Approval date not in the stored sources"
        )
        extra = status.get(ind.approval)
        return f"{when} ({extra})" if extra else when

    def after_review(self, date: str | None) -> bool:
        if not date:
            return False
        parts = [int(p) for p in date.split("-")] + [1, 1]
        return dt.date(*parts[:3]) >= self.course.changes.review


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _or(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def quoted(text: str) -> Markup:
    return Markup(f"“{escape(' '.join(text.split()))}”")
