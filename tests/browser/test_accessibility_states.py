"""axe-core on what the scripts draw: a checked self-check with its marks, a scored assessment
with its review, and the progress page with a certificate (static pages are in
test_accessibility)."""

from __future__ import annotations

import pytest
from answering import answer


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawn_states_have_no_axe_violations(browser, site, serve, axe, course, scheme):
    base = serve(site, "/cart-course/")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    found = {}
    page.goto(base + "modules/car-anatomy/")
    form = page.locator("form.quiz-question").first
    answer(form, right=False)
    form.get_by_role("button", name="Check").click()
    found["self-check"] = axe(page)
    page.goto(base + "assessment/")
    page.get_by_role("button", name="Start a new attempt").click()
    page.locator(".assessment-items form").first.wait_for()
    answer(page.locator(".assessment-items form").first, right=False)
    page.get_by_role("button", name="Finish and score").click()
    page.locator(".assessment-result h2").wait_for()
    found["assessment review"] = axe(page)
    done = {
        k: {"topic": m["id"], "right": True, "a": []}
        for m in course["modules"]
        for k in m["checks"]
    }
    page.evaluate(
        "([p, a]) => { localStorage.setItem('cart-course:progress:v2', JSON.stringify(p));"
        " localStorage.setItem('cart-course:assessment:v1', JSON.stringify(a)); }",
        [
            done,
            {
                "history": [
                    {"date": "2026-11-27T12:00:00Z", "right": 18, "total": 20, "passed": True}
                ]
            },
        ],
    )
    page.goto(base + "progress/")
    page.locator(".certificate-sheet").wait_for()
    found["certificate"] = axe(page)
    context.close()
    assert not any(found.values()), found
