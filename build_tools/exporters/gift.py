"""GIFT, Moodle's plain-text question format. Every text is escaped: an unescaped `~` or `#`
would silently become an extra option or feedback rather than a parse error."""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

from ..quiz.answers import machine_number as number
from ..quiz.answers import reference_labels
from ..quiz.item import Item, Option
from .fractions import share
from .meta import ExportMeta, module_rank
from .moodle import category_path

SUFFIX = ".gift"
_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)
    return out.replace("\n", "\\n")


def _why(option: Option) -> str:
    # feedback for a learner who picks this option
    return f"#{escape(option.why)}" if option.why else ""


def question(item: Item) -> str:
    title = f"::{escape(item.id)}::"
    feedback = f"####{escape(item.explanation)}"
    stem = escape(item.stem)
    match item.type:
        case "single":
            body = " ".join(
                ("=" if o.correct else "~") + escape(o.text) + _why(o) for o in item.options
            )
        case "multiple":
            right = share(len(item.correct_options))
            body = " ".join(
                f"~%{right if o.correct else '-100'}%{escape(o.text)}{_why(o)}"
                for o in item.options
            )
        case "truefalse":
            body = "T" if item.correct_options[0].id == "true" else "F"
        case "numeric":
            body = f"#{number(item.answer)}:{number(item.tolerance or 0)}"
        case "matching":
            body = " ".join(f"={escape(p.left)} -> {escape(p.right)}" for p in item.pairs)
        case "ordering":  # GIFT has none, so each step is matched to its position
            body = " ".join(f"={escape(step)} -> {n}" for n, step in enumerate(item.order, 1))
        case _:
            assert_never(item.type)
    cites = "; ".join(reference_labels(item))
    return (
        f"// {item.type}; references {cites}; source {item.source}\n"
        f"{title}{stem} {{{body}{feedback}}}\n"
    )


def dumps(items: list[Item], meta: ExportMeta) -> str:
    """Questions grouped by module in course order, under the same category names as Moodle XML
    (a $CATEGORY line is read as it is, without GIFT's escapes)."""
    blocks = []
    current = None
    for item in sorted(items, key=lambda i: (module_rank(meta, i.topic), i.topic)):
        if item.topic != current:
            current = item.topic
            blocks.append(f"$CATEGORY: {' '.join(category_path(meta, item.topic).split())}\n")
        blocks.append(question(item))
    return "\n".join(blocks)


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    path.write_text(dumps(items, meta), encoding="utf-8")
    return [path]
