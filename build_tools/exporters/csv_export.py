"""CSV for spreadsheets: one row per item, answers spelled out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..quiz.answers import answer_text, reference_labels
from ..quiz.item import Item
from .meta import ExportMeta

SUFFIX = ".csv"
COLUMNS = [
    "id",
    "type",
    "topic",
    "difficulty",
    "level",
    "family",
    "objective",
    "stem",
    "options",
    "answer",
    "explanation",
    "refs",
    "source",
    "page",
]


def _cell(text: str) -> str:
    # A cell starting with = + - @ is a formula to Excel and LibreOffice: keep it text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i in items:
        options = (
            " | ".join(o.text for o in i.options)
            or " | ".join(p.left for p in i.pairs)
            or " | ".join(sorted(i.order))
        )
        writer.writerow(
            [
                _cell(c)
                for c in (
                    i.id,
                    i.type,
                    i.topic,
                    i.difficulty,
                    i.level,
                    i.family,
                    i.objective,
                    i.stem,
                    options,
                    answer_text(i),
                    i.explanation,
                    "; ".join(reference_labels(i)),
                    i.source,
                    i.page,
                )
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return [path]
