"""Helpers for reading a built site: which pages it has."""
from __future__ import annotations

import json
from pathlib import Path


def page_addresses(site: Path) -> list[str]:
    """Every page of a built site, as its address below the site's base: "" for the home page,
    "modules/car-anatomy/" for a module. The module pages that course.json lists must be there."""
    pages = sorted("" if html.parent == site else f"{html.parent.relative_to(site).as_posix()}/"
                   for html in site.rglob("index.html"))
    course = json.loads((site / "assets" / "course.json").read_text(encoding="utf-8"))
    missing = {m["url"] for m in course["modules"]} - set(pages)
    assert not missing, f"module pages missing from {site}: {sorted(missing)}"
    return pages
