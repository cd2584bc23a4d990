"""Typed content of the teaching modules beyond the products table: one class per subject file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .model import (
    AgentId,
    AntigenId,
    Cited,
    Count,
    DiseaseId,
    Fact,
    Id,
    Model,
    RefNumber,
    Refs,
    SectionId,
    SectionsFile,
    SourceId,
    Text,
    TherapyTypeId,
)
from .model_products import FdaRecord, Indication


class TherapyType(Model):
    """CAR T, TCR T or TIL: how each finds its target (content/therapy_types.yaml)."""

    id: Id
    name: Text
    abbreviation: Text
    receptor: Text
    antigen_source: Text
    engineered: bool
    engineering: Text
    hla_restricted: bool  # recognition needs the target shown on an HLA molecule
    hla_typing: bool  # the patient must carry a particular HLA allele to be treated
    hla_note: Text  # why, in a sentence: the comparison table and feedback show it
    restricting_allele: Text | None = None  # the review's example allele, for eligibility cases
    targets: Text
    cannot_target: Text
    refs: Refs


class TherapyTypesFile(SectionsFile):
    therapy_types: list[TherapyType] = Field(min_length=2)


class Domain(Model):
    """One part of the CAR protein; list order runs from outside the cell to inside."""

    id: Id
    name: Text
    short: Annotated[str, Field(min_length=1, max_length=14)]  # label inside the diagram
    location: Literal["extracellular", "membrane", "intracellular"]
    origin: Text
    function: Text
    parts: list[Text] = []
    refs: Refs


class CarStructureFile(SectionsFile):
    domains: list[Domain] = Field(min_length=3)

    @model_validator(mode="after")
    def _outside_to_inside(self) -> CarStructureFile:
        rank = {"extracellular": 0, "membrane": 1, "intracellular": 2}
        order = [rank[d.location] for d in self.domains]
        if order != sorted(order):
            raise ValueError(
                "domains must run from extracellular through membrane to intracellular"
            )
        return self


class Stem(Model):
    """A part of a generic product name, and where in the name it sits."""

    id: Id
    stem: Text
    where: Literal["inside-first-word", "start-of-second-word", "end-of-name"]
    meaning: Text
    refs: Refs


class NamingFile(SectionsFile):
    stems: list[Stem] = Field(min_length=1)


class Agent(Model):
    """A drug used against CAR T-cell toxicity."""

    id: Id
    name: Text
    blocks: Text  # what the drug blocks or acts on, as the review describes it
    role: Text
    established: bool  # False: evidence still investigational or off-label
    refs: Refs


class Note(Cited):
    """A cited sentence that belongs to an entity rather than to a section."""

    text: Text


class Step(Model):
    """One line of management, in the order it is tried."""

    treatment: Text  # as an answer option and the page read it; may name numbers
    agent: AgentId | None = None  # the drug, where the step is one (an id in `agents`)
    note: Text  # why it comes at this point: the feedback a learner reads
    refs: Refs
    sources: list[SourceId] = []  # outside sources (the guideline) where the step rests on one


class Complication(Model):
    """A complication after infusion, as structure a clinical case can be drawn from."""

    id: Id
    name: Text
    section: SectionId  # the section of the page that teaches it
    therapies: list[TherapyTypeId] = Field(min_length=1)  # therapy types it follows
    targets: list[AntigenId] = []  # only after products against these antigens (empty: any)
    phase: Literal["acute", "late"]  # what a case stem says of timing: never the key's own words
    timing: Text  # when it appears (the page shows it)
    timing_sources: list[SourceId] = []  # outside sources for the timing, where it rests on them
    hallmarks: list[Text]  # in every case: without them the picture is not this complication
    findings: list[Text] = Field(min_length=1)  # a case shows some of these besides the hallmarks
    mimic: Note | None = None  # what can look the same and is handled alongside
    graded_by: Literal["crs", "icans"] | None = None  # its scale in grading.yaml, if it has one
    management: list[Step] = []
    caveat: Note | None = None  # what the evidence for the order of management does not show
    refs: Refs


def _one_placeholder(value: str | None) -> str | None:
    if value is not None and not (
        value.startswith("{") and value.endswith("}") and value.count("{") == 1
    ):
        raise ValueError(
            "must be one placeholder naming a time in the content, "
            f"such as {{facts.x.days}} (got {value!r})"
        )
    return value


Placeholder = Annotated[str, AfterValidator(_one_placeholder)]


class InfectionWindow(Model):
    """When one kind of infection occurs after infusion, as the review gives it: either mostly in
    a period (`mostly_within`), or with no window at all, the review noting only that it may still
    occur long after (`still_after`). The second is not a clustering window: nothing in the review
    rules such an infection out at any day, so a case never offers it as a wrong option."""

    id: Id
    name: Text
    mostly_within: Placeholder | None = None
    still_after: Placeholder | None = None
    refs: Refs

    @model_validator(mode="after")
    def _one_bound(self) -> InfectionWindow:
        if (self.mostly_within is None) == (self.still_after is None):
            raise ValueError("give either mostly_within or still_after")
        return self


class AdverseEffectsFile(SectionsFile):
    complications: list[Complication] = []
    infection_windows: list[InfectionWindow] = []
    agents: list[Agent] = Field(min_length=1)


class Challenge(Model):
    """One row of Table 2."""

    id: Id
    problem: Text
    frequency: Fact
    solutions: list[Text] = Field(min_length=1)
    comments: list[Text] = Field(min_length=1)
    refs: Refs


class RelapsePattern(Model):
    """How a cancer comes back after a CAR, and the next approach the review supports."""

    id: Id
    disease: DiseaseId
    after_target: AntigenId  # the antigen the first CAR aimed at
    antigen_lost: bool  # the relapse no longer carries that antigen (antigen escape)
    finding: Text  # what the relapse looks like
    next: Text  # the best-supported next approach, as an answer option reads
    next_targets: list[Text] = Field(min_length=1)  # the antigens that approach aims at, as named
    note: Text  # the evidence for it
    refs: Refs


class PoorSalvage(Model):
    """An approach after relapse that the review does not support, and why."""

    id: Id
    text: Text
    when_antigen_lost: bool = False  # a wrong option only where the antigen is gone
    note: Text
    refs: Refs


class ChallengesFile(SectionsFile):
    challenges: list[Challenge] = Field(min_length=1)
    relapse_patterns: list[RelapsePattern] = []
    poor_salvage: list[PoorSalvage] = []


class Cohort(Model):
    label: str | None = None
    responders: Count
    patients: Annotated[Count, Field(ge=1)]

    @model_validator(mode="after")
    def _fits(self) -> Cohort:
        if self.responders > self.patients:
            raise ValueError(f"responders ({self.responders}) exceed patients ({self.patients})")
        return self

    @property
    def percent(self) -> int:
        # Table 3 prints whole percentages; derive them so they cannot disagree with the counts.
        return int(self.responders * 100 / self.patients + 0.5)


class Trial(Model):
    """One row of Table 3: an engineered-receptor trial in a solid tumor."""

    id: Id
    ref: Annotated[RefNumber, Field(ge=1)]
    first_author: Text
    year: int = Field(ge=1990, le=2100)
    target: Text
    cancer: Text
    receptor: Literal["TCR", "CAR T"]
    phase: Text
    cohorts: list[Cohort] = Field(min_length=1)


class ApprovedTherapy(Cited):
    """A T-cell therapy approved for a solid tumor (not a CAR), with its label indications."""

    id: Id
    inn: Text
    kind: TherapyTypeId
    target: Text
    summary: Text
    fda: FdaRecord
    indications: list[Indication] = Field(min_length=1)


class SolidTumorsFile(SectionsFile):
    approved: list[ApprovedTherapy] = Field(min_length=1)
    trials: list[Trial] = Field(min_length=1)
    # the side effects of TIL and TCR T-cell therapy are taught beside those therapies
    complications: list[Complication] = []


class Term(Model):
    id: Id
    abbr: Annotated[str, Field(min_length=1, pattern=r"^[^\s\]]+$")]
    term: Text
    definition: Text


class Synonym(Model):
    """Words a learner may search for a term the course uses (steroids for glucocorticoids)."""

    term: Text
    also: list[Text] = Field(min_length=1)


class GlossaryFile(Model):
    terms: list[Term] = Field(min_length=1)
    synonyms: list[Synonym] = []  # reach the search index only
