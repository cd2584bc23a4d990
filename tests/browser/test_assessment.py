"""The final assessment in Chromium: a blueprinted draw, a review that teaches, skipped items that
leave progress alone, history and an attempt in progress that survive a reload, confirmations."""

from __future__ import annotations

import json
import math
import shutil
from collections import Counter

import pytest
from answering import answer

ATTEMPTS = "cart-course:assessment:v1"
PROGRESS = "cart-course:progress:v2"


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site, "/cart-course/")


@pytest.fixture(scope="module")
def families(site, serve, tmp_path_factory):
    """The site with a bank where families are large (three per module), so the one-item-per-family
    rule has to exclude many items on every draw."""
    copy = tmp_path_factory.mktemp("families") / "site"
    shutil.copytree(site, copy)
    path = copy / "assets" / "quizbank.json"
    bank = json.loads(path.read_text())
    seen: Counter = Counter()
    for item in bank["items"]:
        item["family"] = f"{item['topic']}:{seen[item['topic']] % 3}"
        seen[item["topic"]] += 1
    path.write_text(json.dumps(bank))
    return serve(copy, "/cart-course/"), {i["id"]: i for i in bank["items"]}


def start(page):
    page.get_by_role("button", name="Start a new attempt").click()
    page.locator(".assessment-finish").wait_for()  # appended after every item of the attempt
    return page.locator(".assessment-items form.quiz-question")


def drawn(page) -> list[str]:
    return page.locator(".assessment-items form.quiz-question").evaluate_all(
        "fs => fs.map(f => f.dataset.questionId)"
    )


def test_each_attempt_covers_every_module_without_two_items_of_one_family(page, families, course):
    url, items = families
    page.on("dialog", lambda d: d.accept())
    page.goto(url + "assessment/")
    draws = []
    for _ in range(6):
        start(page)
        ids = drawn(page)
        draws.append(tuple(ids))
        assert len(ids) == course["assessment"]["items"]
        per_module = Counter(items[i]["topic"] for i in ids)
        assert {m["id"] for m in course["modules"]} == set(per_module)
        assert min(per_module.values()) >= course["assessment"]["min_per_module"]
        fams = [items[i]["family"] for i in ids]
        assert len(fams) == len(set(fams)), Counter(fams).most_common(2)
    assert len(set(draws)) == len(draws)  # fresh each attempt


def test_review_shows_answer_key_explanation_and_link_and_skips_leave_progress(
    page, base, site, course
):
    bank = {
        i["id"]: i for i in json.loads((site / "assets" / "quizbank.json").read_text())["items"]
    }
    page.goto(base + "assessment/")
    # Earlier self-check answers, all right, for every item in the bank.
    page.evaluate(
        """([key, items]) => localStorage.setItem(key, JSON.stringify(Object.fromEntries(
        items.map(i => [i.id + '@' + i.hash, {topic: i.topic, right: true, a: 'earlier'}]))))""",
        [PROGRESS, list(bank.values())],
    )
    page.reload()
    forms = start(page)
    answer(forms.nth(0), right=False)
    answer(forms.nth(1), right=True)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.get_by_role("button", name="Finish and score").click()
    assert "not answered" in dialogs[0]
    result = page.locator(".assessment-result")
    total = course["assessment"]["items"]
    percent = math.floor(100 / total + 0.5)  # as course.js rounds
    assert f"Your score: 1 of {total} ({percent}%) · not passed" in result.inner_text()
    wrong = forms.nth(0).locator(".quiz-feedback")
    item = bank[forms.nth(0).get_attribute("data-question-id")]
    text = wrong.inner_text()
    assert text.startswith("Incorrect.") and "Correct answer: " in text
    assert item["explanation"][:40] in text
    link = wrong.get_by_role("link", name="Where this is taught")
    assert link.evaluate("a => a.href") == base + item["page"]  # relative, resolved from here
    if item["type"] == "numeric":
        assert "Your answer: " in text
    else:
        assert forms.nth(0).locator(".quiz-mark.is-wrong").count() >= 1
    skipped = forms.nth(5)
    assert skipped.locator(".quiz-feedback").inner_text().startswith("Not answered.")
    assert "Correct answer: " in skipped.locator(".quiz-feedback").inner_text()
    # a scored attempt is read-only
    assert forms.nth(5).locator("input, select").first.is_disabled()
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{PROGRESS}'))")

    def key(f):
        return f.get_attribute("data-question-id") + "@" + f.get_attribute("data-hash")

    earlier = stored[key(skipped)]
    assert {k: v for k, v in earlier.items() if k != "r"} == {
        "topic": skipped.get_attribute("data-topic"),
        "right": True,
        "a": "earlier",
    }
    assert len(earlier["r"]) == 1  # dated once, the day it was first read, and not reviewed again
    assert stored[key(forms.nth(0))]["right"] is False
    assert stored[key(forms.nth(1))]["right"] is True
    # History and the scored attempt's review survive a reload.
    page.reload()
    assert f"Your score: 1 of {total}" in page.locator(".assessment-result h2").inner_text()
    assert (
        page.locator(".assessment-items .quiz-feedback").first.inner_text().startswith("Incorrect.")
    )
    history = page.locator(".assessment-history table tr")
    assert history.count() == 2 and "Not passed" in history.nth(1).inner_text()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{ATTEMPTS}'))")
    assert saved["history"][0]["right"] == 1 and saved["history"][0]["passed"] is False


def test_attempt_in_progress_survives_reload_and_restart_asks_first(page, base):
    page.goto(base + "assessment/")
    forms = start(page)
    ids = drawn(page)
    answer(forms.nth(0), right=True)
    page.reload()
    page.locator(".assessment-items form.quiz-question").first.wait_for()
    assert drawn(page) == ids
    assert (
        page.locator(".assessment-items form.quiz-question")
        .first.locator("input:checked, input[type=number]")
        .count()
        >= 1
    )
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Start a new attempt").click()
    assert drawn(page) == ids  # said no: the attempt stays
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Start a new attempt").click()
    page.wait_for_function(
        "ids => [...document.querySelectorAll('.assessment-items form')]"
        ".some((f, i) => f.dataset.questionId !== ids[i])",
        arg=ids,
    )
    assert drawn(page) != ids
