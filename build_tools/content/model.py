"""Typed content objects: one class per kind of entity in content/*.yaml.

Field names are the YAML keys. Models forbid unknown keys so a typo ("crs_precent")
is an error, not a silently missing number. Cross-file checks (does this reference
number exist?) live in checks.py, because a single model cannot see the others.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .markers import Measured, RefersTo

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]
RefNumber = Annotated[
    int,
    RefersTo(
        "references",
        "reference",
        message="cites reference {value}, which is not in content/references.yaml",
    ),
]
# 0 = the review itself
RefList = list[Annotated[RefNumber, Field(ge=0)]]
Refs = Annotated[RefList, Field(min_length=1)]

# Ids of entities elsewhere in the content; checks.py resolves them from these markers.
AntigenId = Annotated[Id, RefersTo("antigens", "antigen")]
DiseaseId = Annotated[Id, RefersTo("diseases", "disease")]
SourceId = Annotated[Id, RefersTo("sources", "source")]
TherapyTypeId = Annotated[Id, RefersTo("therapy_types", "therapy type")]
AgentId = Annotated[Id, RefersTo("agents", "agent")]
FactId = Annotated[Id, RefersTo("facts", "fact")]
SectionId = Annotated[Id, RefersTo("sections", "section", same_file=True)]  # on the same page
ContentFile = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$"), RefersTo("files", "content file")]
TemplateName = Annotated[
    str,
    Field(pattern=r"^[a-z0-9_]+\.md\.j2$"),
    RefersTo(
        "templates",
        "template",
        message="no template named {value!r} in build_tools/pages/templates",
    ),
]


def _number(value: object) -> object:
    # YAML "82" (quoted) or true must not pass as a number;
    # ints stay ints so 82 shows as 82, not 82.0.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number (got {value!r})")
    return value


Number = Annotated[int | float, BeforeValidator(_number)]


def shown(value: int | float) -> str:
    """A number as an error message shows it: huge integers are cut short, not converted."""
    text = str(value) if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 15 else f"{text[:12]}… ({len(text)} digits)"


def _percent(value: float) -> float:
    if not 0 <= value <= 100:
        raise ValueError(f"must be between 0 and 100 (got {shown(value)})")
    return value


Share = Annotated[Number, AfterValidator(_percent)]  # 0–100, a setting rather than a fact
# Numbers a reader learns carry their unit in their type; they make up the fact index.
Percent = Annotated[Share, Measured("percent")]
Months = Annotated[Number, Measured("months")]
Days = Annotated[int, Measured("days")]
Count = Annotated[int, Field(ge=0), Measured("count")]
Unit = Literal[
    "percent",
    "days",
    "weeks",
    "months",
    "years",
    "minutes",
    "hours",
    "mg",
    "mg-per-kg",
    "litres-per-minute",
    "celsius",
    "mmhg",
    "per-cubic-mm",
    "count",
    "fold",
    "calendar-year",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cited(Model):
    """A statement that cites the article (`refs`), sources beyond it (`sources`, ids in
    content/sources.yaml), or both; it must cite something."""

    refs: RefList = []
    sources: list[SourceId] = []

    @model_validator(mode="after")
    def _cites(self) -> Cited:
        if not (self.refs or self.sources):
            raise ValueError(
                "cite the article (refs: [n], 0 for the review itself) or an outside source "
                "(sources: [id] from content/sources.yaml)"
            )
        return self


class Quantity(Model):
    """A number (or a low–high range) with its unit. Prose shows it; quizzes ask it."""

    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: Unit

    @model_validator(mode="after")
    def _shape(self) -> Quantity:
        if (self.value is None) == (self.low is None and self.high is None):
            raise ValueError("give either value, or low and high")
        if self.value is None and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({shown(self.low)}) is greater than high ({shown(self.high)})")
        if self.unit == "percent":
            for number in (self.value, self.low, self.high):
                if number is not None:
                    _percent(number)
        return self

    @property
    def is_range(self) -> bool:
        return self.value is None


Design = Literal["randomized", "single-arm", "retrospective", "historical-control"]
# What an asked figure measures. Distractors come only from answers of the same measure (a
# response rate for a response rate), never from any number that shares the unit.
Measure = Literal[
    "response rate",  # share of patients who responded (complete, or complete or partial)
    "overall survival rate",  # share alive at a time point
    "progression-free survival rate",  # share alive and free of progression or relapse, at a time
    "median survival",  # months
    "complication rate",  # share of patients with a toxicity, infection or second cancer
    "antigen escape share",  # share of relapses in which the target antigen was lost
    "wait for cells",  # time from collection or decision to infusion
    "infection window",  # time after infusion in which an infection clusters
    "age limit",  # an approval's age bound
    "dose",  # a drug dose
    "monitoring period",  # how long labels ask for monitoring after infusion
]
# What an item gives the learner and what it asks; quiz/levels.py decides the level from both.
Gives = Literal[
    "question",  # a bare question: no patient, no data
    "scenario",  # a patient or situation in words, with nothing to interpret
    "data",  # a vignette with values to interpret: day, vital signs, ICE score, labs, age, markers
    "evidence",  # results or study designs to weigh against each other
    "differential",  # a vignette whose findings fit more than one explanation
]
Asks = Literal[
    "fact",  # recall: a number, a name, a definition
    "meaning",  # explain: why something holds, what a term or a result means
    "decision",  # act: the diagnosis, grade, next step or eligible product for this patient
    "judgement",  # weigh: which explanation or which evidence holds up, and why
]


ValueName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Worded(Model):
    """Prose whose numbers are its own values: `{name}` in text shows values[name]."""

    text: Text
    values: dict[ValueName, Quantity] = {}


class Fact(Worded, Cited):
    """One cited statement; `{name}` in text shows values[name]. Statements need no numbers.
    A fact from beyond the article cites `sources` and may say what they leave unsettled
    (`flag`), which the page shows as flagged for review."""

    id: Id
    design: Design | None = None  # the kind of study behind a result, where the review says so
    # the result as a case shows it (without its design, which the case describes in its own words)
    claim: str | None = None
    flag: str | None = None
    ask: str | None = None  # a question stem for the quiz generator; None = not asked numerically
    answer: str | None = None  # which value `ask` asks for; required when the fact has several
    measure: Measure | None = None  # what the asked value measures; required with `ask`
    # values of this fact of that same measure, offered as wrong options to questions about other
    # facts of the measure (a control arm's rate, a second product's rate); never asked themselves
    pool: list[ValueName] = []
    objective: int | None = Field(
        default=None, ge=1
    )  # the objective `ask` tests, if not the section's

    @model_validator(mode="after")
    def _named_key(self) -> Fact:
        # Nothing guesses the key: a stem over several values must say which one it asks for.
        if self.answer is not None and self.answer not in self.values:
            raise ValueError(
                f"answer {self.answer!r} names no value of this fact "
                f"(values: {', '.join(self.values)})"
            )
        if self.ask and self.answer is None and len(self.values) > 1:
            raise ValueError(
                f"this fact asks a question over several values ({', '.join(self.values)}): "
                "say which is the answer with `answer:`"
            )
        if self.pool and self.measure is None:
            raise ValueError("`pool:` values need the `measure:` they share")
        unknown = [n for n in self.pool if n not in self.values]
        if unknown:
            raise ValueError(f"pool names no value of this fact: {', '.join(unknown)}")
        if self.ask and self.measure is None:
            raise ValueError(
                "an asked fact says what its answer measures (`measure:`), so that wrong options "
                "come from answers of the same measure"
            )
        return self

    @model_validator(mode="after")
    def _claim_with_design(self) -> Fact:
        if self.design is not None and self.claim is None:
            raise ValueError("a fact with a design needs a claim (the result without its design)")
        return self

    @property
    def key(self) -> str | None:
        """The name of the value a question about this fact asks for."""
        return self.answer or next(iter(self.values), None)


class Section(Cited):
    """Teaching prose for one heading of a module page."""

    id: Id
    title: Text
    body: Text
    objective: int | None = Field(default=None, ge=1)  # which module objective it teaches (1-based)
    facts: list[Fact] = []


class Reference(Model):
    n: int = Field(ge=0)
    authors: Text
    title: Text
    journal: Text
    details: str = ""
    year: int = Field(ge=1900, le=2100)
    doi: str | None = None
    url: str | None = None


class ReferencesFile(Model):
    references: list[Reference]


class Antigen(Model):
    id: Id
    name: Text
    full_name: Text
    synonyms: list[str] = []
    expressed_by: Text
    refs: Refs


class Distractor(Model):
    """A wrong answer a learner might choose, and why it is wrong."""

    text: Text
    why: Text


class Concept(Model):
    """A hand-written question about an idea rather than a number. Its key rests on facts of the
    page (`rests_on`), which a test finds taught where the question links."""

    id: Id
    section: SectionId  # the section of this file's page that teaches it
    objective: int | None = Field(default=None, ge=1)  # the module objective, if not the section's
    gives: Gives = "question"  # what the stem puts in front of the learner
    asks: Asks  # what it asks for: the level follows from both (quiz/levels.py)
    ask: Text
    answer: Text
    because: Text  # why the key is right, in full sentences: the key's feedback
    rests_on: list[FactId] = Field(min_length=1)  # ids of facts in that section
    wrong: list[Distractor] = Field(min_length=2, max_length=4)


class SectionsFile(Model):
    """Every module's content file: teaching sections, plus the entities of its subject."""

    sections: list[Section] = []
    concepts: list[Concept] = []


class AntigensFile(Model):
    antigens: list[Antigen]


class Module(Model):
    id: Id
    title: Text
    content: ContentFile  # the content file (stem) this module presents
    template: TemplateName = "module.md.j2"
    description: Text  # the page's meta description
    objectives: list[Text] = Field(min_length=3, max_length=5)
    key_points: list[Text] = Field(min_length=1)
    self_check_count: int = Field(ge=0, le=20)


class HandWrittenPage(Model):
    """A page written by hand in docs/, placed in the navigation after the modules."""

    title: Text
    file: Annotated[str, Field(pattern=r"^[a-z0-9_/-]+\.md$")]


class Assessment(Model):
    """The final assessment: how an attempt is drawn and what passes (also the LMS mastery
    score)."""

    items: int = Field(default=20, ge=1, le=200)
    pass_mark: Share = 80  # percent of items right to pass
    min_per_module: int = Field(default=2, ge=0)  # each module gets at least this many items


class CourseFile(Model):
    title: Text
    version: Text
    reviewed: dt.date
    disclaimer: Text
    modules: list[Module] = Field(min_length=1)
    pages: list[HandWrittenPage] = []
    assessment: Assessment = Assessment()
    self_check_seed: int = 1  # which items each module page shows; change it to show others
