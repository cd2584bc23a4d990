"""The service worker with its precache list: every file of the built site a learner may need
offline, each with a revision (a hash of its bytes), so a new build refetches exactly what
changed. Written after everything else, the search index included."""

from __future__ import annotations

import hashlib
import json
from fnmatch import fnmatchcase
from pathlib import Path

from ..vendor import SHIPPED, WORKBOX

SERVICE_WORKER = "sw.js"  # at the site root: its scope is the whole course and no more
TEMPLATE = Path(__file__).resolve().parent / "service_worker.js"
WORKBOX_FILES = [f"assets/vendor/workbox/workbox-{name}.prod.js" for name in WORKBOX]

NOT_PRECACHED = (
    SERVICE_WORKER,
    "sitemap.xml",  # dated by the build, and no page reads it
    "sitemap.xml.gz",
    "*.map",  # source maps: developer tools only
    "assets/vendor/workbox/*",  # the worker's own scripts: the browser keeps them with it
    "assets/javascripts/lunr/*",  # search in other languages than English: never loaded
    "*LICENSE",
)


def precache_entries(site: Path) -> list[dict[str, str]]:
    """[{url, revision}] for every file under `site` a page can use, sorted by URL."""
    entries = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        url = path.relative_to(site).as_posix()
        if not any(fnmatchcase(url, pattern) for pattern in NOT_PRECACHED):
            revision = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            entries.append({"url": url, "revision": revision})
    return entries


def write_service_worker(site: Path) -> Path:
    assert {f"assets/vendor/{s.dest}" for s in SHIPPED} >= set(WORKBOX_FILES)
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("__WORKBOX__", ", ".join(json.dumps(f) for f in WORKBOX_FILES))
    entries = json.dumps(precache_entries(site), separators=(",", ":"))
    target = site / SERVICE_WORKER
    target.write_text(text.replace("__PRECACHE__", entries), encoding="utf-8")
    return target
