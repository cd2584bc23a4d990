"""A printable exam (HTML with print styles) and its answer key, written as two files."""
from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from ..quiz.answers import answer_text
from ..quiz.item import Item
from .meta import ExportMeta

SUFFIX = ".html"
_STYLE = """
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 46em; margin: 2em auto; color: #111; }
ol.exam > li { margin-bottom: 1.2em; break-inside: avoid; }
ol.options { list-style: upper-alpha; }
.line { border-bottom: 1px solid #555; height: 1.6em; width: 12em; display: inline-block; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{_STYLE}</style>\n</head>\n'
            f"<body>\n<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def _question(item: Item) -> str:
    parts = [f"<p>{escape(item.stem)}</p>"]
    if item.options:
        parts.append('<ol class="options">' + "".join(f"<li>{escape(o.text)}</li>" for o in item.options) + "</ol>")
    elif item.type == "matching":
        rights = sorted({p.right for p in item.pairs})
        parts.append("<ul>" + "".join(f'<li>{escape(p.left)}: <span class="line"></span></li>' for p in item.pairs) + "</ul>")
        parts.append("<p>Choose from: " + escape("; ".join(rights)) + "</p>")
    elif item.type == "ordering":
        parts.append("<ul>" + "".join(f'<li><span class="line"></span> {escape(s)}</li>' for s in sorted(item.order)) + "</ul>")
    else:
        parts.append('<p>Answer: <span class="line"></span></p>')
    return "<li>" + "".join(parts) + "</li>"


def _key(item: Item, n: int) -> str:
    answer = answer_text(item)
    if item.options and item.type != "truefalse":
        letters = [chr(65 + i) for i, o in enumerate(item.options) if o.correct]
        answer = f"{', '.join(letters)}: {answer}"
    return (f"<li value=\"{n}\"><strong>{escape(answer)}</strong><br>{escape(item.explanation)} "
            f"<small>(refs {escape(' '.join(map(str, item.refs)))}; {escape(item.id)})</small></li>")


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    exam = '<p>Name: <span class="line"></span></p>\n<ol class="exam">\n' + "\n".join(_question(i) for i in items) + "\n</ol>"
    key = "<ol>\n" + "\n".join(_key(i, n) for n, i in enumerate(items, 1)) + "\n</ol>"
    key_path = path.with_name(path.stem + "-key" + path.suffix)
    path.write_text(_page(title, exam), encoding="utf-8")
    key_path.write_text(_page(f"{title}: answer key", key), encoding="utf-8")
    return [path, key_path]
