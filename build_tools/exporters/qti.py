"""QTI 1.2 zip as Canvas imports it: imsmanifest.xml, the assessment, and assessment_meta.xml.

Choice idents are the option ids, used both in `response_label` and in `resprocessing`. Zip
entries carry a fixed date so the same bank gives the same bytes.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..quiz.answers import machine_number as number
from ..quiz.item import Item, short_hash
from .meta import ExportMeta

SUFFIX = ".zip"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
FIXED_DATE = (2024, 1, 1, 0, 0, 0)

_CANVAS_TYPES = {"single": "multiple_choice_question", "truefalse": "true_false_question",
                 "multiple": "multiple_answers_question", "numeric": "numerical_question",
                 "matching": "matching_question", "ordering": "matching_question"}


def _sub(parent, tag, attrs=None, text=None):
    el = ET.SubElement(parent, tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _material(parent, text: str):
    _sub(_sub(parent, "material"), "mattext", {"texttype": "text/plain"}, text)


def _meta(parent, fields: dict[str, str]):
    q = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        f = _sub(q, "qtimetadatafield")
        _sub(f, "fieldlabel", text=label)
        _sub(f, "fieldentry", text=entry)


def _pairs(item: Item) -> list[tuple[str, str]]:
    if item.type == "ordering":  # Canvas classic quizzes have no ordering type: match steps to positions
        return [(step, str(n)) for n, step in enumerate(item.order, 1)]
    return [(p.left, p.right) for p in item.pairs]


def item_element(item: Item) -> ET.Element:
    el = ET.Element("item", {"ident": f"i{short_hash(item.id, 12)}", "title": item.id[:80]})
    _meta(_sub(el, "itemmetadata"), {"question_type": _CANVAS_TYPES[item.type], "points_possible": "1",
                                     "original_answer_ids": ",".join(o.id for o in item.options)})
    pres = _sub(el, "presentation")
    _material(pres, item.stem)
    proc = ET.Element("resprocessing")
    _sub(_sub(proc, "outcomes"), "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    general = _sub(proc, "respcondition", {"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    if item.type in ("single", "truefalse", "multiple"):
        multiple = item.type == "multiple"
        lid = _sub(pres, "response_lid", {"ident": "response1", "rcardinality": "Multiple" if multiple else "Single"})
        choice = _sub(lid, "render_choice")
        for o in item.options:
            _material(_sub(choice, "response_label", {"ident": o.id}), o.text)
        cond = _sub(proc, "respcondition", {"continue": "No"})
        var = _sub(cond, "conditionvar")
        if multiple:
            both = _sub(var, "and")
            for o in item.options:
                target = both if o.correct else _sub(both, "not")
                _sub(target, "varequal", {"respident": "response1"}, o.id)
        else:
            _sub(var, "varequal", {"respident": "response1"}, item.correct_options[0].id)
        _sub(cond, "setvar", {"action": "Set", "varname": "SCORE"}, "100")
    elif item.type == "numeric":
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
    else:
        pairs = _pairs(item)
        rights = sorted({r for _, r in pairs})
        right_ids = {r: f"m{short_hash(r, 6)}" for r in rights}
        step = f"{100 / len(pairs):.2f}"
        for n, (left, right) in enumerate(pairs):
            lid = _sub(pres, "response_lid", {"ident": f"response_{n}"})
            _material(lid, left)
            choice = _sub(lid, "render_choice")
            for r in rights:
                _material(_sub(choice, "response_label", {"ident": right_ids[r]}), r)
            cond = _sub(proc, "respcondition")
            _sub(_sub(cond, "conditionvar"), "varequal", {"respident": f"response_{n}"}, right_ids[right])
            _sub(cond, "setvar", {"varname": "SCORE", "action": "Add"}, step)
    el.append(proc)
    fb = _sub(el, "itemfeedback", {"ident": "general_fb"})
    _material(_sub(fb, "flow_mat"), f"{item.explanation} (References: {', '.join(map(str, item.refs))}.)")
    return el


def assessment(items: list[Item], ident: str, title: str) -> str:
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    test = _sub(root, "assessment", {"ident": ident, "title": title})
    _meta(test, {"cc_maxattempts": "1"})
    section = _sub(test, "section", {"ident": "root_section"})
    for item in items:
        section.append(item_element(item))
    return _xml(root)


def canvas_meta(items: list[Item], ident: str, title: str) -> str:
    root = ET.Element("quiz", {"identifier": ident, "xmlns": CANVAS_NS})
    for tag, text in (("title", title), ("description", ""), ("shuffle_answers", "false"),
                      ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                      ("points_possible", f"{len(items)}.0"), ("allowed_attempts", "1")):
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
    extra = _sub(res, "resource", {"identifier": f"{ident}_meta", "href": f"{ident}/assessment_meta.xml",
                                   "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource"})
    _sub(extra, "file", {"href": f"{ident}/assessment_meta.xml"})
    return _xml(root)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    ident = "g" + short_hash(title + "".join(i.id for i in items), 16)
    entries = {"imsmanifest.xml": manifest(ident), f"{ident}/{ident}.xml": assessment(items, ident, title),
               f"{ident}/assessment_meta.xml": canvas_meta(items, ident, title)}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name])
    return [path]
