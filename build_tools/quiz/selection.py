"""Which items an export holds: filters, the instructor's id lists, the draw, and Canvas pick
counts.

`draw_items` is the one place that decides the draw from a filtered pool; a blueprinted draw by
module quotas replaces its body without touching the CLI or the exporters.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..usage import UsageError
from .bank import draw, draw_attempt, variants
from .item import Item


@dataclass(frozen=True)
class Selection:
    seed: int
    count: int | None = None  # None: every item that matches
    topics: tuple[str, ...] = ()
    difficulty: tuple[str, ...] = ()
    ids: tuple[str, ...] | None = None  # --ids: only these items
    exclude: tuple[str, ...] = ()  # --exclude: never these
    levels: tuple[str, ...] = ()  # --level: recall, understand, apply, analyze
    min_per_module: int = 0  # the blueprint: each module drawn gets at least this many


def read_ids(path: Path, option: str) -> tuple[str, ...]:
    """Item ids from a text file (one per line, `#` starts a comment) or from an export's
    manifest."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{option} {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"{option} {path}: cannot read it ({getattr(error, 'strerror', None) or error})"
        ) from None
    if text.lstrip().startswith("{"):
        return _manifest_ids(text, path, option)
    ids = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return tuple(dict.fromkeys(i for i in ids if i))


def _manifest_ids(text: str, path: Path, option: str) -> tuple[str, ...]:
    try:
        data = json.loads(text)
        ids = [*data.get("ids", []), *(i for v in data.get("variants", []) for i in v["ids"])]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise UsageError(f"{option} {path}: neither a list of ids nor an export manifest") from None
    return tuple(dict.fromkeys(str(i) for i in ids))


def pool(bank: Sequence[Item], sel: Selection, modules: Sequence[str]) -> list[Item]:
    """The items that match every filter, in bank order; unknown modules or ids are usage errors."""
    unknown = [t for t in sel.topics if t not in modules]
    if unknown:
        raise UsageError(
            f"unknown module {', '.join(map(repr, unknown))} (modules: {', '.join(modules)})"
        )
    known = {i.id for i in bank}
    if sel.ids is not None:
        if not sel.ids:
            raise UsageError("--ids: the file lists no item ids")
        missing = [i for i in sel.ids if i not in known]
        if missing:
            shown = ", ".join(missing[:3]) + (
                f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            )
            raise UsageError(f"--ids: {len(missing)} id(s) not in the bank: {shown}")
    wanted = set(sel.ids) if sel.ids is not None else None
    skip = set(sel.exclude)
    return [
        i
        for i in bank
        if (wanted is None or i.id in wanted)
        and i.id not in skip
        and (not sel.topics or i.topic in sel.topics)
        and (not sel.difficulty or i.difficulty in sel.difficulty)
        and (not sel.levels or i.level in sel.levels)
    ]


def checked_count(matching: Sequence[Item], sel: Selection) -> int:
    """How many items to draw. A drawn quiz holds one item per family (the forms of one fact), so a
    count beyond the families that match is refused; without --count the export holds every item."""
    if not matching:
        raise UsageError("no item matches the modules, difficulty, levels and id lists chosen")
    if sel.count is None:
        return len(matching)
    families = len({i.family for i in matching})
    if sel.count > families:
        raise UsageError(
            f"asked for {sel.count} items but only {families} distinct facts "
            f"(of {len(matching)} items) match the modules, difficulty, levels and id lists chosen"
        )
    return sel.count


def draw_items(
    matching: Sequence[Item], sel: Selection, *, seed: int, count: int, modules: Sequence[str]
) -> list[Item]:
    """The draw, by the course's blueprint (the final assessment's): at least `min_per_module` items
    from each module in the pool, never two of one family. Without --count: the whole pool,
    ranked."""
    if count >= len(matching):
        return draw(list(matching), seed=seed)
    present = [m for m in modules if any(i.topic == m for i in matching)]
    return draw_attempt(
        list(matching), seed=seed, size=count, min_per_module=sel.min_per_module, modules=present
    )


def draw_variants(
    matching: Sequence[Item],
    sel: Selection,
    *,
    seed: int,
    count: int,
    n: int,
    modules: Sequence[str],
) -> list[list[Item]]:
    return variants(
        list(matching),
        seed=seed,
        count=count,
        n=n,
        pick=lambda items, s: draw_items(items, sel, seed=s, count=count, modules=modules),
    )


def module_picks(
    items: Sequence[Item], modules: Sequence[str], *, total: int, minimum: int
) -> dict[str, int]:
    """How many items Canvas draws from each module's group per attempt, `total` in all.

    Each module present gets `minimum` (or all it has), the rest is shared in proportion to what is
    left in each group (largest remainders first, ties in course order)."""
    sizes = Counter(i.topic for i in items)
    order = [m for m in modules if m in sizes] + sorted(m for m in sizes if m not in modules)
    total = min(total, len(items))
    picks = {m: min(minimum, sizes[m]) for m in order}
    if sum(picks.values()) > total:
        raise UsageError(
            f"--pick {total} is fewer than the {sum(picks.values())} items that {minimum} per "
            f"module need ({len(order)} modules drawn)"
        )
    room = {m: sizes[m] - picks[m] for m in order}
    rest, spare = total - sum(picks.values()), sum(room.values())
    if rest and spare:
        shares = {m: rest * room[m] / spare for m in order}
        for m in order:
            picks[m] += int(shares[m])
        left = total - sum(picks.values())
        by_remainder = sorted(order, key=lambda m: (-(shares[m] - int(shares[m])), order.index(m)))
        for m in by_remainder[:left]:
            picks[m] += 1
    return picks
