"""Search that finds: a learner's word (steroids) reaches the glucocorticoid sections, in the
index and in Material's search box; the References page never outranks the teaching."""

from __future__ import annotations

import json


def test_index_carries_glossary_synonyms_and_brand_names(site):
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    added = [d for d in docs if "Also searched as: steroids, corticosteroids" in d["text"]]
    assert "modules/adverse-effects/#crs-treatment" in {d["location"] for d in added}
    assert all("glucocorticoid" in (d["title"] + d["text"]).lower() for d in added)
    assert any(
        "Kymriah" in d["text"]
        and d["location"].startswith("modules/approved-products/#tisagenlecleucel")
        for d in docs
    )
    assert {d.get("boost") for d in docs if d["location"].startswith("references/")} == {0.1}


def search(page, words: str) -> list[str]:
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)  # Material searches on key events, not on a programmatic fill
    page.wait_for_function(
        "w => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => a.href.includes('h=' + w))",
        arg=words,
    )
    return page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all(
        "as => as.map(a => a.href)"
    )


def test_browser_search_finds_steroids_and_ranks_teaching_above_references(browser, site, serve):
    base = serve(site, "/cart-course/")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base)
    found = search(page, "steroids")
    # The first three hits are pages or sections that teach glucocorticoid treatment (the CRS
    # and ICANS sections, treatment by grade, the bedside card), wherever the teaching lives.
    docs = json.loads((site / "search/search_index.json").read_text())["docs"]
    teaches = {d["location"] for d in docs if "glucocorticoid" in d["text"].lower()}
    top = [
        href.split("/cart-course/", 1)[1].replace("?h=steroids", "").replace("?h=", "")
        for href in found[:3]
    ]
    # A page hit heads its sections; it counts when a section of it teaches.
    assert top and all(
        not t.startswith("references/") and any(w.split("#")[0] == t or w == t for w in teaches)
        for t in top
    ), found
    page.goto(base)
    found = search(page, "tocilizumab")
    context.close()
    teaching = [i for i, href in enumerate(found) if "/modules/" in href or "/bedside/" in href]
    references = [i for i, href in enumerate(found) if "/references/" in href]
    assert teaching and teaching[0] == 0 and all(r > max(teaching) for r in references), found
