"""GIFT, Moodle's plain-text question format. Every text is escaped: an unescaped `~` or `#`
would silently become an extra option or feedback rather than a parse error."""
from __future__ import annotations

from pathlib import Path

from ..quiz.answers import machine_number as number
from ..quiz.answers import reference_labels
from ..quiz.item import Item
from .fractions import share
from .meta import ExportMeta

SUFFIX = ".gift"
_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
    return out.replace("\n", "\\n")


def question(item: Item) -> str:
    title = f"::{escape(item.id)}::"
    feedback = f"####{escape(item.explanation)}"
    stem = escape(item.stem)
    if item.type == "single":
        body = " ".join(("=" if o.correct else "~") + escape(o.text) for o in item.options)
    elif item.type == "multiple":
        right = share(len(item.correct_options))
        body = " ".join(f"~%{right if o.correct else '-100'}%{escape(o.text)}" for o in item.options)
    elif item.type == "truefalse":
        body = "T" if item.correct_options[0].id == "true" else "F"
    elif item.type == "numeric":
        body = f"#{number(item.answer)}:{number(item.tolerance or 0)}"
    elif item.type == "matching":
        body = " ".join(f"={escape(p.left)} -> {escape(p.right)}" for p in item.pairs)
    else:  # ordering: GIFT has none, so each step is matched to its position
        body = " ".join(f"={escape(step)} -> {n}" for n, step in enumerate(item.order, 1))
    cites = "; ".join(reference_labels(item))
    return f"// {item.type}; references {cites}; source {item.source}\n{title}{stem} {{{body}{feedback}}}\n"


def dumps(items: list[Item], title: str) -> str:
    blocks = []
    current = None
    for item in sorted(items, key=lambda i: i.topic):
        if item.topic != current:
            current = item.topic
            blocks.append(f"$CATEGORY: {escape(title)}/{item.topic}\n")
        blocks.append(question(item))
    return "\n".join(blocks)


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    title = meta.title
    path.write_text(dumps(items, title), encoding="utf-8")
    return [path]
