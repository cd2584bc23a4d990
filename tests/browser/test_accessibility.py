"""axe-core on every page of the built site: light and dark colour schemes, desktop and phone
widths."""

from __future__ import annotations

import pytest
from sitehelpers import page_addresses


@pytest.mark.parametrize(
    "scheme, width",
    [("light", 1280), ("dark", 1280), ("light", 390)],
    ids=["light", "dark", "phone"],
)
def test_axe_finds_no_violations_on_any_page(browser, site, serve, axe, scheme, width):
    base = serve(site, "/cart-course/")
    pages = page_addresses(site)
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    found = {}
    for rel in pages:
        page.goto(base + rel)
        violations = axe(page)
        if violations:
            found[rel] = violations
    context.close()
    assert not found, found


def test_crawl_makes_no_request_to_another_host_and_every_page_is_described(browser, site, serve):
    base = serve(site, "/cart-course/")
    requests: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    pages = page_addresses(site)
    for rel in pages:
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        description = page.locator("meta[name=description]").get_attribute("content")
        assert description and len(description) > 40, rel
    page.goto(base + "assessment/")
    page.get_by_role("button", name="Start a new attempt").click()
    page.locator(".assessment-items form").first.wait_for()
    context.close()
    foreign = sorted(
        {
            u
            for u in requests
            if not u.startswith(base.rsplit("/cart-course/", 1)[0]) and not u.startswith("data:")
        }
    )
    assert len(requests) > len(pages)
    assert foreign == []
