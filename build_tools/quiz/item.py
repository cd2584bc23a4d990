"""One quiz item, in the shape every exporter reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Literal, get_args

from ..content.model import Asks, Gives

ItemType = Literal["single", "multiple", "truefalse", "numeric", "matching", "ordering"]
Difficulty = Literal["easy", "medium", "hard"]
# What an item demands of the learner (a reduced Bloom scale): recall a fact, explain it,
# apply it to a patient, or weigh evidence and mechanisms.
Level = Literal["recall", "understand", "apply", "analyze"]
LEVELS: tuple[Level, ...] = ("recall", "understand", "apply", "analyze")


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    why: str = ""  # why this option is right or wrong: feedback for a learner who chose it

    @classmethod
    def of(cls, text: str, correct: bool, why: str = "") -> Option:
        # Ids come from the text, so an option keeps its id however the options are ordered.
        return cls(f"o{short_hash(text, 6)}", text, correct, why)


@dataclass(frozen=True)
class Demand:
    """What an item gives the learner and what it asks of them; levels.py decides its level.
    `competing` is measured by the generator, never typed: how many wrong options something the
    stem shows partly supports (a finding one wrong explanation would explain, a result a wrong
    claim leans on, a label route the patient almost meets)."""

    gives: Gives
    asks: Asks
    competing: int = 0

    def __post_init__(self) -> None:
        if self.gives not in get_args(Gives) or self.asks not in get_args(Asks):
            raise ValueError(f"unknown demand {self.gives!r}/{self.asks!r}")


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True)
class Outside:
    """A source from outside the review, cited where an item rests on it."""

    id: str  # its id in content/references.yaml `external`: the references page anchor
    label: str  # how a citation reads, e.g. "FDA approval records"


@dataclass(frozen=True)
class Case:
    """What a clinical case was drawn from, so a test can check that it hangs together."""

    product: str  # product (or approved therapy) id the patient received
    disease: str  # disease id, or the approved therapy's id for solid tumors
    about: str  # the complication, infection window or relapse pattern id
    findings: tuple[str, ...] = ()
    day: int | None = None  # day after infusion, where the case names one


_NOT_HASHED = (
    "objective",
    "difficulty",
    "level",
    "family",
    "demand",
    "fewer_options",
)  # labels, not what the learner answers


_SCALE = re.compile(r"\d|No [A-Z]+\b|(CRS )?[Gg]rade \d")


def on_a_scale(text: str) -> bool:
    """A number, a grade ("Grade 2", "CRS grade 1, no ICANS") or no grade ("No ICANS")."""
    return bool(_SCALE.match(text))


def scale_position(text: str) -> tuple[int, ...]:
    """Where an option on a scale sits: its grades in order, "no ICANS" as grade 0."""
    return tuple(0 if t[0] in "Nn" else int(t) for t in re.findall(r"[Nn]o [A-Z]+|\d+", text))


@dataclass(frozen=True)
class Item:
    id: str  # blueprint id + bound entity ids: stable across runs and seeds
    type: ItemType
    topic: str  # module id
    objective: str
    difficulty: Difficulty
    level: Level
    family: str  # the fact asked about: a draw never holds two items of one family
    stem: str
    explanation: str
    refs: tuple[int, ...]  # the article's reference numbers (0: the review itself)
    source: str  # content path of the fact the answer comes from
    page: str  # site-relative URL with anchor of the section that teaches it
    options: tuple[Option, ...] = ()
    answer: float | None = None  # numeric items
    tolerance: float | None = None
    unit: str | None = None
    pairs: tuple[Pair, ...] = ()  # matching: left -> right
    order: tuple[str, ...] = ()  # ordering: the correct sequence
    tags: tuple[str, ...] = field(default=())
    case: Case | None = None  # clinical cases: what the case was drawn from
    sources: tuple[
        Outside, ...
    ] = ()  # outside sources (references.yaml `external`), e.g. FDA records
    demand: Demand | None = None  # what it gives and asks: `level` follows from it (levels.py)
    # why a single choice offers fewer than four options: what in content leaves no fourth
    fewer_options: str = ""

    def to_dict(self) -> dict:
        data = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == () or value == "":
                continue
            if f.name in ("options", "pairs", "sources"):
                value = [vars(v).copy() for v in value]
            elif f.name in ("case", "demand"):
                value = {
                    k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(value).items()
                }
            data[f.name] = list(value) if isinstance(value, tuple) else value
        data["hash"] = self.content_hash
        return data

    @cached_property
    def content_hash(self) -> str:
        """Changes whenever the item's wording or answer does: saved progress is keyed by it,
        so an edited item never inherits an old answer."""
        parts = tuple(getattr(self, f.name) for f in fields(self) if f.name not in _NOT_HASHED)
        return short_hash(repr(parts), 10)  # dataclass reprs spell out every option, pair and step

    @property
    def figure_options(self) -> bool:
        """Every option a figure (a rate, a count): wrong ones come from answers of one measure."""
        return bool(self.options) and all(o.text[:1].isdigit() for o in self.options)

    @property
    def sorted_options(self) -> bool:
        """Options on a scale (numbers, grades) are listed in order and must stay so: a shuffled
        scale makes the learner hunt for a grade. No shuffling, here or in an LMS."""
        return bool(self.options) and all(on_a_scale(o.text) for o in self.options)

    @property
    def correct_options(self) -> list[Option]:
        return [o for o in self.options if o.correct]
