"""Clinical cases drawn from content structure: a patient, a product approved for their disease,
a time after infusion, findings of one complication. Every case records what it was drawn from
(`Case`), so a test can check it is consistent; every option says why it is right or wrong."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.model_topics import Complication, InfectionWindow
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Case, Item, Option
from .registry import generator
from .wording import cap, listing


@dataclass(frozen=True)
class Patient:
    """A patient for a case: who they are, their disease and the product they received."""

    who: str
    disease: str
    product: str
    product_id: str
    disease_id: str
    young: bool

    def opening(self) -> str:
        return f"{self.who} with {self.disease} received {self.product}."


def car_patients(ctx: QuizContext, targets: list[str] = ()) -> list[Patient]:
    """One patient per approved product and indication, optionally only for some antigens."""
    course, found = ctx.course, []
    for p in course.products.products:
        if targets and p.target not in targets:
            continue
        for i in p.trials:
            young = bool(i.population and "pediatric" in i.population)
            who = "A young person" if young else "An adult"
            found.append(
                Patient(who, course.disease(i.disease).name, p.inn, p.id, i.disease, young)
            )
    return found


def _choose(options: list[Option], k: int, key: str) -> tuple[Option, ...]:
    """The right option(s) and up to k wrong ones, picked and ordered by a shuffle seeded with the
    item's key, so the key's place says nothing and the item reads the same on every run."""
    right = [o for o in options if o.correct]
    wrong = sorted(
        (o for o in options if not o.correct), key=lambda o: make.stable_rank(f"{key}:{o.text}")
    )[:k]
    return tuple(sorted(right + wrong, key=lambda o: make.stable_rank(f"{key}:order:{o.text}")))


def _sample(values: list[str], n: int, key: str) -> list[str]:
    picked = sorted(values, key=lambda v: make.stable_rank(f"{key}:{v}"))[:n]
    return [v for v in values if v in picked]  # keep the content's order


def _complications(ctx: QuizContext) -> list[Complication]:
    return list(ctx.course.adverse_effects.complications)


def _page(ctx: QuizContext, section: str) -> str:
    return ctx.page(ctx.module_of("adverse_effects"), section)


_DAYS = {"days": 1, "months": 30, "years": 365}  # a window in days, for a case's day
_VARIANTS = (
    4  # patients per case family: enough to vary an attempt, few enough to keep the bank honest
)


def _patients_for(ctx: QuizContext, c: Complication, key: str) -> list[Patient]:
    if "car-t" in c.therapies:
        found = car_patients(ctx, c.targets)
    else:
        kinds = set(c.therapies)
        found = [
            Patient(
                "An adult",
                ctx.course.disease(a.indications[0].disease).name,
                f"{a.inn} followed by high-dose interleukin 2",
                a.id,
                a.id,
                False,
            )
            for a in ctx.course.solid_tumors.approved
            if a.kind in kinds and a.kind == "til"
        ]
    return sorted(found, key=lambda p: make.stable_rank(f"{key}:{p.product_id}:{p.disease_id}"))[
        :_VARIANTS
    ]


def case_day(ctx: QuizContext, c: Complication) -> int | None:
    """A day for a late complication: a fortnight past the content's own threshold."""
    placeholders = re.findall(r"\{([^}]+)\}", c.timing)
    if c.phase != "late" or not placeholders:
        return None
    q = ctx.course.facts[placeholders[0]].value
    return int((q.high if q.is_range else q.value) * _DAYS[q.unit]) + 15


def _when(c: Complication, day: int | None) -> str:
    """How a stem says when: the phase, never the complication's own timing words."""
    if day is not None:
        return f"On day {day} after the infusion"
    return (
        "During the interleukin 2 course"
        if "car-t" not in c.therapies
        else "Shortly after the infusion"
    )


def _picture(ctx: QuizContext, c: Complication, key: str) -> tuple[list[str], int | None, str]:
    """The findings a case shows (the hallmarks and some others), its day, and the sentence."""
    findings = c.hallmarks + _sample(c.findings, 2, key)
    day = case_day(ctx, c)
    verb = "their counts have not recovered:" if c.phase == "late" else "they develop"
    return findings, day, f"{_when(c, day)}, {verb} {listing(findings)}."


