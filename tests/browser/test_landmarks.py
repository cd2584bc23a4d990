"""No page has two landmarks of one role with the same accessible name, at a phone and a laptop
width, once the scripts have named the scrolling tables. Checked by our own reading of the landmark
roles (not axe's), so a new axe release cannot hide or invent a failure."""

from __future__ import annotations

import pytest
from sitehelpers import page_addresses

# Landmarks as ARIA defines them: explicit roles, and the elements that imply one. <header> and
# <footer> are banner and contentinfo only outside article/aside/main/nav/section; <section> and
# <form> are landmarks only when named.
LANDMARKS = """() => {
  const explicit = ["banner", "complementary", "contentinfo", "form", "main", "navigation",
                    "region", "search"];
  const scoped = "article, aside, main, nav, section";
  function name(e) {
    const by = e.getAttribute("aria-labelledby");
    if (by) return by.split(/\\s+/).map(id => (document.getElementById(id) || {}).textContent || "")
      .join(" ").trim();
    return (e.getAttribute("aria-label") || e.getAttribute("title") || "").trim();
  }
  function role(e) {
    const r = e.getAttribute("role");
    if (r) return explicit.includes(r) ? r : null;
    switch (e.tagName) {
      case "MAIN": return "main";
      case "NAV": return "navigation";
      case "ASIDE": return "complementary";
      case "SEARCH": return "search";
      case "HEADER": return e.parentElement.closest(scoped) ? null : "banner";
      case "FOOTER": return e.parentElement.closest(scoped) ? null : "contentinfo";
      case "SECTION": return name(e) ? "region" : null;
      case "FORM": return name(e) ? "form" : null;
    }
    return null;
  }
  function shown(e) {
    if (e.closest("[aria-hidden=true], [hidden], template")) return false;
    const s = getComputedStyle(e);
    return s.display !== "none" && s.visibility !== "hidden" && e.getClientRects().length > 0;
  }
  const seen = {}, twice = [];
  for (const e of document.querySelectorAll("*")) {
    const r = role(e);
    if (!r || !shown(e)) continue;
    const key = r + ": " + name(e);
    if (seen[key]) twice.push(key); else seen[key] = true;
  }
  return twice;
}"""

# Both the scroll cue and the region name come from a ResizeObserver: wait until it has run.
SETTLED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"""


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "laptop"])
def test_no_two_landmarks_share_a_role_and_name(browser, site, serve, width):
    base = serve(site, "/cart-course/")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    found, regions = {}, 0
    for rel in page_addresses(site):
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        page.evaluate(SETTLED)
        regions += page.locator("[role=region][aria-label]").count()
        if twice := page.evaluate(LANDMARKS):
            found[rel] = twice
    context.close()
    assert regions, "no named scroll region on any page: the check would pass on nothing"
    assert not found, found


def test_two_scrolling_tables_under_one_heading_get_two_names(browser, site, serve):
    """The rule itself, on a page made to have two wide tables under one heading."""
    base = serve(site, "/cart-course/")
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base + "modules/car-anatomy/")
    page.evaluate(
        """() => {
      const article = document.querySelector(".md-content__inner");
      const h = document.createElement("h2"); h.textContent = "Two wide tables";
      article.appendChild(h);
      for (let i = 0; i < 2; i++) {
        const outer = document.createElement("div"); outer.className = "md-typeset__scrollwrap";
        outer.innerHTML = '<div class="md-typeset__table"><table><tr>' +
          '<td>a cell of a few words</td>'.repeat(12) + '</tr></table></div>';
        article.appendChild(outer);
      }
      document$.next(document);
    }"""
    )
    page.evaluate(SETTLED)
    names = page.locator(".md-content__inner > .md-typeset__scrollwrap[role=region]").evaluate_all(
        "els => els.slice(-2).map(e => e.getAttribute('aria-label'))"
    )
    context.close()
    assert names == [
        "Table: Two wide tables; scrolls sideways",
        "Table: Two wide tables (2); scrolls sideways",
    ]
