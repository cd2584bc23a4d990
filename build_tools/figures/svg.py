"""Tiny helpers for writing accessible inline SVG: escaped text, a titled root element."""
from __future__ import annotations

from markupsafe import escape


def text(x: float, y: float, body: str, *, cls: str = "", anchor: str = "start", size: int = 13) -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="{size}"{klass}>'
            f"{escape(body)}</text>")


def rect(x: float, y: float, w: float, h: float, *, cls: str, rx: float = 3) -> str:
    return f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{rx:g}" class="{cls}"/>'


def document(fig_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    """A self-describing SVG: role=img, named by its <title>, described by its <desc>.

    Lines carry no blank line between them so Markdown passes the block through untouched.
    """
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="{fig_id}-title {fig_id}-desc" class="figure-svg">')
    parts = [head, f'<title id="{fig_id}-title">{escape(title)}</title>',
             f'<desc id="{fig_id}-desc">{escape(desc)}</desc>', *body, "</svg>"]
    return "\n".join(parts)
