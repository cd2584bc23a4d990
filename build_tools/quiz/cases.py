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
                    f"Right: {listing(c.hallmarks + c.findings)}, {ctx.plain(c.timing)}."
                    if o.id == c.id
                    else (
                        f"{cap(o.name)} shows as {listing(o.hallmarks + o.findings)}, "
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
                        f"{cap(c.name)} brings {listing(c.hallmarks + c.findings)}, "
                        f"{ctx.plain(c.timing)}; this patient has {listing(findings)}.{mimic}"
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
    return day <= window_days(ctx, w.within) if w.within else day > window_days(ctx, w.after)


def likeliest(ctx: QuizContext, day: int) -> list[InfectionWindow]:
    """The kinds whose usual window holds `day`; a case is asked only where exactly one does."""
    return [w for w in ctx.course.adverse_effects.infection_windows if fits(ctx, w, day)]


def case_days(ctx: QuizContext) -> list[int]:
    """One day inside each stretch between window bounds, well clear of the bounds themselves."""
    bounds = sorted(
        {
            window_days(ctx, w.within or w.after)
            for w in ctx.course.adverse_effects.infection_windows
        }
    )
    edges = [0, *bounds, bounds[-1] * 2]
    return [(a + b) // 2 for a, b in zip(edges, edges[1:], strict=False)]


def _window_text(ctx: QuizContext, w: InfectionWindow) -> str:
    return (
        f"occurs mostly within {ctx.plain(w.within)} of infusion"
        if w.within
        else f"can still occur more than {ctx.plain(w.after)} after infusion"
    )


@generator
def infection_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which infection's usual timing, as the review gives it, covers this day? Timing narrows the
    search; it never says which infection is likeliest, and the stem and feedback say so."""
    windows = ctx.course.adverse_effects.infection_windows
    # one per product
    patients = list({p.product_id: p for p in car_patients(ctx, ["cd19"])}.values())
    for day in case_days(ctx):
        found = likeliest(ctx, day)
        if len(found) != 1:
            continue  # the content cannot single out one kind at this day: ask nothing
        answer = found[0]
        for patient in patients[:_VARIANTS]:
            key = f"{day}:{patient.product_id}"
            options = [
                Option.of(
                    cap(w.name),
                    w is answer,
                    ("Right: by the review, it " if w is answer else f"{cap(w.name)} ")
                    + _window_text(ctx, w)
                    + ".",
                )
                for w in windows
            ]
            ask = (
                (
                    "Bacterial causes are being sought. By the timing the review gives, which of "
                    f"these infections occurs mostly in a period that still includes day {day}?"
                )
                if answer.within
                else (
                    "Which of these does the review note can still occur this long after treatment?"
                )
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
                        f"{patient.opening()} On day {day} after infusion they have a fever. {ask}"
                    ),
                    explanation=(
                        f"By the review's timing, {answer.name} {_window_text(ctx, answer)}, "
                        f"which covers day {day}. Timing only narrows the search: "
                        "it does not say which infection is likeliest, "
                        "and every febrile patient needs a full work-up."
                    ),
                    refs=answer.refs,
                    source=f"adverse_effects.infection_windows.{answer.id}",
                    family=(answer.within or answer.after).strip("{}"),
                    page=_page(ctx, "infections"),
                ),
            )


# --- relapse, eligibility and solid tumors -------------------------------------------------------
@generator
def relapse_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """After a relapse of a given pattern, the approach the review gives the most support.
    Another pattern's approach is a distractor only when it aims at a different lineage (CD22
    after CD19 loss is no wrong answer in lymphoma), so no distractor is a second right answer."""
    ch = ctx.course.challenges
    for pattern in ch.relapse_patterns:
        options = [Option.of(cap(pattern.next), True, f"Right: {pattern.note}.")]
        options += [
            Option.of(cap(o.next), False, f"That fits another relapse: {o.note}.")
            for o in ch.relapse_patterns
            if o.after_target != pattern.after_target
        ]
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


@generator
def tcr_eligibility(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Who can receive an HLA-restricted TCR product. The allele is the review's own example, so the
    target stays generic: pairing it with a real antigen would state a restriction the review does
    not."""
    tcr = next(t for t in ctx.course.therapy_types.therapy_types if t.hla_typing)
    allele = tcr.restricting_allele
    approved = [a for a in ctx.course.solid_tumors.approved if a.kind == tcr.id]
    for a in approved:
        disease = ctx.course.disease(a.indications[0].disease).name
        options = (
            Option.of(
                f"A patient who carries {allele} and whose tumor makes the target antigen",
                True,
                "Right: the patient carries the allele that presents the peptide, "
                "and the tumor makes the target.",
            ),
            Option.of(
                f"A patient who lacks {allele} but whose tumor makes the target antigen",
                False,
                f"Without {allele} the tumor cannot present the peptide to this receptor.",
            ),
            Option.of(
                f"A patient who carries {allele} but whose tumor lacks the target antigen",
                False,
                "The right HLA is not enough: the receptor has nothing to recognize.",
            ),
            Option.of(
                "Any patient whose tumor makes the antigen, whatever the HLA type",
                False,
                "That is true of a CAR, which binds surface proteins directly; "
                "a TCR sees its peptide only on HLA.",
            ),
        )
        yield Item(
            type="single",
            options=_choose(list(options), 3, a.id),
            case=Case(a.id, a.id, "hla_typing"),
            **make.base(
                ctx,
                bp,
                a.id,
                stem=(
                    f"A TCR T-cell product for {disease} recognizes a peptide of its target "
                    f"antigen presented by {allele}. Which patient could receive it?"
                ),
                explanation=(
                    f"For a TCR product, {tcr.hla_note}. The patient must carry {allele}, "
                    "and the tumor must make the target antigen."
                ),
                refs=(0,),
                source="facts.tcr-typing",
                family="therapy_types.hla_typing",
                page=ctx.page(ctx.module_of("therapy_types"), "hla-matching"),
            ),
        )


def _label(therapy) -> str:
    """The label's indication as quoted (the first, for a therapy with one)."""
    return " ".join(therapy.indications[0].wording.split())


@generator
def solid_therapy_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which approved cellular therapy fits a patient with a solid tumor; the other approved one and
    investigational receptors from Table 3 are the distractors."""
    course = ctx.course
    approved = course.solid_tumors.approved
    for a in approved:
        eligibility = ""
        if a.kind == "tcr-t":
            eligibility = (
                f"; the tumor makes {a.target.split(',')[0]}, and the patient carries the HLA type "
                "the receptor needs"
            )
        options = [
            Option.of(
                cap(o.inn),
                o is a,
                f"Right: approved for {_label(o)}."
                if o is a
                else f"{cap(o.inn)} is approved for {_label(o)}.",
            )
            for o in approved
        ]
        options += [
            Option.of(
                f"CAR T cells against {t.target}, outside a trial",
                False,
                f"Investigational: {t.first_author} {t.year} was an early-phase trial, "
                "and no such product is approved.",
            )
            for t in course.solid_tumors.trials
            if t.receptor == "CAR T"
        ]
        yield Item(
            type="single",
            options=_choose(options, 3, a.id),
            case=Case(a.id, a.id, "indication"),
            **make.base(
                ctx,
                bp,
                a.id,
                stem=(
                    f"An adult has {_label(a)}{eligibility}. "
                    "Which approved cellular therapy is indicated?"
                ),
                explanation=(
                    f"{cap(a.inn)} is approved for {_label(a)}. {cap(ctx.plain(a.summary))}"
                ),
                refs=a.refs,
                source=f"solid_tumors.approved.{a.id}.indications",
                family="case:solid-therapy",
                page=ctx.page(ctx.module_of("solid_tumors"), "approved"),
            ),
        )
