"""Grading CRS and ICANS, and treating them by grade (content/grading.yaml).

The criteria are the ASTCT consensus (the review's reference 51), written as our own table from
stored reproductions; management by grade is the ASCO 2021 guideline (reference 53) as far as the
stored pages give it. build_tools.rules.grading grades a set of findings from these tables, so a
page, a case and a test all grade the same way.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .model import Cited, Fact, Id, Model, SectionsFile, Text, Worded

Grade = Annotated[int, Field(ge=0, le=4)]


class Level(Worded):
    """One finding of a domain and the grade it makes (0: not a sign of the syndrome)."""

    id: Id
    grade: Grade
    # how a case states the finding, where the scale's own words read as a criterion
    seen: Text | None = None


class Domain(Model):
    """One thing graded (hypotension, oxygen, consciousness...), its findings from mild to
    severe."""

    id: Id
    name: Text
    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _mild_to_severe(self) -> Domain:
        grades = [level.grade for level in self.levels]
        if grades != sorted(grades):
            raise ValueError("levels must run from mild to severe (grades never falling)")
        return self

    def level(self, level_id: str) -> Level:
        found = next((lv for lv in self.levels if lv.id == level_id), None)
        if found is None:
            known = ", ".join(lv.id for lv in self.levels)
            raise KeyError(f"{self.id} has no level {level_id!r} (known: {known})")
        return found


class Band(Model):
    """An ICE score range and the ICANS grade it makes."""

    low: Annotated[int, Field(ge=0, le=10)]
    high: Annotated[int, Field(ge=0, le=10)]
    grade: Grade


class Task(Worded):
    """One task of the ICE score and the points it carries."""

    id: Id
    points: Annotated[int, Field(ge=1)]


class Syndrome(Cited):
    """A grading scale: domains graded separately, the worst deciding."""

    id: Literal["crs", "icans"]
    name: Text
    requirement: Worded | None = None  # CRS: fever, with its threshold as `temperature`
    domains: list[Domain] = Field(min_length=1)
    rule: Text  # how the grade is decided
    notes: list[Worded] = []  # the scale's footnotes, in our words

    def domain(self, domain_id: str) -> Domain:
        return next(d for d in self.domains if d.id == domain_id)

    @property
    def fever_celsius(self) -> float:
        """The temperature that counts as fever (CRS only), as the requirement states it."""
        return self.requirement.values["temperature"].value


class IceScore(Cited):
    tasks: list[Task] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)  # score -> ICANS grade; a score in no band: grade 0
    unarousable: Text  # how grade 4 reads in the ICE column: the score of a patient not roused
    note: Worded | None = None

    @property
    def maximum(self) -> int:
        return sum(t.points for t in self.tasks)


class GradeCare(Cited):
    """What the guideline gives for one grade (of ICANS: with or without CRS at the same time)."""

    syndrome: Literal["crs", "icans"]
    grade: Annotated[int, Field(ge=1, le=4)]
    concurrent_crs: bool | None = None  # ICANS rows only: None = all patients at this grade
    actions: list[Fact] = []
    missing: str | None = None  # the guideline's advice here is not in the stored pages


class Example(Worded):
    """A worked example: a short picture in words, the level it shows in each domain, and which
    of its values is the temperature or the ICE score. The page grades it with the same function
    as every case, so the example cannot disagree with the table."""

    id: Id
    syndrome: Literal["crs", "icans"]
    levels: dict[Id, Id]  # domain id -> level id
    temperature: str | None = None  # CRS: the name of the value holding the temperature
    ice: str | None = None  # ICANS: the name of the value holding the ICE score

    @model_validator(mode="after")
    def _named_values(self) -> Example:
        for name in (self.temperature, self.ice):
            if name is not None and name not in self.values:
                raise ValueError(f"{name!r} names no value of this example")
        return self


class GradingFile(SectionsFile):
    """The grading module's file: the scales, care by grade, and its teaching sections."""

    crs: Syndrome
    icans: Syndrome
    ice: IceScore
    tocilizumab: Fact  # dose and repeat limits, as the guideline gives them
    workup: list[Fact] = []  # checks and monitoring the guideline gives for every grade
    care: list[GradeCare] = Field(min_length=1)
    differences: list[Fact] = []  # where the review's sequence and the guideline differ
    # beside the grade rows: what goes with the treatment (antifungal cover with glucocorticoids)
    considerations: list[Fact] = []
    # whom the doses are for: the stored pages give adult doses only, and the course teaches
    # children too (tisagenlecleucel to age 25), so every dose table says so
    dose_scope: str
    examples: list[Example] = []
