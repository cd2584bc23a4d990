"""Credit fractions Moodle accepts on import (33.33 is refused; 33.33333 is not)."""

from __future__ import annotations

_MOODLE = {
    1: "100",
    2: "50",
    3: "33.33333",
    4: "25",
    5: "20",
    6: "16.66667",
    7: "14.28571",
    8: "12.5",
    9: "11.11111",
    10: "10",
}


def share(correct: int) -> str:
    """The credit for each right option of a multiple-select item with `correct` right options."""
    return _MOODLE[correct]
