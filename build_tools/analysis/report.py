"""The item analysis as files: a CSV to sort in a spreadsheet and JSON for other tools, one row
per item in the bank's order (by id), and the lines the command prints."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from pathlib import Path

from ..quiz.item import Item
from .flags import judged
from .records import Results
from .stats import ItemStats, analyse, from_summary

COLUMNS = (
    "item",
    "module",
    "type",
    "responses",
    "facility",
    "point_biserial",
    "upper_lower",
    "discrimination_against",
    "flags",
    "choices",
)


def item_stats(results: Results, bank: list[Item]) -> dict[str, ItemStats]:
    """Judged statistics per item, in bank order."""
    by_id = {i.id: i for i in bank}
    found = analyse(results.answers) | {s.item: from_summary(s) for s in results.summaries}
    order = {i.id: n for n, i in enumerate(bank)}
    return {k: judged(found[k], by_id.get(k)) for k in sorted(found, key=lambda k: order.get(k, 0))}


def choices_text(stats: ItemStats, item: Item | None) -> str:
    """ "A 12 (key), B 40, C 3": each option by its letter, with how many chose it."""
    if item is None or not item.options:
        top = sorted(stats.choices.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        return "; ".join(f"{text} ({n})" for text, n in top)
    return ", ".join(
        f"{chr(65 + n)} {stats.choices.get(o.id, 0)}{' (key)' if o.correct else ''}"
        for n, o in enumerate(item.options)
    )


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def csv_text(stats: dict[str, ItemStats], bank: list[Item]) -> str:
    by_id = {i.id: i for i in bank}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for s in stats.values():
        item = by_id.get(s.item)
        writer.writerow(
            [
                s.item,
                item.topic if item else "",
                item.type if item else "",
                s.responses,
                _number(s.facility),
                _number(s.point_biserial),
                _number(s.upper_lower),
                s.basis,
                "; ".join(s.flags),
                choices_text(s, item) if s.choices else "",
            ]
        )
    return out.getvalue()


def write(
    folder: Path, results: Results, stats: dict[str, ItemStats], bank: list[Item]
) -> list[Path]:
    csv_path, json_path = folder / "item-analysis.csv", folder / "item-analysis.json"
    csv_path.write_text(csv_text(stats, bank), encoding="utf-8")
    data = {
        "source": results.source,
        "notes": results.notes,
        "items": [asdict(s) for s in stats.values()],
    }
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [csv_path, json_path]


def summary_lines(results: Results, stats: dict[str, ItemStats]) -> list[str]:
    flagged = {k: s for k, s in stats.items() if s.flags}
    return [
        f"read {results.source}: {len(stats)} items, {len(flagged)} flagged",
        *(f"note: {n}" for n in results.notes),
        *(f"flagged: {k} ({'; '.join(s.flags)})" for k, s in flagged.items()),
    ]
