"""The review report: every item with its key, level, family, explanation, the content its key
rests on and any advisory flag, as one HTML page an item-writing committee reads before an exam."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from markupsafe import escape

from ..analysis.report import choices_text
from ..quiz.answers import answer_text, reference_labels
from ..quiz.item import LEVELS, Item
from ..quiz.levels import describe
from ..quiz.quality import advisories
from .meta import ExportMeta, module_rank, module_title

SUFFIX = ".html"
# A line that ends in a backslash goes on in the next: the CSS has no line break there.
_STYLE = """
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 60em; margin: 2em auto; \
padding: 0 1em; color: #111; }
table { border-collapse: collapse; } \
th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; }
article { border-top: 2px solid #333; margin-top: 1.5em; padding-top: .5em; break-inside: avoid; }
.meta { color: #444; font-size: .9em; } .key { font-weight: bold; } .flag { color: #8a1c00; }
ol.options li.correct::marker { content: "✔ "; } .why { color: #444; font-size: .9em; }
blockquote { margin: .5em 0; padding-left: .8em; border-left: 3px solid #8aa; }
"""


def _summary(items: list[Item], meta: ExportMeta) -> str:
    levels = Counter(i.level for i in items)
    modules = Counter(i.topic for i in items)
    flagged = sum(1 for i in items if advisories(i, items))
    judged = sum(1 for i in items if i.id in meta.analysis and meta.analysis[i.id].flags)
    results = f" · {judged} flagged by learners' results" if meta.analysis else ""
    rows = "".join(
        f"<tr><td>{escape(module_title(meta, m))}</td><td>{n}</td></tr>" for m, n in modules.items()
    )
    return (
        f"<p>{len(items)} items · {len({i.family for i in items})} families · "
        + " · ".join(f"{lv} {levels[lv]}" for lv in LEVELS)
        + f" · {flagged} with an advisory flag{results}</p>"
        f"<table><tr><th>Module</th><th>Items</th></tr>{rows}</table>"
    )


def _item(item: Item, n: int, items: list[Item], meta: ExportMeta) -> str:
    options = ""
    if item.options:
        options = (
            '<ol class="options" type="A">'
            + "".join(
                f"<li{' class=correct' if o.correct else ''}>{escape(o.text)}"
                + (f' <span class="why">({escape(o.why)})</span>' if o.why else "")
                + "</li>"
                for o in item.options
            )
            + "</ol>"
        )
    flags = "".join(f'<li class="flag">{escape(f)}</li>' for f in advisories(item, items))
    evidence = meta.evidence.get(item.id, "")
    results = _results(item, meta)
    return (
        f'<article id="{escape(item.id)}"><h2>{n}. {escape(item.stem)}</h2>'
        f'<p class="meta">{escape(item.id)} · {escape(module_title(meta, item.topic))} · '
        f"{escape(item.type)} · level <strong>{escape(item.level)}</strong>"
        + (f" (by the rule, {escape(describe(item.demand))})" if item.demand else "")
        + " · "
        f"family {escape(item.family)} · {escape(item.difficulty)}</p>"
        f'<p class="meta">Objective: {escape(item.objective)}</p>{options}'
        f'<p class="key">Key: {escape(answer_text(item))}</p><p>{escape(item.explanation)}</p>'
        f"<p class=meta>Rests on <code>{escape(item.source)}</code> "
        f"(references {escape(', '.join(reference_labels(item)))};"
        f" taught at {escape(item.page)}):</p><blockquote>{escape(evidence)}</blockquote>"
        + (f"<ul>{flags}</ul>" if flags else "")
        + results
        + "</article>"
    )


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _results(item: Item, meta: ExportMeta) -> str:
    """How learners did on the item, where the report was given results (--responses)."""
    if not meta.analysis:
        return ""
    s = meta.analysis.get(item.id)
    if s is None:
        return '<p class="results">Results: no responses to this item.</p>'
    chosen = f" · chosen: {escape(choices_text(s, item))}" if s.choices else ""
    flags = "".join(f'<li class="flag">{escape(f)}</li>' for f in s.flags)
    return (
        f'<p class="results">Results: {s.responses} responses · facility '
        f"{_number(s.facility)} · point-biserial {_number(s.point_biserial)} "
        f"(against the {escape(s.basis)}) · upper-lower {_number(s.upper_lower)}{chosen}</p>"
        + (f'<ul class="results-flags">{flags}</ul>' if flags else "")
    )


def write(items: list[Item], path: Path, meta: ExportMeta) -> list[Path]:
    # a committee reads by module
    items = sorted(items, key=lambda i: (module_rank(meta, i.topic), i.id))
    title = f"{meta.title}: item review"
    body = "\n".join(_item(item, n, items, meta) for n, item in enumerate(items, 1))
    path.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f"<p class=meta>Version {escape(meta.version)}, "
        f"content reviewed {meta.revised.isoformat()}.</p>\n"
        f"{_summary(items, meta)}\n{body}\n</body>\n</html>\n",
        encoding="utf-8",
    )
    return [path]
