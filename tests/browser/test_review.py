"""Spaced review in Chromium with a moved clock: a learner answers self-checks and a final
assessment, then reviews day after day for 30 days; every due date the browser computes (ts-fsrs)
is the one PyPI fsrs computes from the same history, the Review page shows exactly what is due,
never two items of one family in a row, and the header counts them."""

from __future__ import annotations

import json
import random
from datetime import timedelta

import pytest
from answering import answer
from playwright.sync_api import expect
from reviewing import (
    PROGRESS,
    START,
    check,
    day_number,
    due_day,
    key_of,
    learner,
    recall,
    set_day,
    stored,
    wait_for_panel,
)


@pytest.fixture(scope="module")
def base(site, serve):
    return serve(site, "/cart-course/")


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads((site / "assets" / "review.json").read_text(encoding="utf-8"))


def review_page(page, base):
    page.goto(base + "review/")
    status = page.locator(".review-status")
    expect(status).not_to_have_text("Loading your review…")
    return status


def shown(page) -> list[tuple[str, str]]:
    """(key, family) of each question on the Review page, in order."""
    return page.locator(".review-items > li").evaluate_all(
        "lis => lis.map(li => { const f = li.querySelector('form');"
        " return [f.dataset.questionId + '@' + f.dataset.hash, li.dataset.family]; })"
    )


def answer_and_rate(form, right: bool, rng: random.Random, day: int, history: dict) -> None:
    """Answer a form; after a right answer sometimes say it was hard or easy. The test keeps its
    own account of the ratings the learner gave: the history the reference is fed."""
    check(form, right)
    rating = 3 if right else 1
    panel = wait_for_panel(form)
    if right and rng.random() < 0.3:
        rating = rng.choice([2, 4])
        panel.get_by_role("button", name="Hard" if rating == 2 else "Easy").click()
        expect(panel.locator("[aria-pressed=true]")).to_have_text("Hard" if rating == 2 else "Easy")
    history.setdefault(key_of(form), []).append((day, rating))


def test_thirty_days_of_review_fall_due_as_the_reference_scheduler_says(
    browser, base, course, index
):
    rng = random.Random(22)
    context = learner(browser)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept())
    history: dict[str, list[tuple[int, int]]] = {}  # what the learner did: the reference's input
    today = day_number(START)
    set_day(context, START)
    for module in course["modules"][:2]:  # day 0: two modules' self-checks
        page.goto(base + module["url"])
        forms = page.locator("form.quiz-question")
        for i in range(forms.count()):
            answer_and_rate(forms.nth(i), rng.random() < 0.7, rng, today, history)
    # a second try the same day is not a second review: the first answer of a day counts
    again = page.locator("form.quiz-question").first
    first = history[key_of(again)][-1]
    again.get_by_role("button", name="Try again").click()
    check(again, right=first[1] == 1)
    expect(wait_for_panel(again)).to_contain_text("Your first answer today is the one that counts")
    assert stored(page)[key_of(again)]["r"] == [list(first)]

    for n in range(1, 31):
        d = START + timedelta(days=n)
        today = day_number(d)
        set_day(context, d, hour=rng.choice([7, 13, 23]))
        if n == 2:  # the final assessment: its answers enter the schedule too, skipped ones not
            page.goto(base + "assessment/")
            page.get_by_role("button", name="Start a new attempt").click()
            forms = page.locator(".assessment-items form.quiz-question")
            page.locator(".assessment-finish").wait_for()
            answered = [i for i in range(forms.count()) if i % 3]
            for i in answered:
                answer(forms.nth(i), right=i % 4 != 1)
            page.get_by_role("button", name="Finish and score").click()
            page.locator(".assessment-result h2").wait_for()
            for i in answered:
                log = history.setdefault(key_of(forms.nth(i)), [])
                if not log or log[-1][0] < today:
                    log.append((today, 3 if i % 4 != 1 else 1))
        if rng.random() < 0.2 and n not in (2, 30):
            continue  # a day without review: what was due stays due
        due = {k for k, log in history.items() if due_day(log) <= today}
        status = review_page(page, base)
        items = shown(page)
        keys = [k for k, _ in items]
        assert set(keys) <= due, f"day {n}: shown before due: {set(keys) - due}"
        families = [f for _, f in items]
        assert all(a != b for a, b in zip(families, families[1:], strict=False)), families
        held = due - set(keys)
        if held:  # only items that cannot be kept apart from their own family wait
            assert len({index["items"][k.split("@")[0]]["family"] for k in held}) == 1
            assert "for another day" in status.inner_text()
        if due:
            expect(page.locator(".review-due")).to_have_text(f"{len(due)} due for review today")
            nav = page.locator(".md-nav--primary .review-count").first
            expect(nav).to_contain_text(f"({len(due)} due)")
        else:
            assert page.locator(".review-due").count() == 0
            expect(status).to_have_text("Nothing is due today.")
        forms = page.locator(".review-items form.quiz-question")
        for i in range(forms.count()):
            answer_and_rate(forms.nth(i), rng.random() < 0.8, rng, today, history)
        if due and not held:
            expect(status).to_have_text("Done: nothing else is due today.")

    # Every saved log is the history the learner made, and every due day the reference's.
    saved = stored(page)
    assert {k: [tuple(e) for e in v["r"]] for k, v in saved.items()} == history
    browser_due = page.evaluate(
        "() => cartReview.current().list.map(e => [e.key, e.due, "
        "cartSchedule.recall(e.card, cartReview.current().day)])"
    )
    assert len(browser_due) == len(history) > 15  # self-checks and assessment items
    for key, due, r in browser_due:
        assert due == due_day(history[key]), (key, history[key])
        assert r == pytest.approx(recall(history[key], today), abs=1e-6), key
    ahead = page.locator(".review-next").inner_text()
    nxt = min(due_day(log) for log in history.values() if due_day(log) > today)
    count = sum(1 for log in history.values() if due_day(log) == nxt)
    assert ahead.startswith(f"Next: {count} question")
    context.close()


