"""Every page at a phone (390×844) and a laptop (1280×800) size in Chromium: nothing wider than the
viewport outside a scroll region that announces itself, every SVG text inside its SVG, every
Table 1 value reachable behind a visible cue. A screenshot of every page at both sizes goes to
screenshots/ (ignored by git) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT
from sitehelpers import page_addresses

SHOTS = ROOT / "screenshots"
SIZES = {"phone": (390, 844), "laptop": (1280, 800)}
MAX_ELEMENTS = 1000

# The page-side checks live in layout.js: two functions, `layout` and `table1`.
CHECKS = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")
LAYOUT = f"() => {{ {CHECKS}; return layout(); }}"
TABLE1 = f"() => {{ {CHECKS}; return table1(); }}"


@pytest.mark.parametrize("size", SIZES)
def test_every_page_fits_phone_and_laptop(browser, site, serve, size):
    width, height = SIZES[size]
    base = serve(site, "/cart-course/")
    pages = page_addresses(site)
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems = {}
    for rel in pages:
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(LAYOUT)
        elements = page.evaluate("document.querySelectorAll('*').length")
        if elements > MAX_ELEMENTS:  # a long DOM is what made the products module slow (issue 11)
            found.append(f"{elements} elements (at most {MAX_ELEMENTS})")
        if found:
            problems[rel] = found
        name = rel.rstrip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    page.goto(base + "modules/approval-trials/")  # Table 1
    table = page.evaluate(TABLE1)
    context.close()
    assert not problems, problems
    assert table["cells"] >= 100 and table["empty"] == 0
    assert table["lastShows"] and table["productStays"]
    assert table["cue"] or not table["overflows"]
    assert len(list(SHOTS.glob(f"*-{size}.png"))) >= len(pages)
