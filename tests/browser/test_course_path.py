"""A learner's walk in Chromium: home → Start → every module by Next → final assessment →
certificate, with completion marks, Continue and a reload that keeps everything."""

from __future__ import annotations

import math
import re

from answering import answer


def completed_in_nav(page) -> list[str]:
    return page.locator("nav.md-nav--primary a:has(.course-done)").evaluate_all(
        "links => links.map(a => a.textContent.replace(' ✓ (completed)', '').trim())"
    )


def wait_for_marks(page, n: int) -> None:
    """course.js marks completed modules in the navigation once a page is in: wait for n marks."""
    page.wait_for_function(
        "n => document.querySelectorAll('nav.md-nav--primary .course-done').length >= n", arg=n
    )


def test_walk_from_home_through_every_module_to_the_certificate(page, site, serve, course):
    base = serve(site, "/cart-course/")
    modules = course["modules"]
    page.goto(base)
    start = page.locator("a.course-start")
    assert start.inner_text() == "Start the course"
    start.click()
    for n, module in enumerate(modules, 1):
        page.wait_for_url(f"**/{module['url']}")
        assert (
            page.locator(".module-meta").inner_text()
            == f"Module {n} of {len(modules)} · about {module['minutes']} min"
        )
        forms = page.locator("form.quiz-question")
        assert forms.count() == len(module["checks"])
        for i in range(forms.count()):
            answer(forms.nth(i), right=i > 0)  # one wrong answer per module: done means answered
            forms.nth(i).get_by_role("button", name="Check").click()
        wait_for_marks(page, n)
        assert completed_in_nav(page)[-1] == module["title"]
        page.locator("a.md-footer__link--next").click()  # Material's footer link to the next page
    page.wait_for_url("**/assessment/")
    wait_for_marks(page, len(modules))
    assert completed_in_nav(page) == [m["title"] for m in modules]
    total, pass_mark = course["assessment"]["items"], course["assessment"]["pass_mark"]
    right = total - 2
    score = f"{right} of {total}"
    percent = math.floor(100 * right / total + 0.5)  # as course.js rounds
    assert percent >= pass_mark, "two wrong answers should still pass"
    page.get_by_role("button", name="Start a new attempt").click()
    forms = page.locator(".assessment-items form.quiz-question")
    forms.first.wait_for()
    for i in range(forms.count()):
        answer(forms.nth(i), right=i > 1)  # the first two wrong
    page.get_by_role("button", name="Finish and score").click()
    shown = page.locator(".assessment-result h2").inner_text()
    assert f"Your score: {score} ({percent}%) · passed" in shown
    page.get_by_role("link", name="Your certificate of completion").click()
    page.wait_for_url("**/progress/#certificate")
    page.get_by_label(re.compile("Your name")).fill("Ada Lovelace")
    page.reload()
    sheet = page.locator(".certificate-sheet")
    text = sheet.inner_text()
    assert "Ada Lovelace" in text and f"{percent}% ({score})" in text
    assert f"Course version {course['version']}" in text
    assert "not accreditation" in text
    overall = page.locator(".progress-overall").inner_text()
    assert "Overall: " + f"{sum(len(m['checks']) for m in modules)} of" in overall
    assert f"{len(modules)} of {len(modules)} modules done" in overall
    assert len(completed_in_nav(page)) == len(modules)
    # Printing the certificate prints the sheet alone.
    page.evaluate("document.documentElement.classList.add('course-print-certificate')")
    page.emulate_media(media="print")
    assert (
        sheet.is_visible()
        and page.locator(".progress-result table").is_hidden()
        and page.locator(".md-header").is_hidden()
    )
    page.emulate_media(media="screen")
    page.goto(base)
    assert page.locator("a.course-start").inner_text() == "Continue: final assessment"


def test_continue_goes_back_to_the_module_left_off(page, site, serve, course):
    base = serve(site, "/cart-course/")
    third = course["modules"][2]
    page.goto(base + third["url"])
    page.wait_for_function("localStorage.getItem('cart-course:place:v1') !== null")
    page.goto(base)
    start = page.locator("a.course-start")
    page.wait_for_function(
        "() => document.querySelector('a.course-start').textContent.startsWith('Continue')"
    )
    assert start.inner_text() == "Continue: " + third["title"]
    start.click()
    page.wait_for_url("**/" + third["url"])
