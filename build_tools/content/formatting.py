"""How numbers read on a page and in a quiz: one formatter, so both always agree."""

from __future__ import annotations

from .model import Quantity

_UNIT_WORDS = {
    "days": "day",
    "weeks": "week",
    "months": "month",
    "years": "year",
    "minutes": "minute",
    "hours": "hour",
}
_UNIT_SIGNS = {
    "mg": "mg",
    "mg-per-kg": "mg/kg",
    "litres-per-minute": "L/min",
    "celsius": "°C",
    "mmhg": "mmHg",
    "per-cubic-mm": "per mm³",
}


def number(value: int | float) -> str:
    """82 -> '82', 86.2 -> '86.2', 46.0 -> '46.0' (as typed), 27000 -> '27,000'."""
    if isinstance(value, int):
        return f"{value:,}"
    whole, _, frac = repr(value).partition(".")
    return f"{int(whole):,}.{frac}" if frac else f"{int(whole):,}"


def quantity(q: Quantity) -> str:
    if q.unit == "calendar-year":  # 2017, not 2,017
        return f"{q.low}–{q.high}" if q.is_range else str(q.value)
    if q.is_range:
        body = (
            f"{number(q.low)}%–{number(q.high)}%"
            if q.unit == "percent"
            else f"{number(q.low)}–{number(q.high)}"
        )
        plural = True
    else:
        body = f"{number(q.value)}%" if q.unit == "percent" else number(q.value)
        plural = q.value != 1
    if q.unit in ("percent", "count", "fold"):
        return body
    if q.unit in _UNIT_SIGNS:
        return f"{body} {_UNIT_SIGNS[q.unit]}"
    word = q.unit if plural else _UNIT_WORDS[q.unit]
    return f"{body} {word}"


def percent(value: int | float) -> str:
    return f"{number(value)}%"