# --- mastery -----------------------------------------------------------------------------------
def objective_with_checks(course, index):
    """A module and one of its objectives that its self-checks ask about."""
    for module in course["modules"]:
        for n, objective in enumerate(index["objectives"][module["id"]]):
            if objective["checks"]:
                return module, n, objective
    raise AssertionError("no objective has a self-check")


def badges(page) -> list[str]:
    return page.locator(".course-objectives li").evaluate_all(
        "lis => lis.map(li => (li.querySelector('.mastery') || {}).textContent || '')"
    )


def test_mastery_goes_from_not_started_to_practising_to_secure_and_back(
    browser, base, course, index
):
    module, n, objective = objective_with_checks(course, index)
    own = index["objectives"][module["id"]]
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    page.goto(base + module["url"])
    page.locator(".course-objectives li").first.wait_for()
    assert badges(page) == [""] * len(own)  # nothing answered yet: no marks at all
    forms = [
        page.locator(f"form.quiz-question[data-question-id='{i}']") for i in objective["checks"]
    ]
    for form in forms:
        check(form, right=True)
    expected = [
        ""
        if not o["checks"]
        and not any(
            v["module"] == module["id"] and v["objective"] == k for v in index["items"].values()
        )
        else "○ Not started"
        for k, o in enumerate(own)
    ]
    expected[n] = "◐ Practising"  # right once: one day is not yet two
    expect(page.locator(".course-objectives li").nth(n).locator(".mastery")).to_have_text(
        expected[n]
    )
    assert badges(page) == expected

    set_day(context, START + timedelta(days=1))
    page.reload()
    for form in forms:  # the next day, right again: two days, and recall today is certain
        form.get_by_role("button", name="Try again").click()
        check(form, right=True)
    expect(page.locator(".course-objectives li").nth(n).locator(".mastery")).to_have_text(
        "● Secure"
    )
    page.goto(base + "progress/")
    mastery = page.locator(".progress-mastery")
    expect(mastery).to_contain_text(objective["text"] + " ● Secure")
    expect(mastery).to_contain_text("1 secure")

    # Secure lasts while FSRS puts recall above 90%: the first day it does not, it is practising.
    log = [(day_number(START), 3), (day_number(START) + 1, 3)]
    last_secure = max(d for d in range(log[-1][0], log[-1][0] + 400) if recall(log, d) > 0.9)
    for day, state in ((last_secure, "● Secure"), (last_secure + 1, "◐ Practising")):
        set_day(context, START + timedelta(days=day - day_number(START)))
        page.goto(base + module["url"])
        expect(page.locator(".course-objectives li").nth(n).locator(".mastery")).to_have_text(state)
    context.close()


