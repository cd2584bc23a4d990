"""Shared fixtures: the real content, bank and site, each built once per run, and a throw-away
copy of the project for a test that edits it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.cli import main as cli
from build_tools.content.loader import load_course
from build_tools.quiz.bank import build_bank

ROOT = Path(__file__).resolve().parent.parent
# The content's review date, as tests that edit it must find it.
REVIEWED = yaml.safe_load((ROOT / "content/course.yaml").read_text(encoding="utf-8"))["reviewed"]
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "quizbank", "build_tools/mkdocs_hook.py")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(dest: Path) -> Path:
    """Copy what a build reads (config, hand-written docs, content) so a test can edit it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


class Project:
    """A copy of the project that a test may edit and build."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> str:
        """Replace text in a content file; fail loudly if the text is not there."""
        file = self.path(rel)
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {rel}"
        text = text.replace(old, new, count)
        file.write_text(text, encoding="utf-8")
        return text

    def line_of(self, rel: str, needle: str) -> int:
        for number, line in enumerate(self.path(rel).read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {rel}")

    def run(self, *args: str) -> int:
        return cli(["--project", str(self.root), *args])

    def build_site(self) -> Path:
        out = self.root / "site"
        assert self.run("site", "--out", str(out)) == 0
        return out

    def page(self, rel_html: str) -> BeautifulSoup:
        return soup(self.root / "site" / rel_html)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(copy_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def crs_edited(tmp_path_factory) -> Project:
    """A copy whose one edit is axicabtagene ciloleucel's CRS rate in LBCL, 93% -> 87%, built once
    for every test that follows that number from content to page."""
    project = Project(copy_project(tmp_path_factory.mktemp("crs-edited") / "project"))
    project.replace("content/products.yaml", "    crs_percent: 93\n", "    crs_percent: 87\n")
    project.build_site()
    return project


@pytest.fixture(scope="session")
def content():
    """The real course (content/*.yaml), loaded once per run."""
    return load_course(ROOT / "content")


@pytest.fixture(scope="session")
def bank(content):
    """The real question bank, built once per run: tests read it and never change it."""
    return build_bank(content, ROOT / "quizbank")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real course, built once with the strict `site` command."""
    out = tmp_path_factory.mktemp("built") / "site"
    assert cli(["--project", str(ROOT), "site", "--out", str(out)]) == 0
    return out


# --- real Chromium (Debian's, via Playwright's executable_path; no browser download) ----------
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


# Our scripts and sheets arrive after the first paint (docs/overrides/main.html), often after the
# load event that goto() waits for: a page of ours is loaded once its loader marks it ready.
# (With scripts off, the noscript sheets are parsed as links and nothing is waited for.)
COURSE_READY = """() => !document.querySelector('script[data-src]')
  || !!document.querySelector('#course-sheets link')
  || 'courseReady' in document.documentElement.dataset"""


def _waiting_for_our_scripts(navigate):
    def navigated(page, *args, **kwargs):
        response = navigate(page, *args, **kwargs)
        page.wait_for_function(COURSE_READY)
        return response

    return navigated


@pytest.fixture(scope="session")
def browser():
    from quizhelpers import need

    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    for name in ("goto", "reload", "go_back", "go_forward", "wait_for_url"):
        setattr(playwright.Page, name, _waiting_for_our_scripts(getattr(playwright.Page, name)))
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="session")
def course(site) -> dict:
    """What the built site tells course.js (assets/course.json): modules, checks, assessment."""
    return json.loads((site / "assets" / "course.json").read_text(encoding="utf-8"))


AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def axe():
    """axe(page) -> axe-core's violations on the page as it is now, one line each."""
    from quizhelpers import npm_package

    script = npm_package("axe-core") / "axe.min.js"

    def violations(page) -> list[str]:
        page.add_script_tag(path=str(script))
        return page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: tags})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' '))"
            ".slice(0, 3).join(', '))",
            AXE_RULES,
        )

    return violations


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def serve():
    """serve(folder, prefix="/") -> base URL of a local HTTP server for that folder, under
    prefix."""
    import functools
    import http.server
    import threading

    servers = []

    def start(folder: Path, prefix: str = "/") -> str:
        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                if not path.startswith(prefix):
                    return str(folder / "__missing__")
                return super().translate_path("/" + path[len(prefix) :])

            def log_message(self, *args):
                pass

        handler = functools.partial(Handler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
