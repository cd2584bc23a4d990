"""Small constructors shared by generators: one place decides option order and ids."""

from __future__ import annotations

import random
from collections.abc import Iterator

from .blueprint import Blueprint
from .context import QuizContext
from .distractors import Pool, _number
from .item import Item, Option, Pair


def stable_rank(key: str) -> float:
    """A pseudo-random rank fixed by `key` alone, so an item reads the same under every bank
    seed."""
    return random.Random(key).random()


def base(ctx: QuizContext, bp: Blueprint, key: str, **fields) -> dict:
    """Fields every item shares. Its family is the content it asks about (`source`) unless the
    generator names one, so the choice and numeric forms of one number are one family."""
    fields.setdefault("family", fields["source"])
    fields.setdefault("level", bp.level)
    fields.setdefault("objective", ctx.objective(bp))
    fields.setdefault("topic", bp.module)
    return dict(id=f"{bp.id}:{key}" if key else bp.id, difficulty=bp.difficulty, **fields)


def choice(ctx, bp, key, *, answer: str, pool: Pool, k: int = 3, **fields) -> Item | None:
    numeric = pool.numeric
    wrong = pool.pick(answer, k, f"{bp.id}:{key}")
    if len(wrong) < 2:
        return None  # too little to choose between: skip rather than ask a coin toss
    texts = sorted([answer, *wrong], key=(lambda t: (_number(t), t)) if numeric else str.lower)
    options = tuple(Option.of(t, t == answer, "" if t == answer else _from(pool, t)) for t in texts)
    return Item(type="single", options=options, **base(ctx, bp, key, **fields))


def _from(pool: Pool, text: str) -> str:
    note = pool.notes.get(text)
    if not note:
        return ""
    return note if not pool.numeric else f"{text} is another figure: {note}"


def attribute_choices(
    ctx, bp, entities, attr: str, *, source: str, stem, explanation, refs, page, owner=None
) -> Iterator[Item]:
    """One single-choice item per entity about one attribute, the siblings' values as distractors.

    `stem`, `explanation`, `refs` and `page` are functions of the entity; `source` is a format
    string with `{id}`, e.g. "naming.stems.{id}.meaning". `owner(e)` names an entity in feedback:
    a distractor says whose value it is."""
    notes = {getattr(e, attr): f"That belongs to {owner(e)}." for e in entities} if owner else None
    pool = Pool([getattr(e, attr) for e in entities], notes=notes)
    for e in entities:
        item = choice(
            ctx,
            bp,
            e.id,
            answer=getattr(e, attr),
            pool=pool,
            stem=stem(e),
            explanation=explanation(e),
            refs=tuple(refs(e)),
            source=source.format(id=e.id),
            page=page(e),
        )
        if item:
            yield item


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


def truefalse(ctx, bp, key, *, true: bool, **fields) -> Item:
    options = (Option("true", "True", true), Option("false", "False", not true))
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
