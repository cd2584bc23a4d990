"""What keeps pages as fast as plain Material: none of our scripts blocks rendering, and the
features that cost script work on long pages stay off."""

from __future__ import annotations

import json

from conftest import ROOT, soup
from mkdocs.utils.yaml import yaml_load
from sitehelpers import page_addresses


def test_our_scripts_never_block_rendering(site):
    for html in (site / address / "index.html" for address in page_addresses(site)):
        ours = [
            s
            for s in soup(html).select("script[src]")
            if "assets/" in s["src"] and "javascripts/" not in s["src"]
        ]
        assert {s["src"].rsplit("/", 1)[1].split("?")[0] for s in ours} == {
            "page.js",
            "store.js",
            "quiz.js",
            "course.js",
            "reading.js",
            "review.js",
            "offline.js",
        }, html
        assert all(s.has_attr("defer") for s in ours), html


def test_costly_theme_features_stay_off():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)
    # a tooltip object per abbreviation
    assert "content.tooltips" not in config["theme"]["features"]
    # the sitemap fetch and link handling before the first paint: 0.4 s in Lighthouse's model
    assert "navigation.instant" not in config["theme"]["features"]
    assert {"navigation.footer", "toc.integrate"} <= set(config["theme"]["features"])


def test_our_stylesheets_never_block_the_first_paint(site):
    """Only Material's own sheets block rendering; ours load as print sheets that switch to every
    medium once loaded (with a plain link for browsers without scripts), and the few rules the
    first screen needs come inline, small."""
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
        ours = head.select("link[rel=stylesheet][media=print]")
        assert {link["href"].rsplit("/", 1)[1] for link in ours} == {
            "course.css",
            "quiz.css",
            "review.css",
        }
        assert all(link.has_attr("data-course-sheet") for link in ours), html
        fallback = {link["href"] for link in head.select("noscript link[rel=stylesheet]")}
        assert fallback == {link["href"] for link in ours}, html
        (inline,) = head.select("style")
        assert 0 < len(inline.get_text().encode()) <= 1500, html
    # ...switched to every medium by a deferred script, once loaded
    assert 'l.media = "all"' in (ROOT / "docs/assets/page.js").read_text(encoding="utf-8")


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
