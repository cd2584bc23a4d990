"""The bedside card: every complication it names links back to where it is taught, each grade of
CRS and ICANS is its own line with its treatment, and the card prints on at most two A4 pages."""

from __future__ import annotations

import re

from conftest import soup


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_every_entry_links_back_to_where_it_is_taught(site):
    card = soup(site / "bedside/index.html").select_one(".bedside-card")
    for heading in card.find_all("h2"):
        block = heading.find_next_sibling("ul")
        links = [a["href"] for a in block.select("a") if "/modules/" in a["href"]]
        assert links, heading.get_text()
        for href in links:
            path, _, anchor = href.partition("#")
            page = soup(site / "bedside" / path / "index.html")
            assert page.find(id=anchor), href


def test_each_grade_is_a_line_of_its_own_with_its_care(site, content):
    card = soup(site / "bedside/index.html").select_one(".bedside-card")
    for syndrome in ("crs", "icans"):
        section = card.find(id=syndrome).find_next_sibling("ul")
        lists = {
            li.find("strong").get_text(): li.find("ul")
            for li in section.find_all("li", recursive=False)
            if li.find("ul")
        }
        grades = [li.get_text(" ", strip=True) for li in lists["Grade:"].find_all("li")]
        assert [g.split(":")[0] for g in grades] == [f"Grade {n}" for n in range(1, 5)]
        care = [li.get_text(" ", strip=True) for li in lists["Treat by grade:"].find_all("li")]
        rows = [r for r in content.grading.care if r.syndrome == syndrome]
        assert len(care) == len(rows) >= 4
        # the stored doses are adult doses and the course teaches children too: each list says so
        scope = lists["Treat by grade:"].parent.find(class_="review-flag").get_text(" ", strip=True)
        assert scope == " ".join(content.grading.dose_scope.split())
    crs = card.find(id="crs").find_next_sibling("ul").get_text(" ", strip=True)
    assert "dexamethasone 10 mg intravenously every 6 hours" in crs


def test_the_card_prints_on_two_a4_pages_at_most(browser, site, serve):
    base = serve(site, "/cart-course/")
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "bedside/")
    pages = pdf_pages(page.pdf(format="A4", print_background=True))
    context.close()
    assert 1 <= pages <= 2, pages
