"""The Jinja environment: strict (a typo fails the build) and escaping (content is text, not HTML)."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import helpers

TEMPLATES = Path(__file__).resolve().parent / "templates"


def make_environment(template_dir: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        undefined=StrictUndefined,
        # Pages are Markdown that may carry HTML, so every value is escaped on the way in.
        autoescape=True,
        # Markdown heading anchors are written `{#id}`, so Jinja comments use `{## … ##}`.
        comment_start_string="{##",
        comment_end_string="##}",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
    )
    env.filters.update(cell=helpers.md_cell, pct=helpers.percent, num=helpers.number)
    return env
