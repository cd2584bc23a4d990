"""Cues that let a test-wise learner find the key without the knowledge: each a pure function over
an item (or the bank), measured over the whole bank. quality.py turns them into build errors.

- the key as the uniquely longest option, in more than a chance share of single-choice items;
- an absolute ("always", "never", "any", "no one") in a wrong option and not in the key;
- an option that names a disease or an antigen of another lineage than the patient's;
- a mirror pair: a wrong option that is the key turned round (two parts swapped, or a word
  replaced by its opposite), so the pair gives the key away."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..content.course import Course
from .item import Item

LONGEST_KEY_SHARE = 0.30  # four options: a key is the longest about a quarter of the time by chance

ABSOLUTES = (
    "always",
    "never",
    "any",
    "anyone",
    "anything",
    "every",
    "everyone",
    "everything",
    "all",
    "none",
    "no one",
    "nobody",
    "nothing",
    "impossible",
    "whatever",
    "only",
    "cannot",
)
_ABSOLUTE = re.compile(r"\b(" + "|".join(re.escape(a) for a in ABSOLUTES) + r")\b", re.I)

# Words that turn a statement round when swapped for each other.
OPPOSITES = (
    ("fewer", "more"),
    ("less", "more"),
    ("higher", "lower"),
    ("longer", "shorter"),
    ("earlier", "later"),
    ("before", "after"),
    ("carries", "lacks"),
    ("makes", "lacks"),
    ("has", "lacks"),
    ("with", "without"),
    ("raises", "lowers"),
    ("increases", "decreases"),
    ("prevents", "causes"),
    ("does", "does not"),
    ("can", "cannot"),
    ("same", "different"),
)
_STOP = frozenset(
    "a an the of to and but or in on by for its their it is are be as that this who whose which "
    "from than so while since".split()
)


def _words(text: str) -> list[str]:
    """Content words; bare numbers are left out (grades and doses differ by number, not by
    turning a statement round)."""
    return [
        w for w in re.findall(r"[a-z0-9*:\-]+", text.lower()) if w not in _STOP and not w.isdigit()
    ]


def longest_key(item: Item) -> bool:
    """The single-choice key is longer than every other option."""
    if item.type != "single" or not item.options:
        return False
    key = item.correct_options[0]
    return all(len(key.text) > len(o.text) for o in item.options if o is not key)


def longest_key_share(items: Iterable[Item]) -> tuple[float, list[str]]:
    singles = [i for i in items if i.type == "single"]
    cued = [i.id for i in singles if longest_key(i)]
    return (len(cued) / len(singles) if singles else 0.0), cued


_INTERVAL = re.compile(r"\bevery\s+\d", re.I)  # "every 6 hours" is a dosing interval


def _absolute_words(text: str) -> set[str]:
    # "ALL" is acute lymphoblastic leukemia, not "all": an acronym in capitals is no absolute.
    text = _INTERVAL.sub("", text)
    return {m.lower() for m in _ABSOLUTE.findall(text) if not (m.isupper() and len(m) > 1)}


def absolutes(item: Item) -> list[str]:
    """Absolute words in wrong options that the key does not share."""
    if item.type not in ("single", "multiple"):
        return []
    in_keys = {w for o in item.correct_options for w in _absolute_words(o.text)}
    return [
        f"absolute {word!r} in a wrong option: {o.text!r}"
        for o in item.options
        if not o.correct
        for word in sorted(_absolute_words(o.text) - in_keys)
    ]


def mirrors(item: Item) -> list[str]:
    """Wrong options that are the key turned round."""
    if item.type != "single" or item.sorted_options:
        return []
    key = item.correct_options[0]
    return [
        f"mirror of the key: {o.text!r}"
        for o in item.options
        if not o.correct and is_mirror(key.text, o.text)
    ]


def is_mirror(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return False
    only_a = sorted(set(wa) - set(wb))
    only_b = sorted(set(wb) - set(wa))
    # Swapped: the same words (one or two aside), in another order.
    if len(only_a) + len(only_b) <= 2 and len(wa) >= 4:
        shared = set(wa) & set(wb)
        if _order(wa, shared) != _order(wb, shared):
            return True
    # Turned: every word that differs is replaced by its opposite.
    if only_a and len(only_a) == len(only_b):
        pairs = {frozenset(p) for p in OPPOSITES}
        used = set()
        for x in only_a:
            match = next((y for y in only_b if y not in used and frozenset((x, y)) in pairs), None)
            if match is None:
                return False
            used.add(match)
        return True
    return False


def _order(words: list[str], keep: set[str]) -> list[str]:
    """The kept words in the order they first appear."""
    return list(dict.fromkeys(w for w in words if w in keep))


@dataclass(frozen=True, eq=False)
class Lineages:
    """Which diseases and antigens belong together, read from content: a product's target with
    the diseases it is approved for, a relapse pattern's lost and next antigens with its disease.
    Terms joined by any such pair are one lineage (CD19, CD22 and the B-cell cancers; BCMA,
    GPRC5D and myeloma)."""

    course: Course

    @cached_property
    def of(self) -> dict[str, int]:
        """term -> lineage number; disease names match in any case, short names exactly."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        def join(a: str, b: str) -> None:
            parent[find(a)] = find(b)

        course = self.course
        for d in course.products.diseases:
            join(d.name.lower(), d.abbreviation)
        for p in course.products.products:
            antigen = course.antigen(p.target).name
            for i in p.indications:
                join(antigen, course.disease(i.disease).name.lower())
        for r in course.challenges.relapse_patterns:
            disease = course.disease(r.disease).name.lower()
            for antigen in (course.antigen(r.after_target).name, *r.next_targets):
                join(antigen, disease)
        roots = sorted({find(t) for t in parent})
        return {t: roots.index(find(t)) for t in parent}

    @cached_property
    def _patterns(self) -> tuple[re.Pattern, re.Pattern]:
        """Disease names (stored lower-case) match in any case; antigens and abbreviations only
        as written, so 'mm Hg' never reads as myeloma."""

        def pattern(terms: list[str]) -> re.Pattern:
            terms = sorted(terms, key=len, reverse=True)
            return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, terms)) + r")(?![\w-])")

        names = [t for t in self.of if t.islower()]
        return pattern(names), pattern([t for t in self.of if not t.islower()])

    def found(self, text: str) -> set[int]:
        """The lineages a text names."""
        names, exact = self._patterns
        hits = {self.of[m.group(1)] for m in names.finditer(text.lower())}
        return hits | {self.of[m.group(1)] for m in exact.finditer(text)}

    def stem_lineage(self, item: Item) -> int | None:
        if item.case is not None:
            name = next(
                (
                    d.name.lower()
                    for d in self.course.products.diseases
                    if d.id == item.case.disease
                ),
                None,
            )
            if name in self.of:
                return self.of[name]
        named = self.found(item.stem)
        return next(iter(named)) if len(named) == 1 else None

    def foreign(self, item: Item) -> list[str]:
        """Options naming a disease or antigen of another lineage than the stem's patient."""
        home = self.stem_lineage(item)
        if home is None:
            return []
        return [
            f"option from another lineage than the stem's: {o.text!r}"
            for o in item.options
            if self.found(o.text) - {home}
        ]
