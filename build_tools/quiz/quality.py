"""Item-quality rules. The bank refuses to build while any item breaks one."""

from __future__ import annotations

import re

from . import cues
from .distractors import _number, clear_step
from .item import Item
from .levels import describe, level_of

_NUMERIC = re.compile(r"^\d[\d,.]*(%| [a-z]+)?(–\d[\d,.]*%?( [a-z]+)?)?$")
_BANNED = ("all of the above", "none of the above")
FULL_SET = 4  # options of a single choice where content gives three plausible distractors


def problems(item: Item) -> list[str]:
    found = []
    if not item.stem.rstrip().endswith(("?", ":", ".")):
        found.append("stem must end as a question or a completion")
    if not (item.demand and item.family):
        found.append("demand (what it gives and asks) and family are required")
    elif item.level != level_of(item.demand):
        found.append(f"level {item.level!r} is not what the rule gives ({describe(item.demand)})")
    # A sentence, not a fragment: no lower-case start (a pasted clause), a closing stop.
    if item.explanation[:1].islower() or not item.explanation.rstrip().endswith(
        (".", "?", "!", ")")
    ):
        found.append("the explanation must be written in full sentences")
    silent = [o.text for o in item.options if not o.why.strip()]
    if silent:
        found.append(f"every option needs feedback saying why it is right or wrong: {silent}")
    found += cues.absolutes(item) + cues.mirrors(item)
    if not (item.explanation and (item.refs or item.sources) and item.source and item.page):
        found.append("explanation, refs, source and page are required")
    texts = [o.text for o in item.options]
    if len({t.lower() for t in texts}) != len(texts):
        found.append("duplicate option texts")
    if any(t.lower() in _BANNED for t in texts):
        found.append("'all/none of the above' is not allowed")
    correct = len(item.correct_options)
    if item.type in ("single", "truefalse") and correct != 1:
        found.append(f"{item.type} item needs exactly one correct option (has {correct})")
    if item.type == "multiple" and not (1 <= correct < len(texts)):
        found.append("multiple-select needs at least one right and one wrong option")
    if item.type == "single" and len(texts) < FULL_SET and not item.fewer_options:
        found.append(
            f"only {len(texts)} options: add a fourth, or say what in content leaves none "
            "(`fewer_options`)"
        )
    if item.type == "single":
        kinds = {bool(_NUMERIC.match(t)) for t in texts}
        if len(kinds) > 1:
            found.append("options mix numbers and words")
        if kinds == {True}:
            values = [_number(t) for t in texts]
            if values != sorted(values):
                found.append("numeric options must be sorted")
            if any(not clear_step(a, b) for a, b in zip(values, values[1:], strict=False)):
                found.append("numeric options must be a clear step apart (5 points and 15%)")
        elif min(len(t.split()) for t in texts) >= 3 and max(map(len, texts)) > 4 * min(
            map(len, texts)
        ):
            # Phrases of very different length cue the key;
            # names (one or two words) are what they are.
            found.append("option lengths differ too much")
    if item.type == "numeric" and item.answer is None:
        found.append("numeric item needs an answer")
    if item.type == "matching" and len({p.right for p in item.pairs}) < 2:
        found.append("matching needs at least two different answers")
    if item.type == "ordering" and len(item.order) < 3:
        found.append("ordering needs at least three steps")
    return found


def bank_problems(items: list[Item], lineages: cues.Lineages) -> list[tuple[str, str]]:
    """Rules over the whole bank, as (item id, problem): options of another lineage than the
    patient's, a stem that names its key, and the key as the uniquely longest option in more than
    a chance share of items."""
    found = [(item.id, problem) for item in items for problem in lineages.foreign(item)]
    # Every option of a barrier question is a condition the stem shows unmet, so each names
    # something the stem says: matching words finds all four, not the key.
    clanged = cues.clangs([i for i in items if not (i.case and i.case.about == "barrier")])
    found += [(item_id, problem) for item_id, ps in clanged.items() for problem in ps]
    share, cued = cues.longest_key_share(items)
    if share > cues.LONGEST_KEY_SHARE:
        found.append(
            (
                "*",
                f"the key is the uniquely longest option in {len(cued)} single-choice items "
                f"({share:.0%}, more than {cues.LONGEST_KEY_SHARE:.0%}): {', '.join(cued)}",
            )
        )
    return found


def advisories(item: Item, bank: list[Item]) -> list[str]:
    """What an item-writing committee should look at: not errors (the bank refuses those), but
    weaknesses worth a second read."""
    notes = []
    same_stem = sum(1 for other in bank if other.stem == item.stem and other.type == item.type) - 1
    if same_stem:
        notes.append(f"shares its stem with {same_stem} other item(s) of its type")
    if item.type == "truefalse":
        notes.append("true/false: a guess is right half the time")
    if item.type == "single" and len(item.options) < FULL_SET:
        notes.append(f"only {len(item.options)} options: {item.fewer_options}")
    if item.type in ("single", "multiple") and item.options:
        longest = max(item.options, key=lambda o: len(o.text))
        if (
            longest.correct
            and len(longest.text) > 1.5 * sorted(len(o.text) for o in item.options)[-2]
        ):
            notes.append("the key is much the longest option")
    if len(item.explanation) < 60:
        notes.append("short explanation")
    return notes
