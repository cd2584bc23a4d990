"""What Moodle's importer requires of each element of a Moodle XML file, and what Moodle then shows.

Read from moodle/moodle (5.x): question/format/xml/format.php (qformat_xml: import_headers,
import_multichoice, import_truefalse, import_numerical, import_match, import_category,
import_combined_feedback, import_hints, writequestion for what its export writes),
question/format.php (qformat_default: importprocess, create_category_path, split_category_path,
clean_question_name), question/type/ordering/questiontype.php (import_from_xml, export_to_xml,
save_question_options), question/type/multichoice and match (save_question_options),
lib/weblib.php format_string and clean_param(PARAM_TEXT). Each rule names where it comes from.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from lxml import etree

# question_bank::fraction_options_full(): importprocess refuses any other (match_grade_options).
FRACTIONS = {
    "100",
    "90",
    "83.33333",
    "80",
    "75",
    "70",
    "66.66667",
    "60",
    "50",
    "40",
    "33.33333",
    "30",
    "25",
    "20",
    "16.66667",
    "14.28571",
    "12.5",
    "11.11111",
    "10",
    "5",
    "0",
}
FRACTIONS |= {f"-{f}" for f in FRACTIONS if f != "0"}
FORMATS = {"html", "plain_text", "moodle_auto_format", "markdown", "wiki_like"}  # trans_format
NUMBERING = {"abc", "ABCD", "123", "iii", "IIII", "none"}  # qtype_multichoice answernumbering
ORDERING_GRADING = {
    "ALL_OR_NOTHING",
    "ABSOLUTE_POSITION",
    "RELATIVE_NEXT_EXCLUDE_LAST",
    "RELATIVE_NEXT_INCLUDE_LAST",
    "RELATIVE_ONE_PREVIOUS_AND_NEXT",
    "RELATIVE_ALL_PREVIOUS_AND_NEXT",
    "LONGEST_ORDERED_SUBSET",
    "LONGEST_CONTIGUOUS_SUBSET",
    "RELATIVE_TO_CORRECT",
}
# qtype_ordering::export_to_xml writes these before its answers; import_from_xml falls back to
# RANDOM selection of 6 items and RELATIVE grading where one is missing.
ORDERING_OPTIONS = ("layouttype", "selecttype", "selectcount", "gradingtype", "showgrading")
OVERALL_FEEDBACK = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
# Types qformat_xml imports itself, plus ordering (core from 4.4, via try_importing_using_qtypes).
KNOWN_TYPES = {"multichoice", "truefalse", "numerical", "matching", "match", "ordering"}


def strip_tags(text: str) -> str:
    """PHP's strip_tags: a `<` followed by anything but white space opens a tag, which runs to the
    next `>` (or the end)."""
    return re.sub(r"<!--.*?(-->|$)|<(?=\S)[^>]*(>|$)", "", text, flags=re.S)


def param_text(text: str) -> str:
    """clean_param(PARAM_TEXT), applied on import to names and category names."""
    return strip_tags(text)


def format_string(text: str) -> str:
    """What format_string makes of a plain-text field (formatstringstriptags on, as by default),
    as HTML: lone `&` escaped, tags stripped, leftover `<` and `>` escaped."""
    text = re.sub(r"&(?![a-zA-Z0-9#]{1,8};)", "&amp;", text)
    return strip_tags(text).replace("<", "&lt;").replace(">", "&gt;")


def shown_plain(stored: str) -> str:
    """The text a learner or teacher reads for a plain-text field Moodle stored."""
    return html.unescape(format_string(stored))


def category_names(path: str) -> list[str]:
    """split_category_path: `/` separates names, `//` is a slash inside one; each name is trimmed
    and cleaned as PARAM_TEXT."""
    return [param_text(n.replace("//", "/").strip()) for n in re.split(r"(?<!/)/(?!/)", path)]


def _text(el: etree._Element | None) -> str | None:
    return None if el is None else el.findtext("text")


def _rich(q: etree._Element, tag: str, where: str) -> list[str]:
    """A text field with a format (import_text_with_files): `<tag format="..."><text>`."""
    el = q.find(tag)
    if el is None or el.find("text") is None:
        return [f"{where}: <{tag}> with <text> missing"]
    if el.get("format") not in FORMATS:
        return [f"{where}: <{tag}> has format {el.get('format')!r}, which Moodle does not know"]
    return []


def problems(doc: etree._ElementTree) -> list[str]:
    """Everything Moodle's importer would refuse, stop at, cut or misread in this file."""
    found: list[str] = []
    root = doc.getroot()
    if root.tag != "quiz":
        return ["root element is not <quiz> (readquestions reads quiz/question)"]
    idnumbers: Counter[tuple[str, str]] = Counter()  # (category, idnumber)
    category_ids: Counter[str] = Counter()
    id_tags: Counter[str] = Counter()
    category = ""
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            found += _category(q)
            category = q.findtext("category/text") or ""
            category_ids[q.findtext("idnumber") or ""] += 1
            continue
        name = q.findtext("name/text")
        where = f"{kind} {(name or '')[:40]!r}"
        if kind not in KNOWN_TYPES:
            found.append(f"{where}: question type Moodle does not import (xmltypeunsupported)")
            continue
        found += _header(q, where)
        idnumber = q.findtext("idnumber") or ""
        idnumbers[category, idnumber] += 1
        tags = [t.text or "" for t in q.findall("tags/tag/text")]
        found += [
            f"{where}: tag {t!r} over 50 characters (TAG_MAX_LENGTH)" for t in tags if len(t) > 50
        ]
        id_tags.update(t for t in tags if t.startswith("id:"))
        found += [f"{where}: {p}" for p in RULES[kind](q)]
        for hint in q.findall("hint"):
            if not (hint.findtext("text") or "").strip():
                found.append(f"{where}: a hint without text (hintformat null: the import stops)")
    found += [f"category ID number {i!r} used {n} times" for i, n in category_ids.items() if n > 1]
    found += [
        f"ID number {i!r} used {n} times in one category (Moodle drops all but the first)"
        for (_, i), n in idnumbers.items()
        if n > 1
    ]
    found += [f"tag {t!r} shared by {n} questions" for t, n in id_tags.items() if n > 1]
    return found


