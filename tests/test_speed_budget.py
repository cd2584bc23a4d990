"""What keeps pages as fast as plain Material: none of our scripts blocks rendering, and the
features that cost script work on long pages stay off."""

from __future__ import annotations

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
            "store.js",
            "quiz.js",
            "course.js",
            "review.js",
            "offline.js",
        }, html
        assert all(s.has_attr("defer") for s in ours), html


def test_costly_theme_features_stay_off():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)
    # a tooltip object per abbreviation
    assert "content.tooltips" not in config["theme"]["features"]
    assert {"navigation.footer", "toc.integrate"} <= set(config["theme"]["features"])
