"""Moodle's quiz Responses report downloaded as CSV (mod/quiz/report/responses).

One row per attempt: the user's name and identity fields, `Status`, `Started on`, `Completed`,
`Duration`, `Grade/20.00`, then per slot N a `Response N` column (the response summary each
question type writes), `Question N` when the report's options show question text, and
`Right answer N` when they show right answers. Only finished attempts count. Moodle's summaries:
multiple choice lists the chosen answers' text joined by "; ", true/false says True or False,
matching writes "stem -> answer; ...", ordering lists each item cut to 10 characters.
"""

from __future__ import annotations

import re
from typing import assert_never

from ..quiz.item import Item
from ..usage import UsageError
from .finding import Finder, options_named, plain
from .records import Answer, Results

SLOT = re.compile(r"^(Question|Response|Right answer) (\d+)$")
NOT_ANSWERED = ("", "-")


def recognises(header: list[str]) -> bool:
    return any(SLOT.match(h) and h.startswith("Response") for h in header)


def read(
    header: list[str], rows: list[tuple[int, list[str]]], finder: Finder, name: str
) -> Results:
    slots: dict[int, dict[str, int]] = {}
    for column, h in enumerate(header):
        if found := SLOT.match(h.strip()):
            slots.setdefault(int(found[2]), {})[found[1]] = column
    if any("Question" not in s for s in slots.values()):
        raise UsageError(
            f"--responses {name}: a Moodle Responses report without 'Question N' columns; tick "
            "'Question text' (and 'Right answer') in the report's options and download it again"
        )
    status = header.index("Status") if "Status" in header else None
    answers, unknown, skipped = [], set(), 0
    for line, row in rows:
        if status is not None and row[status].strip() != "Finished":
            skipped += 1
            continue
        for slot in slots.values():
            response = row[slot["Response"]].strip()
            if response in NOT_ANSWERED:
                continue
            item = finder.by_text(row[slot["Question"]])
            if item is None:
                unknown.add(plain(row[slot["Question"]])[:60])
                continue
            right = row[slot["Right answer"]].strip() if "Right answer" in slot else None
            answers.append(_answer(f"attempt on line {line}", item, response, right))
    notes = [f"{len(unknown)} question(s) not in this bank, skipped: {'; '.join(sorted(unknown))}"]
    notes = notes[: bool(unknown)] + [f"{skipped} unfinished attempt(s) skipped"][: bool(skipped)]
    return Results("Moodle quiz Responses report", answers, notes=notes)


def _answer(attempt: str, item: Item, response: str, right: str | None) -> Answer:
    chosen = _chosen(item, response)
    correct = response == right if right is not None else _judge(item, response, chosen)
    return Answer(attempt, item.id, correct, chosen)


def _chosen(item: Item, response: str) -> tuple[str, ...]:
    """Option ids for choice items (a distractor count needs them), the value typed for numeric
    ones, nothing for matching and ordering (a whole arrangement is rarely repeated)."""
    if item.type in ("matching", "ordering"):
        return ()
    if item.type == "truefalse":
        return ({"True": "true", "False": "false"}.get(response, response),)
    if item.options:
        return tuple(options_named(item, response.split("; "), "; ") or (response,))
    return (response,)


def _judge(item: Item, response: str, chosen: tuple[str, ...]) -> bool:
    """Right by the bank's key, where the report gives no right answers to compare with."""
    match item.type:
        case "single" | "multiple" | "truefalse":
            return set(chosen) == {o.id for o in item.correct_options}
        case "numeric":
            found = re.match(r"-?\d[\d,]*(\.\d+)?", response)
            value = float(found[0].replace(",", "")) if found else None
            return value is not None and abs(value - (item.answer or 0)) <= (item.tolerance or 0)
        case "matching":
            return response_pairs(response, [p.left for p in item.pairs]) == {
                plain(p.left): plain(p.right) for p in item.pairs
            }
        case "ordering" if " -> " in response:  # exported --ordering-as matching
            return response_pairs(response, list(item.order)) == {
                plain(step): str(n) for n, step in enumerate(item.order, 1)
            }
        case "ordering":  # as qtype_ordering summarises: each item cut to 10 characters
            return response == "; ".join(_shortened(step) for step in item.order)
        case _:
            assert_never(item.type)


def response_pairs(response: str, lefts: list[str]) -> dict[str, str]:
    """Moodle's matching summary "stem -> answer; stem -> answer" read back, knowing the stems."""
    at = sorted((response.find(plain(left) + " -> "), plain(left)) for left in lefts)
    at = [(pos, left) for pos, left in at if pos >= 0]
    found = {}
    for n, (pos, left) in enumerate(at):
        end = at[n + 1][0] - 2 if n + 1 < len(at) else len(response)
        found[left] = plain(response[pos + len(left) + 4 : end])
    return found


def _shortened(text: str, ideal: int = 10, ending: str = "...") -> str:
    """Moodle's shorten_text(text, 10, exact=true)."""
    text = plain(text)
    return text if len(text) <= ideal else text[: ideal - len(ending)] + ending
