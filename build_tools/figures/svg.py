"""Tiny helpers for writing accessible inline SVG: escaped text, measured and wrapped text, a
titled root element."""

from __future__ import annotations

from markupsafe import escape

# Advance widths (em) of a generic sans-serif, rounded up: system fonts differ, so text is
# measured on the wide side and every box keeps a margin (a browser test checks the result).
_NARROW, _WIDE, _CAPS = (
    set("iljtfrI.,;:'!|()[] "),
    set("mwMW%@"),
    set("ABCDEFGHJKLNOPQRSTUVXYZ0123456789"),
)


def text_width(body: str, size: float) -> float:
    em = sum(
        0.32 if c in _NARROW else 0.9 if c in _WIDE else 0.68 if c in _CAPS else 0.58 for c in body
    )
    return em * size


def wrap(body: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to `width` user units at font `size`."""
    lines: list[str] = []
    for word in body.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def text(
    x: float, y: float, body: str, *, cls: str = "", anchor: str = "start", size: int = 13
) -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="{size}"{klass}>'
        f"{escape(body)}</text>"
    )


def rect(x: float, y: float, w: float, h: float, *, cls: str, rx: float = 3) -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{rx:g}" class="{cls}"/>'


def document(fig_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    """A self-describing SVG: role=img, named by its <title>, described by its <desc>.

    Lines carry no blank line between them so Markdown passes the block through untouched.
    """
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{fig_id}-title {fig_id}-desc" class="figure-svg">'
    )
    parts = [
        head,
        f'<title id="{fig_id}-title">{escape(title)}</title>',
        f'<desc id="{fig_id}-desc">{escape(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return "\n".join(parts)
