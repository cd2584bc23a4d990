"""Small rules of English that stems, options and feedback share."""

from __future__ import annotations


def cap(text: str) -> str:
    """Capitalize the first letter only: 'tocilizumab' -> 'Tocilizumab', 'CD19 ...' stays."""
    return text[:1].upper() + text[1:]


def listing(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]


def in_sentence(text: str) -> str:
    """'An age of 18' -> 'an age of 18' and 'Hinge' -> 'hinge' mid-sentence; a name that starts
    with capitals ('TCR T cells', 'MAGE-A4 expressed') keeps them."""
    return text[0].lower() + text[1:] if text[1:2].islower() or text[1:2] == " " else text
