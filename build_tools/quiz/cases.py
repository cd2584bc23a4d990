"""Clinical cases drawn from content structure: a patient, a product approved for their disease,
a time after infusion, findings of one complication. Every case records what it was drawn from
(`Case`), so a test can check it is consistent; every option says why it is right or wrong."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..content.model_topics import Complication, InfectionWindow, Step
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Case, Item, Option
from .registry import generator


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
        for i in p.indications:
            young = bool(i.population and "pediatric" in i.population)
            who = "A young person" if young else "An adult"
            found.append(Patient(who, course.disease(i.disease).name, p.inn, p.id, i.disease, young))
    return found


def _choose(options: list[Option], k: int, key: str) -> tuple[Option, ...]:
    """The right option(s) and up to k wrong ones, picked the same way on every run, sorted by text."""
    right = [o for o in options if o.correct]
    wrong = sorted((o for o in options if not o.correct), key=lambda o: make.stable_rank(f"{key}:{o.text}"))[:k]
    return tuple(sorted(right + wrong, key=lambda o: o.text.lower()))


def _sample(values: list[str], n: int, key: str) -> list[str]:
    picked = sorted(values, key=lambda v: make.stable_rank(f"{key}:{v}"))[:n]
    return [v for v in values if v in picked]  # keep the content's order


def _listing(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]


def _complications(ctx: QuizContext) -> list[Complication]:
    return list(ctx.course.adverse_effects.complications)


def _page(ctx: QuizContext, section: str) -> str:
    return ctx.page(ctx.module_of("adverse_effects"), section)


def _patients_for(ctx: QuizContext, c: Complication) -> list[Patient]:
    if "car-t" in c.therapies:
        return car_patients(ctx, c.targets)
    kinds = set(c.therapies)
    return [Patient("An adult", a.indication, f"{a.inn} followed by high-dose interleukin 2", a.id, a.id, False)
            for a in ctx.course.solid_tumors.approved if a.kind == "til" and a.kind in kinds]


@generator
def syndrome_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which complication is this? Findings of one complication only, at its time after infusion."""
    complications = _complications(ctx)
    for c in complications:
        for patient in _patients_for(ctx, c):
            key = f"{c.id}:{patient.product_id}:{patient.disease_id}"
            findings = _sample(c.findings, 3, key)
            options = [Option.of(_cap(o.name), o.id == c.id,
                                 f"Right: {_listing(c.findings)}, {ctx.plain(c.timing)}." if o.id == c.id else
                                 f"{_cap(o.name)} shows as {_listing(o.findings)}, {ctx.plain(o.timing)}.")
                       for o in complications]
            yield Item(type="single", options=_choose(options, 3, key), case=Case(
                patient.product_id, patient.disease_id, c.id, findings), **make.base(
                ctx, bp, key,
                stem=(f"{patient.opening()} {_cap(ctx.plain(c.timing))}, they develop {_listing(findings)}. "
                      "Which complication is this?"),
                explanation=(f"{_cap(c.name)} brings {_listing(c.findings)}, {ctx.plain(c.timing)}. "
                             f"This patient has {_listing(findings)}."),
                refs=c.refs, source=f"adverse_effects.complications.{c.id}.findings", family=f"case:syndrome:{c.id}",
                page=_page(ctx, c.section)))


def _step_options(ctx: QuizContext, key_step: Step, tried: list[Step]) -> list[Option]:
    """Every distinct management step in the content; steps with the key's drug are left out, so
    no distractor is a second right answer, and steps already tried say so."""
    seen, options = set(), [Option.of(ctx.plain(key_step.treatment), True, f"Right: {key_step.note}.")]
    for c in _complications(ctx):
        for step in c.management:
            text = ctx.plain(step.treatment)
            same_drug = step.agent is not None and step.agent == key_step.agent
            if text in seen or same_drug or text == options[0].text:
                continue
            seen.add(text)
            why = "Already given without effect." if step in tried else f"Not here: {step.note}."
            options.append(Option.of(text, False, why))
    return options


