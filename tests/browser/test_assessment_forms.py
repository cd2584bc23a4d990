"""The final assessment shows the build's own forms: for an item of every type in the bank, the
form an attempt shows is, byte for byte, the form the self_check macro rendered, after the same
graded wiring by quiz.js: the copy on the items page as it is, the item's module page self-check
with each link compared by where it leads (the two pages sit at different depths)."""

from __future__ import annotations

import json

import pytest
from conftest import soup
from links import broken_links

ATTEMPTS = "cart-course:assessment:v1"
TYPES = {"single", "truefalse", "multiple", "numeric", "matching", "ordering"}

# In the page: each shown form, and the rendered form of its item fetched afresh and wired alike.
COMPARE = """async ([ids, modulePages, itemsPage]) => {
  const read = async (url) =>
    new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  const items = (await read(itemsPage)).getElementById("assessment-forms").content;
  const wired = (form) => {
    const copy = document.importNode(form, true);
    cartCourse.wire(copy, true);
    return copy;
  };
  const byId = (root, id) =>
    [...root.querySelectorAll("form.quiz-question")].find(f => f.dataset.questionId === id);
  // Every href as the address it leads to (template contents too: a graded form holds its answer).
  const resolved = (form, base) => {
    const copy = form.cloneNode(true), roots = [copy];
    for (let i = 0; i < roots.length; i++) {
      roots[i].querySelectorAll("a[href]").forEach(a =>
        a.setAttribute("href", new URL(a.getAttribute("href"), base).href));
      roots[i].querySelectorAll("template").forEach(t => roots.push(t.content));
    }
    return copy.outerHTML;
  };
  const shown = [...document.querySelectorAll(".assessment-items form.quiz-question")];
  const out = [];
  for (const [n, id] of ids.entries()) {
    const modulePage = new URL(modulePages[id], location.href).href;
    const onModule = byId((await read(modulePage)).body, id);
    out.push({id: id, shown: shown[n].outerHTML, items: wired(byId(items, id)).outerHTML,
              shownLinks: resolved(shown[n], location.href),
              module: resolved(wired(onModule), modulePage)});
  }
  return [shown.map(f => f.dataset.questionId), out];
}"""


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site, "/cart-course/")


def one_of_each_type(site) -> dict[str, str]:
    """{item id: its module page from the assessment}: the first self-check of each type."""
    first: dict[str, tuple[str, str]] = {}
    for html in sorted((site / "modules").glob("*/index.html")):
        for form in soup(html).select("form.quiz-question"):
            page = "../" + html.parent.relative_to(site).as_posix() + "/"
            first.setdefault(form["data-type"], (form["data-question-id"], page))
    return dict(first.values())


def resume(page, base, ids):
    """The assessment page with an attempt under way on exactly these items (as after a reload)."""
    page.goto(base + "assessment/")
    page.evaluate(
        "([key, ids]) => localStorage.setItem(key, JSON.stringify("
        "{history: [], current: {ids: ids, answers: []}}))",
        [ATTEMPTS, ids],
    )
    page.reload()
    page.locator(".assessment-finish").wait_for()


def test_every_assessment_form_is_the_rendered_form(page, base, site):
    bank = json.loads((site / "assets/quizbank.json").read_text())["items"]
    chosen = one_of_each_type(site)
    assert {i["type"] for i in bank} == TYPES
    assert {i["type"] for i in bank if i["id"] in chosen} == TYPES  # one item of every type
    resume(page, base, list(chosen))
    shown, forms = page.evaluate(COMPARE, [list(chosen), chosen, base + "assessment-items/"])
    assert shown == list(chosen)
    for form in forms:
        assert form["shown"] == form["items"], form["id"]
        assert form["shownLinks"] == form["module"], form["id"]
        assert 'class="quiz-held"' in form["shown"] and "Where this is taught" in form["shown"]


def test_the_review_links_lead_to_their_pages_and_sections(page, base, site):
    drawn = json.loads((site / "assets/course.json").read_text())["assessment"]["items"]
    page.goto(base + "assessment/")
    page.get_by_role("button", name="Start a new attempt").click()
    page.locator(".assessment-finish").wait_for()
    page.once("dialog", lambda d: d.accept())  # nothing answered: score it anyway
    page.get_by_role("button", name="Finish and score").click()
    page.locator(".assessment-result h2").wait_for()
    assert page.locator("ol.assessment-items > li > form.quiz-question").count() == drawn
    checked, broken = broken_links(page, ".assessment-items .quiz-feedback")
    assert broken == [] and checked >= 40  # each item: its references and where it is taught
