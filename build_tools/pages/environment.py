"""The Jinja environment: strict (a typo fails the build) and escaping (content is text, not
HTML)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import helpers

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=8)
def make_environment(template_dir: Path = TEMPLATES) -> Environment:
    """One environment per template folder, kept between builds: compiled templates are reused,
    and Jinja's auto_reload still recompiles any template whose file changed (mkdocs serve)."""
    return _environment(template_dir)


def _environment(template_dir: Path) -> Environment:
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
        auto_reload=True,
    )
    env.filters.update(
        cell=helpers.md_cell,
        md=helpers.md_text,
        pct=helpers.percent,
        num=helpers.number,
        words=helpers.count_words,
    )
    return env
