"""Cues that let a test-wise learner find the key without the knowledge: each a pure function over
an item (or the bank), measured over the whole bank. quality.py turns them into build errors.

- the key as the uniquely longest option, in more than a chance share of single-choice items;
- an absolute or categorical term ("always", "any", "must", "proves", "unchanged") in a wrong
  option and not in the key: the hedged key among categorical distractors is the oldest cue;
- an option that names a disease or an antigen of another lineage than the patient's, or a kind
  of therapy (CAR T, TCR T, TIL) other than the one the patient received;
- a mirror pair: a wrong option that is the key turned round (two parts swapped, or a word
  replaced by its opposite), or one choice split into "X alone", "Y alone" and "both";
- a clang: a telling word of the key that the stem already says and no wrong option shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..content.course import Course
from .item import Item

CLANG_RARE = 0.03  # a word in at most this share of stems names something particular
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
    # categorical claims: certainty a hedged key lacks
    "must",
    "prove",
    "proves",
    "proven",
    "proved",
    "certainly",
    "definitely",
    "guarantees",
    "completely",
    "entirely",
    "unchanged",
    "at once",
    "no single",
    "no harm",
    "shown not to",
)
_ABSOLUTE = re.compile(
    r"\b(" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in ABSOLUTES) + r")\b", re.I
)

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
    ("donor", "own"),
    ("donor's", "own"),
    ("gene", "cell"),
    ("immature", "differentiated"),
    ("less-differentiated", "exhausted"),
    ("randomized", "single-arm"),
    ("single-arm", "retrospective"),
    ("both", "neither"),
    ("inside", "outside"),
    ("first", "second"),
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
    return {
        " ".join(m.lower().split())
        for m in _ABSOLUTE.findall(text)
        if not (m.isupper() and len(m) > 1)
    }


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
    """Wrong options that are the key turned round, and one choice split into its halves."""
    if item.type != "single" or item.sorted_options:
        return []
    key = item.correct_options[0]
    found = [
        f"mirror of the key: {o.text!r}"
        for o in item.options
        if not o.correct and is_mirror(key.text, o.text)
    ]
    return found + split_choice(item)


_ALONE = re.compile(r"\balone\b", re.I)
_BOTH = re.compile(r"\b(both|neither)\b", re.I)


def split_choice(item: Item) -> list[str]:
    """ "X alone", "Y alone" and "both" (or "neither"), the key among them: a learner who has never
    met the subject picks the compromise, or the odd one out."""
    alone = [o for o in item.options if _ALONE.search(o.text)]
    both = [o for o in item.options if _BOTH.search(o.text)]
    key = item.correct_options[0] if item.correct_options else None
    if len(alone) >= 2 and both and key in (*alone, *both):
        return [f"one choice split into halves: {[o.text for o in (*alone, *both)]!r}"]
    return []


def is_mirror(a: str, b: str) -> bool:
    """The whole options differ only by a swap, or by a word and its opposite with at most two
    other words changed each side; or their heads (the first clause's first four content words)
    do so with at most one ("The gene component, ..." against "The cell component, ...")."""
    if _mirrored(_words(a), _words(b), 2):
        return True
    ha, hb = _head(a), _head(b)
    return len(ha) >= 2 and len(hb) >= 2 and _mirrored(ha, hb, 1)


def _head(text: str) -> list[str]:
    return _words(re.split(r"[,;:(]", text, maxsplit=1)[0])[:4]


def _mirrored(wa: list[str], wb: list[str], others: int) -> bool:
    if wa == wb:
        return False
    only_a = sorted(set(wa) - set(wb))
    only_b = sorted(set(wb) - set(wa))
    # Swapped: the same words (one or two aside), in another order.
    if len(only_a) + len(only_b) <= 2 and len(wa) >= 4:
        shared = set(wa) & set(wb)
        if _order(wa, shared) != _order(wb, shared):
            return True
    # Turned: a word replaced by its opposite, and little else changed.
    pairs = {frozenset(p) for p in OPPOSITES}
    turned = [(x, y) for x in only_a for y in only_b if frozenset((x, y)) in pairs]
    if not turned:
        return False
    x, y = turned[0]
    rest_a, rest_b = set(only_a) - {x}, set(only_b) - {y}
    if not rest_a and not rest_b:
        return True
    return len(rest_a) <= others and len(rest_b) <= others and len(set(wa) & set(wb)) >= 1


def _order(words: list[str], keep: set[str]) -> list[str]:
    """The kept words in the order they first appear."""
    return list(dict.fromkeys(w for w in words if w in keep))


_KINDS = {  # how options name each kind of therapy
    "car-t": re.compile(r"\bCAR[ -]T\b|\bCARs?\b"),
    "tcr-t": re.compile(r"\bTCR[ -]T\b"),
    "til": re.compile(r"\bTIL\b|tumou?r-infiltrating", re.I),
}

# Words a key may share with its stem without giving anything away: what every case is about.
_PLAIN = frozenset(
    """patient patients treatment therapy therapies cells product products infusion grade grades
    months years after before since their these those which would could should there where other
    first second third""".split()
)


def clangs(items: list[Item]) -> dict[str, list[str]]:
    """Single-choice keys that share a telling word with their stem, which no wrong option shares:
    the learner matches words instead of reasoning. A telling word has five letters or more and
    is rare in the bank's stems (in at most 3% of them), so words every case uses ("systemic",
    "standard") are not telling; a finding's name ("bleeding", "interleukin") is."""
    stems = {i.id: set(_words(i.stem)) for i in items}
    seen: dict[str, int] = {}
    for words in stems.values():
        for w in words:
            seen[w] = seen.get(w, 0) + 1
    rare = max(1, int(CLANG_RARE * len(items)))
    found = {}
    for item in items:
        if item.type != "single" or item.sorted_options or not item.correct_options:
            continue
        wrong = {w for o in item.options if not o.correct for w in _words(o.text)}
        telling = sorted(
            w
            for w in set(_words(item.correct_options[0].text))
            if len(w) >= 5
            and w not in _PLAIN
            and w in stems[item.id]
            and w not in wrong
            and seen[w] <= rare
        )
        if telling:
            found[item.id] = [f"clang: the stem says {telling!r}, as only the key does"]
    return found


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
            # "anti-BCMA" names BCMA; "non-Hodgkin" or "CD19-positive" name nothing new
            return re.compile(
                r"(?:(?<=anti-)|(?<![\w-]))(" + "|".join(map(re.escape, terms)) + r")(?![\w-])"
            )

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
        """Options naming a disease or antigen of another lineage than the stem's patient, or a
        kind of therapy other than the patient's (CAR T cells offered in a TIL case)."""
        home = self.stem_lineage(item)
        found = []
        if home is not None:
            found += [
                f"option from another lineage than the stem's: {o.text!r}"
                for o in item.options
                if self.found(o.text) - {home}
            ]
        kind = self.kind_of(item)
        if kind is not None:
            found += [
                f"option about another kind of therapy than the patient's: {o.text!r}"
                for o in item.options
                if any(k != kind and p.search(o.text) for k, p in _KINDS.items())
            ]
        return found

    def kind_of(self, item: Item) -> str | None:
        """The kind of therapy (car-t, tcr-t, til) the case's patient received or is offered."""
        if item.case is None:
            return None
        try:
            therapy = self.course.therapy(item.case.product)
        except KeyError:
            return None
        return getattr(therapy, "kind", "car-t")
