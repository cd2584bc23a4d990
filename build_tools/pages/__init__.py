"""Render the validated course into Markdown pages (docs-relative path -> text)."""
from .render import render_pages, write_pages, navigation

__all__ = ["render_pages", "write_pages", "navigation"]
