"""Choose wrong options from sibling values: never the answer, never a second right answer.

A Pool is built once per attribute (all CRS rates, all domain functions); each item then picks
from a small window around its answer, so a bank of n items costs O(n log n), not O(n²).
"""

from __future__ import annotations

import bisect
import random
import re

_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _number(text: str) -> float:
    """The first number in an option ('21.1%–43.4%' -> 21.1, '27,000' -> 27000)."""
    found = _FIRST_NUMBER.search(text.replace(",", ""))
    return float(found.group()) if found else 0.0


class Pool:
    def __init__(
        self,
        candidates: list[str],
        numeric: bool = False,
        notes: dict[str, str] | None = None,
        label: str = "",
    ):
        self.numeric = numeric
        self.label = label  # what the values measure, as feedback names it ("survival rate")
        # candidate -> where it comes from, shown as the reason it is wrong here
        self.notes = notes or {}
        measure = _number if numeric else len
        # Numeric options are near in value, text options near in length (so no answer stands out).
        self.entries = sorted({(measure(c), c) for c in candidates})
        self.keys = [m for m, _ in self.entries]
        self.measure = measure

    def pick(self, answer: str, k: int, key: str) -> list[str]:
        """Up to k distinct candidates unlike `answer`, chosen the same way on every run.

        Ties are broken by a generator seeded with the item id, not the bank seed, so an item
        reads the same whatever seed the instructor picks."""
        target = self.measure(answer)
        at = bisect.bisect_left(self.keys, target)
        span = 6 * k + 6  # wide enough to find options a clear step away
        same = answer.strip().lower()
        window = [
            (m, c)
            for m, c in self.entries[max(0, at - span) : at + span]
            if c.strip().lower() != same
        ]
        rng = random.Random(key)
        rng.shuffle(window)
        window.sort(key=lambda entry: abs(entry[0] - target))
        texts = [c for _, c in window]
        if self.numeric:
            near = [c for c in texts[: k * 6] if clear_step(self.measure(c), target)]
            rng.shuffle(near)
            chosen: list[str] = []
            for c in near:  # each option a clear step from the key and from each other
                if all(clear_step(self.measure(c), self.measure(o)) for o in chosen):
                    chosen.append(c)
            return chosen[:k]
        return texts[:k]


def clear_step(a: float, b: float) -> bool:
    """Two numbers a learner can tell apart: at least 5 apart and 15% of the larger."""
    gap = abs(a - b)
    return gap >= 5 and gap >= 0.15 * max(abs(a), abs(b))
