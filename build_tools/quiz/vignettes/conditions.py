"""The conditions a label sets, read from the label data: each as an option reads it and as a test
of a patient, the conditions of one route, the label a therapy has for a disease, and where its
page and source are. The products and barrier items both ask about them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...content.model_products import Indication, Route
from ...content.model_vignettes import Vignette
from ...pages.labels import _COURSE as COURSE_TEXT
from ...pages.labels import TRANSPLANT_INELIGIBLE
from ...rules.eligibility import Patient, course_fits
from ..context import QuizContext
from ..wording import cap, listing
from . import common
from .render import pronoun


@dataclass(frozen=True)
class Requirement:
    """One condition a label may set, as an option reads it, and whether a patient meets it. Its
    id says what it is and with which value ("lines:2", "received:pd1-antibody"), so a condition
    on one label can be offered, as a condition it does not set, in a question about another."""

    id: str
    says: str
    met: Callable[[Patient], bool]
    option: str = ""  # a shorter wording as an option, where `says` would echo the stem's datum


def short(name: str) -> str:
    """A feature or drug name without its bracketed detail, as an option reads it."""
    return re.sub(r" \([^)]*\)", "", name)  # "a BTK (…) inhibitor" keeps "inhibitor"


def condition(ctx: QuizContext, cid: str) -> Requirement:
    """Any condition, by id, whether or not a label sets it. KeyError for an unknown one."""
    course = ctx.course
    kind, _, arg = cid.partition(":")
    match kind:
        case "disease":
            name = course.disease(arg).name
            return Requirement(cid, f"A diagnosis of {name}", lambda p: p.disease == arg)
        case "age-min":
            n = int(arg)
            return Requirement(cid, f"An age of {n} years or older", lambda p: p.age >= n)
        case "age-max":
            n = int(arg)
            return Requirement(cid, f"An age of {n} years or younger", lambda p: p.age <= n)
        case "lines":
            n = int(arg)
            noun = "line" if n == 1 else "lines"
            return Requirement(
                cid, f"At least {n} earlier {noun} of systemic therapy", lambda p: p.lines >= n
            )
        case "contraindicated":
            name = course.feature(arg).name
            return Requirement(cid, f"Not carrying {name}", lambda p: arg not in p.features)
        case "not-for":
            name = course.feature(arg).name
            return Requirement(cid, f"Not {name}", lambda p: arg not in p.features)
        case "course":
            return Requirement(cid, cap(COURSE_TEXT[arg]), lambda p: course_fits(arg, p))
        case "transplant-ineligible":
            return Requirement(cid, cap(TRANSPLANT_INELIGIBLE), lambda p: not p.transplant_eligible)
        case "received":
            name = short(course.drug_class(arg).name)
            return Requirement(cid, f"Earlier treatment with {name}", lambda p: arg in p.received)
        case "refractory-to":
            name = short(course.drug_class(arg).name)
            return Requirement(
                cid, f"Disease refractory to {name}", lambda p: arg in p.refractory_to
            )
        case "without":
            # a tumor without a marker: no label sets it, so it is offered as a candidate that
            # shares the stem's datum with the key (item review 3 #52)
            name = short(course.feature(arg).name)
            return Requirement(cid, f"A tumor without the {name}", lambda p: arg not in p.features)
        case "feature":
            f = course.feature(arg)
            says = f"Carrying {f.name}" if f.kind == "hla" else cap(short(f.name))
            return Requirement(cid, says, lambda p: arg in p.features)
    raise KeyError(f"no condition {cid!r}")


def requirements(ctx: QuizContext, ind: Indication, route: Route) -> list[Requirement]:
    """Every condition of one route of an indication, from the label data."""
    course = ctx.course
    ids = [f"disease:{ind.disease}"]
    ids += [f"age-min:{ind.age_min}"] if ind.age_min is not None else []
    ids += [f"age-max:{ind.age_max}"] if ind.age_max is not None else []
    ids += [f"contraindicated:{f}" for f in ind.contraindicated]
    ids += [f"not-for:{f}" for f in ind.not_for]
    ids += [f"course:{route.course}"] if route.course else []
    ids += [f"lines:{route.lines_min}"] if route.lines_min else []
    ids += ["transplant-ineligible"] if route.transplant_ineligible else []
    ids += [f"received:{d}" for d in route.received]
    ids += [f"refractory-to:{d}" for d in route.refractory_to]
    ids += [f"feature:{f}" for f in route.features]
    found = [condition(ctx, i) for i in ids]
    if route.features_any:
        names = [course.feature(f).name for f in route.features_any]
        found.append(
            Requirement(
                "features-any",
                "An HLA type the label names"
                if _all_hla(ctx, route.features_any)
                else "One of " + listing(names).replace(" and ", " or "),
                lambda p, fs=tuple(route.features_any): bool(set(fs) & p.features),
            )
        )
    for rule in route.if_feature:
        drugs = listing([short(course.drug_class(d).name) for d in rule.received])
        named = listing([course.drug_class(d).name for d in rule.received])
        marker = short(course.feature(rule.feature).name)
        found.append(
            Requirement(
                f"if:{rule.feature}",
                # the label's own shape: a condition only where the tumor has the marker
                f"Earlier treatment with {named} where the tumor has the {marker}",
                lambda p, r=rule: (
                    r.feature not in p.features or all(d in p.received for d in r.received)
                ),
                f"Earlier treatment with {drugs}",
            )
        )
    return found


def _all_hla(ctx: QuizContext, features: list[str]) -> bool:
    return all(ctx.course.feature(f).kind == "hla" for f in features)


def near_misses(ctx: QuizContext, therapy_id: str, v: Vignette) -> set[str]:
    """The conditions by which a label just misses this patient: for each route of the therapy's
    indications for the patient's disease that fails on exactly one condition, that condition."""
    p = common.patient(v)
    found = set()
    for ind in patient_indications(ctx, therapy_id, v):
        for route in ind.routes:
            unmet = [q.id for q in requirements(ctx, ind, route) if not q.met(p)]
            if len(unmet) == 1:
                found.add(unmet[0])
    return found


def indication_for(ctx: QuizContext, therapy_id: str, disease: str) -> Indication | None:
    """The therapy's indication for this disease (the one that admits, or the first)."""
    found = [i for i in ctx.course.therapy(therapy_id).indications if i.disease == disease]
    return found[0] if found else None


def patient_indications(ctx: QuizContext, therapy_id: str, v: Vignette) -> list[Indication]:
    return [i for i in ctx.course.therapy(therapy_id).indications if i.disease == v.patient.disease]


def label_page(ctx: QuizContext, therapy_id: str, ind: Indication | None) -> str:
    therapy = ctx.course.therapy(therapy_id)
    file = "products" if hasattr(therapy, "trials") else "solid_tumors"
    anchor = f"{therapy_id}-for-{ind.id}" if ind else "who-can-receive"
    return ctx.page(ctx.module_of(file), anchor)


def label_source(ctx: QuizContext, therapy_id: str, ind: Indication | None) -> str:
    therapy = ctx.course.therapy(therapy_id)
    base = "products" if hasattr(therapy, "trials") else "solid_tumors.approved"
    return f"{base}.{therapy_id}.indications" + (f".{ind.id}" if ind else "")


def marker(name: str) -> str:
    return short(name).removesuffix(" expressed by the tumor")


def object_pronoun(v: Vignette) -> str:
    return {"she": "her", "he": "him"}[pronoun(v)]