@generator
def syndrome_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which complication is this? Hallmarks always, findings of one complication only."""
    complications = _complications(ctx)
    for c in complications:
        for patient in _patients_for(ctx, c, bp.id):
            key = f"{c.id}:{patient.product_id}:{patient.disease_id}"
            findings, day, picture = _picture(ctx, c, key)
            options = [
                Option.of(
                    cap(o.name),
                    o.id == c.id,
                    f"Right: {listing(findings)} are features of {c.name}, {ctx.plain(c.timing)}."
                    if o.id == c.id
                    else (
                        f"That picture belongs to {o.name}: {listing(o.hallmarks + o.findings)}, "
                        f"{ctx.plain(o.timing)}."
                    ),
                )
                for o in complications
            ]
            mimic = f" {ctx.plain(c.mimic.text)}" if c.mimic else ""
            yield Item(
                type="single",
                options=_choose(options, 3, key),
                case=Case(patient.product_id, patient.disease_id, c.id, tuple(findings), day),
                **make.base(
                    ctx,
                    bp,
                    key,
                    stem=f"{patient.opening()} {picture} Which complication is this?",
                    explanation=(
                        f"The features of {c.name} are {listing(c.hallmarks + c.findings)}, "
                        f"{ctx.plain(c.timing)}. This patient has {listing(findings)}.{mimic}"
                    ),
                    refs=c.refs,
                    source=f"adverse_effects.complications.{c.id}",
                    family=f"case:syndrome:{c.id}",
                    page=_page(ctx, c.section),
                ),
            )


def _ordinal(n: int) -> str:
    return ("first", "second", "third", "fourth")[n] if n < 4 else f"{n + 1}th"


def _treatment_options(ctx: QuizContext, c: Complication, n: int) -> list[Option]:
    """Every distinct treatment in the content not yet tried in this case, with feedback written
    for it: where each belongs. One option per drug, so no two options converge."""
    key_step = c.management[n]
    options = [
        Option.of(cap(ctx.plain(key_step.treatment)), True, f"Right: {ctx.plain(key_step.note)}.")
    ]
    drugs = {key_step.agent}
    own = [(c, k, s) for k, s in enumerate(c.management)]
    others = [
        (o, k, s) for o in _complications(ctx) if o is not c for k, s in enumerate(o.management)
    ]
    for owner, k, step in own + others:
        if step.agent is not None and step.agent in drugs:
            continue  # steps without a drug (supportive care) are each their own treatment
        drugs.add(step.agent)
        if owner is c and k < n:
            # The stem names it as tried and failed: as an option it would be a giveaway.
            continue
        text = cap(ctx.plain(step.treatment))
        if owner is c:
            why = f"That comes later for {c.name}: {ctx.plain(step.note)}."
        else:
            why = f"That is the {_ordinal(k)} step for {owner.name}, not for {c.name}."
        options.append(Option.of(text, False, why))
    mentioned = " ".join(ctx.plain(s.treatment) for s in c.management).lower()
    for agent in ctx.course.adverse_effects.agents:  # drugs the review names that no step uses
        if agent.id not in drugs and agent.name.split(" (")[0].lower() not in mentioned:
            options.append(Option.of(cap(agent.name), False, f"Not a step here: {agent.role}."))
    return options


@generator
def first_line_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Recognize the complication from the picture, then choose what comes first for it."""
    for c in _complications(ctx):
        if not c.management:
            continue
        first = c.management[0]
        for patient in _patients_for(ctx, c, bp.id):
            key = f"{c.id}:{patient.product_id}:{patient.disease_id}"
            findings, day, picture = _picture(ctx, c, key)
            mimic = f" {ctx.plain(c.mimic.text)}" if c.mimic else ""
            yield Item(
                type="single",
                options=_choose(_treatment_options(ctx, c, 0), 3, key),
                case=Case(patient.product_id, patient.disease_id, c.id, tuple(findings), day),
                **make.base(
                    ctx,
                    bp,
                    key,
                    stem=(
                        f"{patient.opening()} {picture}{mimic} "
                        "Which treatment comes first for the complication this suggests?"
                    ),
                    explanation=(
                        f"The picture is {c.name}. {cap(ctx.plain(first.treatment))} comes first: "
                        f"{ctx.plain(first.note)}."
                    ),
                    refs=tuple(sorted({*c.refs, *first.refs})),
                    source=f"adverse_effects.complications.{c.id}.management.0",
                    family=f"case:first-line:{c.id}",
                    page=_page(ctx, c.section),
                ),
            )


