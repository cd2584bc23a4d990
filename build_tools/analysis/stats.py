"""Classical item statistics, per item, from answers one by one (or from a report's totals).

- facility: the share of responses that were right;
- point-biserial: the correlation of an item's 0/1 score with the learner's rest score (the share
  right of the other items in the same attempt, so the item does not correlate with itself, and
  attempts of different lengths, as random draws give, compare);
- upper-lower: facility among the 27% of respondents with the highest rest scores minus facility
  among the 27% with the lowest;
- choices: how many chose each option (choice items) or gave each response (others), overall and
  in the upper group.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .records import Answer, Summary

GROUP = 0.27  # Kelley's upper and lower groups


@dataclass(frozen=True)
class ItemStats:
    item: str
    responses: int
    facility: float | None
    point_biserial: float | None
    upper_lower: float | None
    choices: dict[str, int] = field(default_factory=dict)  # option id or response -> count
    upper_choices: dict[str, int] = field(default_factory=dict)  # the same, upper group only
    basis: str = "rest score"  # what discrimination was measured against
    flags: tuple[str, ...] = ()


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """The correlation of two equally long series; None where either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def analyse(answers: list[Answer]) -> dict[str, ItemStats]:
    """Statistics for every item answered, in the order items first appear."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # attempt -> [right, answered]
    by_item: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        totals[a.attempt][0] += a.correct
        totals[a.attempt][1] += 1
        by_item[a.item].append(a)
    return {item: _item(item, given, totals) for item, given in by_item.items()}


def _item(item: str, given: list[Answer], totals: dict[str, list[int]]) -> ItemStats:
    scored = []  # (rest score, attempt, answer) for attempts with other items to compare
    for a in given:
        right, answered = totals[a.attempt]
        if answered > 1:
            scored.append(((right - a.correct) / (answered - 1), a.attempt, a))
    scored.sort(key=lambda t: (-t[0], t[1]))  # strongest first; ties in a fixed order
    k = max(1, round(GROUP * len(scored))) if len(scored) >= 2 else 0
    upper, lower = [t[2] for t in scored[:k]], [t[2] for t in scored[len(scored) - k :]]
    return ItemStats(
        item=item,
        responses=len(given),
        facility=sum(a.correct for a in given) / len(given),
        point_biserial=pearson([float(t[2].correct) for t in scored], [t[0] for t in scored]),
        upper_lower=(_share(upper) - _share(lower)) if k else None,
        choices=dict(Counter(c for a in given for c in a.chosen)),
        upper_choices=dict(Counter(c for a in upper for c in a.chosen)),
    )


def _share(answers: list[Answer]) -> float:
    return sum(a.correct for a in answers) / len(answers)


def from_summary(s: Summary) -> ItemStats:
    """A report's totals as statistics (no choices: such a report does not count them)."""
    return ItemStats(
        item=s.item,
        responses=s.responses,
        facility=s.facility,
        point_biserial=s.point_biserial,
        upper_lower=s.upper_lower,
        basis="total score (as the report computed it)",
    )
