"""The approved products: the review's trial figures (Table 1) and, beside them, what the US label
says each is approved for (content/products.yaml, content/eligibility.yaml).

The two are kept apart on purpose. Table 1 reports the trials that led to approval; the label
says who may receive a product today, with the conditions a clinician checks (age, line of
therapy, prior drugs, markers). Eligibility is decided only from the label data, by
build_tools.rules.eligibility.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .markers import RefersTo
from .model import (
    AntigenId,
    Cited,
    Days,
    DiseaseId,
    Id,
    Model,
    Months,
    Percent,
    Quantity,
    Refs,
    SectionsFile,
    SourceId,
    Text,
)
from .model_sources import DocumentDate

DrugClassId = Annotated[Id, RefersTo("drug_classes", "drug class")]
FeatureId = Annotated[Id, RefersTo("features", "patient feature")]
TrialId = Annotated[Id, RefersTo("trials", "Table 1 row", same_file=True)]
Age = Annotated[int, Field(ge=0, le=120)]


class Disease(Model):
    id: Id
    name: Text
    abbreviation: Text


class Survival(Model):
    """Overall survival as Table 1 gives it: a rate at a time point, or a median."""

    percent: Percent | None = None
    at: Quantity | None = None
    median_months: Annotated[Months, Field(gt=0)] | None = None
    estimated: bool = False

    @model_validator(mode="after")
    def _shape(self) -> Survival:
        if (self.percent is None) == (self.median_months is None):
            raise ValueError("give either percent (with at) or median_months")
        if self.percent is not None and self.at is None:
            raise ValueError("a survival rate needs its time point in 'at'")
        return self


class Cytopenia(Model):
    kind: Literal["any", "neutropenia", "thrombocytopenia", "anemia"]
    percent: Percent
    beyond_days: Annotated[Days, Field(gt=0)] | None = None  # "26% at more than 90 d"


class TrialResult(Model):
    """One row of the review's Table 1: the trial behind an approval, for one disease."""

    id: Id
    disease: DiseaseId
    population: str | None = None
    refs: Refs
    response_percent: Percent
    overall_survival: Survival
    crs_percent: Percent
    neurologic_percent: Percent
    neurologic_note: str | None = None
    severe_infection_percent: Percent
    prolonged_cytopenias: list[Cytopenia] = Field(min_length=1)


# --- what the label says: who may receive the product ----------------------------------------
class DrugClass(Model):
    """A kind of earlier treatment an indication may require (a PD-1 blocking antibody)."""

    id: Id
    name: Text


class Feature(Model):
    """Something a patient has or lacks that an indication names: an HLA allele, a tumor marker
    shown by a companion test, a stage, a presentation the label leaves out."""

    id: Id
    name: Text
    kind: Literal["hla", "tumor marker", "stage", "presentation"]


DiseaseCourse = Literal[
    "relapsed-or-refractory",  # refractory, or relapsed at least once
    "refractory-or-second-relapse",  # refractory, or relapsed at least twice
    "early-first-line-failure",  # refractory to first-line chemoimmunotherapy, or relapse within
    # a year of it (the label says 12 months)
    "first-line-failure",  # refractory to, or relapsed after, first-line chemoimmunotherapy
]


class IfFeature(Model):
    """A requirement that applies only to patients with a feature: "if BRAF V600 mutation
    positive, a BRAF inhibitor"."""

    feature: FeatureId
    received: list[DrugClassId] = Field(min_length=1)


class Route(Model):
    """One way a patient can meet an indication; every field that is set must hold."""

    course: DiseaseCourse | None = None
    lines_min: Annotated[int, Field(ge=1)] | None = None  # prior lines of systemic therapy
    transplant_ineligible: bool = False
    received: list[DrugClassId] = []  # each of these earlier
    refractory_to: list[DrugClassId] = []
    features: list[FeatureId] = []  # all of these
    features_any: list[FeatureId] = []  # at least one of these
    if_feature: list[IfFeature] = []


class Indication(Cited):
    """An approved use, as the label states it. `wording` quotes the closest stored label text
    (the label's words may be quoted); the fields beside it are its conditions as data."""

    id: Id
    disease: DiseaseId
    wording: Text
    wording_note: str | None = None  # where the wording is not the current label's own
    age_min: Age | None = None
    age_max: Age | None = None
    routes: list[Route] = Field(min_length=1)  # any one route qualifies
    contraindicated: list[FeatureId] = []  # the label's contraindications
    not_for: list[FeatureId] = []  # the label's limitations of use
    unsettled: str | None = None  # a condition the stored sources do not give
    approved: DocumentDate | None = None
    approval: Literal["regular", "accelerated", "not stated"] = "not stated"
    flag: str | None = None  # what the stored sources leave open about this indication
    trial: TrialId | None = None  # its Table 1 row, where the review reports one

    @model_validator(mode="after")
    def _ages(self) -> Indication:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min ({self.age_min}) is above age_max ({self.age_max})")
        return self

    @property
    def adults_only(self) -> bool:
        return self.age_min == 18


class FdaRecord(Cited):
    """Naming and approval facts from outside the article, each found in its `sources`. (Each
    product's costimulatory domain and vector are in none of the stored sources, so the course
    does not state them.)"""

    brand: Text
    short_name: Text | None = None  # only where a cited source uses it
    first_approval: DocumentDate
    first_approval_note: str | None = None  # where sources disagree on the day
    boxed_warning: list[Text] = []  # the topics of the label's boxed warning, in our words
    boxed_warning_sources: list[SourceId] = []
    boxed_warning_note: str | None = None  # what the stored excerpts leave out

    @model_validator(mode="after")
    def _warning_cited(self) -> FdaRecord:
        if bool(self.boxed_warning) != bool(self.boxed_warning_sources):
            raise ValueError("a boxed warning needs boxed_warning_sources, and only then")
        return self


class Product(Cited):
    id: Id
    inn: Text
    target: AntigenId
    summary: Text
    fda: FdaRecord
    trials: list[TrialResult] = []  # Table 1 rows; none for a product approved after the review
    indications: list[Indication] = Field(min_length=1)

    def trial(self, trial_id: str) -> TrialResult:
        return next(t for t in self.trials if t.id == trial_id)

    @property
    def in_review(self) -> bool:
        return bool(self.trials)


class ProductsFile(SectionsFile):
    diseases: list[Disease]
    products: list[Product]


class EligibilityFile(Model):
    """The terms label indications are written in: earlier treatments and patient features."""

    drug_classes: list[DrugClass] = Field(min_length=1)
    features: list[Feature] = Field(min_length=1)
