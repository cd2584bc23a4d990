"""Who a label admits, for a stated patient: which approved therapies the label allows, or which
of a therapy's conditions the patient does not meet. Keys come from the one eligibility function
(build_tools/rules/eligibility.py) over the label data; the build fails where a vignette's key
disagrees with it, or an unsettled verdict would be keyed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ...content.model_products import Indication, Route
from ...content.model_vignettes import Vignette
from ...pages.labels import _COURSE as COURSE_TEXT
from ...pages.labels import TRANSPLANT_INELIGIBLE
from ...rules.eligibility import Patient, assess, course_fits
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from ..wording import cap, in_sentence, listing
from . import common
from .render import course_words, pronoun


@dataclass(frozen=True)
class Requirement:
    """One condition a label may set, as an option reads it, and whether a patient meets it. Its
    id says what it is and with which value ("lines:2", "received:pd1-antibody"), so a condition
    on one label can be offered, as a condition it does not set, in a question about another."""

    id: str
    says: str
    met: Callable[[Patient], bool]
    option: str = ""  # a shorter wording as an option, where `says` would echo the stem's datum


def _short(name: str) -> str:
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
            name = _short(course.drug_class(arg).name)
            return Requirement(cid, f"Earlier treatment with {name}", lambda p: arg in p.received)
        case "refractory-to":
            name = _short(course.drug_class(arg).name)
            return Requirement(
                cid, f"Disease refractory to {name}", lambda p: arg in p.refractory_to
            )
        case "without":
            # a tumor without a marker: no label sets it, so it is offered as a candidate that
            # shares the stem's datum with the key (item review 3 #52)
            name = _short(course.feature(arg).name)
            return Requirement(cid, f"A tumor without the {name}", lambda p: arg not in p.features)
        case "feature":
            f = course.feature(arg)
            says = f"Carrying {f.name}" if f.kind == "hla" else cap(_short(f.name))
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
        drugs = listing([_short(course.drug_class(d).name) for d in rule.received])
        marker = _short(course.feature(rule.feature).name)
        found.append(
            Requirement(
                f"if:{rule.feature}",
                f"Earlier treatment with {drugs} for the {marker}",
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
    for ind in _patient_indications(ctx, therapy_id, v):
        for route in ind.routes:
            unmet = [q.id for q in requirements(ctx, ind, route) if not q.met(p)]
            if len(unmet) == 1:
                found.add(unmet[0])
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
    # barrier: one unmet condition of a single-route indication, offered among conditions the
    # patient does not meet either but the label does not set, so only knowing the label finds it
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
        try:
            offered = condition(ctx, b)
        except (KeyError, ValueError):
            found.append(common.issue(ctx, i, f"wrong_barriers.{n}", f"no condition {b!r}"))
            continue
        if b in reqs:
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_barriers.{n}",
                    f"{b!r} is a condition of this label: offer only conditions it does not set",
                )
            )
        elif b.startswith("course:") and not _course_of_disease(ctx, b, v.patient.disease):
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_barriers.{n}",
                    f"{b!r} is a disease course no label sets for this patient's disease: the "
                    "case cannot settle it (a refractory leukemia is not 'first-line "
                    "chemoimmunotherapy failure'), so do not offer it",
                )
            )
        elif offered.met(p):
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_barriers.{n}",
                    f"the patient meets {b!r}: an option matched against the stem gives itself "
                    "away, so offer only conditions the patient does not meet",
                )
            )
    room = OPTIONS - 1 - len(met_offered(reqs, v, p))
    if not 1 <= len(v.wrong_barriers) <= room:
        found.append(
            common.issue(
                ctx,
                i,
                "wrong_barriers",
                f"give 1 to {room} conditions the label does not set (beside the unmet one, the "
                f"item offers {OPTIONS - 1 - room} label conditions the patient meets)",
            )
        )
    return found


def _course_of_disease(ctx: QuizContext, cid: str, disease: str) -> bool:
    """Some label sets this disease course for the disease: only then can a case of that disease
    be read against it."""
    course = cid.partition(":")[2]
    return any(
        r.course == course
        for _, ind in ctx.course.approved_uses()
        if ind.disease == disease
        for r in ind.routes
    )


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
        source=_source(ctx, v.eligible[0], inds[0] if inds else None),
        page=_page(ctx, v.eligible[0], inds[0] if inds else None),
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
                f" {inn}, not offered here, also has a label for {disease}. {found.reasons[0]}"
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


# Label conditions the patient meets, offered beside the unmet one so that the learner checks
# the patient against each (item review 5a: with only the unmet one on the label, the case was
# not needed). Most telling first: a drug or marker found in the history before an age or course.
MET_ORDER = (
    "received",
    "refractory-to",
    "features-any",
    "contraindicated",
    "feature",
    "if",
    "lines",
    "transplant-ineligible",
    "course",
    "age-min",
    "age-max",
    "not-for",
)
MET_OFFERED = 2
OPTIONS = 4


def met_offered(reqs: dict[str, Requirement], v: Vignette, p: Patient) -> list[str]:
    """The label conditions the patient meets that the item offers as wrong options."""
    met = [
        cid
        for cid, q in reqs.items()
        if cid != v.barrier and not cid.startswith("disease:") and q.met(p)
    ]
    return sorted(met, key=lambda cid: MET_ORDER.index(cid.partition(":")[0]))[:MET_OFFERED]


def _option(q: Requirement) -> str:
    return q.option or q.says


def _barrier(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
    ind = indication_for(ctx, v.therapy, v.patient.disease)
    reqs = {q.id: q for q in requirements(ctx, ind, ind.routes[0])}
    inn = ctx.course.therapy(v.therapy).inn
    disease = ctx.course.disease(ind.disease).name
    all_reqs = listing([in_sentence(q.says) for q in reqs.values()])
    key = reqs[v.barrier]
    p = common.patient(v)
    met = met_offered(reqs, v, p)

    def why(cid: str) -> str:
        # A met condition is wrong by what the stem shows; a condition the label does not set is
        # wrong by the label alone, and a claim about the patient there would be one the stem
        # never gave.
        if cid == v.barrier:
            return (
                f"Right: {cap(datum(ctx, v, cid))}. The label of {inn} for {disease} asks for "
                f"{in_sentence(key.says)}, and it is the one condition {pronoun(v)} does not meet."
            )
        if cid in met and cid.startswith("if:") and cid.partition(":")[2] not in p.features:
            marker = _short(ctx.course.feature(cid.partition(":")[2]).name)
            whose = {"she": "her", "he": "his"}[pronoun(v)]
            return (
                f"The label of {inn} for {disease} asks for this only for a tumor with the "
                f"{marker}, and {whose} tumor has none."
            )
        if cid in met:
            return (
                f"The label of {inn} for {disease} asks for this, and "
                f"{met_datum(ctx, v, ind, cid)}."
            )
        if cid.startswith("without:"):
            marker = _short(ctx.course.feature(cid.partition(":")[2]).name)
            return (
                f"The label of {inn} for {disease} admits a tumor with the {marker} too, once it "
                f"has had the treatment the label names for it; it asks for {all_reqs}."
            )
        return f"The label of {inn} for {disease} does not ask for this; it asks for {all_reqs}."

    offered = (v.barrier, *met, *v.wrong_barriers)
    options = [
        Option.of(_option(reqs[b] if b in reqs else condition(ctx, b)), b == v.barrier, why(b))
        for b in offered
    ]
    return common.item(
        ctx,
        bp,
        v,
        question=f"Which of these keeps the label of {inn} for {disease} from admitting "
        f"{_object(v)}?",
        options=options,
        explanation=(
            f"The label of {inn} for {disease} asks for {all_reqs}. "
            f"{cap(datum(ctx, v, v.barrier))}, so {pronoun(v)} does not meet one of them: "
            f"{in_sentence(key.says)}. Of the other options, "
            + (
                f"{pronoun(v)} meets {listing([in_sentence(reqs[c].says) for c in met])}, and "
                if met
                else ""
            )
            + "the rest are not conditions of this label."
        ),
        source=_source(ctx, v.therapy, ind),
        page=_page(ctx, v.therapy, ind),
        sources=ctx.outside_all([ind]),
        about="barrier",
        fewer_options=(
            f"the label sets {len(met)} other conditions {pronoun(v)} meets and content gives "
            f"{len(v.wrong_barriers)} it does not set that a case of {disease} can be read against"
            if len(offered) < OPTIONS
            else ""
        ),
    )


def met_datum(ctx: QuizContext, v: Vignette, ind: Indication, cid: str) -> str:
    """What the stem shows that meets one condition, in a clause ("she has had lenalidomide")."""
    course, p, who = ctx.course, v.patient, pronoun(v)
    whose = {"she": "her", "he": "his"}[who]
    kind, _, arg = cid.partition(":")
    match kind:
        case "age-min" | "age-max":
            return f"{who} is {p.age}"
        case "lines":
            noun = "line" if p.lines == 1 else "lines"
            return f"{who} has had {p.lines} earlier {noun} of systemic therapy"
        case "received":
            return f"{who} has had {_short(course.drug_class(arg).name)}"
        case "refractory-to":
            return f"{whose} disease is refractory to {_short(course.drug_class(arg).name)}"
        case "contraindicated" | "not-for":
            return f"{who} does not carry {course.feature(arg).name}"
        case "feature":
            f = course.feature(arg)
            if f.kind == "hla":
                return f"{who} carries {f.name}"
            if f.kind == "stage":
                return f"{whose} disease is {f.name.removesuffix(' disease')}"
            return f"{whose} tumor tests show {_marker(f.name)}"
        case "features-any":
            carried = [
                course.feature(f).name for f in ind.routes[0].features_any if f in p.features
            ]
            return f"{who} carries {listing(carried)}, which the label names"
        case "if":
            return f"{who} has had the treatment it names"
        case "transplant-ineligible":
            return f"{who} is judged unfit for a stem cell transplant"
        case "course":  # in the stem's own words
            words = course_words(p)
            return f"{whose} disease " + (
                words.removeprefix("that ") if words.startswith("that ") else f"is {words}"
            )
    raise KeyError(cid)


def _marker(name: str) -> str:
    return _short(name).removesuffix(" expressed by the tumor")


def datum(ctx: QuizContext, v: Vignette, cid: str) -> str:
    """What the case shows about one condition, in a clause ("she has had 1 earlier line")."""
    course, p, who = ctx.course, v.patient, pronoun(v)
    whose = {"she": "her", "he": "his"}[who]
    kind, _, arg = cid.partition(":")
    match kind:
        case "age-min" | "age-max":
            return f"{who} is {p.age}"
        case "lines":
            noun = "line" if p.lines == 1 else "lines"
            return f"{who} has had {p.lines} earlier {noun} of systemic therapy"
        case "received":
            return f"{who} has not had {_short(course.drug_class(arg).name)}"
        case "refractory-to":
            return f"{whose} disease is not refractory to {_short(course.drug_class(arg).name)}"
        case "contraindicated":
            return f"{who} carries {course.feature(arg).name}"
        case "feature":
            f = course.feature(arg)
            if f.kind == "hla":
                return f"{who} does not carry {f.name}"
            return f"{whose} tumor does not show {_marker(f.name)}"
        case "features-any":
            return f"none of {whose} HLA types is one the label names"
        case "transplant-ineligible":
            return f"{who} is fit for a stem cell transplant"
        case "course":
            return f"{whose} disease is not {COURSE_TEXT[arg].removesuffix(' disease')}"
        case "if":
            return (
                f"{whose} tumor has a {_short(course.feature(arg).name)}, and {who} has not had "
                "the treatment the label asks for with it"
            )
        case "disease":
            return f"{who} does not have {course.disease(arg).name}"
    raise KeyError(cid)


def _object(v: Vignette) -> str:
    return {"she": "her", "he": "him"}[pronoun(v)]