def test_a_wrong_answer_is_not_a_right_day(browser, base, course, index):
    module, n, objective = objective_with_checks(course, index)
    context = learner(browser)
    page = context.new_page()
    steps = ((0, True, "◐ Practising"), (1, False, "◐ Practising"), (2, True, "● Secure"))
    for day, right, state in steps:
        set_day(context, START + timedelta(days=day))
        page.goto(base + module["url"])
        for i in objective["checks"]:
            form = page.locator(f"form.quiz-question[data-question-id='{i}']")
            if day:
                form.get_by_role("button", name="Try again").click()
            check(form, right=right)
        # secure only once right on two different days (and recalled today)
        expect(page.locator(".course-objectives li").nth(n).locator(".mastery")).to_have_text(state)
    context.close()


def secure_and_passed(course, day: int) -> tuple[dict, dict]:
    """A store where every self-check was answered right yesterday and today, and a passed
    attempt: the certificate shows, and every objective with a self-check is secure."""
    progress = {
        k: {"topic": m["id"], "right": True, "a": [], "r": [[day - 1, 3], [day, 3]]}
        for m in course["modules"]
        for k in m["checks"]
    }
    attempts = {
        "history": [{"date": "2027-03-01T10:00:00Z", "right": 18, "total": 20, "passed": True}]
    }
    return progress, attempts


def test_the_certificate_lists_the_objectives_secured(browser, base, course, index):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    progress, attempts = secure_and_passed(course, day_number(START))
    page.goto(base)
    page.evaluate(
        "([p, a]) => { localStorage.setItem('cart-course:progress:v2', JSON.stringify(p));"
        " localStorage.setItem('cart-course:assessment:v1', JSON.stringify(a)); }",
        [progress, attempts],
    )
    page.goto(base + "progress/")
    listed = page.locator(".certificate-sheet .certificate-objectives")
    listed.locator("li").first.wait_for()
    secured = [
        o["text"] for m in course["modules"] for o in index["objectives"][m["id"]] if o["checks"]
    ]
    asked = {(v["module"], v["objective"]) for v in index["items"].values()}
    total = sum(
        1
        for m in course["modules"]
        for k, o in enumerate(index["objectives"][m["id"]])
        if o["checks"] or (m["id"], k) in asked
    )
    assert f": {len(secured)} of {total}:" in listed.locator("p").inner_text()
    assert listed.locator("li").all_inner_texts() == secured
    context.close()


# --- the store: upgrade, the progress file, edited items, storage that fails --------------------
V1 = "cart-course:progress:v1"
ATTEMPTS = "cart-course:assessment:v1"
NAME = "cart-course:name:v1"
PLACE = "cart-course:place:v1"


def feedback(form) -> str:
    """The feedback of a self-check, without review.js's line about when it comes back."""
    return form.evaluate(
        "f => { const b = f.querySelector('.quiz-feedback').cloneNode(true);"
        " b.querySelectorAll('.review-after').forEach(x => x.remove()); return b.textContent; }"
    )


def answer_modules(page, base, modules, right=lambda i: i % 2 == 0) -> list[str]:
    """Answer every self-check of these modules; the feedback each shows, in order."""
    shown = []
    for module in modules:
        page.goto(base + module["url"])
        forms = page.locator("form.quiz-question")
        for i in range(forms.count()):
            check(forms.nth(i), right(i))
            shown.append(feedback(forms.nth(i)))
    return shown


def as_today_stores_it(page, base) -> dict:
    """Rewrite this browser's answers as the site before spaced review stored them (v1: the
    answer without a review log) and return them. Done on a page that runs none of the course's
    scripts: any course page would migrate the store as soon as it read it."""
    page.goto(base + "assets/course.json")
    return page.evaluate(
        """([v1, v2]) => {
        const p = JSON.parse(localStorage.getItem(v2)), old = {};
        for (const k in p) old[k] = {topic: p[k].topic, right: p[k].right, a: p[k].a};
        localStorage.setItem(v1, JSON.stringify(old));
        localStorage.removeItem(v2);
        return old;
    }""",
        [V1, PROGRESS],
    )


