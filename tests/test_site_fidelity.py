"""GitHub Pages fidelity: the site served under a project subpath has no broken link, asset or
anchor, and the plain build of `render --out` (no hooks) works under another base too."""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from conftest import ROOT
from quizhelpers import need
from sitehelpers import Links, page_addresses

from build_tools.cli import main as cli


def crawl(start: str, also: Sequence[str] = ()) -> tuple[set[str], list[str]]:
    """Fetch every page and asset reachable from `start` (and the pages `also`) on its own origin;
    return the pages reached and what is broken."""
    origin = urlparse(start).netloc
    seen, pages, broken, anchors = set(), {}, [], []
    queue = [start, *also]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            broken.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            continue
        parser = Links(body.decode("utf-8"))
        pages[url] = parser.ids
        for _, link in parser.links:
            target, fragment = urldefrag(urljoin(url, link))
            if urlparse(target).netloc != origin or link.startswith(("mailto:", "data:")):
                continue
            if not target.startswith(start):
                broken.append(f"{url}: {link} leaves the site's base path")
                continue
            queue.append(target)
            if fragment:
                anchors.append((url, link, target, fragment))
    for page, link, target, fragment in anchors:
        if target in pages and fragment not in pages[target]:
            broken.append(f"{page}: {link} points at a missing anchor")
    return set(pages), broken


def script_pages(start: str) -> list[str]:
    """Pages no link reaches, only the course's scripts (course.json names them): the assessment's
    items page, whose links are crawled like any other."""
    with urllib.request.urlopen(start + "assets/course.json") as response:
        course = json.load(response)
    return [urljoin(start, address) for address in course["pages"].values()]


def reaches_every_page(base: str, site: Path, pages: set[str]) -> bool:
    return pages == {base + address for address in page_addresses(site)}


def test_subpath_crawl_finds_no_broken_link(site, serve):
    base = serve(site, "/cart-course/")
    pages, broken = crawl(base, script_pages(base))
    assert reaches_every_page(base, site, pages)
    assert broken == []


def test_plain_build_of_rendered_markdown_works_under_another_base(plain, tmp_path, serve):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = plain(tmp_path / "plain")
    build(load_config(str(config)))
    out = tmp_path / "plain" / "site"
    base = serve(out, "/some/other/base/")
    pages, broken = crawl(base, script_pages(base))
    assert reaches_every_page(base, out, pages) and broken == []
    assert (out / "assets/quizbank.json").is_file()


def test_crawler_reports_absolute_links_missing_files_and_anchors(tmp_path, serve):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="/a/">abs</a><a href="a/">ok</a><a href="nope/">404</a><a href="a/#gone">x</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">a</p>')
    _, broken = crawl(serve(tmp_path, "/base/"))
    assert len(broken) == 3
    assert any("leaves the site's base path" in b for b in broken)
    assert any("HTTP 404" in b for b in broken) and any("missing anchor" in b for b in broken)


def test_zensical_builds_the_plain_project(plain, tmp_path, serve):
    import subprocess
    import sys

    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )
    need(zensical is not None, "zensical is not installed (it is in the test extra)")
    config = plain(tmp_path / "plain")
    result = subprocess.run(
        [zensical, "build", "-f", str(config)], capture_output=True, text=True, cwd=config.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = config.parent / "site"
    base = serve(out, "/cart-course/")
    pages, broken = crawl(base, script_pages(base))
    assert reaches_every_page(base, out, pages) and broken == []


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """plain(folder) -> mkdocs.yml of a copy of the hook-free project in `folder`; the project is
    written once, by the command a maintainer runs, and each test builds its own copy."""
    written = tmp_path_factory.mktemp("plain") / "project"
    assert cli(["--project", str(ROOT), "plain", "--out", str(written)]) == 0

    def copy(folder: Path) -> Path:
        shutil.copytree(written, folder)
        return folder / "mkdocs.yml"

    return copy


def test_plain_on_broken_content_keeps_the_last_project_and_reports_each_error_once(
    project, tmp_path, capsys
):
    out = tmp_path / "plain"
    assert project.run("plain", "--out", str(out)) == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    project.replace("content/products.yaml", "    crs_percent: 93\n", "    crs_percent: 930\n")
    capsys.readouterr()
    assert project.run("plain", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert err.count("must be between 0 and 100 (got 930)") == 1
    # the last good project, whole
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    # no staging left behind
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".plain")]
