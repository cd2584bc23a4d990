"""Where links lead, checked from inside a page as the learner's browser resolves them: each
address is fetched from the page's own origin and its #anchor looked up in what comes back."""

from __future__ import annotations

BROKEN = """async (selector) => {
  const pages = {}, broken = [], links = [...document.querySelectorAll(selector + " a[href]")];
  for (const a of links) {
    const url = new URL(a.href), address = url.href.split("#")[0];
    if (url.origin !== location.origin) { broken.push(a.href + " (another host)"); continue; }
    pages[address] = pages[address] || fetch(address).then(r => r.ok ? r.text() : null)
      .then(t => t && new DOMParser().parseFromString(t, "text/html"));
    const page = await pages[address];
    const anchor = decodeURIComponent(url.hash.slice(1));
    if (!page || (anchor && !page.getElementById(anchor))) broken.push(a.href);
  }
  return [links.length, broken];
}"""


def broken_links(page, selector: str) -> tuple[int, list[str]]:
    """(links under `selector`, those whose page or anchor is missing) on a page or frame."""
    checked, broken = page.evaluate(BROKEN, selector)
    return checked, broken
