"""Moodle XML: categories by module, the stable item id in <idnumber> and tags.

Moodle's import never updates an existing question, so the idnumber lets an instructor find and
replace the old copy of an item after regenerating the bank.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..quiz.answers import machine_number as number
from ..quiz.item import Item
from .fractions import share
from .meta import ExportMeta

SUFFIX = ".xml"


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(el, "text").text = text
    return el


def _answer(q: ET.Element, fraction: str, text: str, feedback: str = "") -> ET.Element:
    a = _text(q, "answer", text, fraction=fraction)
    _text(a, "feedback", feedback)
    return a


_TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
          "numeric": "numerical", "matching": "matching", "ordering": "ordering"}


def question(item: Item) -> ET.Element:
    q = ET.Element("question", type=_TYPES[item.type])
    _text(q, "name", item.id, fmt=None)
    _text(q, "questiontext", item.stem)
    _text(q, "generalfeedback", f"{item.explanation} (References: {', '.join(map(str, item.refs))}.)")
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.id[:100]
    if item.type in ("single", "multiple"):
        ET.SubElement(q, "single").text = "true" if item.type == "single" else "false"
        ET.SubElement(q, "shuffleanswers").text = "false" if item.sorted_options else "true"
        ET.SubElement(q, "answernumbering").text = "abc"
        right = share(len(item.correct_options))
        for o in item.options:
            wrong = "0" if item.type == "single" else "-100"
            _answer(q, right if o.correct else wrong, o.text)
    elif item.type == "truefalse":
        is_true = item.correct_options[0].id == "true"
        _answer(q, "100" if is_true else "0", "true")
        _answer(q, "0" if is_true else "100", "false")
    elif item.type == "numeric":
        a = _answer(q, "100", number(item.answer))
        ET.SubElement(a, "tolerance").text = number(item.tolerance or 0)
    elif item.type == "matching":
        ET.SubElement(q, "shuffleanswers").text = "true"
        for p in item.pairs:
            sub = _text(q, "subquestion", p.left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = p.right
    else:  # ordering (core qtype_ordering): answers listed in the right order
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
            ET.SubElement(q, tag).text = value
        for n, step in enumerate(item.order, 1):
            _answer(q, str(n), step)
    tags = ET.SubElement(q, "tags")
    for tag in (item.topic, item.difficulty, item.type, f"id:{item.id}"):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return q


def dumps(items: list[Item], title: str) -> str:
    quiz = ET.Element("quiz")
    current = None
    for item in sorted(items, key=lambda i: i.topic):
        if item.topic != current:
            current = item.topic
            cat = ET.SubElement(quiz, "question", type="category")
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = f"$course$/top/{title}/{item.topic}"
        quiz.append(question(item))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    path.write_text(dumps(items, title), encoding="utf-8")
    return [path]
