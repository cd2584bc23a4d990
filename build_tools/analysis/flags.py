"""What makes an item worth a committee's second look, as rules: each one threshold and one pure
function of an item's statistics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..quiz.item import Item
from .stats import ItemStats

MIN_RESPONSES = 20  # below this, a facility or correlation is noise: the item is not judged
TOO_EASY = 0.90  # facility above: almost everyone knows it, it tells learners apart little
TOO_HARD = 0.30  # facility below: near what guessing among 3-4 options gives
MIN_DISCRIMINATION = 0.15  # point-biserial below: strong and weak learners do about as well


@dataclass(frozen=True)
class Rule:
    flag: str
    applies: Callable[[ItemStats, Item | None], bool]


def _distractor_beats_key(s: ItemStats, item: Item | None) -> bool:
    """Among the strongest learners, a wrong option chosen more often than a right one: a possible
    miskey, or a distractor that is defensibly right."""
    if item is None or not item.options or not s.upper_choices:
        return False
    right = min(s.upper_choices.get(o.id, 0) for o in item.correct_options)
    return any(s.upper_choices.get(o.id, 0) > right for o in item.options if not o.correct)


RULES = (
    Rule("too easy", lambda s, _: s.facility is not None and s.facility > TOO_EASY),
    Rule("too hard", lambda s, _: s.facility is not None and s.facility < TOO_HARD),
    Rule(
        "non-discriminating",
        lambda s, _: s.point_biserial is not None and s.point_biserial < MIN_DISCRIMINATION,
    ),
    Rule("a distractor beats the key among the strongest learners", _distractor_beats_key),
)
FEW = f"fewer than {MIN_RESPONSES} responses: not judged"


def judged(s: ItemStats, item: Item | None) -> ItemStats:
    """The statistics with their flags."""
    if s.responses < MIN_RESPONSES:
        return replace(s, flags=(FEW,))
    return replace(s, flags=tuple(r.flag for r in RULES if r.applies(s, item)))
