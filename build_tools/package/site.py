"""The site built for delivery inside an LMS frame, from the project's own mkdocs.yml.

- pages are files (`modules/x.html`), not folders: LMS file servers do not serve `index.html`
  for a folder address;
- no `site_url`: every link is relative, so the package works wherever the LMS unpacks it;
- the LMS adapter runs before quiz.js, so it listens before any answer is given;
- no service worker, web app manifest or Workbox runtime (`offline` false): the LMS owns the
  window, and its own player decides what is cached;
- no 404 page (MkDocs links it from the server root; an LMS never shows it), no sitemap
  (nothing crawls a package, and it carries the build date, which the zip must not) and
  no source maps (1 MB for developer tools only)."""

from __future__ import annotations

from pathlib import Path

ADAPTER = "assets/lms.js"
OFFLINE_SCRIPT = "assets/offline.js"
LEFT_OUT = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "**/*.map",
    OFFLINE_SCRIPT,
    "assets/vendor/workbox/*",
)


class SiteBuildError(Exception):
    """MkDocs refused the build (strict mode): the message is MkDocs' own."""


def build_site(project: Path, dest: Path) -> None:
    """Strict MkDocs build of `project` into `dest` with the package settings above."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(
            str(project / "mkdocs.yml"),
            site_dir=str(dest),
            strict=True,
            use_directory_urls=False,
            site_url="",
        )
        config.extra["offline"] = False
        config.extra_javascript = [s for s in config.extra_javascript if str(s) != OFFLINE_SCRIPT]
        config.extra_javascript.insert(0, ADAPTER)
        mkdocs_build(config)
    except MkDocsException as error:
        raise SiteBuildError(" ".join(str(error).split())) from None
    for pattern in LEFT_OUT:
        for path in dest.glob(pattern):
            path.unlink()
