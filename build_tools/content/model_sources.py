"""Sources beyond the article (content/sources.yaml), and the dated changes since it
(content/changes.yaml).

The review is the course's science; what a clinician acts on beyond it (label indications,
warnings, monitoring, grading) names one of these sources, each with its address, the date the
document shows and its kind, so a reader can weigh it and a maintainer can re-check it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .model import Id, Model, SourceId, Text

# primary: an FDA label or fda.gov page (or its text reprinted word for word elsewhere);
# secondary: the maker's own page; tertiary: news, societies, compendia, patient sites;
# literature: a peer-reviewed paper (or a copy of its table).
Kind = Literal["primary", "secondary", "tertiary", "literature"]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _partial_date(value: object) -> object:
    # YAML reads 2024-02-16 as a date and 2024 as an int; keep what the document shows.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(
            f"must be a date as the document shows it: 2024, 2024-06 or 2024-06-26 (got {value!r})"
        )
    return value


DocumentDate = Annotated[str, Field(pattern=_DATE.pattern)]


class Source(Model):
    """One document outside the article, as stored in ../shared/source/outside/."""

    id: Id
    kind: Kind
    form: Text  # what it is, as a citation reads: "FDA label", "news report", "maker's page"
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://")]
    date: DocumentDate | None = None  # the date the document itself shows; None: undated
    date_note: str | None = None  # what that date is, where it is not the document's own
    checked: dt.date  # when this course last read the fact against the source
    supports: Text  # what the course takes from it

    @model_validator(mode="before")
    @classmethod
    def _dates_as_shown(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("date") is not None:
            data = {**data, "date": _partial_date(data["date"])}
        return data

    @property
    def year(self) -> str:
        return self.date[:4] if self.date else "undated"

    @property
    def citation(self) -> str:
        """How the source reads beside a statement: its form, its kind unless primary, its year."""
        kind = "" if self.kind == "primary" else f" ({self.kind})"
        return f"{self.form}{kind}, {self.year}"


class SourcesFile(Model):
    sources: list[Source] = Field(min_length=1)


class Change(Model):
    """Something that changed after the review, or that the review does not cover, dated and
    sourced, with the page sections it affects (each shows a notice linking to the list)."""

    id: Id
    date: DocumentDate
    title: Text
    summary: Text
    sources: list[SourceId] = Field(min_length=1)
    affects: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]] = Field(min_length=1)
    flag: str | None = None  # what the stored sources leave unsettled

    @model_validator(mode="before")
    @classmethod
    def _dates_as_shown(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("date") is not None:
            data = {**data, "date": _partial_date(data["date"])}
        return data


class ChangesFile(Model):
    review: dt.date  # publication month of the review the course rests on (first of the month)
    changes: list[Change] = Field(min_length=1)
