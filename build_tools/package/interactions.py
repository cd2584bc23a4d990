"""What the LMS adapter records per answer and per objective, in the format each standard defines.

Every bank item becomes a SCORM interaction: its type, the identifiers that stand for its options
(pairs, steps), its correct response pattern, the objective it tests and (SCORM 2004 only, which
has the element) its stem as description. Each module objective becomes a `cmi.objectives`
entry. The adapter (lms.js) reads this table from `assets/lms-interactions.json` and only maps
what the learner chose through it, so every format rule lives here, where tests check it.

Formats (SCORM 1.2 RTE 3.4.2.7, SCORM 2004 4th edition RTE 4.2.9):
- choice: SCORM 1.2 identifiers are single characters (`a`..`z`, `0`..`9`) joined by `,`;
  SCORM 2004 takes short identifiers (the option ids) joined by `[,]`.
- true-false: `t`/`f` (1.2), `true`/`false` (2004).
- numeric: one decimal (1.2 has no range); `min[:]max` for the correct response in 2004.
- matching: `source.target` pairs (single characters in 1.2), `source[.]target` in 2004.
- sequencing (ordering items): the steps' identifiers in order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import assert_never

from ..content.course import Course
from ..quiz.answers import machine_number as number
from ..quiz.item import Item
from .manifest import Standard

FILE = "assets/lms-interactions.json"
SINGLE_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"  # SCORM 1.2 choice identifiers
DESCRIPTION_LIMIT = 250  # SCORM 2004 localized_string_type SPM for descriptions
INTERACTION_LIMIT = 250  # SCORM 2004's SPM for cmi.interactions; SCORM 1.2 names none
OBJECTIVE_LIMIT = 100  # SCORM 2004's SPM for cmi.objectives


@dataclass(frozen=True)
class Notation:
    """How one standard writes responses and results."""

    items: str  # between the parts of a response
    pair: str  # between source and target of a matching pair
    wrong: str  # the result of a wrong answer
    described: bool  # whether interactions have a description element


NOTATION: dict[Standard, Notation] = {
    "scorm12": Notation(",", ".", "wrong", described=False),
    "scorm2004": Notation("[,]", "[.]", "incorrect", described=True),
}


def objective_id(module_id: str, n: int) -> str:
    """The objective's identifier, the same in both standards (no white space, 255 at most)."""
    return f"{module_id}-objective-{n}"


def objectives(course: Course) -> list[dict[str, str]]:
    """Every module objective in course order, with the text it states."""
    return [
        {"id": objective_id(m.id, n), "description": cut(text, DESCRIPTION_LIMIT)}
        for m in course.outline.modules
        for n, text in enumerate(m.objectives, 1)
    ]


def cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ids(keys: list[str], standard: Standard, prefix: str) -> dict[str, str]:
    """Identifiers for `keys` in order: single characters (1.2) or `prefix` + number (2004)."""
    match standard:
        case "scorm12":
            if len(keys) > len(SINGLE_CHARACTERS):
                raise ValueError(f"SCORM 1.2 names at most 36 choices ({len(keys)} given)")
            return {k: SINGLE_CHARACTERS[n] for n, k in enumerate(keys)}
        case "scorm2004":
            return {k: f"{prefix}{n}" for n, k in enumerate(keys, 1)}
        case _:
            assert_never(standard)


def interaction(item: Item, standard: Standard, objective: str) -> dict:
    """The item as the adapter records it: `type`, `ids` (what the learner may choose -> its
    identifier), `sources` (matching rows), `correct` (the pattern) and `objective`."""
    notation = NOTATION[standard]
    entry: dict = {"objective": objective}
    if notation.described:
        entry["description"] = cut(item.stem, DESCRIPTION_LIMIT)
    match item.type:
        case "single" | "multiple":
            ids = (
                _ids([o.id for o in item.options], standard, "")
                if standard == "scorm12"
                else {o.id: o.id for o in item.options}
            )
            correct = notation.items.join(ids[o.id] for o in item.correct_options)
            entry |= {"type": "choice", "ids": ids, "correct": correct}
        case "truefalse":
            ids = {"true": "t", "false": "f"} if standard == "scorm12" else {}
            ids = ids or {"true": "true", "false": "false"}
            entry |= {"type": "true-false", "ids": ids, "correct": ids[item.correct_options[0].id]}
        case "numeric":
            answer, tolerance = item.answer or 0, item.tolerance or 0
            correct = (
                number(answer)
                if standard == "scorm12"
                else f"{number(answer - tolerance)}[:]{number(answer + tolerance)}"
            )
            entry |= {"type": "numeric", "correct": correct}
        case "matching":
            # SCORM 1.2: digits for the rows, letters for the answers (single characters both)
            prefix = "" if standard == "scorm12" else "p"
            sources = [f"{prefix}{n}" for n in range(1, len(item.pairs) + 1)]
            targets = _ids(sorted({p.right for p in item.pairs}), standard, "t")
            correct = notation.items.join(
                f"{s}{notation.pair}{targets[p.right]}"
                for s, p in zip(sources, item.pairs, strict=True)
            )
            entry |= {"type": "matching", "ids": targets, "sources": sources, "correct": correct}
        case "ordering":  # keyed by each step's right position, as the page's selects carry it
            ids = _ids([str(n) for n in range(1, len(item.order) + 1)], standard, "s")
            correct = notation.items.join(ids.values())
            entry |= {"type": "sequencing", "ids": ids, "correct": correct}
        case _:
            assert_never(item.type)
    return entry


def table(course: Course, bank: list[Item], standard: Standard) -> dict:
    """Everything the adapter needs to record answers and objectives for one standard."""
    notation = NOTATION[standard]
    found = {
        text: objective_id(m.id, n)
        for m in course.outline.modules
        for n, text in enumerate(m.objectives, 1)
    }
    listed = objectives(course)
    if len(listed) > OBJECTIVE_LIMIT:
        raise ValueError(f"{len(listed)} objectives: SCORM 2004 LMSs keep {OBJECTIVE_LIMIT}")
    return {
        "standard": standard,
        "items_separator": notation.items,
        "pair_separator": notation.pair,
        "wrong": notation.wrong,
        "limit": INTERACTION_LIMIT,
        # self-checks stop this far from the limit, so an assessment attempt still fits
        "reserve": course.outline.assessment.items,
        "objectives": listed,
        "items": {i.id: interaction(i, standard, found[i.objective]) for i in bank},
    }


def table_json(course: Course, bank: list[Item], standard: Standard) -> str:
    data = table(course, bank, standard)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
