"""Render the validated course into Markdown pages (docs-relative path -> text)."""

from .render import navigation, render_pages, write_pages

__all__ = ["render_pages", "write_pages", "navigation"]