def _category(q: etree._Element) -> list[str]:
    """import_category reads category/text and info/@format directly; create_category_path
    makes one category a name under the context's top."""
    path = q.findtext("category/text")
    if path is None:
        return ["category without <category><text>"]
    found = []
    if not path.startswith("$course$/"):
        found.append(f"category {path!r} outside the course context")
    names = category_names(path)[1:]
    if any(not n or len(n) > 255 for n in names):
        found.append(f"category {path!r}: a name empty or over 255 characters")
    raw = [n.replace("//", "/").strip() for n in re.split(r"(?<!/)/(?!/)", path)]
    if [param_text(n) for n in raw] != raw:
        found.append(f"category {path!r}: PARAM_TEXT strips part of a name")
    info = q.find("info")
    if info is not None and info.get("format") not in FORMATS:
        found.append(f"category {path!r}: <info> without a known format")
    idnumber = q.findtext("idnumber") or ""
    if not idnumber or len(idnumber) > 100:
        found.append(f"category {path!r}: ID number empty or over 100 characters")
    return found


def _header(q: etree._Element, where: str) -> list[str]:
    """import_headers: a name (xmlimportnoname), question text, general feedback, grade,
    penalty, ID number; clean_question_name cleans the name as PARAM_TEXT and cuts it to 255."""
    found = []
    name = q.findtext("name/text")
    if name is None or not name.strip():
        found.append(f"{where}: no name")
    elif param_text(name) != name or len(name) > 255:
        found.append(f"{where}: name changed by clean_question_name (tags or over 255)")
    found += _rich(q, "questiontext", where) + _rich(q, "generalfeedback", where)
    for tag in ("defaultgrade", "penalty"):
        try:
            float(q.findtext(tag) or "")
        except ValueError:
            found.append(f"{where}: <{tag}> is not a number")
    idnumber = q.findtext("idnumber") or ""
    if not idnumber or len(idnumber) > 100:
        found.append(f"{where}: ID number empty or over 100 characters")
    return found


