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
    """Table 1's row for one product and indication as [product, target, indication, figures...]:
    its first cell names both (the product's link, then the indication), so the row keeps its
    label when the table scrolls sideways."""
    for row in page.select("table tr"):
        cells = row.find_all("td")
        if not cells or not cells[0].select_one(".row-anchor"):
            continue
        named = [cells[0].a.get_text(" ", strip=True), cells[0].select_one(".row-anchor")]
        named[1] = named[1].get_text(" ", strip=True)
        if named == [product, indication]:
            rest = [c.get_text(" ", strip=True) for c in cells[1:]]
            return [product, rest[0], indication, *rest[1:]]
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