def test_upgrade_from_the_store_before_review_keeps_every_answer(browser, base, course):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    modules = course["modules"][:3]
    before = answer_modules(page, base, modules)
    old = as_today_stores_it(page, base)
    history = {
        "history": [{"date": "2027-02-20T10:00:00Z", "right": 17, "total": 20, "passed": True}]
    }
    page.evaluate(
        "([a, n, p, h]) => { localStorage.setItem(a, JSON.stringify(h));"
        " localStorage.setItem(n, JSON.stringify({name: 'Ada'}));"
        " localStorage.setItem(p, JSON.stringify({id: 'car-anatomy'})); }",
        [ATTEMPTS, NAME, PLACE, history],
    )
    upgrade = START + timedelta(days=3)
    set_day(context, upgrade)
    after = []
    for module in modules:  # every answer and its feedback come back after the upgrade
        page.goto(base + module["url"])
        forms = page.locator("form.quiz-question")
        forms.first.locator(".quiz-feedback strong").wait_for()
        after += [feedback(forms.nth(i)) for i in range(forms.count())]
    assert after == before
    new = stored(page)
    today = day_number(upgrade)
    assert {k: {f: v[f] for f in ("topic", "right", "a")} for k, v in new.items()} == old
    assert all(v["r"] == [[today, 3 if v["right"] else 1]] for v in new.values())
    assert page.evaluate(f"localStorage.getItem('{V1}')") is None
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{ATTEMPTS}'))") == history
    page.goto(base + "progress/")
    expect(page.locator(".progress-history")).to_contain_text("Passed")
    done = sum(len(m["checks"]) for m in modules)
    expect(page.locator(".progress-overall")).to_contain_text(f"Overall: {done} of")
    # Old answers start their schedule the day of the upgrade: the wrong ones are due tomorrow.
    status = review_page(page, base)
    expect(status).to_have_text("Nothing is due today.")
    wrong = sum(1 for v in new.values() if not v["right"])
    expect(page.locator(".review-next")).to_contain_text(f"Next: {wrong} questions on ")
    context.close()


def test_upgrade_with_a_full_store_loses_nothing(browser, base, course):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    module = course["modules"][1]
    before = answer_modules(page, base, [module])
    old = as_today_stores_it(page, base)
    # from now on the browser refuses every write: the migration cannot save v2
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + module["url"])
    forms = page.locator("form.quiz-question")
    forms.first.locator(".quiz-feedback strong").wait_for()
    assert [feedback(forms.nth(i)) for i in range(forms.count())] == before
    assert json.loads(page.evaluate(f"localStorage.getItem('{V1}')")) == old  # still there
    status = review_page(page, base)
    expect(status).to_have_text("Nothing is due today.")
    assert errors == []
    context.close()


