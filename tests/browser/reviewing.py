"""Helpers for spaced-review tests: a learner's clock moved day by day, the browser's saved review
logs, and the Python reference scheduler (PyPI fsrs) fed the same history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from answering import answer

PROGRESS = "cart-course:progress:v2"
TIMEZONE = "Pacific/Auckland"  # far from UTC: a day must start at the learner's own midnight
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
START = date(2027, 3, 1)


def day_number(d: date) -> int:
    """The browser's day: days since 1970-01-01 of the learner's calendar date."""
    return (d - date(1970, 1, 1)).days


def at(d: date, hour: int = 9) -> datetime:
    """`hour` o'clock on day `d` where the learner lives."""
    return datetime(d.year, d.month, d.day, hour, tzinfo=ZoneInfo(TIMEZONE))


def learner(browser):
    """A browser context in the learner's time zone whose clock the test sets."""
    return browser.new_context(timezone_id=TIMEZONE)


def set_day(context, d: date, hour: int = 9) -> None:
    context.clock.set_fixed_time(at(d, hour))


def stored(page) -> dict:
    return page.evaluate(f"JSON.parse(localStorage.getItem('{PROGRESS}') || '{{}}')")


def key_of(form) -> str:
    return form.get_attribute("data-question-id") + "@" + form.get_attribute("data-hash")


def check(form, right: bool) -> None:
    answer(form, right)
    form.get_by_role("button", name="Check").click()
    form.locator(".quiz-feedback strong").first.wait_for()


def wait_for_panel(form):
    """review.js adds when the question comes back (and hard/easy) once FSRS has run."""
    panel = form.locator(".review-after")
    panel.wait_for()
    return panel


# --- the reference ----------------------------------------------------------------------------
def reference(log: list[tuple[int, int]]):
    """PyPI fsrs with its default parameters, no learning steps (days only) and no fuzz, fed the
    log [(day, rating), ...] at the start of each day (UTC: days are whole numbers)."""
    from fsrs import Card, Rating, Scheduler

    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=1)
    for day, rating in log:
        card, _ = scheduler.review_card(card, Rating(rating), EPOCH + timedelta(days=day))
    return scheduler, card


def due_day(log) -> int:
    return (reference(log)[1].due - EPOCH).days


def recall(log, today: int) -> float:
    scheduler, card = reference(log)
    return scheduler.get_card_retrievability(card, EPOCH + timedelta(days=today))
