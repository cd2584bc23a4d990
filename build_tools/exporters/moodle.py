"""Moodle XML, written to the rules of Moodle's importer (question/format/xml/format.php).

- Texts are HTML (`format="html"`) built from our plain text with every `<`, `&` and quote escaped,
  so content can never become markup; texts Moodle reads as plain (numeric answers, the right-hand
  side of a matching pair) are written as they are.
- Moodle cuts tags at 50 characters (core_tag_tag::normalize), so the item id goes in a tag as a
  short stable hash (`id:` + 10 hex digits) and in full in the ID number (100 characters allowed).
- Categories are the module titles, in course order; question names are the stem and its type.
- Numeric items declare their unit (optional when answering), so "42%" is read as 42.
- Ordering items use qtype_ordering (core from Moodle 4.4) or, with `ordering_as="matching"`, a
  matching question (step -> position) that every Moodle imports.
- Moodle never updates on import: the ID number lets an instructor find and replace the old copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from html import escape
from pathlib import Path
from typing import assert_never

from ..quiz.answers import machine_number as number
from ..quiz.answers import reference_labels
from ..quiz.item import Item, short_hash
from .fractions import share
from .meta import ExportMeta, module_rank, module_title

SUFFIX = ".xml"
TAG_LIMIT = 50  # Moodle's TAG_MAX_LENGTH
IDNUMBER_LIMIT = 100  # question_bank_entries.idnumber
NAME_LIMIT = 255  # question.name
_TYPE_LABEL = {
    "single": "single choice",
    "multiple": "select all",
    "truefalse": "true/false",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "ordering",
}


def id_tag(item: Item) -> str:
    return f"id:{short_hash(item.id, 10)}"


def idnumber(item: Item) -> str:
    if len(item.id) <= IDNUMBER_LIMIT:
        return item.id
    return f"{item.id[: IDNUMBER_LIMIT - 11]}~{short_hash(item.id, 10)}"


def question_name(item: Item, shared_stem: bool = False) -> str:
    """The stem, cut to fit, and the type; variants that share a stem add the end of their id."""
    label = f" ({_TYPE_LABEL[item.type]})"
    if shared_stem:
        label = f" [{item.id.rsplit(':', 1)[-1]}]" + label
    stem = (
        item.stem
        if len(item.stem) + len(label) <= NAME_LIMIT
        else item.stem[: NAME_LIMIT - len(label) - 1] + "…"
    )
    return stem + label


def unit_name(item: Item) -> str | None:
    """The unit a learner may type after the number; none for counts and years."""
    if item.unit in (None, "count", "calendar-year"):
        return None
    return "%" if item.unit == "percent" else item.unit


def _html(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _text(
    parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str
) -> ET.Element:
    el = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(el, "text").text = text
    return el


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = text
    return el


def _answer(
    q: ET.Element, fraction: str, text: str, fmt: str | None = "html", why: str = ""
) -> ET.Element:
    a = _text(q, "answer", text, fmt, fraction=fraction)
    _text(a, "feedback", _html(why) if why else "")
    return a


def _ordering_type(item: Item, meta: ExportMeta) -> str:
    return "ordering" if meta.ordering_as == "ordering" else "matching"


def question(item: Item, meta: ExportMeta, shared_stem: bool = False) -> ET.Element:
    match item.type:
        case "single" | "multiple":
            kind = "multichoice"
        case "truefalse":
            kind = "truefalse"
        case "numeric":
            kind = "numerical"
        case "matching":
            kind = "matching"
        case "ordering":
            kind = _ordering_type(item, meta)
        case _:
            assert_never(item.type)
    q = ET.Element("question", type=kind)
    _text(q, "name", question_name(item, shared_stem), fmt=None)
    _text(q, "questiontext", _html(item.stem))
    _text(
        q,
        "generalfeedback",
        _html(f"{item.explanation} (References: {', '.join(reference_labels(item))}.)"),
    )
    _sub(q, "defaultgrade", "1")
    _sub(q, "penalty", "0.3333333")
    _sub(q, "hidden", "0")
    _sub(q, "idnumber", idnumber(item))
    _body(q, item, kind)
    tags = ET.SubElement(q, "tags")
    extra = [str(v) for v in (getattr(item, "level", None),) if v]  # fields the bank may gain
    for tag in (item.topic, item.difficulty, item.type, *extra, id_tag(item)):
        _text(tags, "tag", tag[:TAG_LIMIT], fmt=None)
    return q


def _body(q: ET.Element, item: Item, kind: str) -> None:
    match item.type:
        case "single" | "multiple":
            _sub(q, "single", "true" if item.type == "single" else "false")
            _sub(q, "shuffleanswers", "false" if item.sorted_options else "true")
            _sub(q, "answernumbering", "abc")
            right = share(len(item.correct_options))
            wrong = "0" if item.type == "single" else "-100"
            for o in item.options:
                _answer(
                    q, right if o.correct else wrong, _html(o.text), why=getattr(o, "why", "") or ""
                )
        case "truefalse":
            is_true = item.correct_options[0].id == "true"
            _answer(q, "100" if is_true else "0", "true", fmt="moodle_auto_format")
            _answer(q, "0" if is_true else "100", "false", fmt="moodle_auto_format")
        case "numeric":
            a = _answer(q, "100", number(item.answer), fmt=None)
            _sub(a, "tolerance", number(item.tolerance or 0))
            unit = unit_name(item)
            if unit:
                u = ET.SubElement(ET.SubElement(q, "units"), "unit")
                _sub(u, "multiplier", "1")
                _sub(u, "unit_name", unit)
            _sub(q, "unitgradingtype", "0")  # the unit is optional and never costs marks
            _sub(q, "unitpenalty", "0.1000000")
            _sub(q, "showunits", "0" if unit else "3")  # 0: typed with the number; 3: no units
            _sub(q, "unitsleft", "0")
        case "matching":
            _pairs(q, [(p.left, p.right) for p in item.pairs])
        case "ordering" if kind == "matching":  # older Moodle: each step matched to its position
            _pairs(q, [(step, str(n)) for n, step in enumerate(item.order, 1)])
        case "ordering":  # qtype_ordering: answers listed in the right order
            for tag, value in (
                ("layouttype", "VERTICAL"),
                ("selecttype", "ALL"),
                ("selectcount", "0"),
                ("gradingtype", "ABSOLUTE_POSITION"),
                ("showgrading", "SHOW"),
                ("numberingstyle", "none"),
            ):
                _sub(q, tag, value)
            for n, step in enumerate(item.order, 1):
                _answer(q, str(n), _html(step))
        case _:
            assert_never(item.type)


def _pairs(q: ET.Element, pairs: list[tuple[str, str]]) -> None:
    _sub(q, "shuffleanswers", "true")
    for left, right in pairs:
        sub = _text(q, "subquestion", _html(left))
        _sub(ET.SubElement(sub, "answer"), "text", right)  # read as plain text by Moodle


def category_path(meta: ExportMeta, module_id: str) -> str:
    """`$course$/top/<course>/<n. module title>`; a `/` inside a name is doubled, as Moodle splits
    on `/`."""
    names = [meta.title, f"{module_rank(meta, module_id) + 1}. {module_title(meta, module_id)}"]
    return "$course$/top/" + "/".join(n.replace("/", "//") for n in names)


def dumps(items: list[Item], meta: ExportMeta) -> str:
    quiz = ET.Element("quiz")
    # the type label already tells single from numeric
    stems = Counter((i.stem, i.type) for i in items)
    current = None
    for item in sorted(
        items, key=lambda i: (module_rank(meta, i.topic), i.topic)
    ):  # stable: keeps the draw order
        if item.topic != current:
            current = item.topic
            cat = ET.SubElement(quiz, "question", type="category")
            _text(cat, "category", category_path(meta, item.topic), fmt=None)
            _text(cat, "info", f"Module {item.topic} of {meta.title}", fmt="plain_text")
        quiz.append(question(item, meta, stems[item.stem, item.type] > 1))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    path.write_text(dumps(items, meta), encoding="utf-8")
    return [path]