def download_progress(page, base, folder):
    page.goto(base + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my progress").click()
    path = folder / "progress.json"
    download.value.save_as(path)
    return path


def test_the_progress_file_carries_answers_schedule_attempts_and_certificate(
    browser, base, course, tmp_path
):
    """Finding 8 of the UX review: a pass and its certificate earned on a phone reach the laptop."""
    phone = learner(browser)
    page = phone.new_page()
    page.on("dialog", lambda d: d.accept())
    set_day(phone, START)
    progress, _ = secure_and_passed(course, day_number(START) - 1)  # every module done earlier
    page.goto(base)
    page.evaluate("([k, p]) => localStorage.setItem(k, JSON.stringify(p))", [PROGRESS, progress])
    answer_modules(page, base, course["modules"][:1])  # and today, the first module again
    page.goto(base + "assessment/")
    page.get_by_role("button", name="Start a new attempt").click()
    forms = page.locator(".assessment-items form.quiz-question")
    page.locator(".assessment-finish").wait_for()
    for i in range(forms.count()):
        answer(forms.nth(i), right=True)
    page.get_by_role("button", name="Finish and score").click()
    expect(page.locator(".assessment-result h2")).to_contain_text("passed")
    page.goto(base + "progress/")
    page.get_by_label("Your name", exact=False).fill("Grace Hopper")
    expect(page.locator(".progress-file")).to_contain_text("final-assessment attempts")
    saved = stored(page)
    attempts = page.evaluate(f"JSON.parse(localStorage.getItem('{ATTEMPTS}'))")
    file = download_progress(page, base, tmp_path)
    data = json.loads(file.read_text())
    assert data["format"] == "cart-course-progress" and data["version"] == 2
    assert data["progress"] == saved  # every answer with its review log: the schedule
    assert data["attempts"]["history"] == attempts["history"] and attempts["history"][0]["passed"]
    assert data["name"] == "Grace Hopper"
    phone_due = page.evaluate("() => cartReview.current().list.map(e => [e.key, e.due])")

    laptop = learner(browser)  # another browser, with an answer of its own
    page = laptop.new_page()
    set_day(laptop, START)
    own = answer_modules(page, base, course["modules"][-1:], right=lambda i: False)
    mine = stored(page)
    page.goto(base + "progress/")
    expect(page.locator(".certificate-area")).to_contain_text("pass the final assessment")
    page.locator("input.progress-import").set_input_files(str(file))
    expect(page.locator(".progress-result")).to_contain_text(
        f"Progress imported: {len(saved)} answers"
    )
    expect(page.locator(".progress-result")).to_contain_text("(1 passed)")
    merged = stored(page)
    assert set(merged) == set(saved) | set(mine) and own
    for key, record in merged.items():  # nothing of either browser's is lost
        if key in mine and key in saved:  # both answered it: both logs, the later answer shown
            days = {d for d, _ in mine[key]["r"]}  # a day both hold keeps this browser's rating
            theirs = [e for e in saved[key]["r"] if e[0] not in days]
            assert record["r"] == sorted(mine[key]["r"] + theirs)
            assert record["a"] == mine[key]["a"] and record["right"] == mine[key]["right"]
        else:
            assert record == mine.get(key, saved.get(key))
    assert (
        page.evaluate(f"JSON.parse(localStorage.getItem('{ATTEMPTS}'))")["history"]
        == (attempts["history"])
    )
    sheet = page.locator(".certificate-sheet")
    expect(sheet).to_contain_text("Grace Hopper")
    expect(sheet).to_contain_text(f"{attempts['history'][0]['right']} of ")
    expect(page.locator(".progress-history")).to_contain_text("Passed")
    laptop_due = dict(page.evaluate("() => cartReview.current().list.map(e => [e.key, e.due])"))
    assert all(laptop_due[k] == d for k, d in phone_due if k not in mine)  # the same schedule
    phone.close()
    laptop.close()


def test_a_progress_file_from_before_review_still_imports(browser, base, course, tmp_path):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    module = course["modules"][0]
    old = {k: {"topic": module["id"], "right": True, "a": []} for k in module["checks"]}
    file = tmp_path / "old.json"
    file.write_text(json.dumps(old))  # v1's file: the bare map of answers
    page.goto(base + "progress/")
    expect(page.locator(".progress-result")).to_contain_text("No answers saved yet")  # wired
    page.locator("input.progress-import").set_input_files(str(file))
    expect(page.locator(".progress-result")).to_contain_text(
        f"Progress imported: {len(old)} answers ({len(old)} new here)"
    )
    assert {k: v["r"] for k, v in stored(page).items()} == {
        k: [[day_number(START), 3]] for k in old
    }
    context.close()


def test_an_edited_question_starts_its_schedule_afresh_and_says_so(browser, base, index):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    item_id = sorted(index["items"])[0]
    topic = index["items"][item_id]["module"]
    today = day_number(START)
    old_key = f"{item_id}@0000000000"  # answered before the item's wording changed
    old = {"topic": topic, "right": True, "a": [], "r": [[today - 3, 3]]}
    page.goto(base)
    page.evaluate(
        "([k, p]) => localStorage.setItem(k, JSON.stringify(p))", [PROGRESS, {old_key: old}]
    )
    review_page(page, base)
    (item,) = page.locator(".review-items > li").all()
    expect(item.locator(".review-edited")).to_contain_text("has changed since you last answered it")
    expect(page.locator(".review-due")).to_have_text("1 due for review today")
    form = item.locator("form.quiz-question")
    check(form, right=True)
    wait_for_panel(form)
    saved = stored(page)
    assert saved[old_key] == old  # the earlier answer is kept
    assert saved[key_of(form)]["r"] == [[today, 3]]  # a new schedule for the new version
    context.close()


@pytest.mark.parametrize(
    "storage",
    [
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});",
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };",
        "localStorage.setItem('cart-course:progress:v2', '{not json');",
        "localStorage.setItem('cart-course:progress:v2', JSON.stringify({'x@y': {topic: 'm',"
        " right: true, r: 'zz'}, 'bad': 5, 'car-domain-order@1': {topic: 7}}));",
    ],
    ids=["blocked", "full", "corrupt", "garbled"],
)
def test_storage_that_fails_never_breaks_review_or_mastery(browser, base, course, storage):
    context = learner(browser)
    context.add_init_script(storage)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    set_day(context, START)
    module = course["modules"][1]
    page.goto(base + module["url"])
    form = page.locator("form.quiz-question").first
    check(form, right=True)
    assert form.locator(".quiz-feedback").inner_text().startswith("Correct")
    status = review_page(page, base)
    expect(status).not_to_contain_text("could not be loaded")
    page.goto(base + "progress/")
    expect(page.locator(".progress-result")).to_contain_text("Overall")
    page.wait_for_timeout(300)  # review.js's deferred work
    assert errors == []
    context.close()


