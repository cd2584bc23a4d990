"""Anki deck (.apkg) with genanki. Deck and model ids are fixed and each note's GUID comes from
the item id, so importing a regenerated deck updates the old cards instead of adding copies.
Anki only takes an edited note whose modification time is newer, so that time is the content's
review date, never the build clock (which would also break byte-identical output)."""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import zipfile
from pathlib import Path
from typing import assert_never

import genanki
from markupsafe import escape

from ..quiz.answers import answer_text, reference_labels
from ..quiz.item import Item, short_hash
from .meta import ExportMeta

SUFFIX = ".apkg"
DECK_ID = 1_724_202_411  # fixed forever: changing them makes Anki see a new deck and model
MODEL_ID = 1_724_202_412
FIXED_DATE = (2024, 1, 1, 0, 0, 0)

MODEL = genanki.Model(
    MODEL_ID,
    "CAR T course item",
    fields=[{"name": "ItemId"}, {"name": "Question"}, {"name": "Answer"}, {"name": "Explanation"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}",
            "afmt": "{{FrontSide}}<hr id=answer><p><b>{{Answer}}</b></p><p>{{Explanation}}</p>",
        }
    ],
    sort_field_index=0,
)


def shuffled_steps(item: Item) -> list[str]:
    """The steps of an ordering item in a fixed shuffled order (seeded by the item id, so the deck
    stays byte-identical), never the answer itself."""
    steps = list(item.order)
    random.Random(f"anki:{item.id}").shuffle(steps)
    if len(steps) > 1 and steps == list(item.order):
        steps = steps[1:] + steps[:1]
    return steps


def _list(texts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>"


def _question(item: Item) -> str:
    text = f"<p>{escape(item.stem)}</p>"
    match item.type:
        case "single" | "multiple":
            return text + _list([o.text for o in item.options])
        case "truefalse" | "numeric":
            return text
        case "matching":
            return text + _list([p.left for p in item.pairs])
        case "ordering":
            return text + _list(shuffled_steps(item))
        case _:
            assert_never(item.type)


def deck(items: list[Item], title: str) -> genanki.Deck:
    d = genanki.Deck(DECK_ID, title)
    for item in items:
        d.add_note(
            genanki.Note(
                model=MODEL,
                guid=f"cart-{short_hash(item.id, 16)}",
                tags=[item.topic, item.type],
                fields=[
                    escape(item.id),
                    _question(item),
                    str(escape(answer_text(item))),
                    f"{escape(item.explanation)} "
                    f"(references: {escape(', '.join(reference_labels(item)))})",
                ],
            )
        )
    return d


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    stamp = dt.datetime.combine(meta.revised, dt.time(), dt.UTC).timestamp()
    fd, raw = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        genanki.Package(deck(items, meta.title)).write_to_file(raw, timestamp=stamp)
        _rezip_with_fixed_dates(Path(raw), path)
    finally:
        os.unlink(raw)
    return [path]


def _rezip_with_fixed_dates(src: Path, dest: Path) -> None:
    # genanki stamps zip entries with the file's mtime; copy them with a fixed date instead.
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in sorted(zin.namelist()):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(name))