def _asked_next(ctx: QuizContext, c: Complication, n: int) -> bool:
    """A next step is asked only where the content makes it unambiguous: a different drug from
    those already tried, and an established one (an off-label step is never the one right
    answer)."""
    step = c.management[n]
    agents = {a.id: a for a in ctx.course.adverse_effects.agents}
    tried = {s.agent for s in c.management[:n]}
    return step.agent not in tried and step.agent in agents and agents[step.agent].established


@generator
def next_line_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The next step when the previous one has not worked."""
    for c in _complications(ctx):
        for n in range(1, len(c.management)):
            if not _asked_next(ctx, c, n):
                continue
            step, tried = c.management[n], c.management[:n]
            given = " and then ".join(ctx.plain(s.treatment) for s in tried)
            caveat = f" {ctx.plain(c.caveat.text)}" if c.caveat else ""
            for patient in _patients_for(ctx, c, bp.id):
                key = f"{c.id}:{n}:{patient.product_id}:{patient.disease_id}"
                yield Item(
                    type="single",
                    options=_choose(_treatment_options(ctx, c, n), 3, key),
                    case=Case(patient.product_id, patient.disease_id, c.id, ()),
                    **make.base(
                        ctx,
                        bp,
                        key,
                        stem=(
                            f"{patient.opening()} They are being treated for {c.name} "
                            f"with {given}, but it is not settling. "
                            "What does the review give as the next step?"
                        ),
                        explanation=(
                            f"After {given}, the next step for {c.name} is "
                            f"{ctx.plain(step.treatment)}: {ctx.plain(step.note)}.{caveat}"
                        ),
                        refs=tuple(sorted({*step.refs, *(c.caveat.refs if c.caveat else ())})),
                        source=f"adverse_effects.complications.{c.id}.management.{n}",
                        family=f"case:next-line:{c.id}:{n}",
                        page=_page(ctx, c.section),
                    ),
                )


# --- infections by time since infusion ------------------------------------------------------
def window_days(ctx: QuizContext, placeholder: str) -> int:
    q = ctx.course.facts[placeholder.strip("{}")].value
    return int(q.value * _DAYS[q.unit])


def fits(ctx: QuizContext, w: InfectionWindow, day: int) -> bool:
    """Does the review place this kind of infection at `day`: inside its usual period, or, for a
    kind with no period, beyond the time the review says it may still occur?"""
    if w.mostly_within:
        return day <= window_days(ctx, w.mostly_within)
    return day > window_days(ctx, w.still_after)


def likeliest(ctx: QuizContext, day: int) -> list[InfectionWindow]:
    """The kinds the review places at `day`; a case is asked only where exactly one is."""
    return [w for w in ctx.course.adverse_effects.infection_windows if fits(ctx, w, day)]


def wrong_at(ctx: QuizContext, day: int) -> list[InfectionWindow]:
    """The kinds that are wrong at `day` by the review's timing: those whose usual period is over.
    A kind the review gives no period (viral) is never wrong: nothing rules it out on any day."""
    return [
        w
        for w in ctx.course.adverse_effects.infection_windows
        if w.mostly_within and not fits(ctx, w, day)
    ]


def case_days(ctx: QuizContext) -> list[int]:
    """One day inside each stretch between window bounds, well clear of the bounds themselves."""
    bounds = sorted(
        {
            window_days(ctx, w.mostly_within or w.still_after)
            for w in ctx.course.adverse_effects.infection_windows
        }
    )
    edges = [0, *bounds, bounds[-1] * 2]
    return [(a + b) // 2 for a, b in zip(edges, edges[1:], strict=False)]


def _window_text(ctx: QuizContext, w: InfectionWindow) -> str:
    return (
        f"occurs mostly within {ctx.plain(w.mostly_within)} of infusion"
        if w.mostly_within
        else "has no usual period: the review notes only that it may still occur more than "
        f"{ctx.plain(w.still_after)} after infusion"
    )


def _infection_why(ctx: QuizContext, w: InfectionWindow, answer: InfectionWindow, day: int) -> str:
    if w is not answer:
        return f"By the review, {w.name} {_window_text(ctx, w)}, a period day {day} is past."
    if w.mostly_within:
        return (
            f"Right: by the review, {w.name} {_window_text(ctx, w)}, which still covers day {day}."
        )
    return f"Right: by the review, {w.name} {_window_text(ctx, w)}; day {day} is later than that."


@generator
def infection_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which infection the review's timing places at this day. Asked only on a day the review
    places exactly one kind, with only kinds it rules out as wrong options, so one key is
    defensible; the stem and feedback say that timing narrows the search and no more."""
    # one per product
    patients = list({p.product_id: p for p in car_patients(ctx, ["cd19"])}.values())
    for day in case_days(ctx):
        found = likeliest(ctx, day)
        if len(found) != 1:
            continue  # the content cannot single out one kind at this day: ask nothing
        answer = found[0]
        choices = [answer, *wrong_at(ctx, day)]
        if len(choices) < 3:
            continue
        for patient in patients[:_VARIANTS]:
            key = f"{day}:{patient.product_id}"
            options = [
                Option.of(cap(w.name), w is answer, _infection_why(ctx, w, answer, day))
                for w in choices
            ]
            ask = (
                "Of these, which is the only one whose usual period after infusion, as the review "
                f"gives it, still includes day {day}?"
                if answer.mostly_within
                else "Of these, which is the only one the review places this long after infusion?"
            )
            yield Item(
                type="single",
                options=_choose(options, 3, key),
                case=Case(patient.product_id, patient.disease_id, answer.id, (), day),
                **make.base(
                    ctx,
                    bp,
                    key,
                    stem=(
                        f"{patient.opening()} On day {day} after infusion they have a fever, and "
                        f"an infection is suspected. {ask}"
                    ),
                    explanation=(
                        f"By the review's timing, {answer.name} {_window_text(ctx, answer)}. "
                        "Timing only narrows the search: "
                        "it does not say which infection this patient has, "
                        "and every febrile patient needs a full work-up."
                    ),
                    refs=answer.refs,
                    source=f"adverse_effects.infection_windows.{answer.id}",
                    family=(answer.mostly_within or answer.still_after).strip("{}"),
                    page=_page(ctx, "infections"),
                ),
            )


