"""A vignette's stem, rendered from its data: who the patient is, what they received and when,
the story, vital signs, neurological findings and labs. Numbers come only from the data fields,
so what a learner reads is what the checks test."""

from __future__ import annotations

from ...content import formatting
from ...content.model_vignettes import Vignette
from ..context import QuizContext
from ..wording import cap, listing
from . import findings

_PRONOUN = {"woman": "she", "girl": "she", "man": "he", "boy": "he"}


def pronoun(v: Vignette) -> str:
    return _PRONOUN[v.patient.sex]


def _number(value: float) -> str:
    return formatting.number(int(value) if float(value).is_integer() else value)


def course_words(p) -> str:
    """The disease's course as the stem words it ("that did not respond to its latest
    treatment", "in first relapse"); empty where the case gives none."""
    if p.early_first_line_failure and p.lines == 1:
        return (
            "that did not respond to first-line chemoimmunotherapy"
            if p.refractory
            else "that relapsed within a year of first-line chemoimmunotherapy"
        )
    if p.refractory:
        return "that did not respond to its latest treatment"
    if p.relapses:
        return {1: "in first relapse", 2: "in second relapse"}.get(p.relapses, "in a later relapse")
    return ""


def history(ctx: QuizContext, v: Vignette) -> str:
    """The disease and its course, in the terms a label reads it."""
    p = v.patient
    disease = ctx.course.disease(p.disease).name
    parts = [course_words(p)] if course_words(p) else []
    if p.lines:
        lines = "line" if p.lines == 1 else "lines"
        received = [ctx.course.drug_class(d).name for d in p.received]
        if "lenalidomide" in p.received and "immunomodulatory-agent" in p.received:
            # lenalidomide is the immunomodulatory agent, not a second drug
            received.remove(ctx.course.drug_class("immunomodulatory-agent").name)
            received = [
                f"{r} (an immunomodulatory agent)" if r == "lenalidomide" else r for r in received
            ]
        including = f", including {listing(received)}" if received else ""
        parts.append(f"after {p.lines} prior {lines} of systemic therapy{including}")
    if p.refractory_to:
        names = [ctx.course.drug_class(d).name for d in p.refractory_to]
        parts.append(f"refractory to {listing(names)}")
    text = f"{disease} " + ", ".join(parts) if parts else disease
    if p.history:
        text += f" ({p.history})"
    if not p.transplant_eligible:
        text += ", judged unfit for a stem cell transplant"
    return text


def opening(ctx: QuizContext, v: Vignette) -> str:
    p = v.patient
    weight = f" weighing {_number(p.weight_kg)} kg" if p.weight_kg else ""
    marks = _features(ctx, v)
    who = f"A {p.age}-year-old {p.sex}{weight} has {history(ctx, v)}.{marks}"
    therapy = ctx.course.therapy(v.therapy).inn
    if v.considered and v.asks == "products":  # which product is the question: name none
        return f"{who} {cap(pronoun(v))} is being considered for CAR T-cell therapy."
    if v.considered:
        return f"{who} {cap(pronoun(v))} is being considered for {therapy}."
    when = f" It is day {v.day} after the infusion." if v.day is not None else ""
    return f"{who} {cap(pronoun(v))} received {therapy}.{when}"


def _features(ctx: QuizContext, v: Vignette) -> str:
    """HLA types and tumor markers the patient has, as tests report them."""
    hla = [ctx.course.feature(f).name for f in v.patient.features if f.startswith("hla-")]
    hla += list(v.patient.other_hla)
    markers = [
        ctx.course.feature(f).name
        for f in v.patient.features
        if not f.startswith("hla-") and ctx.course.feature(f).kind == "tumor marker"
    ]
    stage = [
        ctx.course.feature(f).name
        for f in v.patient.features
        if ctx.course.feature(f).kind == "stage"
    ]
    text = f" Staging: {listing(stage)}." if stage else ""
    text += f" HLA typing shows {listing(hla)}." if hla else ""
    absent = [ctx.course.feature(f).name.split(" (")[0] for f in v.patient.lacks]
    absent = [a.removesuffix(" expressed by the tumor") for a in absent]
    tests = markers + [f"no {a}" for a in absent]
    if tests:
        text += f" Tumor tests: {listing(tests)}."
    return text


