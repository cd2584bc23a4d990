"""The bank as JSON: what the final-assessment page reads, and a format-neutral archive."""
from __future__ import annotations

import json
from pathlib import Path

from ..quiz.item import Item
from .meta import ExportMeta

SUFFIX = ".json"


def dumps(items: list[Item], title: str) -> str:
    # Sorted keys, fixed separators, no timestamp: the same bank gives the same bytes.
    data = {"title": title, "count": len(items), "items": [i.to_dict() for i in items]}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    path.write_text(dumps(items, title), encoding="utf-8")
    return [path]
