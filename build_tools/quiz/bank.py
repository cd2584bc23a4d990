"""Build the whole question bank from blueprints, and draw quizzes from it."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..content.course import Course
from ..content.errors import ContentError, ContentIssue
from . import generators, grading_items, labels_items, structure, table1, therapies, vignettes  # noqa: F401  (importing them registers their generators)
from .blueprint import load_blueprints
from .context import QuizContext
from .cues import Lineages
from .item import Item
from .quality import bank_problems, problems
from .registry import all_generators


def build_bank(course: Course, quizbank_dir: Path) -> list[Item]:
    """Every item of every blueprint, sorted by id. Quality problems are errors naming the
    blueprint."""
    ctx = QuizContext(course)
    items: dict[str, Item] = {}
    issues: list[ContentIssue] = []
    known = all_generators()
    origin: dict[str, tuple[str, str]] = {}  # item id -> (blueprint file, blueprint id)
    for bp, file in load_blueprints(quizbank_dir, course, known):
        for item in known[bp.generator](ctx, bp):
            origin[item.id] = (file, bp.id)
            for problem in problems(item):
                issues.append(
                    ContentIssue(file, 1, f"blueprint {bp.id}", f"item {item.id}: {problem}")
                )
            if item.id in items:
                issues.append(
                    ContentIssue(file, 1, f"blueprint {bp.id}", f"item id {item.id} produced twice")
                )
            items[item.id] = item
    for item_id, problem in bank_problems(list(items.values()), Lineages(course)):
        file, bp_id = origin.get(item_id, ("quizbank", "*"))
        issues.append(ContentIssue(file, 1, f"blueprint {bp_id}", f"item {item_id}: {problem}"))
    if issues:
        raise ContentError(issues)
    return [items[k] for k in sorted(items)]


def draw(
    bank: list[Item],
    *,
    seed: int,
    count: int | None = None,
    topics: list[str] | None = None,
    difficulty: list[str] | None = None,
) -> list[Item]:
    """A reproducible selection. Each item's rank comes from (seed, item id), so an item drawn
    under two seeds keeps its id, and adding items to the bank does not reshuffle the others."""
    pool = [
        i
        for i in bank
        if (not topics or i.topic in topics) and (not difficulty or i.difficulty in difficulty)
    ]
    ranked = sorted(pool, key=lambda i: random.Random(f"{seed}:{i.id}").random())
    return ranked[:count] if count else ranked


def self_check_draws(
    bank: list[Item], *, seed: int, counts: dict[str, int]
) -> dict[str, list[Item]]:
    """Each module page's self-checks: its first `count` items in the seeded order. Then, for each
    question type of the bank that no page shows, the first module (in `counts` order) that has
    one swaps it in for its last self-check of a type shown more than once, so every type the
    assessment can ask is on some page to practise."""
    shown = {m: draw(bank, seed=seed, topics=[m], count=n) for m, n in counts.items()}
    for kind in sorted({i.type for i in bank}):
        if any(i.type == kind for items in shown.values() for i in items):
            continue
        for module in counts:
            ranked = draw(bank, seed=seed, topics=[module])
            candidate = next((i for i in ranked if i.type == kind), None)
            often = Counter(i.type for items in shown.values() for i in items)
            spare = [i for i in shown[module] if often[i.type] > 1]
            if candidate is None or not spare:
                continue
            kept = [i for i in shown[module] if i is not spare[-1]] + [candidate]
            shown[module] = [i for i in ranked if i in kept]
            break
    return shown


def draw_attempt(
    bank: list[Item],
    *,
    seed: int,
    size: int,
    min_per_module: int,
    modules: list[str],
    levels: list[str] | None = None,
) -> list[Item]:
    """A blueprinted attempt, as the final assessment draws it: at least `min_per_module` items from
    every module (where it has them), never two items of one family, the rest by a seeded rank."""
    ranked = draw(bank, seed=seed)
    if levels:
        ranked = [i for i in ranked if i.level in levels]
    picked: list[Item] = []
    families: set[str] = set()

    def take(candidates) -> None:
        for item in candidates:
            if len(picked) >= size:
                return
            if item.family not in families and item not in picked:
                picked.append(item)
                families.add(item.family)

    for module in modules:
        before = len(picked)
        take(i for i in ranked if i.topic == module and len(picked) - before < min_per_module)
    take(ranked)
    return picked


def variants(
    bank: list[Item],
    *,
    seed: int,
    count: int,
    n: int,
    pick: Callable[[list[Item], int], list[Item]] | None = None,
) -> list[list[Item]]:
    """n exam variants: a different draw per student (by `pick`, given the pool and a seed), options
    shuffled per variant."""
    pick = pick or (lambda items, s: draw(items, seed=s, count=count))
    out = []
    for v in range(n):
        chosen = pick(bank, seed * 1000 + v)
        out.append([_shuffled(item, f"{seed}:{v}:{item.id}") for item in chosen])
    return out


def _shuffled(item: Item, key: str) -> Item:
    if item.type not in ("single", "multiple") or item.sorted_options:
        return item
    options = list(item.options)
    random.Random(key).shuffle(options)
    return replace(item, options=tuple(options))
