"""The build pipeline as plain functions: content folder in, rendered pages out.

The MkDocs hook, the CLI and the tests all call these, so every way of building the
site runs the same code.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .content.course import Course
from .content.loader import load_course
from .pages import navigation, render_pages, write_pages
from .pages.render import glossary_abbreviations
from .quiz.bank import build_bank
from .quiz.item import Item


@dataclass(frozen=True)
class Built:
    course: Course
    # docs-relative path -> Markdown (without the glossary: see with_glossary)
    pages: dict[str, str]
    nav: list
    abbreviations: str  # glossary tooltips, appended to every page
    bank: list[Item]  # the whole question bank, published as assets/quizbank.json
    directory_urls: bool = (
        True  # MkDocs' use_directory_urls; False in LMS packages (pages as .html files)
    )


def build(project_dir: Path, directory_urls: bool = True) -> Built:
    """Load and validate `project_dir/content`, then render every generated page.

    Raises ContentError (with every problem found) before anything is written.
    """
    project_dir = Path(project_dir)
    course = load_course(project_dir / "content", shown_relative_to=project_dir)
    bank = build_bank(course, project_dir / "quizbank")
    pages = render_pages(course, bank=bank, directory_urls=directory_urls)
    extra = [{page.title: page.file} for page in course.outline.pages]
    return Built(
        course,
        pages,
        navigation(course, extra),
        glossary_abbreviations(course),
        bank,
        directory_urls,
    )


BANK_FILE = "assets/quizbank.json"  # the published bank the final assessment draws from


def bank_json(built: Built) -> str:
    from .exporters.json_export import dumps

    return dumps(
        built.bank, built.course.outline.title, page_url=None if built.directory_urls else file_url
    )


def file_url(site_path: str) -> str:
    """'modules/x/#a' as served without directory URLs: 'modules/x.html#a' ('' is 'index.html')."""
    path, hash_, anchor = site_path.partition("#")
    return (path.rstrip("/") or "index") + ".html" + hash_ + anchor


COURSE_FILE = "assets/course.json"  # the path: modules, their self-check keys, minutes, pass rules


def course_json(built: Built) -> str:
    from .pages.path import manifest_json

    return manifest_json(built.course, built.pages, built.bank, built.directory_urls)


REVIEW_FILE = "assets/review.json"  # items' hashes, families and objectives: review and mastery


def review_json(built: Built) -> str:
    from .pages.retention import review_json as dumps

    return dumps(built.course, built.bank)


def with_glossary(built: Built, markdown: str) -> str:
    """Every page, generated or hand-written, ends with the glossary's abbreviations: the one place
    tooltips are added, whether MkDocs builds (the hook) or files are written (write_markdown)."""
    return markdown + built.abbreviations


def write_markdown(built: Built, project: Path, folder: Path) -> None:
    """Write what MkDocs would build from into a new `folder`: a copy of docs/ (its theme
    overrides apart) and every generated page and asset, all with the glossary."""
    shutil.copytree(
        Path(project) / "docs",
        folder,
        ignore=shutil.ignore_patterns("overrides"),
        dirs_exist_ok=True,
    )
    for page in folder.rglob("*.md"):
        page.write_text(with_glossary(built, page.read_text(encoding="utf-8")), encoding="utf-8")
    pages = {path: with_glossary(built, text) for path, text in built.pages.items()}
    assets = {BANK_FILE: bank_json(built), COURSE_FILE: course_json(built)}
    write_pages({**pages, **assets, REVIEW_FILE: review_json(built)}, folder)


def site_meta(course: Course) -> dict:
    """What every page's footer shows: version, review date, what the evidence covers, and the
    disclaimer."""
    from .pages.labels import document_date

    c = course.outline
    checked = max(s.checked for s in course.sources.sources)
    newest = max(ch.date for ch in course.changes.changes)
    evidence = (
        f"Evidence: the JAMA review ({document_date(course.changes.review.isoformat()[:7])}); "
        f"FDA labels and notices as stored (copies last read {document_date(checked.isoformat())}; "
        f"newest change found: {document_date(newest)}; current indication sections not stored); "
        "ASTCT grading (2019) and the ASCO guideline (2021)."
    )
    return {
        "version": c.version,
        "reviewed": c.reviewed.isoformat(),
        "evidence": evidence,
        "disclaimer": c.disclaimer,
    }
