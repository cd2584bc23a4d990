"""Take a generic product name apart into the naming stems of content/naming.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from .model_topics import Stem


@dataclass(frozen=True)
class Piece:
    text: str
    stem: Stem | None  # None: letters with no stem meaning (the product's own syllables)


def _matches(stem: Stem, words: list[str], index: int) -> tuple[int, int] | None:
    """Where `stem` sits in words[index], if that is where the naming rule puts it."""
    word = words[index]
    if stem.where == "inside-first-word" and index == 0:
        at = word.find(stem.stem)
        return (at, at + len(stem.stem)) if at > 0 else None
    if stem.where == "start-of-second-word" and index == 1 and word.startswith(stem.stem):
        return (0, len(stem.stem))
    if stem.where == "end-of-name" and index == len(words) - 1 and word.endswith(stem.stem):
        return (len(word) - len(stem.stem), len(word))
    return None


def decode(name: str, stems: list[Stem]) -> list[list[Piece]]:
    """One list of pieces per word, stems marked, in reading order."""
    words = name.split()
    decoded = []
    for index, word in enumerate(words):
        spans = sorted(
            ((span, stem) for stem in stems if (span := _matches(stem, words, index))),
            key=lambda t: t[0],
        )
        pieces, cursor = [], 0
        for (start, end), stem in spans:
            if start > cursor:
                pieces.append(Piece(word[cursor:start], None))
            pieces.append(Piece(word[start:end], stem))
            cursor = end
        if cursor < len(word):
            pieces.append(Piece(word[cursor:], None))
        decoded.append(pieces)
    return decoded


def stems_in(name: str, stems: list[Stem]) -> list[Stem]:
    return [p.stem for word in decode(name, stems) for p in word if p.stem is not None]
