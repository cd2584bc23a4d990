"""The bank as JSON: what the final-assessment page reads, and a format-neutral archive."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..quiz.item import Item
from .meta import ExportMeta

SUFFIX = ".json"


def dumps(items: list[Item], title: str, page_url: Callable[[str], str] | None = None) -> str:
    # Sorted keys, fixed separators, no timestamp: the same bank gives the same bytes.
    records = [i.to_dict() for i in items]
    for record in records if page_url else ():  # LMS packages serve pages as files, not folders
        record["page"] = page_url(record["page"])
    data = {"title": title, "count": len(items), "items": records}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    path.write_text(dumps(items, title), encoding="utf-8")
    return [path]
