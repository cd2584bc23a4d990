"""Moodle XML, written as Moodle's own export writes it (question/format/xml/format.php and each
question type's export_to_xml), so its importer reads every element the way it expects.

- Rich texts are HTML (`format="html"`) built from our plain text with every `<`, `&` and quote
  escaped, so content can never become markup.
- Plain-text fields (question and category names, the right-hand side of a matching pair) go
  through PARAM_TEXT on import and `format_string` on display, both of which strip anything
  tag-like: they are written HTML-escaped, which both leave alone and the browser shows as the
  text itself (`right < 1 & <r>` stays whole).
- Choice, matching and ordering questions carry the overall-feedback elements and
  `<shownumcorrect>`, as Moodle's export does: without `<shownumcorrect>` qtype_ordering invents
  two hints with no text, and the import stops at the first ordering question.
- Ordering is graded all or nothing (ALL_OR_NOTHING), as the site grades it. Moodle's matching
  and select-all types have no such setting; the README says how their grading differs.
- Categories are the module titles numbered in course order (zero-padded, as Moodle sorts
  categories by name), each with a description and an ID number.
- Moodle cuts tags at 50 characters (core_tag_tag::normalize), so the item id goes in a tag as a
  short stable hash (`id:` + 10 hex digits) and in full in the ID number (100 characters allowed).
- General feedback ends with short citations and a link to the course page that teaches the item.
- Moodle never updates on import: the ID number lets an instructor find and replace the old copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from html import escape
from pathlib import Path
from typing import assert_never

from ..quiz.answers import machine_number as number
from ..quiz.item import Item, short_hash
from .citations import cited, course_url
from .fractions import share
from .meta import ExportMeta, module_rank, module_title

SUFFIX = ".xml"
TAG_LIMIT = 50  # Moodle's TAG_MAX_LENGTH
IDNUMBER_LIMIT = 100  # question_bank_entries.idnumber, question_categories.idnumber
NAME_LIMIT = 255  # question.name, question_categories.name
_TYPE_LABEL = {
    "single": "single choice",
    "multiple": "select all",
    "truefalse": "true/false",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "ordering",
}
# What a new question gets in Moodle's own editing form (qtype strings *feedbackdefault).
_OVERALL_FEEDBACK = (
    ("correctfeedback", "Your answer is correct."),
    ("partiallycorrectfeedback", "Your answer is partially correct."),
    ("incorrectfeedback", "Your answer is incorrect."),
)


def plain(text: str) -> str:
    """A plain-text field as Moodle must store it to show `text` itself: HTML-escaped, because
    PARAM_TEXT and format_string strip tags but leave entities for the browser."""
    return escape(text, quote=False)


def fitted(text: str, limit: int, suffix: str = "") -> str:
    """`plain(text) + suffix` within `limit` characters, the text cut (never inside an entity)
    and marked with "…" where it had to be."""
    if len(plain(text) + suffix) <= limit:
        return plain(text) + suffix
    while len(plain(text) + "…" + suffix) > limit:
        text = text[:-1]
    return plain(text.rstrip()) + "…" + suffix


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
        label = f" [{plain(item.id.rsplit(':', 1)[-1])}]" + label
    return fitted(item.stem, NAME_LIMIT, label)


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


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = text
    return el


def _answer(
    q: ET.Element, fraction: str, text: str, fmt: str = "html", why: str = ""
) -> ET.Element:
    a = _text(q, "answer", text, fmt, fraction=fraction)
    _text(a, "feedback", _html(why) if why else "")
    return a


def _overall_feedback(q: ET.Element) -> None:
    for tag, text in _OVERALL_FEEDBACK:
        _text(q, tag, _html(text))


def general_feedback(item: Item, meta: ExportMeta) -> str:
    """The explanation, the sources as short citations (linked to the course's references page)
    and a link to the section that teaches the item."""

    def link(text: str, url: str) -> str:
        return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)

    refs = "; ".join(link(text, url) for text, url in cited(item, meta))
    taught = link(module_title(meta, item.topic), course_url(meta, item.page))
    return (
        f"{_html(item.explanation)}<p>References: {refs}.</p><p>Where this is taught: {taught}.</p>"
    )


def _kind(item: Item, meta: ExportMeta) -> str:
    """The Moodle question type an item becomes."""
    match item.type:
        case "single" | "multiple":
            return "multichoice"
        case "truefalse":
            return "truefalse"
        case "numeric":
            return "numerical"
        case "matching":
            return "matching"
        case "ordering":
            return "ordering" if meta.ordering_as == "ordering" else "matching"
        case _:
            assert_never(item.type)


def question(item: Item, meta: ExportMeta, shared_stem: bool = False) -> ET.Element:
    kind = _kind(item, meta)
    q = ET.Element("question", type=kind)
    _text(q, "name", question_name(item, shared_stem), fmt=None)
    _text(q, "questiontext", _html(item.stem))
    _text(q, "generalfeedback", general_feedback(item, meta))
    _sub(q, "defaultgrade", "1")
    _sub(q, "penalty", "0.3333333")
    _sub(q, "hidden", "0")
    _sub(q, "idnumber", idnumber(item))
    _body(q, item, kind)
    tags = ET.SubElement(q, "tags")
    for tag in (item.topic, item.difficulty, item.type, item.level, id_tag(item)):
        _text(tags, "tag", tag[:TAG_LIMIT], fmt=None)
    return q


def _body(q: ET.Element, item: Item, kind: str) -> None:
    match item.type:
        case "single" | "multiple":
            _sub(q, "single", "true" if item.type == "single" else "false")
            _sub(q, "shuffleanswers", "false" if item.sorted_options else "true")
            _sub(q, "answernumbering", "abc")
            _sub(q, "showstandardinstruction", "0")  # the stem and its type say what to do
            _overall_feedback(q)
            _sub(q, "shownumcorrect")
            right = share(len(item.correct_options))
            wrong = "0" if item.type == "single" else "-100"
            for o in item.options:
                _answer(q, right if o.correct else wrong, _html(o.text), why=o.why)
        case "truefalse":
            why = {o.id: o.why for o in item.options}
            is_true = item.correct_options[0].id == "true"
            _answer(q, "100" if is_true else "0", "true", "moodle_auto_format", why.get("true", ""))
            _answer(
                q, "0" if is_true else "100", "false", "moodle_auto_format", why.get("false", "")
            )
        case "numeric":
            a = _answer(q, "100", number(item.answer), "moodle_auto_format")
            _sub(a, "tolerance", number(item.tolerance or 0))
            unit = unit_name(item)
            if unit:
                u = ET.SubElement(ET.SubElement(q, "units"), "unit")
                _sub(u, "multiplier", "1")
                _sub(u, "unit_name", plain(unit))
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
                ("selectcount", str(len(item.order))),
                ("gradingtype", "ALL_OR_NOTHING"),
                ("showgrading", "SHOW"),
                ("numberingstyle", "none"),
            ):
                _sub(q, tag, value)
            _overall_feedback(q)
            _sub(q, "shownumcorrect", "1")
            for n, step in enumerate(item.order, 1):
                _text(q, "answer", _html(step), fraction=str(n))
        case _:
            assert_never(item.type)


def _pairs(q: ET.Element, pairs: list[tuple[str, str]]) -> None:
    _sub(q, "shuffleanswers", "true")
    _overall_feedback(q)
    _sub(q, "shownumcorrect")
    for left, right in pairs:
        sub = _text(q, "subquestion", _html(left))
        _sub(ET.SubElement(sub, "answer"), "text", plain(right))  # a plain-text field


def category_path(meta: ExportMeta, module_id: str | None = None) -> str:
    """`$course$/top/<course>[/<n. module>]`; a `/` inside a name is doubled, as Moodle splits on
    `/`. Names are stored HTML-escaped (see `plain`)."""
    names = [fitted(meta.title, NAME_LIMIT)]
    if module_id is not None:
        width = len(str(len(meta.modules) or 1))
        rank = f"{module_rank(meta, module_id) + 1:0{width}d}. "
        names.append(rank + fitted(module_title(meta, module_id), NAME_LIMIT - len(rank)))
    return "$course$/top/" + "/".join(n.replace("/", "//") for n in names)


def category_idnumber(meta: ExportMeta, module_id: str | None = None) -> str:
    """Stable, and new when the category's name changes: Moodle finds categories by name, so a
    renamed module makes a new category, which must not clash with the old one's ID number."""
    path = category_path(meta, module_id)
    return f"{module_id or 'course'}~{short_hash(path, 8)}"


def _category(quiz: ET.Element, meta: ExportMeta, module_id: str | None) -> None:
    cat = ET.SubElement(quiz, "question", type="category")
    _text(cat, "category", category_path(meta, module_id), fmt=None)
    version = f" (version {meta.version})" if meta.version else ""
    if module_id is None:
        info = f"Questions generated from the course {meta.title}{version}, one category a module."
    else:
        n = module_rank(meta, module_id) + 1
        info = f"Module {n} of {meta.title}{version}: {module_title(meta, module_id)}."
    _text(cat, "info", _html(info))
    _sub(cat, "idnumber", category_idnumber(meta, module_id))


def dumps(items: list[Item], meta: ExportMeta) -> str:
    quiz = ET.Element("quiz")
    # the type label already tells single from numeric
    stems = Counter((i.stem, i.type) for i in items)
    _category(quiz, meta, None)
    current = None
    for item in sorted(
        items, key=lambda i: (module_rank(meta, i.topic), i.topic)
    ):  # stable: keeps the draw order
        if item.topic != current:
            current = item.topic
            _category(quiz, meta, item.topic)
        quiz.append(question(item, meta, stems[item.stem, item.type] > 1))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    path.write_text(dumps(items, meta), encoding="utf-8")
    return [path]
