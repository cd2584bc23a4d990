"""QTI 1.2 zip as Canvas imports it: imsmanifest.xml, the assessment, and assessment_meta.xml.

Read against Canvas's importer (gems/plugins/qti_exporter):
- One question group (section) per module, with the number of items Canvas draws from it per
  attempt (`selection_number`) and the points each is worth, so a quiz follows the course's
  final-assessment settings rather than being one long fixed list.
- Canvas takes the first run of digits in a matching choice's ident as its match id, so idents
  are plain numbers, distinct within an item ("m4e07" and "m4b22" would both become 4).
- Question text and feedback are HTML (`text/html`), built from our plain text with every `<` and
  `&` escaped; the right-hand side of a matching pair stays plain text, as Canvas stores it.
- Every item names the bank question it stands for (`assessment_question_identifierref`).
Zip entries carry a fixed date so the same bank gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import assert_never

from ..quiz.answers import machine_number as number
from ..quiz.answers import reference_labels
from ..quiz.item import Item, short_hash
from .meta import ExportMeta, module_rank, module_title

SUFFIX = ".zip"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
FIXED_DATE = (2024, 1, 1, 0, 0, 0)
POINTS = "1.0"  # per item; a quiz's total is the number of items Canvas draws


def _sub(
    parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _material(parent: ET.Element, text: str, *, html: bool = True, block: bool = False) -> None:
    shown = (f"<div><p>{escape(text)}</p></div>" if block else escape(text)) if html else text
    _sub(
        _sub(parent, "material"),
        "mattext",
        {"texttype": "text/html" if html else "text/plain"},
        shown,
    )


def _meta(parent: ET.Element, fields: dict[str, str]) -> None:
    q = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        f = _sub(q, "qtimetadatafield")
        _sub(f, "fieldlabel", text=label)
        _sub(f, "fieldentry", text=entry)


def canvas_type(item: Item) -> str:
    match item.type:
        case "single":
            return "multiple_choice_question"
        case "multiple":
            return "multiple_answers_question"
        case "truefalse":
            return "true_false_question"
        case "numeric":
            return "numerical_question"
        case (
            "matching" | "ordering"
        ):  # Canvas classic quizzes have no ordering type: steps match positions
            return "matching_question"
        case _:
            assert_never(item.type)


def item_element(item: Item) -> ET.Element:
    key = short_hash(item.id, 12)
    el = ET.Element("item", {"ident": f"i{key}", "title": item.id[:80]})
    _meta(
        _sub(el, "itemmetadata"),
        {
            "question_type": canvas_type(item),
            "points_possible": POINTS,
            "assessment_question_identifierref": f"q{key}",
        },
    )
    pres = _sub(el, "presentation")
    _material(pres, item.stem, block=True)
    proc = ET.Element("resprocessing")
    _sub(
        _sub(proc, "outcomes"),
        "decvar",
        {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
    )
    general = _sub(proc, "respcondition", {"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    match item.type:
        case "single" | "truefalse" | "multiple":
            _choices(pres, proc, item)
        case "numeric":
            _numeric(pres, proc, item)
        case "matching":
            _matching(pres, proc, [(p.left, p.right) for p in item.pairs])
        case "ordering":
            _matching(pres, proc, [(step, str(n)) for n, step in enumerate(item.order, 1)])
        case _:
            assert_never(item.type)
    el.append(proc)
    fb = _sub(el, "itemfeedback", {"ident": "general_fb"})
    _material(
        _sub(fb, "flow_mat"),
        f"{item.explanation} (References: {', '.join(reference_labels(item))}.)",
        block=True,
    )
    for n, o in enumerate(item.options, 1):
        if o.why and item.type in ("single", "multiple", "truefalse"):
            _material(
                _sub(_sub(el, "itemfeedback", {"ident": f"{n}_fb"}), "flow_mat"), o.why, block=True
            )
    return el


def _choices(pres: ET.Element, proc: ET.Element, item: Item) -> None:
    multiple = item.type == "multiple"
    idents = {o.id: str(n) for n, o in enumerate(item.options, 1)}
    lid = _sub(
        pres,
        "response_lid",
        {"ident": "response1", "rcardinality": "Multiple" if multiple else "Single"},
    )
    choice = _sub(lid, "render_choice")
    for o in item.options:
        _material(_sub(choice, "response_label", {"ident": idents[o.id]}), o.text)
    for o in item.options:  # per-option feedback, as Canvas's own export writes it
        if o.why:
            said = _sub(proc, "respcondition", {"continue": "Yes"})
            _sub(_sub(said, "conditionvar"), "varequal", {"respident": "response1"}, idents[o.id])
            _sub(
                said,
                "displayfeedback",
                {"feedbacktype": "Response", "linkrefid": f"{idents[o.id]}_fb"},
            )
    cond = _sub(proc, "respcondition", {"continue": "No"})
    var = _sub(cond, "conditionvar")
    if multiple:
        both = _sub(var, "and")
        for o in item.options:
            _sub(
                both if o.correct else _sub(both, "not"),
                "varequal",
                {"respident": "response1"},
                idents[o.id],
            )
    else:
        _sub(var, "varequal", {"respident": "response1"}, idents[item.correct_options[0].id])
    _sub(cond, "setvar", {"action": "Set", "varname": "SCORE"}, "100")


def _numeric(pres: ET.Element, proc: ET.Element, item: Item) -> None:
    resp = _sub(pres, "response_str", {"ident": "response1", "rcardinality": "Single"})
    _sub(_sub(resp, "render_fib", {"fibtype": "Decimal"}), "response_label", {"ident": "answer1"})
    cond = _sub(proc, "respcondition", {"continue": "No"})
    either = _sub(_sub(cond, "conditionvar"), "or")
    _sub(either, "varequal", {"respident": "response1"}, number(item.answer))
    band = _sub(either, "and")
    tol = item.tolerance or 0
    _sub(band, "vargte", {"respident": "response1"}, number(item.answer - tol))
    _sub(band, "varlte", {"respident": "response1"}, number(item.answer + tol))
    _sub(cond, "setvar", {"action": "Set", "varname": "SCORE"}, "100")


def _matching(pres: ET.Element, proc: ET.Element, pairs: list[tuple[str, str]]) -> None:
    rights = sorted({r for _, r in pairs})
    # plain numbers: Canvas's digit rule keeps them apart
    right_ids = {r: str(n) for n, r in enumerate(rights, 1)}
    step = f"{100 / len(pairs):.2f}"
    for n, (left, right) in enumerate(pairs):
        lid = _sub(pres, "response_lid", {"ident": f"response_{n}"})
        _material(lid, left)
        choice = _sub(lid, "render_choice")
        for r in rights:
            _material(_sub(choice, "response_label", {"ident": right_ids[r]}), r, html=False)
        cond = _sub(proc, "respcondition")
        _sub(
            _sub(cond, "conditionvar"), "varequal", {"respident": f"response_{n}"}, right_ids[right]
        )
        _sub(cond, "setvar", {"varname": "SCORE", "action": "Add"}, step)


def groups(items: list[Item], meta: ExportMeta) -> list[tuple[str, list[Item], int]]:
    """(module id, its items, how many Canvas draws) in course order; all of them without picks."""
    by_module: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_module[item.topic].append(item)
    order = sorted(by_module, key=lambda m: (module_rank(meta, m), m))
    return [
        (m, by_module[m], meta.picks.get(m, len(by_module[m])) if meta.picks else len(by_module[m]))
        for m in order
    ]


def assessment(items: list[Item], ident: str, meta: ExportMeta) -> str:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    test = _sub(root, "assessment", {"ident": ident, "title": meta.title})
    _meta(test, {"cc_maxattempts": "1"})
    section = _sub(test, "section", {"ident": "root_section"})
    for module, members, pick in groups(items, meta):
        group = _sub(
            section,
            "section",
            {
                "ident": f"g{short_hash(ident + module, 12)}",
                "title": f"{module_rank(meta, module) + 1}. {module_title(meta, module)}",
            },
        )
        selection = _sub(_sub(group, "selection_ordering"), "selection")
        _sub(selection, "selection_number", text=str(pick))
        _sub(_sub(selection, "selection_extension"), "points_per_item", text=POINTS)
        for item in members:
            group.append(item_element(item))
    return _xml(root)


def canvas_meta(items: list[Item], ident: str, meta: ExportMeta) -> str:
    points = sum(pick for _, _, pick in groups(items, meta)) * float(POINTS)
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS})
    for tag, text in (
        ("title", meta.title),
        ("description", ""),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:.1f}"),
        ("allowed_attempts", "1"),
    ):
        _sub(root, tag, text=text)
    return _xml(root)


def manifest(ident: str) -> str:
    root = ET.Element("manifest", {"identifier": f"{ident}_manifest", "xmlns": CP_NS})
    md = _sub(root, "metadata")
    _sub(md, "schema", text="IMS Content")
    _sub(md, "schemaversion", text="1.1.3")
    _sub(root, "organizations")
    res = _sub(root, "resources")
    quiz = _sub(res, "resource", {"identifier": ident, "type": "imsqti_xmlv1p2"})
    _sub(quiz, "file", {"href": f"{ident}/{ident}.xml"})
    _sub(quiz, "dependency", {"identifierref": f"{ident}_meta"})
    extra = _sub(
        res,
        "resource",
        {
            "identifier": f"{ident}_meta",
            "href": f"{ident}/assessment_meta.xml",
            "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
        },
    )
    _sub(extra, "file", {"href": f"{ident}/assessment_meta.xml"})
    return _xml(root)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    ident = "g" + short_hash(meta.title + "".join(i.id for i in items), 16)
    entries = {
        "imsmanifest.xml": manifest(ident),
        f"{ident}/{ident}.xml": assessment(items, ident, meta),
        f"{ident}/assessment_meta.xml": canvas_meta(items, ident, meta),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name])
    return [path]
