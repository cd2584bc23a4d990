"""Small rules of English that stems, options and feedback share."""

from __future__ import annotations


def cap(text: str) -> str:
    """Capitalize the first letter only: 'tocilizumab' -> 'Tocilizumab', 'CD19 ...' stays."""
    return text[:1].upper() + text[1:]


def listing(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