# --- the order of a review: families apart, modules mixed ---------------------------------------
def seed_due(page, base, index, ids, today):
    """Answers to these items, right ten days ago: all due today."""
    progress = {
        f"{i}@{index['items'][i]['hash']}": {
            "topic": index["items"][i]["module"],
            "right": True,
            "a": [],
            "r": [[today - 10, 3]],
        }
        for i in ids
    }
    page.goto(base)
    page.evaluate("([k, p]) => localStorage.setItem(k, JSON.stringify(p))", [PROGRESS, progress])


def test_one_family_never_comes_twice_in_a_row_and_the_surplus_waits(browser, base, index):
    families: dict[str, list[str]] = {}
    for i, item in sorted(index["items"].items()):
        families.setdefault(item["family"], []).append(i)
    big = max(families.values(), key=len)
    assert len(big) >= 3, "the bank has no family of three items to test with"
    other = next(ids[0] for ids in families.values() if ids is not big)
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    seed_due(page, base, index, [*big, other], day_number(START))
    status = review_page(page, base)
    items = shown(page)
    family = index["items"][big[0]]["family"]
    # F, other, F: the rest of the family cannot be kept apart today and waits
    assert [f == family for _, f in items] == [True, False, True]
    held = len(big) - 2
    expect(status).to_contain_text(
        f"{held} question{'s wait' if held > 1 else ' waits'} for another day"
    )
    expect(page.locator(".review-due")).to_have_text(f"{len(big) + 1} due for review today")
    context.close()


def test_modules_take_turns(browser, base, index):
    by_module: dict[str, list[str]] = {}
    seen = set()
    for i, item in sorted(index["items"].items()):
        if item["family"] not in seen:  # one item per family: only modules decide the order
            seen.add(item["family"])
            by_module.setdefault(item["module"], []).append(i)
    a, b = [ids for ids in by_module.values() if len(ids) >= 3][:2]
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    seed_due(page, base, index, [*a[:3], *b[:3]], day_number(START))
    review_page(page, base)
    modules = page.locator(".review-items > li").evaluate_all(
        "lis => lis.map(li => li.dataset.module)"
    )
    assert len(modules) == 6
    assert all(x != y for x, y in zip(modules, modules[1:], strict=False)), modules
    context.close()


def test_review_mastery_and_the_due_count_pass_axe(browser, base, index, course, axe):
    context = learner(browser)
    page = context.new_page()
    set_day(context, START)
    module, _, _ = objective_with_checks(course, index)
    ids = [k.split("@")[0] for k in module["checks"]]
    seed_due(page, base, index, ids, day_number(START))
    review_page(page, base)
    form = page.locator(".review-items form.quiz-question").first
    check(form, right=True)
    wait_for_panel(form).get_by_role("button", name="Easy").click()
    found = {"review": axe(page)}
    page.goto(base + module["url"])
    page.locator(".course-objectives .mastery").first.wait_for()
    found["module"] = axe(page)
    page.goto(base + "progress/")
    page.locator(".progress-mastery h2").wait_for()
    found["progress"] = axe(page)
    context.close()
    assert not any(found.values()), found
