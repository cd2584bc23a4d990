"""Focus you can see (WCAG 2.4.7): tabbing through the self-checks in Chromium, every control the
keyboard reaches (radio group, checkbox, select, number field, Check, Show answer) looks different
focused than unfocused, in the light and the dark scheme. The two screenshots of the control's
area are compared pixel by pixel in the browser (a canvas), so no image library is needed."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest


def pages_with_every_control(site: Path, course: dict) -> list[str]:
    """Module pages whose self-checks, together, hold every kind of control (radio, checkbox,
    select, number field), fewest first: the content decides which they are."""
    from conftest import soup

    kinds = {"single": "radio", "truefalse": "radio", "multiple": "checkbox"}
    kinds.update(matching="select", ordering="select", numeric="number")
    has = {
        m["url"]: {
            kinds[f["data-type"]]
            for f in soup(site / m["url"] / "index.html").select("form.quiz-question")
        }
        for m in course["modules"]
    }
    chosen, missing = [], set(kinds.values())
    while missing:
        best = max(has, key=lambda url: len(has[url] & missing))
        assert has[best] & missing, f"no self-check has {missing}"
        chosen.append(best)
        missing -= has[best]
    return chosen


CHECKS = (Path(__file__).parent / "focus.js").read_text(encoding="utf-8")
CHANGED = f"([a, b]) => {{ {CHECKS}; return changedPixels(a, b); }}"
FOCUSED = f"() => {{ {CHECKS}; return focusedControl(); }}"
MIN_CHANGED = 40  # a 3 px ring round a 13 px radio button alone changes about 200


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tabbing_through_self_checks_shows_focus_on_every_control(
    browser, site, serve, course, scheme
):
    base = serve(site, "/cart-course/")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page, canvas = context.new_page(), context.new_page()
    seen, invisible = set(), []
    for module in pages_with_every_control(site, course):
        page.goto(base + module)
        page.wait_for_load_state("networkidle")
        page.locator("#self-check").evaluate("h => { h.tabIndex = -1; h.focus(); }")
        for _ in range(80):
            page.keyboard.press("Tab")
            control = page.evaluate(FOCUSED)
            if control is None:
                if page.evaluate("!!document.activeElement.closest('.md-footer')"):
                    break  # past the last self-check
                continue
            focused = page.screenshot(clip=control["clip"])
            page.evaluate("document.activeElement.blur()")  # Tab goes on from where it was
            plain = page.screenshot(clip=control["clip"])
            changed = canvas.evaluate(
                CHANGED, [base64.b64encode(focused).decode(), base64.b64encode(plain).decode()]
            )
            seen.add(control["what"].split(" ", 1)[1])
            if changed < MIN_CHANGED:
                invisible.append(f"{module}: {control['what']} ({changed} pixels change)")
    context.close()
    assert {"input[radio]", "input[checkbox]", "select", "input[number]", "button[submit]"} <= seen
    assert not invisible, invisible