@generator
def first_line_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The first treatment for a recognized complication."""
    for c in _complications(ctx):
        if not c.management:
            continue
        patients = [p for p in _patients_for(ctx, c) if p.young or c.id != "hypogammaglobulinemia"]
        first = c.management[0]
        for patient in patients:
            key = f"{c.id}:{patient.product_id}:{patient.disease_id}"
            findings = _sample(c.findings, 3, key)
            yield Item(type="single", options=_choose(_step_options(ctx, first, []), 3, key), case=Case(
                patient.product_id, patient.disease_id, c.id, findings), **make.base(
                ctx, bp, key,
                stem=(f"{patient.opening()} {_cap(ctx.plain(c.timing))}, they develop {_listing(findings)}, and "
                      f"{c.name} is diagnosed. What is the first treatment?"),
                explanation=f"For {c.name}, {ctx.plain(first.treatment)} comes first: {first.note}.",
                refs=first.refs, source=f"adverse_effects.complications.{c.id}.management.0",
                family=f"case:first-line:{c.id}", page=_page(ctx, c.section)))


@generator
def next_line_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The next step when the previous one has not worked."""
    for c in _complications(ctx):
        for n in range(1, len(c.management)):
            step, tried = c.management[n], c.management[:n]
            for patient in _patients_for(ctx, c)[:3]:
                key = f"{c.id}:{n}:{patient.product_id}:{patient.disease_id}"
                given = " and then ".join(ctx.plain(s.treatment) for s in tried)
                yield Item(type="single", options=_choose(_step_options(ctx, step, tried), 3, key), case=Case(
                    patient.product_id, patient.disease_id, c.id, ()), **make.base(
                    ctx, bp, key,
                    stem=(f"{patient.opening()} They are being treated for {c.name} with {given}, but it is not "
                          "settling. What is the next step?"),
                    explanation=f"After {given}, the next step for {c.name} is {ctx.plain(step.treatment)}: {step.note}.",
                    refs=step.refs, source=f"adverse_effects.complications.{c.id}.management.{n}",
                    family=f"case:next-line:{c.id}:{n}", page=_page(ctx, c.section)))


