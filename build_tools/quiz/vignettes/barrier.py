"""Which label condition keeps a stated patient from a therapy: the unmet one, offered beside
label conditions the patient meets and conditions the label does not set, so the learner must
read both the label and the case. The build fails unless exactly one condition is unmet."""

from __future__ import annotations

from ...content.model_products import Indication
from ...content.model_vignettes import Vignette
from ...pages.labels import _COURSE as COURSE_TEXT
from ...rules.eligibility import Patient
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..wording import cap, in_sentence, listing
from . import common
from .conditions import (
    Requirement,
    condition,
    indication_for,
    label_page,
    label_source,
    marker,
    object_pronoun,
    requirements,
    short,
)
from .render import course_words, pronoun


def check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = []
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


def item(ctx: QuizContext, bp: Blueprint, v: Vignette) -> Item:
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
                f"Right: {cap(datum(ctx, v, ind, cid))}. The label of {inn} for {disease} asks for "
                f"{in_sentence(key.says)}, and it is the one condition {pronoun(v)} does not meet."
            )
        if cid in met and _vacuous(ctx, v, cid):
            marker = short(ctx.course.feature(cid.partition(":")[2]).name)
            whose = {"she": "her", "he": "his"}[pronoun(v)]
            return (
                f"The label of {inn} for {disease} asks for this only for a tumor with the "
                f"{marker}, and {whose} tumor has none."
            )
        if cid in met:
            return f"The label of {inn} for {disease} asks for this, and {datum(ctx, v, ind, cid)}."
        if cid.startswith("without:"):
            marker = short(ctx.course.feature(cid.partition(":")[2]).name)
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
        f"{object_pronoun(v)}?",
        options=options,
        explanation=(
            f"The label of {inn} for {disease} asks for {all_reqs}. "
            f"{cap(datum(ctx, v, ind, v.barrier))}, so {pronoun(v)} does not meet one of them: "
            f"{in_sentence(key.says)}. Of the other options, "
            + _met_clause(ctx, v, reqs, met)
            + "the rest are not conditions of this label."
        ),
        source=label_source(ctx, v.therapy, ind),
        page=label_page(ctx, v.therapy, ind),
        sources=ctx.outside_all([ind]),
        about="barrier",
        fewer_options=(
            f"the label sets {len(met)} other conditions {pronoun(v)} meets and content gives "
            f"{len(v.wrong_barriers)} it does not set that a case of {disease} can be read against"
            if len(offered) < OPTIONS
            else ""
        ),
    )


def _vacuous(ctx: QuizContext, v: Vignette, cid: str) -> bool:
    """A condition met only because it does not apply (a marker condition, and no marker)."""
    return cid.startswith("if:") and cid.partition(":")[2] not in v.patient.features


def _met_clause(ctx: QuizContext, v: Vignette, reqs: dict, met: list[str]) -> str:
    """ "she meets A and B, " or "the condition C does not apply, as her tumor has no M, "."""
    whose = {"she": "her", "he": "his"}[pronoun(v)]
    meets = [in_sentence(reqs[c].says) for c in met if not _vacuous(ctx, v, c)]
    parts = [f"{pronoun(v)} meets {listing(meets)}"] if meets else []
    for c in met:
        if _vacuous(ctx, v, c):
            name = short(ctx.course.feature(c.partition(":")[2]).name)
            parts.append(f"the condition on the {name} does not apply, as {whose} tumor has none")
    return "; ".join(parts) + (", and " if parts else "")


def datum(ctx: QuizContext, v: Vignette, ind: Indication, cid: str) -> str:
    """What the stem shows about one condition, met or not, in a clause ("she has had 1 earlier
    line of systemic therapy", "she has not had a PD-1 blocking antibody")."""
    course, p, who = ctx.course, v.patient, pronoun(v)
    whose = {"she": "her", "he": "his"}[who]
    kind, _, arg = cid.partition(":")
    met = condition_met(ctx, ind, cid, common.patient(v))
    has, is_ = ("has", "is") if met else ("has not", "is not")
    match kind:
        case "age-min" | "age-max":
            return f"{who} is {p.age}"
        case "lines":
            noun = "line" if p.lines == 1 else "lines"
            return f"{who} has had {p.lines} earlier {noun} of systemic therapy"
        case "received":
            return f"{who} {has} had {short(course.drug_class(arg).name)}"
        case "refractory-to":
            return f"{whose} disease {is_} refractory to {short(course.drug_class(arg).name)}"
        case "contraindicated" | "not-for":
            carries = "does not carry" if met else "carries"
            return f"{who} {carries} {course.feature(arg).name}"
        case "feature":
            f = course.feature(arg)
            if f.kind == "hla":
                return f"{who} {'carries' if met else 'does not carry'} {f.name}"
            if f.kind == "stage":
                return f"{whose} disease {is_} {f.name.removesuffix(' disease')}"
            shows = "tests show" if met else "does not show"
            return f"{whose} tumor {shows} {marker(f.name)}"
        case "features-any":
            if not met:
                return f"none of {whose} HLA types is one the label names"
            carried = [
                course.feature(f).name for f in ind.routes[0].features_any if f in p.features
            ]
            return f"{who} carries {listing(carried)}, which the label names"
        case "if":
            if met:
                return f"{who} has had the treatment it names"
            return (
                f"{whose} tumor has a {short(course.feature(arg).name)}, and {who} has not had "
                "the treatment the label asks for with it"
            )
        case "transplant-ineligible":
            fit = "judged unfit" if met else "fit"
            return f"{who} is {fit} for a stem cell transplant"
        case "course":
            if not met:
                return f"{whose} disease is not {COURSE_TEXT[arg].removesuffix(' disease')}"
            words = course_words(p)  # in the stem's own words
            return f"{whose} disease " + (
                words.removeprefix("that ") if words.startswith("that ") else f"is {words}"
            )
        case "disease":
            return f"{who} {'has' if met else 'does not have'} {course.disease(arg).name}"
    raise KeyError(cid)


def condition_met(ctx: QuizContext, ind: Indication, cid: str, p: Patient) -> bool:
    reqs = {q.id: q for q in requirements(ctx, ind, ind.routes[0])}
    return (reqs[cid] if cid in reqs else condition(ctx, cid)).met(p)
