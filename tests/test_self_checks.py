"""Self-check items on module pages: chosen from the bank by seed, answers readable without JS."""

from __future__ import annotations

import json

from conftest import soup

from build_tools.quiz.bank import self_check_draws


def test_each_module_shows_its_configured_items(site, content, bank):
    counts = {m.id: m.self_check_count for m in content.outline.modules}
    chosen = self_check_draws(bank, seed=content.outline.self_check_seed, counts=counts)
    shown_types = set()
    for module in content.outline.modules:
        forms = soup(site / "modules" / module.id / "index.html").select("form.quiz-question")
        assert [f["data-question-id"] for f in forms] == [i.id for i in chosen[module.id]]
        assert len(forms) == module.self_check_count
        shown_types |= {f["data-type"] for f in forms}
    # every question type the assessment can ask is on some page to practise
    assert shown_types == {i.type for i in bank}


def test_forms_are_accessible_and_answers_stay_out_of_search(site):
    page = soup(site / "modules/approved-products/index.html")
    for form in page.select("form.quiz-question"):
        assert form.find("fieldset").find("legend").get_text(strip=True)
        assert form.select_one("button[type=submit]").get_text(strip=True) == "Check"
        assert form.select_one(".quiz-feedback")["aria-live"] == "polite"
        # Material strips data-search-exclude once indexed
        details = form.select_one("details.quiz-answer")
        assert (
            details.select_one(".quiz-explanation")
            and details.select_one("summary").get_text() == "Show answer"
        )
    index = json.loads((site / "search/search_index.json").read_text())
    texts = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("modules/approved-products/")
    )
    assert (
        page.select("form.quiz-question")
        and "Where this is taught" not in texts
        and "Show answer" not in texts
    )
    # the printed key stays out of search too
    assert page.select(".print-key li") and "Answer key" not in texts


def test_published_bank_is_the_whole_bank(site, bank):
    data = json.loads((site / "assets/quizbank.json").read_text())
    assert [i["id"] for i in data["items"]] == [i.id for i in bank]
