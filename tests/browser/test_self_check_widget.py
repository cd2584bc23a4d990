"""The self-check script in real Chromium: right and wrong answers, over a local HTTP server."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_single_choice_right_then_wrong(page, served):
    page.goto(served + "modules/car-anatomy/")
    form = page.locator("form.quiz-question[data-type=single]").first
    form.locator("input[data-correct]").check()
    form.get_by_role("button", name="Check").click()
    feedback = form.locator(".quiz-feedback")
    assert feedback.inner_text().startswith("Correct")
    form.locator("input:not([data-correct])").first.check()
    form.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("Incorrect")
    assert page.url.startswith(served + "modules/car-anatomy/")  # no form navigation
