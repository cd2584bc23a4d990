"""The interactions the course's SCORM package recorded, as an LMS exports them: one row per
interaction, with at least the learner, the interaction id (the item id), and the result or the
learner's response. Column names are read loosely (`learner_id`, `Learner ID`, `student id` ...),
responses in either standard's notation (lms-interactions.json's identifiers). A learner's
attempts are told apart by an `attempt` column where there is one; an item answered more than
once in one attempt (a self-check tried again) counts once, as last answered.
"""

from __future__ import annotations

import re

from ..package.interactions import interaction
from ..quiz.item import Item
from ..usage import UsageError
from .finding import Finder
from .records import Answer, Results

LEARNER = (
    "learner id",
    "learner",
    "student id",
    "student",
    "user id",
    "user",
    "learner name",
    "name",
)
INTERACTION = ("interaction id", "interaction", "id")
RESPONSE = ("learner response", "student response", "response")
RESULT = ("result",)
RIGHT = {"correct": True, "wrong": False, "incorrect": False}


def _key(header: str) -> str:
    text = re.sub(r"^cmi\.interactions\.n\.", "", header.strip().lower())
    return " ".join(re.sub(r"[_.]", " ", text).split())


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    keys = [_key(h) for h in header]
    return next((keys.index(n) for n in names if n in keys), None)


def recognises(header: list[str]) -> bool:
    return (
        _column(header, LEARNER) is not None
        and _column(header, INTERACTION) is not None
        and (_column(header, RESULT) is not None or _column(header, RESPONSE) is not None)
    )


def read(
    header: list[str], rows: list[tuple[int, list[str]]], finder: Finder, name: str
) -> Results:
    learner, ident = _column(header, LEARNER), _column(header, INTERACTION)
    response, result = _column(header, RESPONSE), _column(header, RESULT)
    attempt = _column(header, ("attempt",))
    latest: dict[tuple[str, str], Answer] = {}
    unknown = set()
    for line, row in rows:
        item = finder.by_id.get(row[ident].strip())
        if item is None:
            unknown.add(row[ident].strip()[:60])
            continue
        who = row[learner] + (f"#{row[attempt]}" if attempt is not None else "")
        given = row[response].strip() if response is not None else ""
        chosen = decode(item, given)
        if result is not None and row[result].strip().lower() in RIGHT:
            right = RIGHT[row[result].strip().lower()]
        elif result is not None and re.fullmatch(r"-?\d+(\.\d+)?", row[result].strip()):
            right = float(row[result]) >= 1
        elif response is not None:
            right = _matches_key(item, given)
        else:
            raise UsageError(
                f"--responses {name}: line {line}: result {row[result]!r} is not one SCORM names"
            )
        latest[who, item.id] = Answer(who, item.id, right, chosen)
    notes = [
        f"{len(unknown)} interaction id(s) not in this bank, skipped: {'; '.join(sorted(unknown))}"
    ]
    return Results("SCORM interactions", list(latest.values()), notes=notes if unknown else [])


def decode(item: Item, response: str) -> tuple[str, ...]:
    """Option ids from a choice response in either standard's identifiers; the response as it is
    for other items."""
    if not response or item.type in ("matching", "ordering"):
        return ()
    for standard, separator in (("scorm2004", "[,]"), ("scorm12", ",")):
        entry = interaction(item, standard, "")
        if entry["type"] not in ("choice", "true-false"):
            return (response,)
        back = {v: k for k, v in entry["ids"].items()}
        parts = response.split(separator)
        if all(p in back for p in parts):
            return tuple(back[p] for p in parts)
    return (response,)


def _matches_key(item: Item, response: str) -> bool:
    for standard in ("scorm2004", "scorm12"):
        correct = interaction(item, standard, "")["correct"]
        if item.type == "numeric" and "[:]" in correct:
            low, high = (float(v) for v in correct.split("[:]"))
            try:
                return low <= float(response) <= high
            except ValueError:
                return False
        if response == correct:
            return True
    return False
