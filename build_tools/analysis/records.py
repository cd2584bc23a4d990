"""What a results file gives, once its responses are mapped to bank items."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    """One learner's answer to one item in one attempt."""

    attempt: str  # the learner's attempt (one row of a report, one learner in an interactions file)
    item: str  # the bank item id
    correct: bool
    chosen: tuple[
        str, ...
    ] = ()  # choice items: the option ids ticked; others: the response as text


@dataclass(frozen=True)
class Summary:
    """An item as a report that only gives totals describes it (Canvas item analysis)."""

    item: str
    responses: int
    facility: float
    upper_lower: float | None
    point_biserial: float | None  # against the total score, as Canvas computes it


@dataclass(frozen=True)
class Results:
    """A results file read: answers one by one, or only totals per item; and what was skipped."""

    source: str  # which kind of file it was, as the report names it
    answers: list[Answer] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # questions not in the bank, and the like
