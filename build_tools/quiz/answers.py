"""Answers as plain text (pages, CSV, printed keys, Anki) and numbers as importers read them."""

from __future__ import annotations

from typing import assert_never

from ..content.formatting import number
from .item import Item


def answer_text(item: Item) -> str:
    match item.type:
        case "numeric":
            tol = f" (± {number(item.tolerance)})" if item.tolerance else ""
            unit = {None: "", "count": "", "percent": "%", "fold": "-fold"}.get(
                item.unit, f" {item.unit}"
            )
            return f"{number(item.answer)}{unit}{tol}"
        case "matching":
            return "; ".join(f"{p.left} → {p.right}" for p in item.pairs)
        case "ordering":
            return " → ".join(item.order)
        case "single" | "multiple" | "truefalse":
            return "; ".join(o.text for o in item.correct_options)
        case _:
            assert_never(item.type)


def reference_labels(item: Item) -> list[str]:
    """How an item's citations read outside the site: the article's numbers, "Review" for the review
    itself, and the outside records it rests on."""
    return ["Review" if n == 0 else str(n) for n in item.refs] + [s.label for s in item.sources]


def machine_number(value: float) -> str:
    """A number as importers read it: no thousands separator, no trailing .0 on whole numbers."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
