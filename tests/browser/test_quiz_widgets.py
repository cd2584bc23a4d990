"""Self-checks, progress and the final assessment in real Chromium, served under a subpath."""

from __future__ import annotations

import json
import re

import pytest
from answering import answer
from conftest import Project, copy_project
from playwright.sync_api import expect

from build_tools.pages.helpers import INSTRUCTIONS

TYPES = ["single", "multiple", "truefalse", "numeric", "matching", "ordering"]


@pytest.fixture(scope="module")
def url(tmp_path_factory, serve):
    """The course with 20 self-checks per module (so every item type is on a page), at
    /cart-course/."""
    project = Project(copy_project(tmp_path_factory.mktemp("quizsite") / "p"))
    text = project.path("content/course.yaml").read_text()
    project.path("content/course.yaml").write_text(
        re.sub(r"self_check_count: \d+", "self_check_count: 20", text)
    )
    return serve(project.build_site(), "/cart-course/")


def first_form(page, kind):
    for module in ("approved-products", "car-anatomy", "cellular-therapies", "adverse-effects"):
        page.goto(page.base + f"modules/{module}/")
        forms = page.locator(f"form.quiz-question[data-type={kind}]")
        if forms.count():
            return forms.first
    raise AssertionError(f"no {kind} item on any page")


@pytest.mark.parametrize("kind", TYPES)
def test_right_wrong_and_retry_for_every_item_type(page, url, kind):
    page.base = url
    form = first_form(page, kind)
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    feedback = form.locator(".quiz-feedback")
    assert feedback.inner_text().startswith("Correct")
    assert feedback.locator("a", has_text="Where this is taught").count() == 1
    form.get_by_role("button", name="Try again").click()
    assert feedback.inner_text() == ""
    assert form.get_by_role("button", name="Try again").is_hidden()
    answer(form, right=False)
    form.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("Incorrect")
    if (
        kind != "numeric"
    ):  # the chosen and the correct options or rows are marked in words, not colour alone
        wrong = form.locator(".quiz-mark.is-wrong")
        assert wrong.count() >= 1
        assert re.search(r"✗ (your answer, not correct|should be \S)", wrong.first.inner_text())
        assert form.locator(".quiz-mark.is-right").count() >= 1
    assert "Correct answer: " in feedback.inner_text()


def test_try_again_is_hidden_until_an_answer_is_checked(page, url):
    page.goto(url + "modules/car-anatomy/")
    form = page.locator("form.quiz-question").first
    assert form.locator(".quiz-instruction").inner_text() in [
        *INSTRUCTIONS.values(),
        "Enter a percentage.",
        "Enter a number.",
    ]
    assert form.get_by_role("button", name="Try again").is_hidden()
    (check,) = form.get_by_role("button", name="Check").all()
    answer(form, right=True)
    check.click()
    again = form.get_by_role("button", name="Try again").bounding_box()
    first = check.bounding_box()
    assert again["x"] >= first["x"] + first["width"] + 8  # a visible gap between the two buttons


def test_keyboard_only_answering_moves_focus_to_feedback(page, url):
    page.goto(url + "modules/car-anatomy/")
    form = page.locator("form.quiz-question[data-type=single]").first
    form.locator("input").first.focus()
    marks = form.locator("input").evaluate_all(
        "els => els.map(e => e.hasAttribute('data-correct'))"
    )
    correct_index = marks.index(True)
    page.keyboard.press("Space")  # focusing a radio does not check it; Space does, arrows move on
    for _ in range(correct_index):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert form.locator(".quiz-feedback").inner_text().startswith("Correct")
    assert page.evaluate("document.activeElement.classList.contains('quiz-feedback')")


def test_progress_survives_reload_and_can_be_cleared(page, url):
    page.goto(url + "modules/car-anatomy/")
    form = page.locator("form.quiz-question[data-type=single]").first
    answer(form, right=False)
    form.get_by_role("button", name="Check").click()
    page.goto(url + "progress/")
    page.reload()
    result = page.locator(".progress-result")
    expect(result).to_contain_text("Anatomy of a CAR")  # course.js fills it after load
    # the missed list loads the bank first
    result.locator("a", has_text="Review").first.wait_for(timeout=10_000)
    page.once("dialog", lambda d: d.dismiss())  # clearing asks first; saying no keeps everything
    page.get_by_role("button", name="Clear my progress").click()
    expect(result).to_contain_text("Anatomy of a CAR")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my progress").click()
    expect(result).to_contain_text("No answers saved yet")


