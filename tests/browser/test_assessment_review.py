"""After scoring, in Chromium: the review can show only the questions to review (numbers kept),
each module in the score table jumps to its questions, the certificate link lands on the
certificate, and the certificate prints alone on one A4 page."""

from __future__ import annotations

import json
import re

import pytest
from answering import answer

PROGRESS = "cart-course:progress:v1"


@pytest.fixture
def passed(page, site, serve, course):
    """A learner who has answered every self-check and has just passed with two answers wrong,
    on the assessment page's review."""
    base = serve(site, "/cart-course/")
    done = {
        key: {"topic": m["id"], "right": True, "a": []}
        for m in course["modules"]
        for key in m["checks"]
    }
    page.goto(base + "assessment/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRESS, json.dumps(done)])
    page.reload()
    page.get_by_role("button", name="Start a new attempt").click()
    forms = page.locator(".assessment-items form.quiz-question")
    page.locator(".assessment-finish").wait_for()
    for i in range(forms.count()):
        answer(forms.nth(i), right=i not in (0, 5))
    page.get_by_role("button", name="Finish and score").click()
    page.locator(".assessment-result h2").wait_for()
    return page


def shown_numbers(page) -> list[int]:
    return page.locator(".assessment-items > li").evaluate_all(
        "lis => lis.filter(li => li.offsetParent).map(li => li.value)"
    )


def test_review_shows_only_the_questions_to_review_when_asked(passed, course):
    total = course["assessment"]["items"]
    assert shown_numbers(passed) == list(range(1, total + 1))
    switch = passed.get_by_label(re.compile("Show only the 2 questions to review"))
    switch.check()
    assert shown_numbers(passed) == [1, 6]  # the wrong ones, under their own numbers
    switch.uncheck()
    assert len(shown_numbers(passed)) == total


def test_each_module_in_the_score_table_jumps_to_its_questions(passed, course):
    links = passed.locator(".assessment-result table a")
    assert links.count() == len(course["modules"])
    for i in (0, links.count() - 1):
        href = links.nth(i).get_attribute("href")
        target = passed.locator(href)
        topic = target.locator("form").get_attribute("data-topic")
        assert href == f"#review-{topic}"
        links.nth(i).click()
        passed.wait_for_function(
            "id => Math.abs(document.getElementById(id).getBoundingClientRect().top) < 120",
            arg=href[1:],
        )


def test_certificate_link_lands_on_the_certificate_which_prints_on_one_page(passed):
    passed.get_by_role("link", name="Your certificate of completion").click()
    passed.wait_for_url("**/progress/#certificate")
    heading = passed.locator("#certificate")
    passed.wait_for_function(
        "() => { const c = document.getElementById('certificate');"  # drawn by course.js
        " if (!c) return false; const r = c.getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight / 2; }"
    )
    assert heading.inner_text() == "Certificate of completion"
    assert passed.evaluate("scrollY") > 0  # it was drawn far below the top, and scrolled to
    passed.evaluate("document.documentElement.classList.add('course-print-certificate')")
    pdf = passed.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    assert len(pages) == 1, f"the certificate prints on {len(pages)} pages"


def test_a_module_answered_with_misses_is_not_called_done(page, site, serve, course):
    """Answering every self-check finishes a module; "Done" is kept for one answered all right."""
    base = serve(site, "/cart-course/")
    first, second = course["modules"][:2]
    saved = {
        k: {"topic": first["id"], "right": i > 0, "a": []} for i, k in enumerate(first["checks"])
    }
    saved.update({k: {"topic": second["id"], "right": True, "a": []} for k in second["checks"]})
    page.goto(base + "progress/")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [PROGRESS, json.dumps(saved)])
    page.reload()
    rows = page.locator(".progress-result table tr")
    rows.nth(2).wait_for()
    assert rows.nth(1).locator("td").last.inner_text() == "✓ All answered, 1 to review"
    assert rows.nth(2).locator("td").last.inner_text() == "✓ Done, all right"
