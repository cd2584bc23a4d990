"""Choose wrong options from sibling values: never the answer, never a second right answer."""
from __future__ import annotations

import random
import re


def pick(answer: str, candidates: list[str], k: int, key: str, numeric: bool = False) -> list[str]:
    """Up to k distinct candidates unlike `answer`, chosen the same way on every run.

    Text options prefer candidates of similar length (so the answer does not stand out); numeric
    options prefer nearby values. Ties are broken by a generator seeded with the item id, not
    the bank seed, so an item reads the same whatever seed the instructor picks.
    """
    pool = sorted({c for c in candidates if c.strip().lower() != answer.strip().lower()})
    rng = random.Random(key)
    rng.shuffle(pool)
    if numeric:
        target = _number(answer)
        pool.sort(key=lambda c: abs(_number(c) - target))
        near = pool[: k * 2]
        rng.shuffle(near)
        return near[:k]
    pool.sort(key=lambda c: abs(len(c) - len(answer)))
    return pool[:k]


_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _number(text: str) -> float:
    """The first number in an option ('21.1%–43.4%' -> 21.1, '27,000' -> 27000)."""
    found = _FIRST_NUMBER.search(text.replace(",", ""))
    return float(found.group()) if found else 0.0