def test_self_check_answer_and_feedback_come_back_on_a_revisit(page, url):
    page.goto(url + "modules/car-anatomy/")
    forms = page.locator("form.quiz-question")
    kinds = [forms.nth(i).get_attribute("data-type") for i in range(forms.count())]
    for i, _ in enumerate(kinds):
        answer(forms.nth(i), right=i % 2 == 0)
        forms.nth(i).get_by_role("button", name="Check").click()
    before = [forms.nth(i).locator(".quiz-feedback").inner_text() for i in range(len(kinds))]
    page.goto(url)
    page.goto(url + "modules/car-anatomy/")
    forms.first.locator(".quiz-feedback").wait_for()
    after = [forms.nth(i).locator(".quiz-feedback").inner_text() for i in range(len(kinds))]
    assert after == before
    assert after[0].startswith("Correct") and after[1].startswith("Incorrect")
    stored = page.evaluate("JSON.parse(localStorage.getItem('cart-course:progress:v2'))")
    # the answer and its review log: one [day, rating] a day, Good (3) right, Again (1) wrong
    assert all(set(v) == {"topic", "right", "a", "r"} for v in stored.values()), stored
    assert all(
        len(v["r"]) == 1 and v["r"][0][1] == (3 if v["right"] else 1) for v in stored.values()
    )
    # ids and indices, not text
    assert all(len(json.dumps(v["a"])) <= 60 for v in stored.values()), stored


def test_widgets_work_after_going_back_and_forth_without_double_handlers(page, url):
    page.goto(url)
    page.locator("article a", has_text="Anatomy of a CAR").first.click()  # the learning path
    page.wait_for_url("**/modules/car-anatomy/")
    page.go_back()
    page.locator("article a", has_text="Anatomy of a CAR").first.click()
    form = page.locator("form.quiz-question[data-type=single]").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    assert form.locator(".quiz-feedback strong").count() == 1
    assert form.locator(".quiz-retry").count() == 1


def test_blocked_local_storage_does_not_break_pages(browser, url):
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(url + "modules/car-anatomy/")
    form = page.locator("form.quiz-question[data-type=single]").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    assert form.locator(".quiz-feedback").inner_text().startswith("Correct")
    page.goto(url + "progress/")
    # course.js fills the progress page once course.json arrives: wait for it, then read.
    expect(page.locator(".progress-result")).to_contain_text("No answers saved yet")
    context.close()
    assert not errors


def test_corrupt_store_is_ignored(page, url):
    page.goto(url)
    page.evaluate("localStorage.setItem('cart-course:progress:v2', '{not json')")
    page.goto(url + "progress/")
    # course.js fills the progress page once course.json arrives: wait for it, then read.
    expect(page.locator(".progress-result")).to_contain_text("No answers saved yet")


def test_answers_readable_without_javascript(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "modules/approved-products/")
    details = page.locator("details.quiz-answer").first
    details.locator("summary").click()
    assert details.locator(".quiz-answer-text").inner_text().strip()
    context.close()


def test_progress_exports_and_imports_as_a_file(page, url, tmp_path):
    page.goto(url + "modules/car-anatomy/")
    form = page.locator("form.quiz-question[data-type=single]").first
    answer(form, right=True)
    form.get_by_role("button", name="Check").click()
    page.goto(url + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert [v["topic"] for v in data["progress"].values()] == ["car-anatomy"]
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Clear my progress").click()
    expect(page.locator(".progress-result")).to_contain_text("No answers saved yet")
    page.locator("input.progress-import").set_input_files(str(saved))
    page.get_by_text("Progress imported: 1 answer (1 new here)").wait_for()
    expect(page.locator(".progress-result")).to_contain_text("Anatomy of a CAR")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    page.locator("input.progress-import").set_input_files(str(bad))
    page.get_by_text("not a progress file").wait_for()
