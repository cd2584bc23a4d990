"""What keeps pages as fast as plain Material: none of our scripts blocks rendering, and the
features that cost script work on long pages stay off."""

from __future__ import annotations

import json

from conftest import ROOT, soup
from mkdocs.utils.yaml import yaml_load
from sitehelpers import page_addresses

OURS_JS = ["page.js", "store.js", "quiz.js", "course.js", "reading.js", "review.js", "offline.js"]
OURS_CSS = ["course.css", "quiz.css", "review.css"]


def _names(urls) -> list[str]:
    return [url.rsplit("/", 1)[1].split("?")[0] for url in urls]


def test_our_scripts_wait_for_the_first_paint(site):
    """No script of ours is in the HTML for the browser to fetch before painting: our tags carry
    a type no browser runs, in their order (store.js before the scripts that use it), and the
    loader at the end of the body re-creates them once the browser reports the first paint (a
    browser test sees them fetched after it)."""
    for html in (site / address / "index.html" for address in page_addresses(site)):
        page = soup(html)
        runnable = [s["src"] for s in page.select("script[src]")]
        assert _names(runnable) and all("javascripts/" in src for src in runnable), html
        later = [s["data-src"] for s in page.select("script[data-src]")]
        assert _names(later) == OURS_JS, html
        assert all(not src.startswith(("/", "http")) for src in later), html  # at a subpath
        (loader,) = [s for s in page.select("body script:not([src])") if "data-src" in s.text]
        assert "courseReady" in loader.text


def test_costly_theme_features_stay_off():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)
    # a tooltip object per abbreviation
    assert "content.tooltips" not in config["theme"]["features"]
    # the sitemap fetch and link handling before the first paint: 0.4 s in Lighthouse's model
    assert "navigation.instant" not in config["theme"]["features"]
    assert {"navigation.footer", "toc.integrate"} <= set(config["theme"]["features"])


def test_our_stylesheets_never_block_the_first_paint(site):
    """Only Material's own sheets are linked in the head; ours are the noscript fallback's
    links, which the loader adds after the first paint, and the few rules the first screen needs
    come inline, small."""
    for html in (site / address / "index.html" for address in page_addresses(site)):
        head = soup(html).head
        blocking = [
            link["href"].rsplit("/", 1)[1]
            for link in head.select("link[rel=stylesheet]")
            if not link.get("media") and not link.find_parent("noscript")
        ]
        assert [name.split(".")[0] for name in blocking] == ["main"], (html, blocking)
        (palette,) = head.select(
            "link[href*='/palette.']"
        )  # dark colours: only a dark screen waits
        assert palette["media"] == "(prefers-color-scheme: dark)", html
        fallback = [link["href"] for link in head.select("noscript#course-sheets link")]
        assert _names(fallback) == OURS_CSS, html
        (inline,) = head.select("style")
        assert 0 < len(inline.get_text().encode()) <= 1500, html


def test_check_buttons_wait_for_their_script(site):
    """A Check tapped before quiz.js runs would submit the form and reload the page: it is
    disabled in the HTML until quiz.js takes the form over."""
    page = soup(site / "modules/adverse-effects/index.html")
    buttons = page.select("form.quiz-question .quiz-actions button[type=submit]")
    assert buttons and all(b.has_attr("disabled") for b in buttons)
    # that quiz.js enables every one is seen in a browser (test_reading.py)


def test_compacting_a_page_keeps_what_whitespace_means():
    from build_tools.pages.compact import compact_html

    page = (
        "<div>\n    <p>one\n      two</p>\n\n\n    <pre>a\n    b</pre>\n"
        "  <textarea>\n  x</textarea>\n  <script>var s = `\n  y`;</script>\n</div>"
    )
    assert compact_html(page) == (
        "<div>\n<p>one\ntwo</p>\n<pre>a\n    b</pre>\n"
        "<textarea>\n  x</textarea>\n<script>var s = `\n  y`;</script>\n</div>"
    )


def test_search_index_holds_the_teaching_text_only(site):
    """What a search can land on: no self-check (a search for a drug must not land on a quiz's
    options), no module's copy of its references (the References page has them once), no DOI or
    web address (nobody searches for those)."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    locations = [d["location"] for d in index["docs"]]
    page = soup(site / "modules/adverse-effects/index.html")
    stems = [legend.get_text(" ", strip=True) for legend in page.select("form legend")]
    assert stems and not any(stem in texts for stem in stems)
    assert not any(loc.endswith(("#self-check", "#references")) for loc in locations)
    assert "references/" in {loc.split("#")[0] for loc in locations}
    assert "doi:" not in texts and "https://" not in texts
    assert "Tisagenlecleucel in children and young adults" in texts  # a reference's title stays


# TCP's first window is 10 segments (about 14.6 KB); the response headers take some of it. A page
# whose gzipped HTML passes it waits one round trip more before its first paint (Lighthouse's
# simulated slow 4G showed +0.4 s on the adverse-effects module at 16 KB).
FIRST_WINDOW = 14_300
LONG_BY_NATURE = {"references", "assessment-items"}  # the full reference list; a fragment


def test_every_reading_page_arrives_in_the_first_round_trip(site):
    import gzip

    sizes = {
        address: len(gzip.compress((site / address / "index.html").read_bytes(), 9))
        for address in page_addresses(site)
        if address.strip("/").split("/")[0] not in LONG_BY_NATURE
    }
    assert len(sizes) > 15
    over = {address: size for address, size in sizes.items() if size > FIRST_WINDOW}
    assert not over, over
