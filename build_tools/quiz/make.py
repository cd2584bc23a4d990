"""Small constructors shared by generators: one place decides option order and ids."""

from __future__ import annotations

import random

from .blueprint import Blueprint
from .context import QuizContext
from .distractors import Pool, _number
from .item import Demand, Item, Option, Pair
from .levels import level_of


def stable_rank(key: str) -> float:
    """A pseudo-random rank fixed by `key` alone, so an item reads the same under every bank
    seed."""
    return random.Random(key).random()


def base(ctx: QuizContext, bp: Blueprint, key: str, **fields) -> dict:
    """Fields every item shares. Its family is the content it asks about (`source`) unless the
    generator names one. Its level is never given: the rule decides it from what the item gives
    and asks (`demand`, the blueprint's unless the generator names one)."""
    fields.setdefault("family", fields["source"])
    demand = fields.setdefault("demand", Demand(bp.gives, bp.asks))
    fields["level"] = level_of(demand)
    fields.setdefault("objective", ctx.objective(bp))
    fields.setdefault("topic", bp.module)
    return dict(id=f"{bp.id}:{key}" if key else bp.id, difficulty=bp.difficulty, **fields)


def choice(
    ctx, bp, key, *, answer: str, pool: Pool, key_why: str, k: int = 3, **fields
) -> Item | None:
    """One single-choice item: the key and up to k wrong options from `pool`, each saying why
    it is right or wrong. None where the pool gives fewer than two: a coin toss is no question."""
    numeric = pool.numeric
    wrong = pool.pick(answer, k, f"{bp.id}:{key}")
    if len(wrong) < 2:
        return None
    texts = sorted([answer, *wrong], key=(lambda t: (_number(t), t)) if numeric else str.lower)
    options = tuple(
        Option.of(t, t == answer, key_why if t == answer else _from(pool, t)) for t in texts
    )
    if len(wrong) < k and "fewer_options" not in fields:
        what = f"{pool.label}s" if pool.label else "answers of this kind"
        fields["fewer_options"] = (
            f"the content holds only {len(wrong)} other {what} a clear step from the key"
        )
    return Item(type="single", options=options, **base(ctx, bp, key, **fields))


def _from(pool: Pool, text: str) -> str:
    note = pool.notes.get(text, "")
    if not pool.numeric or not note:
        return note
    return f"{text} is a different {pool.label}: {note}" if pool.label else f"{text}: {note}"


MAX_RIGHT, MAX_OPTIONS = 5, 8


def multiple(
    ctx, bp, key, *, right: list[str], wrong: list[str], why: dict[str, str] | None = None, **fields
) -> Item:
    """Select all that apply; `why` says, per option, what makes it right or wrong.

    A list can outgrow what a learner scans and what an LMS can credit (Moodle has no fraction
    for a twelfth): at most MAX_RIGHT right and MAX_OPTIONS options in all, the same ones under
    every seed."""
    seed = f"{bp.id}:{key}"
    right = sorted(set(right), key=lambda t: stable_rank(seed + t))[:MAX_RIGHT]
    wrong = sorted(set(wrong) - set(right), key=lambda t: stable_rank(seed + t))
    texts = sorted([*right, *wrong[: MAX_OPTIONS - len(right)]], key=str.lower)
    options = tuple(Option.of(t, t in right, (why or {}).get(t, "")) for t in texts)
    return Item(type="multiple", options=options, **base(ctx, bp, key, **fields))


def truefalse(ctx, bp, key, *, true: bool, why_true: str, why_false: str, **fields) -> Item:
    """True or false, with feedback on both answers: why the statement holds or does not."""
    options = (
        Option("true", "True", true, why_true),
        Option("false", "False", not true, why_false),
    )
    return Item(type="truefalse", options=options, **base(ctx, bp, key, **fields))


def numeric(ctx, bp, key, *, answer: float, unit: str, tolerance: float = 0, **fields) -> Item:
    return Item(
        type="numeric",
        answer=answer,
        unit=unit,
        tolerance=tolerance,
        **base(ctx, bp, key, **fields),
    )


def matching(ctx, bp, key, *, pairs: list[tuple[str, str]], **fields) -> Item:
    return Item(
        type="matching",
        pairs=tuple(Pair(left, right) for left, right in pairs),
        **base(ctx, bp, key, **fields),
    )


def ordering(ctx, bp, key, *, order: list[str], **fields) -> Item:
    return Item(type="ordering", order=tuple(order), **base(ctx, bp, key, **fields))
