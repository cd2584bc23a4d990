"""The course offline in Chromium: after one visit with the network, every page opens, search
finds, a self-check answers and the review queue shows with the network gone; the service worker
is registered after load, scoped to the site's path, and a new build is announced and taken only
when the learner reloads."""

from __future__ import annotations

import shutil
from datetime import timedelta
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import expect
from reviewing import START, check, learner, set_day
from sitehelpers import page_addresses

from build_tools.offline import write_service_worker

# What the page did when it registered: offline.js must wait for the load event.
SPY = """
window.__registered = [];
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (url, options) => {
    window.__registered.push([String(url), options && options.scope, document.readyState]);
    return register(url, options);
  };
}
"""


@pytest.fixture
def served(site, serve, tmp_path):
    """A copy of the site of its own (the update test rebuilds it), at /cart-course/."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    return copy, serve(copy, "/cart-course/")


def first_visit(context, base):
    """Open the home page with the network and wait until the worker controls it: by then the
    precache is complete (a worker activates only after every file is stored)."""
    context.add_init_script(SPY)
    page = context.new_page()
    page.goto(base)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return page


def test_after_one_visit_the_whole_course_works_offline(browser, served, course):
    site, base = served
    context = learner(browser)
    set_day(context, START)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = first_visit(context, base)
    (registered,) = page.evaluate("window.__registered")
    assert registered == [base + "sw.js", base, "complete"]  # after load, scoped to the course
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert scope == base

    context.set_offline(True)
    for address in page_addresses(site):  # every page, straight from the precache
        response = page.goto(base + address)
        assert response is not None and response.ok, address
        assert page.locator("h1").first.inner_text().strip(), address
    page.goto(base)
    # a link followed offline: the page comes from the precache
    page.locator("nav.md-nav--primary a", has_text="Glossary").first.click()
    page.wait_for_url("**/glossary/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("cytokine", delay=30)
    # the search worker and its index came from the precache
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert first and page.goto(urljoin(page.url, first)).ok

    page.goto(base + course["modules"][1]["url"])
    form = page.locator("form.quiz-question").first
    check(form, right=False)
    expect(form.locator(".review-after")).to_contain_text("Next review of this question: tomorrow")
    set_day(context, START + timedelta(days=1))
    page.goto(base + "review/")
    queue = page.locator(".review-items form.quiz-question")
    expect(queue).to_have_count(1)  # FSRS and the questions came from the precache
    expect(page.locator(".review-status")).to_have_text("1 question is due today, from 1 module.")
    check(queue.first, right=True)
    expect(page.locator(".review-status")).to_have_text("Done: nothing else is due today.")
    origin = urlparse(base).netloc
    assert all(urlparse(u).netloc == origin for u in requests if u.startswith("http"))
    context.close()


def test_a_new_version_is_announced_and_taken_on_reload(browser, served):
    site, base = served
    context = browser.new_context()
    page = first_visit(context, base)
    page.goto(base + "glossary/")
    assert page.locator(".course-update").count() == 0  # the first install is silent
    home = site / "index.html"
    home.write_text(
        home.read_text(encoding="utf-8").replace("<h1", "<p id='new-build'>New build</p><h1", 1),
        encoding="utf-8",
    )
    write_service_worker(site)  # the build's new precache list: a new worker
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    notice = page.locator(".course-update")
    expect(notice).to_contain_text("A new version of the course is ready.", timeout=30_000)
    page.goto(base)
    assert page.locator("#new-build").count() == 0  # the old version until the learner says so
    page.locator(".course-update button", has_text="Reload").click()
    expect(page.locator("#new-build")).to_have_text("New build")
    context.close()