def vitals(ctx: QuizContext, v: Vignette) -> str:
    s = v.vitals
    if s is None:
        return ""
    bp = f"blood pressure {s.systolic}/{s.diastolic} mm Hg"
    if s.after_fluids and s.pressors:
        bp += f" despite a fluid bolus, on {listing(list(s.pressors))}"
    elif s.after_fluids:  # the low reading; a bolus brought it up without a vasopressor
        bp += " at its lowest, rising with a fluid bolus"
    elif s.pressors:
        bp += f" on {listing(list(s.pressors))}"
    if s.device == "room air":
        air = "on room air"
    elif s.flow is not None:
        air = f"on oxygen at {_number(s.flow)} L/min by {s.device}"
    else:
        air = f"on {s.device}"
    rr = f", respiratory rate {s.respiratory_rate} a minute" if s.respiratory_rate else ""
    treated = " (after antipyretics and anticytokine treatment)" if s.fever_treated else ""
    return (
        f"Temperature {_number(s.temperature)} °C{treated}, {bp}, heart rate {s.heart_rate} a "
        f"minute{rr}, oxygen saturation {s.spo2}% {air}."
    )


def neuro(ctx: QuizContext, v: Vignette) -> str:
    n = v.neuro
    if n is None:
        return ""
    scale, ice = ctx.course.grading.icans, ctx.course.grading.ice
    parts = []
    if n.cannot_do_ice:
        parts.append(f"{cap(pronoun(v))} cannot be roused to attempt the ICE tasks")
    else:
        score = findings.ice_score(ctx, v)
        tasks = {t.id: t.text.split(":")[0].lower() for t in ice.tasks}
        lost = [f"{tasks[t]} ({k} of {_points(ctx, t)})" for t, k in n.ice_lost.items()]
        missed = f", losing points on {listing(lost)}" if lost else ", with every task done"
        when = f" {n.ice_when}" if n.ice_when else ""
        parts.append(f"ICE score {score} of {ice.maximum}{when}{missed}")
    if n.awake_aphasic:
        parts.append(f"{pronoun(v)} is awake but cannot speak or understand speech")
    if n.consciousness != "alert" and not n.cannot_do_ice:
        level = scale.domain("consciousness").level(n.consciousness)
        now = " now" if n.ice_when else ""  # the ICE score was taken earlier
        parts.append(f"{pronoun(v)}{now} {level.seen or level_text(ctx, level)}")
    elif n.consciousness == "alert" and not n.awake_aphasic:
        parts.append(f"{pronoun(v)} is alert")
    # Seizures, weakness and brain swelling are told in the story, in words: the scale's own
    # definitions in the stem would hand the learner the grade.
    return cap("; ".join(parts)) + "."


def _points(ctx: QuizContext, task_id: str) -> int:
    return next(t.points for t in ctx.course.grading.ice.tasks if t.id == task_id)


def _level(ctx: QuizContext, scale, domain: str, level_id: str) -> str:
    return level_text(ctx, scale.domain(domain).level(level_id))


def level_text(ctx: QuizContext, level) -> str:
    """A grading level's words with its numbers filled in."""
    return ctx.plain(level.text, level)


_LABS = (
    ("neutrophils", "neutrophils", "×10⁹/L"),
    ("platelets", "platelets", "×10⁹/L"),
    ("hemoglobin", "hemoglobin", "g/dL"),
    ("crp", "C-reactive protein", "mg/L"),
    ("ferritin", "ferritin", "ng/mL"),
    ("igg", "IgG", "g/L"),
    ("creatinine", "creatinine", "mg/dL"),
    ("b_cells", "CD19-positive B cells", "per µL"),
)


def labs(v: Vignette) -> str:
    if v.labs is None:
        return ""
    parts = [
        f"{name} {_number(getattr(v.labs, field))} {unit}"
        for field, name, unit in _LABS
        if getattr(v.labs, field) is not None
    ]
    if v.labs.blasts is not None:
        parts.append(f"marrow blasts {_number(v.labs.blasts)}%")
    return f"Laboratory tests: {', '.join(parts)}." if parts else ""


def stem(ctx: QuizContext, v: Vignette, question: str) -> str:
    """The whole stem: opening, story, data, other findings, and the question."""
    extra = f"Also: {listing(v.findings)}." if v.findings else ""
    pieces = [opening(ctx, v), v.story, vitals(ctx, v), neuro(ctx, v), labs(v), extra, question]
    return " ".join(" ".join(p.split()) for p in pieces if p)
