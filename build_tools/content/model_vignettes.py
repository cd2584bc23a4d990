"""Authored clinical vignettes (content/vignettes.yaml): a patient, the therapy they received, the
day, vital signs, neurological findings and labs, and what is asked.

A vignette's numbers are data, not prose: the stem is rendered from them, and build_tools/quiz/
vignettes/checks.py tests each case against the content it rests on (the label admits the patient,
the grading function gives the grade the key assumes, the day lies in the window, no wrong option
is also right). Its key and wrong options are ids of content: a grade, a step of care, a product,
a label condition, an infection window, a relapse approach, an explanation.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .markers import RefersTo
from .model import Asks, DiseaseId, Gives, Id, Model, Text

DrugClassId = Annotated[Id, RefersTo("drug_classes", "drug class")]
FeatureId = Annotated[Id, RefersTo("features", "patient feature")]
WindowId = Annotated[Id, RefersTo("infection_windows", "infection window")]
PatternId = Annotated[Id, RefersTo("relapse_patterns", "relapse pattern")]
SalvageId = Annotated[Id, RefersTo("poor_salvage", "salvage approach")]
FactId = Id  # any fact, wherever it sits (a section, a table of care): checked by the quiz
StepId = Annotated[Id, RefersTo("steps", "step of care", same_file=True)]
ExplanationId = Annotated[Id, RefersTo("explanations", "explanation", same_file=True)]
CaseId = Annotated[Id, RefersTo("vignettes", "case", same_file=True)]
Grade = Annotated[int, Field(ge=0, le=4)]
# A label condition: its kind, and the drug class or feature it names ("received:pd1-antibody").
ConditionId = Annotated[str, Field(pattern=r"^[a-z]+(-[a-z]+)*(:[a-z0-9]+(-[a-z0-9]+)*)?$")]
# What the data show beyond the numbers, for the checks (the story says it in words).
Sign = Literal[
    "neutropenic",  # neutrophil count low at the time of fever
    "on-glucocorticoids",  # receiving glucocorticoids now or in recent weeks
    "recurrent-infections",
    "low-antibodies",  # IgG below the laboratory's range
    "antigen-lost",  # the relapse no longer carries the CAR's target
    "movement-disorder",  # a new disorder of movement (slowness, rigidity, tremor at rest)
    "tremor",  # a tremor with nothing else neurological
    "il2-given",  # high-dose interleukin 2 after the cells
    "bleed",  # bleeding in the brain on imaging
    "infection-source",  # an infection found that explains the fever
    "sedating-drug",  # a sedating drug explains the drowsiness: it sets no ICANS grade
    "different-trials",  # the figures compared come from different trials
    "viral-contact",  # someone close has had a cold or another respiratory virus
    "fluid-retention",  # weight gain, swelling, fluid in the lungs
    "cd19-weaker",  # the relapse still carries CD19, but far more weakly than before
    "few-car-t-cells",  # CAR T cells were barely found in the blood after the infusion
    "relapsed",  # the cancer has come back or grown after the infusion
    "long-wait",  # a long wait between collection and infusion, with bridging treatment
    "myeloid-cancer",  # a myeloid cancer (myelodysplastic syndrome, AML) found in the marrow
    "low-counts",  # low blood counts
    "new-mass",  # new or growing nodes or a mass after the infusion
    "car-on-cancer",  # the cancer cells themselves carry the CAR protein
]
# What a finding in a case supports: a wrong explanation that names one of these, where it holds,
# competes with the key (explain.py SUPPORT); the level rule counts the competitors.
SupportId = Literal[
    "fever",
    "fast-heart",
    "low-blood-pressure",
    "low-ice",
    "drowsy",
    "neutropenic",
    "sedating-drug",
    "low-counts",
    "marrow-blasts",
    "no-b-cells",
    "recurrent-infections",
    "relapsed",
    "il2-given",
    "viral-contact",
    "cd19-on-blasts",
    "on-glucocorticoids",
    "long-wait",
    "myeloid-cancer",
    "few-car-t-cells",
    "new-mass",
    "many-lines",
    "prior-chemotherapy",
]


# A finding the case states that rules a wrong explanation out in so many words (explain.py
# EXCLUDE): an option it contradicts does not compete, whatever else points to it.
ExclusionId = Literal[
    "no-fever",
    "alert",
    "full-ice",
    "infection-source",
    "relapsed",
    "no-relapse",
    "antigen-lost",
    "cd19-kept",
    "myeloid-cancer",
    "normal-igg",
    "recurrent-infections",
]


class Person(Model):
    """Who the patient is and what their disease has done: the terms a label is read in."""

    age: Annotated[int, Field(ge=0, le=120)]
    sex: Literal["woman", "man", "girl", "boy"]
    weight_kg: Annotated[float, Field(gt=0, le=300)] | None = None
    disease: DiseaseId
    lines: Annotated[int, Field(ge=0)] = 0  # prior lines of systemic therapy
    refractory: bool = False  # did not respond to the latest line
    relapses: Annotated[int, Field(ge=0)] = 0
    early_first_line_failure: bool = (
        False  # refractory to, or relapsed within a year of, first line
    )
    transplant_eligible: bool = True
    received: list[DrugClassId] = []
    refractory_to: list[DrugClassId] = []
    features: list[FeatureId] = []  # HLA alleles, tumor markers, stage (eligibility.yaml)
    other_hla: list[Text] = []  # alleles the labels do not name, shown as typed (HLA-A*01:01)
    lacks: list[FeatureId] = []  # tumor markers tested for and not found
    history: Text | None = None  # the treatments in words, no numbers


Device = Literal[
    "room air",
    "nasal cannula",
    "high-flow nasal cannula",
    "face mask",
    "non-rebreather mask",
    "Venturi mask",
    "CPAP",
    "BiPAP",
    "mechanical ventilation",
]
Pressor = Literal["norepinephrine", "epinephrine", "phenylephrine", "dopamine", "vasopressin"]


class Vitals(Model):
    temperature: Annotated[float, Field(ge=30, le=43)]  # degrees Celsius, the highest today
    systolic: Annotated[int, Field(ge=30, le=260)]
    diastolic: Annotated[int, Field(ge=10, le=160)]
    heart_rate: Annotated[int, Field(ge=20, le=250)]
    respiratory_rate: Annotated[int, Field(ge=4, le=70)] | None = None
    spo2: Annotated[int, Field(ge=40, le=100)]
    device: Device = "room air"
    flow: Annotated[float, Field(gt=0, le=80)] | None = None  # litres of oxygen a minute
    after_fluids: bool = False  # the blood pressure is read after a fluid bolus
    pressors: list[Pressor] = []
    fever_treated: bool = False  # antipyretics or anticytokine treatment already given

    @model_validator(mode="after")
    def _flow(self) -> Vitals:
        if (self.device == "room air") != (self.flow is None) and self.device in (
            "room air",
            "nasal cannula",
            "high-flow nasal cannula",
        ):
            raise ValueError("give a flow for oxygen by cannula, and none on room air")
        return self


class Neuro(Model):
    """Neurological findings: points lost on each ICE task, and the other ICANS domains by their
    level ids in grading.yaml."""

    ice_lost: dict[Id, Annotated[int, Field(ge=1)]] = {}  # ICE task id -> points lost
    ice_when: Text | None = None  # when the ICE score was taken, where it is not now
    cannot_do_ice: bool = False  # unarousable: no ICE score can be taken
    awake_aphasic: bool = False  # awake, but cannot speak or understand
    consciousness: Id = "alert"
    seizure: Id = "none"
    motor: Id = "none"
    pressure: Id = "none"


class Labs(Model):
    neutrophils: Annotated[float, Field(ge=0)] | None = None  # x10^9 per litre
    platelets: Annotated[float, Field(ge=0)] | None = None  # x10^9 per litre
    hemoglobin: Annotated[float, Field(ge=0)] | None = None  # g/dL
    crp: Annotated[float, Field(ge=0)] | None = None  # mg/L
    ferritin: Annotated[float, Field(ge=0)] | None = None  # ng/mL
    igg: Annotated[float, Field(ge=0)] | None = None  # g/L
    creatinine: Annotated[float, Field(ge=0)] | None = None  # mg/dL
    blasts: Annotated[float, Field(ge=0, le=100)] | None = None  # percent of marrow cells
    b_cells: Annotated[float, Field(ge=0)] | None = None  # CD19-positive cells per microlitre


Ask = Literal[
    "crs-grade",  # grade the CRS
    "icans-grade",  # grade the ICANS
    "both-grades",  # grade CRS and ICANS at once
    "treatment",  # the step of care for this grade (first, or after what was given)
    "diagnosis",  # which explanation fits the findings
    "infection",  # which infection the review's timing points to
    "products",  # which approved therapies the label allows for this patient
    "barrier",  # what keeps this patient from a therapy's label
    "relapse",  # the approach after this relapse
]


class GradePair(Model):
    crs: Grade
    icans: Grade


class Vignette(Model):
    id: Id
    module: Id  # the module it belongs to (course.yaml)
    objective: Annotated[int, Field(ge=1)]  # 1-based in that module
    asks: Ask
    gives: Gives = "data"  # "differential" where the findings fit more than one explanation
    demand: Asks = "decision"
    patient: Person
    therapy: Id  # the product or approved therapy received or considered (checked by label)
    considered: bool = False  # the therapy is being considered, not yet given
    day: Annotated[int, Field(ge=0)] | None = None  # days since infusion
    story: Text  # what is happening, in our words; numbers only in the fields below
    question: Text | None = None  # what is asked, where the kind's own question does not fit
    # A case asking the same decision on other data: one family, so a paper draws only one.
    same_decision_as: CaseId | None = None
    vitals: Vitals | None = None
    neuro: Neuro | None = None
    labs: Labs | None = None
    findings: list[Text] = []  # other findings, in words
    signs: list[Sign] = []  # what the story and findings show, for the checks
    results: list[FactId] = []  # trial results put in front of the learner (evidence)
    given: list[StepId] = []  # care already given, for a question about the next step
    # the key and wrong options, by what is asked
    grade: Grade | None = None  # crs-grade, icans-grade: the grade the key assumes
    grades: GradePair | None = None  # both-grades
    wrong_grades: list[GradePair] = []
    step: StepId | None = None  # treatment
    wrong_steps: list[StepId] = []
    explanation: ExplanationId | None = None  # diagnosis
    wrong_explanations: list[ExplanationId] = []
    # why a wrong explanation does not fit this case, where its general reason would not say it
    why_not: dict[ExplanationId, Text] = {}
    # grading: the grades offered (0 is "no CRS" or "no ICANS"); default 1 to 4
    grades_offered: list[Grade] = []
    window: WindowId | None = None  # infection
    wrong_windows: list[WindowId] = []
    eligible: list[Id] = []  # products: the therapies the label allows (key)
    not_eligible: list[Id] = []  # products: therapies offered that it does not
    barrier: ConditionId | None = None  # barrier: the unmet label condition
    wrong_barriers: list[ConditionId] = []  # conditions the label does not set, patient lacks
    pattern: PatternId | None = None  # relapse
    wrong_salvage: list[SalvageId] = []


class Fits(Model):
    """Where a step of care is the right one: a syndrome and grades, and for ICANS whether CRS
    comes with it (None: either way)."""

    syndrome: Literal["crs", "icans"]
    grades: list[Annotated[int, Field(ge=1, le=4)]] = Field(min_length=1)
    concurrent_crs: bool | None = None
    after: list[StepId] = []  # only once these were given and did not work


class Step(Model):
    """A step of care a vignette may offer. `says` is the option; numbers are placeholders into
    the content (`{facts.tocilizumab-dose.dose}`); `rests_on` names the facts that give it, and
    items cite what those facts cite."""

    id: Id
    says: Text
    fits: list[Fits] = []  # empty: right for no graded case (a wrong turn)
    # steps this one contains (tocilizumab within "tocilizumab with dexamethasone"): where this is
    # the key, none of them may be offered as wrong, for it is part of the right treatment
    includes: list[StepId] = []
    why_not: Text  # why it is wrong where it does not fit, in a sentence
    rests_on: list[FactId] = Field(min_length=1)


class Explanation(Model):
    """An explanation of findings a vignette may offer. `rule` names the pure function in
    build_tools/quiz/vignettes/explain.py that decides whether it fits a vignette's data."""

    id: Id
    says: Text
    rule: Id
    why: str = ""  # why it fits where it does (needed where it is a key)
    why_not: Text  # why it does not where it does not
    rests_on: list[FactId] = Field(min_length=1)
    # findings that point to it: where one holds in a case and it is not the key, it competes
    support: list[SupportId] = []
    # what rules it out where the case states it: findings that contradict it, the antigen
    # families after which it is reported (none: any), and its window after the infusion
    excluded_by: list[ExclusionId] = []
    after: list[Literal["cd19", "bcma"]] = []
    window: Literal["late", "prolonged"] | None = None
    # whether the answer explanation repeats the facts' text after `why`; false where a fact only
    # anchors the teaching page and its text would be beside the point (the scale's authorship)
    quote: bool = True


class VignettesFile(Model):
    steps: list[Step] = Field(min_length=1)
    explanations: list[Explanation] = Field(min_length=1)
    vignettes: list[Vignette] = Field(min_length=1)
