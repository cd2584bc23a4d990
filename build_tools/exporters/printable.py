"""A printed exam: the exam itself, its answer key and, if asked, an answer sheet (HTML to print).

The exam opens with a cover page (course, exam, date, time allowed, instructions, items and
points, and seed and version for the record); items are numbered, options lettered, and every
text is escaped, so nothing in the content can show as markup. The key starts with a one-page grid
(item -> answer) for marking, then the explanations. Nothing here reads the clock: a date is
printed only when the instructor gives one.
"""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

from markupsafe import escape

from ..quiz.answers import answer_text, reference_labels
from ..quiz.item import Item
from .meta import ExamSheet, ExportMeta, module_title

SUFFIX = ".html"
# A line that ends in a backslash goes on in the next: the CSS has no line break there.
_STYLE = """
@page { size: A4; margin: 16mm 16mm 18mm;
        @bottom-center { content: counter(page) " / " counter(pages); \
font: 9pt system-ui, sans-serif; } }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 system-ui, "Segoe UI", Roboto, sans-serif; color: #111;
       max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.2em 0 .5em; }
.subtitle { font-size: 13pt; margin: 0 0 1.2em; color: #333; }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: .6em 1em; \
margin: 1.2em 0; max-width: 34em; }
.fields dt { font-weight: 600; } .fields dd { margin: 0; }
.line { display: inline-block; border-bottom: 1px solid #444; min-width: 14em; \
height: 1.3em; vertical-align: bottom; }
.line.short { min-width: 6em; }
.instructions li { margin-bottom: .3em; }
.record { margin-top: 2em; font-size: 9pt; color: #444; border-top: 1px solid #bbb; \
padding-top: .5em; }
ol.exam { padding-left: 2.2em; }
ol.exam > li { margin: 0 0 1.1em; break-inside: avoid; }
ol.exam > li::marker { font-weight: 700; }
.stem { margin: 0 0 .35em; }
.points { float: right; font-size: 9pt; color: #555; margin-left: 1em; }
ol.options { list-style: upper-alpha; margin: .2em 0; padding-left: 2.2em; }
ol.options li, ol.lefts li { margin: .15em 0; }
ol.lefts { list-style: lower-alpha; padding-left: 2.2em; margin: .2em 0; }
.match { display: grid; grid-template-columns: 3fr 2fr; gap: 2em; }
.lefts .line { float: right; margin-left: .5em; }
.hint { font-size: 9pt; color: #444; font-style: italic; margin: .1em 0 .3em; }
.answer { margin: .4em 0 0; }
table.grid { border-collapse: collapse; width: 100%; font-size: 10pt; }
table.grid th, table.grid td { border: 1px solid #888; padding: .2em .45em; \
text-align: left; vertical-align: top; }
table.grid th[scope=row] { width: 2.6em; text-align: right; }
.explanations { break-before: page; }
.explanations > ol > li { margin-bottom: .8em; break-inside: avoid; }
.ref { font-size: 9pt; color: #444; }
.whys { margin: .2em 0 0; padding-left: 1.2em; font-size: 9.5pt; list-style: none; }
.whys li { margin: 0; }
.sheet { columns: 2; column-gap: 2.5em; list-style: none; padding: 0; }
.sheet li { break-inside: avoid; margin: 0 0 .55em; display: flex; gap: .5em; align-items: center; }
.sheet .n { font-weight: 700; min-width: 2em; text-align: right; }
.bubble { display: inline-grid; place-items: center; width: 1.45em; height: 1.45em;
          border: 1px solid #333; border-radius: 50%; font-size: 8pt; }
@media print { body { margin: 0; max-width: none; padding: 0; } .cover { break-after: page; }
               a { color: inherit; text-decoration: none; } }
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def letter(n: int) -> str:
    return chr(65 + n)


def _steps(item: Item) -> list[str]:
    # listed alphabetically, so the order is not given away
    return sorted(item.order, key=str.lower)


def _rights(item: Item) -> list[str]:
    return sorted({p.right for p in item.pairs}, key=str.lower)


def _lettered(texts: list[str], cls: str = "options") -> str:
    return f'<ol class="{cls}">' + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ol>"


def _question(item: Item) -> str:
    parts = [f'<span class="points">1 point</span><p class="stem">{escape(item.stem)}</p>']
    match item.type:
        case "single" | "truefalse":
            parts.append(
                '<p class="hint">Circle one letter.</p>' + _lettered([o.text for o in item.options])
            )
        case "multiple":
            parts.append(
                '<p class="hint">Select all that apply: circle every correct letter.</p>'
                + _lettered([o.text for o in item.options])
            )
        case "numeric":
            parts.append('<p class="answer">Answer: <span class="line"></span></p>')
        case "matching":
            rights = _rights(item)
            parts.append('<p class="hint">Write the letter of the match on each line.</p>')
            lefts = "".join(
                f'<li><span class="line short"></span>{escape(p.left)}</li>' for p in item.pairs
            )
            parts.append(
                f'<div class="match"><ol class="lefts">{lefts}</ol>{_lettered(rights)}</div>'
            )
        case "ordering":
            parts.append(
                '<p class="hint">Write the letters in the right order.</p>'
                + _lettered(_steps(item))
            )
            parts.append(
                '<p class="answer">Order: '
                + " ".join('<span class="line short"></span>' for _ in item.order)
                + "</p>"
            )
        case _:
            assert_never(item.type)
    return "<li>" + "".join(parts) + "</li>"


def key_answer(item: Item) -> str:
    """The answer as a marker reads it against the printed exam: letters where the exam shows
    letters."""
    match item.type:
        case "single" | "multiple" | "truefalse":
            return ", ".join(letter(n) for n, o in enumerate(item.options) if o.correct)
        case "numeric":
            return answer_text(item)
        case "matching":
            rights = _rights(item)
            return ", ".join(
                f"{chr(97 + n)}–{letter(rights.index(p.right))}" for n, p in enumerate(item.pairs)
            )
        case "ordering":
            steps = _steps(item)
            return " ".join(letter(steps.index(s)) for s in item.order)
        case _:
            assert_never(item.type)


def _record(meta: ExportMeta) -> str:
    seed = f"seed {meta.seed} · " if meta.seed is not None else ""
    version = f"course version {escape(meta.version)} · " if meta.version else ""
    return (
        f'<p class="record">For the record: {seed}{version}'
        f"content reviewed {meta.revised.isoformat()}</p>"
    )


def _cover(items: list[Item], meta: ExportMeta, sheet: ExamSheet) -> str:
    date = escape(sheet.date) if sheet.date else '<span class="line"></span>'
    kinds = {i.type for i in items}
    rules = ["Answer every item. Each is worth 1 point; a wrong answer costs nothing."]
    if kinds & {"single", "truefalse"}:
        rules.append("Single choice: circle the letter of the one best answer.")
    if "multiple" in kinds:
        rules.append(
            "Select all that apply: circle every correct letter. "
            "The point is given only when all the correct letters and no others are circled."
        )
    if "numeric" in kinds:
        rules.append("Numeric: write the number on the line; the unit is given in the question.")
    if "matching" in kinds:
        rules.append(
            "Matching: write the letter of the matching entry on each line; "
            "a letter may fit more than one line."
        )
    if "ordering" in kinds:
        rules.append("Ordering: write the letters of the steps in the right order.")
    if sheet.answer_sheet:
        rules.append("Mark your answers on the answer sheet; only the answer sheet is marked.")
    rules.append(
        "No notes, books or devices. Write clearly; an answer that cannot be read scores 0."
    )
    return (
        f'<section class="cover">\n<h1>{escape(meta.title)}</h1>\n'
        '<p class="subtitle">Written examination</p>\n'
        f'<dl class="fields"><dt>Name</dt><dd><span class="line"></span></dd>'
        f"<dt>Date</dt><dd>{date}</dd><dt>Time allowed</dt><dd>{sheet.minutes} minutes</dd>"
        f"<dt>Items</dt><dd>{len(items)}</dd>"
        f"<dt>Points</dt><dd>{len(items)} (1 per item)</dd></dl>\n"
        '<h2>Instructions</h2>\n<ul class="instructions">'
        + "".join(f"<li>{escape(r)}</li>" for r in rules)
        + "</ul>\n"
        + _record(meta)
        + "\n</section>"
    )


def exam_html(items: list[Item], meta: ExportMeta) -> str:
    sheet = meta.exam or ExamSheet(minutes=len(items) * 3 // 2 or 1)
    body = (
        _cover(items, meta, sheet)
        + '\n<ol class="exam">\n'
        + "\n".join(_question(i) for i in items)
        + "\n</ol>"
    )
    return _page(f"{meta.title}: exam", body)


def key_html(items: list[Item], meta: ExportMeta) -> str:
    rows = "".join(
        f'<tr><th scope="row">{n}</th><td>{escape(key_answer(i))}</td>'
        f"<td>{escape(module_title(meta, i.topic))}</td></tr>"
        for n, i in enumerate(items, 1)
    )
    grid = (
        '<table class="grid"><thead><tr><th scope="col">Item</th><th scope="col">Answer</th>'
        f'<th scope="col">Module</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    notes = "".join(
        f'<li value="{n}"><strong>{escape(key_answer(i))}</strong>'
        + (f" ({escape(answer_text(i))})" if i.type not in ("numeric",) else "")
        + (
            f"<br>{escape(i.explanation)} "
            f'<span class="ref">(references: {escape(", ".join(reference_labels(i)))};'
        )
        + f" {escape(i.id)})</span>"
        + _whys(i)
        + "</li>"
        for n, i in enumerate(items, 1)
    )
    body = (
        f'<h1>Answer key</h1>\n<p class="subtitle">{escape(meta.title)}</p>\n'
        f"{_record(meta)}\n{grid}\n"
        f'<section class="explanations"><h2>Explanations</h2><ol>{notes}</ol></section>'
    )
    return _page(f"{meta.title}: answer key", body)


def _whys(item: Item) -> str:
    """Why each option is right or wrong, where the item says: what to tell a student after
    marking."""
    lines = [f"<li>{letter(n)}: {escape(o.why)}</li>" for n, o in enumerate(item.options) if o.why]
    return f'<ul class="whys">{"".join(lines)}</ul>' if lines else ""


def sheet_html(items: list[Item], meta: ExportMeta) -> str:
    rows = []
    for n, item in enumerate(items, 1):
        match item.type:
            case "single" | "multiple" | "truefalse":
                marks = "".join(
                    f'<span class="bubble">{letter(k)}</span>' for k in range(len(item.options))
                )
            case "numeric" | "matching" | "ordering":
                marks = '<span class="line"></span>'
            case _:
                assert_never(item.type)
        rows.append(f'<li><span class="n">{n}</span>{marks}</li>')
    body = (
        f'<h1>Answer sheet</h1>\n<p class="subtitle">{escape(meta.title)}</p>\n'
        '<dl class="fields"><dt>Name</dt><dd><span class="line"></span></dd></dl>\n'
        f'<ol class="sheet">{"".join(rows)}</ol>\n{_record(meta)}'
    )
    return _page(f"{meta.title}: answer sheet", body)


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    files = {
        path: exam_html(items, meta),
        path.with_name(f"{path.stem}-key{path.suffix}"): key_html(items, meta),
    }
    if meta.exam and meta.exam.answer_sheet:
        files[path.with_name(f"{path.stem}-sheet{path.suffix}")] = sheet_html(items, meta)
    for target, text in files.items():
        target.write_text(text, encoding="utf-8")
    return list(files)