# --- infections by time since infusion ------------------------------------------------------
_DAYS = {"days": 1, "months": 30, "years": 365}


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
    bounds = sorted({window_days(ctx, w.within or w.after) for w in ctx.course.adverse_effects.infection_windows})
    edges = [0, *bounds, bounds[-1] * 2]
    return [(a + b) // 2 for a, b in zip(edges, edges[1:], strict=False)]


def _window_text(ctx: QuizContext, w: InfectionWindow) -> str:
    return f"within {ctx.plain(w.within)}" if w.within else f"beyond {ctx.plain(w.after)}"


@generator
def infection_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which infection does the time since infusion point to? One patient per anti-CD19 product."""
    windows = ctx.course.adverse_effects.infection_windows
    patients = {p.product_id: p for p in car_patients(ctx, ["cd19"])}.values()  # one indication per product
    for day in case_days(ctx):
        found = likeliest(ctx, day)
        if len(found) != 1:
            continue  # the content cannot single out one kind at this day: ask nothing
        answer = found[0]
        for patient in patients:
            key = f"{day}:{patient.product_id}"
            options = [Option.of(_cap(w.name), w is answer,
                                 ("Right: " if w is answer else "") + f"{_cap(w.name)} clusters {_window_text(ctx, w)}.")
                       for w in windows]
            yield Item(type="single", options=_choose(options, 3, key), case=Case(
                patient.product_id, patient.disease_id, answer.id, (), day), **make.base(
                ctx, bp, key,
                stem=(f"{patient.opening()} On day {day} after infusion they have a fever and signs of infection. "
                      + (f"Which of these infections most commonly occurs in a period that includes day {day}?"
                         if answer.within else f"Which of these infections can still appear as late as day {day}?")),
                explanation=(f"Of these, {answer.name} is the one the review places {_window_text(ctx, answer)}, "
                             f"which includes day {day}. Timing only narrows the search: it does not say which "
                             "infection is likeliest, and every febrile patient needs testing."),
                refs=answer.refs, source=f"adverse_effects.infection_windows.{answer.id}",
                family=f"case:infection:{answer.id}", page=_page(ctx, "infections")))


# --- relapse, eligibility and solid tumors -------------------------------------------------------
@generator
def relapse_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """After a relapse of a given pattern, the next approach the review best supports."""
    ch = ctx.course.challenges
    for pattern in ch.relapse_patterns:
        options = [Option.of(pattern.next, True, f"Right: {pattern.note}.")]
        options += [Option.of(o.next, False, f"That fits another relapse: {o.note}.")
                    for o in ch.relapse_patterns if o is not pattern]
        options += [Option.of(_cap(s.text), False, f"Not supported: {s.note}.") for s in ch.poor_salvage]
        for patient in car_patients(ctx, [pattern.after_target]):
            if patient.disease_id != pattern.disease:
                continue
            key = f"{pattern.id}:{patient.product_id}"
            yield Item(type="single", options=_choose(options, 4, key), case=Case(
                patient.product_id, patient.disease_id, pattern.id, (pattern.finding,)), **make.base(
                ctx, bp, key,
                stem=(f"{patient.opening()} It responded, but months later {pattern.finding}. "
                      "Which next step has the most support in the review?"),
                explanation=(f"{_cap(pattern.next)}: {pattern.note}. Checkpoint inhibitors have done poorly after CAR "
                             "T-cell failure, and a CAR the cancer has escaped once has nothing new to offer."),
                refs=pattern.refs, source=f"challenges.relapse_patterns.{pattern.id}", family=f"case:relapse:{pattern.id}",
                page=ctx.page(ctx.module_of("challenges"), "after-relapse")))


@generator
def tcr_eligibility(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Who can receive an HLA-restricted TCR product. The allele is the review's own example, so the
    target stays generic: pairing it with a real antigen would state a restriction the review does not."""
    tcr = next(t for t in ctx.course.therapy_types.therapy_types if t.hla_typing)
    allele = tcr.restricting_allele
    cancers = sorted({re.split(r",| such as| and ", t.cancer)[0].lower() for t in ctx.course.solid_tumors.trials
                      if t.receptor == "TCR" and not t.cancer.lower().startswith(("mixed", "several"))})
    for cancer in cancers:
        options = (
            Option.of(f"One who carries {allele}, whose tumor makes the target antigen", True,
                      "Right: the patient carries the allele that presents the peptide, and the tumor makes the target."),
            Option.of(f"One who lacks {allele}, whose tumor makes the target antigen", False,
                      f"Without {allele} the tumor cannot show the peptide to this receptor."),
            Option.of(f"One who carries {allele}, whose tumor lacks the target antigen", False,
                      "The right HLA is not enough: the receptor has nothing to recognize."),
            Option.of(f"One who lacks {allele}, with a sibling donor who carries it", False,
                      "The peptide must sit on the patient's own HLA, on the patient's own tumor; a donor changes nothing."),
        )
        yield Item(type="single", options=tuple(sorted(options, key=lambda o: o.text.lower())), **make.base(
            ctx, bp, re.sub(r"[^a-z0-9]+", "-", cancer).strip("-"),
            stem=(f"A TCR T-cell product recognizes a peptide of its target antigen presented by {allele}. "
                  f"Which patient with {cancer} could receive it?"),
            explanation=(f"TCR T cells see their target only as a peptide on one HLA molecule: {tcr.hla_note}. "
                         f"So the patient must carry {allele} and the tumor must make the target antigen."),
            refs=(0,), source="therapy_types.tcr-t.hla_typing", family="case:tcr-eligibility",
            page=ctx.page(ctx.module_of("therapy_types"), "hla-matching")))


@generator
def solid_therapy_case(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which approved cellular therapy fits a patient with a solid tumor."""
    course = ctx.course
    approved = course.solid_tumors.approved
    cars = course.products.products
    for a in approved:
        options = [Option.of(o.inn, o is a, f"Right: approved for {o.indication}." if o is a else
                             f"{_cap(o.inn)} is approved for {o.indication}.") for o in approved]
        options += [Option.of(p.inn, False, "A CAR T-cell product for blood cancers; no CAR T-cell product is approved "
                              "for a solid tumor.") for p in cars]
        key = a.id
        yield Item(type="single", options=_choose(options, 3, key), **make.base(
            ctx, bp, key,
            stem=f"An adult has {a.indication}. Which approved cellular therapy is indicated?",
            explanation=f"{_cap(a.inn)} is approved for {a.indication}. {_cap(a.summary)}",
            refs=a.refs, source=f"solid_tumors.approved.{a.id}.indication", family="case:solid-therapy",
            page=ctx.page(ctx.module_of("solid_tumors"), "approved")))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]

