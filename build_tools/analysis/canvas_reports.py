"""Canvas's quiz reports (classic quizzes), as Canvas writes them
(app/models/quizzes/quiz_statistics/student_analysis.rb and item_analysis.rb).

- Student analysis: one row per submission: `name`, `id`, (`sis_id`), `section`, `section_id`,
  (`section_sis_id`), `submitted`, (`attempt`), then per question a column headed
  `<question id>: <question text>` holding the response and one headed with its points possible
  holding the points given, then `n correct`, `n incorrect`, `score`. Multiple answers are joined
  by "," (a comma inside an answer escaped as "\\,"); matching pairs read "left=>right".
  A question was answered right when it earned all its points (the site's all or nothing).
- Item analysis: one row per question with counts and ratios only; `Question Title` is the title
  the QTI export gave the item, its id.
"""

from __future__ import annotations

import re

from ..quiz.item import Item
from ..usage import UsageError
from .finding import Finder, options_named, plain
from .records import Answer, Results, Summary

QUESTION = re.compile(r"^(\d+): (.*)$", re.S)
ITEM_ANALYSIS = ("Question Id", "Question Title", "Answered Student Count", "Correct Student Ratio")


def recognises_students(header: list[str]) -> bool:
    return "n correct" in header and "score" in header and any(QUESTION.match(h) for h in header)


def recognises_items(header: list[str]) -> bool:
    return all(h in header for h in ITEM_ANALYSIS)


def read_students(
    header: list[str], rows: list[tuple[int, list[str]]], finder: Finder, name: str
) -> Results:
    questions = []  # (response column, points column, item or None, points possible)
    for column, h in enumerate(header):
        found = QUESTION.match(h)
        if not found:
            continue
        try:
            possible = float(header[column + 1])
        except (IndexError, ValueError):
            raise UsageError(
                f"--responses {name}: line 1: question column {column + 1} is not followed by "
                "its points possible"
            ) from None
        cells = [row[column] for _, row in rows]
        questions.append((column, column + 1, _item(finder, found[2], cells), possible, found[2]))
    id_col, attempt_col = header.index("id") if "id" in header else None, None
    if "attempt" in header:
        attempt_col = header.index("attempt")
    answers = []
    for line, row in rows:
        who = row[id_col] if id_col is not None else f"line {line}"
        attempt = f"{who}#{row[attempt_col]}" if attempt_col is not None else f"{who}@{line}"
        for response_col, points_col, item, possible, _ in questions:
            response, points = row[response_col].strip(), row[points_col].strip()
            if item is None or points == "":
                continue  # not in this bank, or not in this learner's draw
            try:
                earned = float(points)
            except ValueError:
                raise UsageError(
                    f"--responses {name}: line {line}: points {points!r} are not a number"
                ) from None
            answers.append(Answer(attempt, item.id, earned >= possible, _chosen(item, response)))
    unknown = sorted({plain(q[4])[:60] for q in questions if q[2] is None})
    notes = [f"{len(unknown)} question(s) not in this bank, skipped: {'; '.join(unknown)}"]
    return Results("Canvas student analysis", answers, notes=notes if unknown else [])


def _item(finder: Finder, text: str, cells: list[str]) -> Item | None:
    """Canvas heads a column with the question text alone: items that share a stem are told apart
    by the options the learners' responses name."""
    found = finder.candidates(text)
    if len(found) > 1:
        found = [
            i
            for i in found
            if all(set(_chosen(i, c)) <= {o.id for o in i.options} for c in cells if c.strip())
        ]
    return found[0] if len(found) == 1 else None


def _chosen(item: Item, response: str) -> tuple[str, ...]:
    if item.type in ("matching", "ordering"):
        return ()
    if item.type == "truefalse":
        return (response.strip().lower(),)
    if item.type == "single":  # the answer's text as it is
        return tuple(options_named(item, [response], ",") or (response,))
    if item.options:  # multiple answers: joined by ",", a comma inside an answer escaped
        parts = [p.replace("\\,", ",") for p in re.split(r"(?<!\\),", response)]
        return tuple(options_named(item, parts, ",") or (response,))
    return (response,)


def read_items(
    header: list[str], rows: list[tuple[int, list[str]]], finder: Finder, name: str
) -> Results:
    col = {h: n for n, h in enumerate(header)}
    summaries, unknown = [], []

    def number(row: list[str], field: str, line: int) -> float | None:
        if field not in col or row[col[field]].strip() in ("", "N/A"):
            return None
        try:
            return float(row[col[field]])
        except ValueError:
            raise UsageError(
                f"--responses {name}: line {line}: {field} {row[col[field]]!r} is not a number"
            ) from None

    for line, row in rows:
        item = finder.by_title(row[col["Question Title"]])
        if item is None:
            unknown.append(row[col["Question Title"]][:60])
            continue
        top, bottom = (
            number(row, "Top Student Count", line),
            number(row, "Bottom Student Count", line),
        )
        top_right = number(row, "Correct Top Student Count", line)
        bottom_right = number(row, "Correct Bottom Student Count", line)
        spread = None
        if top and bottom and top_right is not None and bottom_right is not None:
            spread = top_right / top - bottom_right / bottom
        summaries.append(
            Summary(
                item.id,
                int(number(row, "Answered Student Count", line) or 0),
                number(row, "Correct Student Ratio", line) or 0.0,
                spread,
                number(row, "Point Biserial of Correct", line),
            )
        )
    notes = [f"{len(unknown)} question(s) not in this bank, skipped: {'; '.join(unknown)}"]
    return Results("Canvas item analysis", summaries=summaries, notes=notes if unknown else [])
