"""The printed exam, its key and answer sheet, as Chromium prints them (print media, A4 pages).

Page 1 of the exam and of the key are saved as screenshots in exports/screenshots/ (ignored by git)
for a person to look at."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from quizhelpers import export, ids_file

SHOTS = ROOT / "exports" / "screenshots"
# 210 x 297 mm less the 16/16/18 mm page margins, at 96 px per inch
A4_CONTENT = {"width": 673, "height": 994}
ITEMS = 30


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture(scope="module")
def exam(tmp_path_factory, bank):
    """30 items with every type in them (matching and ordering once printed their markup as
    text)."""
    folder = tmp_path_factory.mktemp("print")
    kinds = ("matching", "ordering", "multiple", "truefalse", "numeric", "single")
    chosen = [i for kind in kinds for i in [i for i in bank if i.type == kind][:5]]
    chosen += [i for i in bank if i not in chosen][: ITEMS - len(chosen)]
    ids = ids_file(folder, [i.id for i in chosen[:ITEMS]])
    assert len(chosen[:ITEMS]) == ITEMS and {i.type for i in chosen[:ITEMS]} == set(kinds)
    return export(
        ROOT,
        "print",
        folder / "exam.html",
        "--seed",
        "5",
        "--ids",
        str(ids),
        "--answer-sheet",
        "--minutes",
        "50",
    )


@pytest.fixture
def printed(page):
    page.set_viewport_size(A4_CONTENT)
    page.emulate_media(media="print")
    return page


def shown_markup(text: str) -> list[str]:
    return re.findall(r"</?[a-zA-Z][^>]*>|&(?:lt|gt|amp|quot|#\d+);", text)


def test_exam_has_a_cover_numbered_items_and_lettered_options(exam, printed):
    printed.goto(exam.as_uri())
    SHOTS.mkdir(parents=True, exist_ok=True)
    printed.screenshot(path=str(SHOTS / "exam-page-1.png"))
    text = printed.locator("body").inner_text()
    assert shown_markup(text) == []
    cover = printed.locator(".cover").inner_text()
    for expected in (
        "Written examination",
        "Name",
        "Date",
        "Time allowed\n50 minutes",
        f"Items\n{ITEMS}",
        f"Points\n{ITEMS} (1 per item)",
        "Instructions",
        "seed 5",
        "course version",
    ):
        assert expected in cover, expected
    assert printed.locator(".cover").evaluate("el => getComputedStyle(el).breakAfter") == "page"
    items = printed.locator("ol.exam > li")
    assert items.count() == ITEMS
    assert (
        printed.locator("ol.exam").evaluate("el => getComputedStyle(el).listStyleType") == "decimal"
    )
    assert {
        printed.locator("ol.options").nth(n).evaluate("el => getComputedStyle(el).listStyleType")
        for n in range(printed.locator("ol.options").count())
    } == {"upper-alpha"}
    assert all(
        items.nth(n).evaluate("el => getComputedStyle(el).breakInside") == "avoid" for n in range(3)
    )
    whole = pdf_pages(printed.pdf(format="A4", prefer_css_page_size=True))
    printed.evaluate("document.querySelector('ol.exam').remove()")
    # the cover fits one page
    assert pdf_pages(printed.pdf(format="A4", prefer_css_page_size=True)) == 1
    assert whole > 2


def test_key_grid_fits_one_page_with_explanations_after(exam, printed):
    key = exam.with_name("exam-key.html")
    printed.goto(exam.as_uri())
    exam_text = printed.locator("body").inner_text()
    printed.goto(key.as_uri())
    printed.screenshot(path=str(SHOTS / "exam-key-page-1.png"))
    assert shown_markup(printed.locator("body").inner_text()) == []
    rows = printed.locator("table.grid tbody tr")
    assert rows.count() == ITEMS
    assert rows.nth(0).locator("th").inner_text() == "1" and rows.nth(ITEMS - 1).locator(
        "th"
    ).inner_text() == str(ITEMS)
    answers = [rows.nth(n).locator("td").first.inner_text() for n in range(ITEMS)]
    assert all(
        re.fullmatch(r"[A-H](, [A-H])*|[0-9][0-9.,]*.*|[a-h]–[A-H].*|[A-H]( [A-H])+", a)
        for a in answers
    ), answers
    assert (
        printed.locator(".explanations").evaluate("el => getComputedStyle(el).breakBefore")
        == "page"
    )
    explanations = printed.locator(".explanations > ol > li").all_inner_texts()
    assert len(explanations) == ITEMS
    # The key explains each answer; the exam students see gives none of that away.
    told = [e.split("\n", 1)[1].split(" (refs", 1)[0] for e in explanations]
    assert all(len(t) > 20 and t not in exam_text for t in told)
    printed.evaluate("document.querySelector('.explanations').remove()")
    # the marking grid is one page
    assert pdf_pages(printed.pdf(format="A4", prefer_css_page_size=True)) == 1


def test_answer_sheet_has_a_row_per_item(exam, printed):
    printed.goto(exam.with_name("exam-sheet.html").as_uri())
    assert printed.locator("ol.sheet > li").count() == ITEMS
    assert printed.locator(".bubble").count() >= ITEMS
    assert shown_markup(printed.locator("body").inner_text()) == []
    assert pdf_pages(printed.pdf(format="A4", prefer_css_page_size=True)) == 1