def _overall(q: etree._Element) -> list[str]:
    """The overall-feedback elements Moodle's export writes (write_combined_feedback)."""
    return [p for tag in OVERALL_FEEDBACK for p in _rich(q, tag, "overall feedback")]


def _multichoice(q: etree._Element) -> list[str]:
    found = _overall(q)
    answers = q.findall("answer")
    fractions = [a.get("fraction") or "0" for a in answers]
    if q.findtext("single") not in ("true", "false"):
        found.append("<single> is not true or false")
    if len(answers) < 2:  # qtype_multichoice::save_question_options: notice, import stops
        found.append("fewer than two answers")
    if q.findtext("answernumbering") not in NUMBERING:
        found.append("unknown <answernumbering>")
    found += [f"fraction {f} refused on import" for f in fractions if f not in FRACTIONS]
    found += [p for a in answers for p in _rich(a, ".", "answer") + _rich(a, "feedback", "answer")]
    if found:
        return found
    values = [float(f) for f in fractions]
    if q.findtext("single") == "true" and max(values) != 100:
        found.append("no answer is worth 100% (fractionsnomax)")
    if q.findtext("single") == "false" and abs(sum(v for v in values if v > 0) - 100) > 0.01:
        found.append("right answers do not add up to 100% (fractionsaddwrong)")
    return found


def _truefalse(q: etree._Element) -> list[str]:
    answers = q.findall("answer")
    texts = sorted(a.findtext("text") or "" for a in answers)
    fractions = sorted(a.get("fraction") or "" for a in answers)
    if texts != ["false", "true"] or fractions != ["0", "100"]:
        return ["answers are not one 'true' and one 'false', one of them 100"]
    return []


def _numerical(q: etree._Element) -> list[str]:
    found = []
    for a in q.findall("answer"):
        try:
            float(a.findtext("text") or "")
            float(a.findtext("tolerance") or 0)
        except ValueError:
            found.append("an answer or tolerance that is not a number")
    units = q.findall("units/unit")
    if units and units[0].findtext("multiplier") != "1":
        found.append("the first unit must have multiplier 1")
    if q.findtext("showunits") not in (None, "0", "1", "2", "3"):
        found.append("unknown <showunits>")
    return found


def _matching(q: etree._Element) -> list[str]:
    found = _overall(q)
    subs = q.findall("subquestion")
    if len(subs) < 2:
        found.append("fewer than two pairs")
    for s in subs:
        found += _rich(s, ".", "subquestion")
        answer = s.findtext("answer/text")
        if not (answer or "").strip():  # qtype_match: nomatchinganswer notice, import stops
            found.append("a pair without an answer")
        elif strip_tags(answer) != answer:
            found.append(f"answer {answer!r} loses text to format_string")
    return found


def _ordering(q: etree._Element) -> list[str]:
    found = _overall(q)
    # Without it import_from_xml saves two hints with no text: "Error writing to database".
    if q.find("shownumcorrect") is None:
        found.append("<shownumcorrect> missing (two empty hints: the import stops)")
    found += [f"<{tag}> missing" for tag in ORDERING_OPTIONS if q.find(tag) is None]
    if q.findtext("gradingtype") not in ORDERING_GRADING:
        found.append("unknown <gradingtype>")
    answers = q.findall("answer")
    texts = [a.findtext("text") for a in answers]
    if len(answers) < 2:  # save_question_options: notenoughanswers notice, import stops
        found.append("fewer than two answers")
    if len(set(texts)) != len(texts):  # answers are told apart by an md5 of their text
        found.append("two answers with the same text")
    found += [p for a in answers for p in _rich(a, ".", "answer")]
    return found


RULES = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "numerical": _numerical,
    "matching": _matching,
    "match": _matching,
    "ordering": _ordering,
}
