"""Typed content of the teaching modules beyond the products table: one class per subject file."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .model import Fact, FdaRecord, Id, Model, Refs, SectionsFile, Text


class TherapyType(Model):
    """CAR T, TCR T or TIL: how each finds its target (content/therapy_types.yaml)."""

    id: Id
    name: Text
    abbreviation: Text
    receptor: Text
    antigen_source: Text
    engineered: bool
    engineering: Text
    hla_restricted: bool
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
            raise ValueError("domains must run from extracellular through membrane to intracellular")
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


class AdverseEffectsFile(SectionsFile):
    agents: list[Agent] = Field(min_length=1)


class Challenge(Model):
    """One row of Table 2."""

    id: Id
    problem: Text
    frequency: Fact
    solutions: list[Text] = Field(min_length=1)
    comments: list[Text] = Field(min_length=1)
    refs: Refs


class ChallengesFile(SectionsFile):
    challenges: list[Challenge] = Field(min_length=1)


class Cohort(Model):
    label: str | None = None
    responders: Annotated[int, Field(ge=0)]
    patients: Annotated[int, Field(ge=1)]

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
    ref: int = Field(ge=1)
    first_author: Text
    year: int = Field(ge=1990, le=2100)
    target: Text
    cancer: Text
    receptor: Literal["TCR", "CAR T"]
    phase: Text
    cohorts: list[Cohort] = Field(min_length=1)


class ApprovedTherapy(Model):
    """A T-cell therapy approved for a solid tumor (not a CAR)."""

    id: Id
    inn: Text
    kind: Id  # a therapy type id
    target: Text
    indication: Text
    summary: Text
    fda: FdaRecord
    refs: Refs


class SolidTumorsFile(SectionsFile):
    approved: list[ApprovedTherapy] = Field(min_length=1)
    trials: list[Trial] = Field(min_length=1)


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
