"""axe-core on what the scripts draw: a checked self-check with its marks, a scored assessment
with its review, and the progress page with a certificate (static pages are in test_accessibility)."""
from __future__ import annotations

import json

import pytest
from answering import answer
from quizhelpers import npm_package
from test_accessibility import RULES


@pytest.fixture(scope="module")
def axe(tmp_path_factory):
    return npm_package(tmp_path_factory.mktemp("axe-states"), "axe-core@4") / "axe.min.js"


def violations(page, axe) -> list[str]:
    page.add_script_tag(path=str(axe))
    return page.evaluate("async (tags) => (await axe.run(document, {runOnly: tags})).violations"
                         ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))", RULES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawn_states_have_no_axe_violations(browser, site, serve, axe, scheme):
    base = serve(site, "/cart-course/")
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    found = {}
    page.goto(base + "modules/car-anatomy/")
    form = page.locator("form.quiz-question").first
    answer(form, right=False)
    form.get_by_role("button", name="Check").click()
    found["self-check"] = violations(page, axe)
    page.goto(base + "assessment/")
    page.get_by_role("button", name="Start a new attempt").click()
    page.locator(".assessment-items form").first.wait_for()
    answer(page.locator(".assessment-items form").first, right=False)
    page.get_by_role("button", name="Finish and score").click()
    page.locator(".assessment-result h2").wait_for()
    found["assessment review"] = violations(page, axe)
    course = json.loads((site / "assets/course.json").read_text())
    done = {k: {"topic": m["id"], "right": True, "a": []} for m in course["modules"] for k in m["checks"]}
    page.evaluate("([p, a]) => { localStorage.setItem('cart-course:progress:v1', JSON.stringify(p));"
                  " localStorage.setItem('cart-course:assessment:v1', JSON.stringify(a)); }",
                  [done, {"history": [{"date": "2026-11-27T12:00:00Z", "right": 18, "total": 20, "passed": True}]}])
    page.goto(base + "progress/")
    page.locator(".certificate-sheet").wait_for()
    found["certificate"] = violations(page, axe)
    context.close()
    assert not any(found.values()), found
