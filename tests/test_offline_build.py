"""What the build writes for the course offline: the service worker at the site root with a
precache list of every file a page uses (each revision the hash of its bytes), the web app
manifest and its icons, linked from every page; none of it in LMS packages."""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zipfile

import pytest
from conftest import ROOT, soup
from packagehelpers import STANDARDS, package
from sitehelpers import page_addresses

from build_tools.offline.precache import WORKBOX_FILES


def precached(site) -> dict[str, str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    entries = json.loads(re.search(r"precacheAndRoute\((\[.*?\])[,)]", text).group(1))
    return {e["url"]: e["revision"] for e in entries}


def test_every_page_and_what_it_needs_is_precached_with_the_hash_of_its_bytes(site):
    listed = precached(site)
    pages = {f"{a}index.html" for a in page_addresses(site)}
    assert pages <= set(listed), pages - set(listed)
    needed = {
        "search/search_index.json",  # search offline
        "assets/quizbank.json",  # the final assessment
        "assets/review.json",  # the review queue and mastery
        "assets/vendor/ts-fsrs/index.umd.js",
        "manifest.webmanifest",
    }
    for html in (site / p for p in pages):  # every script, style and image a page loads
        for tag in soup(html).select("script[src], link[rel=stylesheet], link[rel=manifest], img"):
            ref = tag.get("src") or tag.get("href")
            if not ref.startswith(("http:", "https:", "data:")):
                needed.add((html.parent / ref).resolve().relative_to(site.resolve()).as_posix())
    assert needed <= set(listed), needed - set(listed)
    for url, revision in listed.items():
        assert revision == hashlib.sha256((site / url).read_bytes()).hexdigest()[:16], url
    # left out: the worker itself, its own Workbox scripts, source maps, the dated sitemap
    assert not {u for u in listed if u == "sw.js" or u.endswith(".map") or "sitemap" in u}
    assert not {u for u in listed if u.startswith("assets/vendor/workbox/")}


def test_the_worker_imports_workbox_from_the_site_itself(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    imported = json.loads("[" + re.search(r"importScripts\((.*?)\);", text).group(1) + "]")
    assert imported == WORKBOX_FILES
    assert all((site / f).is_file() for f in imported)
    assert "://" not in text  # nothing from another host


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_web_app_manifest_names_the_course_and_its_icons_exist(site, content):
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == content.outline.title
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["display"] == "standalone"
    sizes = {}
    for icon in manifest["icons"]:
        w, h = png_size((site / icon["src"]).read_bytes())
        assert icon["sizes"] == f"{w}x{h}" and icon["type"] == "image/png"
        sizes.setdefault(w, set()).add(icon["purpose"])
    assert sizes == {192: {"any", "maskable"}, 512: {"any", "maskable"}}
    for address in page_addresses(site):
        link = soup(site / address / "index.html").select_one("link[rel=manifest]")
        assert link is not None, address
        assert (site / address / link["href"]).resolve() == (
            site / "manifest.webmanifest"
        ).resolve()


@pytest.mark.parametrize("standard", STANDARDS)
def test_lms_packages_carry_no_service_worker(standard):
    archive = zipfile.ZipFile(package(standard))
    names = set(archive.namelist())
    assert not {n for n in names if n in ("sw.js", "manifest.webmanifest", "assets/offline.js")}
    assert not {n for n in names if "workbox" in n or n.startswith("assets/icons/")}
    for name in (n for n in names if n.endswith(".html")):
        html = archive.read(name).decode("utf-8")
        assert 'rel="manifest"' not in html and "offline.js" not in html, name
        assert "serviceWorker" not in html, name
    assert "assets/store.js" in names and "assets/review.js" in names  # review works in an LMS


def test_the_preview_server_has_no_service_worker():
    """`make serve` rebuilds on every edit: a cache-first worker would show the old pages."""
    from mkdocs.config import load_config

    from build_tools import mkdocs_hook

    def offline(command: str) -> bool:
        mkdocs_hook.on_startup(command=command, dirty=False)
        config = load_config(str(ROOT / "mkdocs.yml"))
        return mkdocs_hook.on_config(config).extra["offline"]

    try:
        assert offline("serve") is False
    finally:
        assert offline("build") is True
