"""Every item type passes through every export format and comes out under its own stem, so a new
type added to ItemType cannot be written as another type without a word (exporters end in
assert_never) or dropped from a file."""

from __future__ import annotations

import html
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path
from typing import get_args

import pytest
from conftest import ROOT
from quizhelpers import export

from build_tools.exporters import FORMATS
from build_tools.quiz.item import ItemType

PLAIN = re.compile(r"^[A-Za-z0-9 ,.?()'-]+$")  # no character any format escapes


def _one_of_each_type(bank) -> dict[str, object]:
    chosen = {}
    for kind in get_args(ItemType):
        of_kind = [i for i in bank if i.type == kind]
        assert of_kind, f"the bank has no {kind} item: every type must reach the exporters"
        plain = [i for i in of_kind if PLAIN.match(i.stem.replace("\u2019", "'"))]
        chosen[kind] = (plain or of_kind)[0]
    return chosen


def _text_of(path: Path) -> str:
    """Everything an export file says, whatever its container, with markup and escapes removed."""
    if path.is_dir():
        return " ".join(_text_of(p) for p in sorted(path.rglob("*")) if p.is_file())
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            raw = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    elif path.suffix == ".apkg":
        with zipfile.ZipFile(path) as z, tempfile.TemporaryDirectory() as tmp:
            db = Path(z.extract("collection.anki2", tmp))
            with sqlite3.connect(db) as conn:
                raw = " ".join(row[0] for row in conn.execute("select flds from notes"))
    else:
        raw = path.read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", html.unescape(raw)))
    return re.sub(r"\s+", " ", text.replace("\\", "").replace("\u2019", "'"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_item_type_reaches_every_format(tmp_path, bank, fmt):
    chosen = _one_of_each_type(bank)
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(i.id for i in chosen.values()) + "\n", encoding="utf-8")
    out = export(ROOT, fmt, tmp_path / f"out{FORMATS[fmt].SUFFIX}", "--ids", str(ids))
    text = _text_of(out)
    missing = [
        kind
        for kind, item in chosen.items()
        if re.sub(r"\s+", " ", item.stem.replace("\u2019", "'")) not in text
    ]
    assert not missing, f"{fmt}: no stem of the {', '.join(missing)} item(s) in {out.name}"
