"""Reading on a phone and a laptop in Chromium: every table keeps each row's label and its header
row in view however far it is scrolled; Table 1 fits a laptop or says it scrolls; an abbreviation
explains itself on a tap (touch) and on keyboard focus, and the explanation can be dismissed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitehelpers import page_addresses

CHECKS = (Path(__file__).parent / "tables.js").read_text(encoding="utf-8")
TABLE_LABELS = f"() => {{ {CHECKS}; return tableLabels(); }}"
TABLE1 = f"() => {{ {CHECKS}; return table1(); }}"
# The scroll cue and the region's name come from a ResizeObserver: wait until it has run.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "laptop"])
def test_every_table_row_keeps_its_label_and_header_when_scrolled(browser, site, serve, width):
    base = serve(site, "/cart-course/")
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    tables = rows = 0
    problems = {}
    for rel in page_addresses(site):
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        page.evaluate(SETTLED)
        found = page.evaluate(TABLE_LABELS)
        tables, rows = tables + found["tables"], rows + found["rows"]
        if found["problems"]:
            problems[rel] = found["problems"]
    context.close()
    assert tables >= 8 and rows >= 50, (tables, rows)  # the check ran on the course's tables
    assert not problems, problems


def test_table_1_fits_a_laptop_or_says_that_it_scrolls(browser, site, serve):
    base = serve(site, "/cart-course/")
    for width, height in ((1280, 800), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(base + "modules/approval-trials/")  # Table 1
        page.wait_for_load_state("networkidle")
        page.evaluate(SETTLED)
        table = page.evaluate(TABLE1)
        context.close()
        assert table["columns"] >= 8
        assert not table["overflows"] or (table["cue"] and table["region"]), (width, table)
        if width == 390:
            assert table["overflows"] and table["cue"]  # a phone does scroll it, and is told


def first_abbreviation(page):
    """The first abbreviation of the page's text that a tap explains (not one inside a control,
    whose tap belongs to the control)."""
    return page.locator(".md-content abbr[title]:not(:is(a, button, label, summary) abbr)").first


@pytest.fixture
def phone(browser):
    size = {"width": 390, "height": 844}
    context = browser.new_context(
        viewport=size, device_scale_factor=3, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


def test_tapping_an_abbreviation_shows_what_it_stands_for(phone, site, serve, course):
    base = serve(site, "/cart-course/")
    glossary = (site / "glossary/index.html").read_text(encoding="utf-8")
    for module in course["modules"]:
        phone.goto(base + module["url"])
        phone.wait_for_load_state("networkidle")
        abbr = first_abbreviation(phone)
        term, expansion = abbr.inner_text().strip(), abbr.get_attribute("title")
        assert phone.locator(".abbr-pop").count() == 0  # nothing added until it is needed
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        pop = phone.locator(".abbr-pop")
        pop.get_by_text(expansion).wait_for()
        assert pop.get_attribute("role") == "status"  # read out when it appears
        box, screen = pop.bounding_box(), phone.viewport_size
        assert 0 <= box["x"] and box["x"] + box["width"] <= screen["width"], box
        assert 0 <= box["y"] and box["y"] + box["height"] <= screen["height"], box
        link = pop.get_by_role("link", name="Glossary entry")
        link.wait_for()
        href = link.get_attribute("href")
        assert href.split("#")[0].endswith("glossary/"), href
        assert f'id="{href.split("#")[1]}"' in glossary and term in glossary
        below = box["y"] + box["height"] + 40  # a tap elsewhere (the page's margin) dismisses it
        phone.touchscreen.tap(4, below if below < screen["height"] else box["y"] - 40)
        pop.wait_for(state="hidden")


def test_keyboard_reaches_an_abbreviation_and_escape_dismisses_it(page, site, serve):
    base = serve(site, "/cart-course/")
    page.goto(base + "modules/adverse-effects/")
    page.wait_for_load_state("networkidle")
    stops = page.locator(".md-content abbr[tabindex='0']")
    terms = stops.all_inner_texts()
    assert terms and len(terms) == len(set(terms))  # each abbreviation once in the tab order
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    focused = page.evaluate("[document.activeElement.textContent, document.activeElement.title]")
    assert focused[0] in terms
    pop = page.locator(".abbr-pop")
    pop.get_by_text(focused[1]).wait_for()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "abbr-pop"
    page.keyboard.press("Escape")
    pop.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"  # focus stays where it was


def test_the_report_link_names_the_page_it_was_opened_from(page, site, serve):
    """page.js adds the page's address to the footer link; the course's sheets and scripts arrive
    after the first paint, and then every Check button works."""
    from urllib.parse import parse_qs, urlparse

    base = serve(site, "/cart-course/")
    for rel in ("modules/car-anatomy/", "modules/adverse-effects/"):
        page.goto(base + rel)
        page.wait_for_selector("html[data-course-ready]", state="attached")
        href = page.locator("footer a.course-report").get_attribute("href")
        body = parse_qs(urlparse(href).query)["body"][0]
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert body.startswith("Page: " + canonical), body
    # the course sheets apply (a heading's course styling would be missing otherwise)...
    sheets = page.evaluate(
        "[...document.styleSheets].filter(s => s.href && /assets\\/(course|quiz|review)\\.css/"
        ".test(s.href)).map(s => s.href.split('/').pop())"
    )
    assert sorted(sheets) == ["course.css", "quiz.css", "review.css"]
    # ...and neither they nor our scripts were fetched before the first paint
    late = page.evaluate(
        """() => {
          const paint = performance.getEntriesByName('first-paint')[0].startTime;
          return performance.getEntriesByType('resource')
            .filter(r => /\\/assets\\/[a-z]+\\.(js|css)$/.test(r.name))
            .map(r => [r.name.split('/').pop(), r.startTime >= paint,
                       Math.round(r.startTime), Math.round(paint)]);
        }"""
    )
    assert len(late) == 10 and all(after for _, after, *_ in late), late
    assert page.locator("form.quiz-question button[type=submit]:disabled").count() == 0
