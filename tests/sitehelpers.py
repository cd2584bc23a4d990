"""Reading a built site: which pages it has, what a reader sees, what a page links to."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path


def page_addresses(site: Path) -> list[str]:
    """Every page of a built site, as its address below the site's base: "" for the home page,
    "modules/car-anatomy/" for a module. The module pages that course.json lists must be there."""
    pages = sorted(
        "" if html.parent == site else f"{html.parent.relative_to(site).as_posix()}/"
        for html in site.rglob("index.html")
    )
    course = json.loads((site / "assets" / "course.json").read_text(encoding="utf-8"))
    missing = {m["url"] for m in course["modules"]} - set(pages)
    assert not missing, f"module pages missing from {site}: {sorted(missing)}"
    return pages


def text_of(element) -> str:
    """Visible text with inline tags (abbr, a) joined as a reader sees it."""
    return re.sub(r" ([.,;:)%])", r"\1", " ".join(element.get_text(" ").split()))


def table_row(page, product: str, indication: str) -> list[str]:
    """The cells of Table 1's row for one product and indication."""
    for row in page.select("table tr"):
        cells = [c.get_text(" ", strip=True) for c in row.find_all("td")]
        if cells and cells[0] == product and cells[2] == indication:
            return cells
    raise AssertionError(f"no row for {product} / {indication}")


class Links(HTMLParser):
    """What one HTML page links to, as (tag, address) for every href and src, and the ids it
    defines. A canonical <link> names the published address and is never fetched: left out."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "link" and "canonical" in (a.get("rel") or ""):
            return
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append((tag, a[attr]))