# --- relapse, eligibility and solid tumors -------------------------------------------------------
@generator
def relapse_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """After a relapse of a given pattern, the approach the review gives the most support. The
    wrong options are approaches the review does not support for this relapse; another pattern's
    approach belongs to another disease or lineage and would be no real alternative."""
    ch = ctx.course.challenges
    for pattern in ch.relapse_patterns:
        options = [Option.of(cap(pattern.next), True, f"Right: {pattern.note}.")]
        options += [
            Option.of(cap(s.text), False, f"Not supported: {s.note}.")
            for s in ch.poor_salvage
            if pattern.antigen_lost or not s.when_antigen_lost
        ]
        patients = [
            p for p in car_patients(ctx, [pattern.after_target]) if p.disease_id == pattern.disease
        ]
        for patient in patients[:_VARIANTS]:
            key = f"{pattern.id}:{patient.product_id}"
            yield Item(
                type="single",
                options=_choose(options, 3, key),
                case=Case(patient.product_id, patient.disease_id, pattern.id, (pattern.finding,)),
                **make.base(
                    ctx,
                    bp,
                    key,
                    stem=(
                        f"{patient.opening()} It responded, but months later {pattern.finding}. "
                        "Which next step has the most support in the review?"
                    ),
                    explanation=(
                        f"{cap(pattern.next)}: {pattern.note}. It is investigational, "
                        "so it means a referral to a trial. "
                        "Checkpoint inhibitors have done poorly after CAR T-cell failure."
                    ),
                    refs=pattern.refs,
                    source=f"challenges.relapse_patterns.{pattern.id}",
                    family=f"case:relapse:{pattern.id}",
                    page=ctx.page(ctx.module_of("challenges"), "after-relapse"),
                ),
            )
