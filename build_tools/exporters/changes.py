"""What changed since an earlier export: the items its manifest recorded against the items of
this one, so an instructor knows which LMS questions to replace.

A manifest keeps, per item, its content hash and one short hash for each part a learner sees
(wording, key, options, feedback), enough to say what changed without keeping any text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..quiz.answers import answer_text
from ..quiz.item import Item, short_hash
from ..usage import UsageError

PARTS = ("wording", "key", "options", "feedback")


def fingerprint(item: Item) -> dict[str, str]:
    """The hashes a manifest keeps for an item."""
    seen = {
        "wording": (item.type, item.stem, item.unit),
        "key": answer_text(item),
        "options": (
            sorted(o.text for o in item.options),
            sorted({t for p in item.pairs for t in (p.left, p.right)}),
            sorted(item.order),
        ),
        "feedback": (
            item.explanation,
            [o.why for o in item.options],
            item.refs,
            [s.id for s in item.sources],
            item.page,
        ),
    }
    return {"hash": item.content_hash} | {p: short_hash(repr(seen[p]), 8) for p in PARTS}


@dataclass(frozen=True)
class Changes:
    added: list[str]
    removed: list[str]  # no longer in the bank: delete these questions
    not_drawn: list[str]  # still in the bank, but not in this export (another draw or filter)
    changed: dict[str, list[str]]  # item id -> the parts that changed
    unchanged: int


def read_recorded(path: Path) -> dict[str, dict[str, str]]:
    """The per-item hashes an earlier export's manifest recorded; a usage error otherwise."""
    option = "--changes-since"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{option} {path}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        why = getattr(error, "strerror", None) or "not an export manifest (JSON)"
        raise UsageError(f"{option} {path}: cannot read it ({why})") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, dict) or not all(isinstance(v, dict) for v in items.values()):
        raise UsageError(
            f"{option} {path}: the manifest records no item hashes (an export made before they "
            "were kept, or not a manifest); compare against a newer export's manifest"
        )
    return items


def compare(recorded: dict[str, dict[str, str]], items: list[Item], bank: set[str]) -> Changes:
    """`items`: this export's; `bank`: every id the bank holds now."""
    now = {i.id: fingerprint(i) for i in items}
    changed = {
        i: [p for p in PARTS if recorded[i].get(p) != now[i][p]] or ["other"]
        for i in now
        if i in recorded and recorded[i].get("hash") != now[i]["hash"]
    }
    return Changes(
        added=sorted(set(now) - set(recorded)),
        removed=sorted(set(recorded) - bank),
        not_drawn=sorted(set(recorded) - set(now) - (set(recorded) - bank)),
        changed=dict(sorted(changed.items())),
        unchanged=sum(1 for i in now if i in recorded) - len(changed),
    )


def report(changes: Changes, since: Path) -> list[str]:
    """Lines to print: a summary, then one line per item to add, remove or replace."""
    c = changes
    return [
        f"since {since}: {len(c.added)} added, {len(c.removed)} removed, "
        f"{len(c.changed)} changed, {c.unchanged} unchanged"
        + (f", {len(c.not_drawn)} not in this export" if c.not_drawn else ""),
        *(f"added: {i}" for i in c.added),
        *(f"removed: {i}" for i in c.removed),
        *(f"changed: {i} ({', '.join(parts)})" for i, parts in c.changed.items()),
        *(f"not in this export: {i}" for i in c.not_drawn),
    ]
