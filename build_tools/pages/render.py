"""Turn the course into Markdown pages, in course order, ready for MkDocs or any other engine."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape

from ..content.course import Course
from ..content.errors import ContentError, ContentIssue
from .environment import make_environment
from .helpers import CHANGES_PAGE, REFERENCES_PAGE, PageHelpers
from .path import MINUTES_MARK, duration, fill_minutes, reading_minutes

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
ASSESSMENT_PAGE = "assessment.md"
# Every bank item's form, for the assessment to clone. Beside the assessment page, so the relative
# links in each answer (references, where it is taught) resolve the same from either page.
ASSESSMENT_ITEMS_PAGE = "assessment-items.md"
PROGRESS_PAGE = "progress.md"
REVIEW_PAGE = "review.md"  # spaced review of the questions met so far (docs/assets/review.js)
BEDSIDE_PAGE = "bedside.md"


def module_page(module_id: str) -> str:
    return f"modules/{module_id}.md"


def render_pages(
    course: Course,
    env: Environment | None = None,
    bank: list | None = None,
    directory_urls: bool = True,
) -> dict[str, str]:
    """Return {docs-relative path: Markdown} for every generated page.

    `bank` is the question bank; each module page shows its self-check items from it.
    `directory_urls` is MkDocs' setting of that name: raw-HTML links are written to match it."""
    env = env or make_environment()
    pages: dict[str, str] = {}
    noticed: set[str] = set()

    def render(template: str, path: str, **context) -> None:
        h = PageHelpers(course, path, bank or [], directory_urls)
        pages[path] = env.get_template(template).render(
            course=course, h=h, page_path=path, module_page=module_page, **context
        )
        noticed.update(h.noticed)

    render("home.md.j2", HOME_PAGE, total_minutes=MINUTES_MARK)
    modules = course.outline.modules
    minutes = 0
    for number, module in enumerate(modules, 1):
        path = module_page(module.id)
        render(
            module.template,
            path,
            module=module,
            data=course.files[module.content],
            place={"number": number, "of": len(modules), "minutes": MINUTES_MARK},
        )
        items = pages[path].count('class="quiz-question"')
        minutes += reading_minutes(pages[path], items)
        pages[path] = fill_minutes(pages[path], items)
    pages[HOME_PAGE] = pages[HOME_PAGE].replace(MINUTES_MARK, duration(minutes))
    render("assessment.md.j2", ASSESSMENT_PAGE)
    render("assessment_items.md.j2", ASSESSMENT_ITEMS_PAGE, items=bank or [])
    render("progress.md.j2", PROGRESS_PAGE)
    render("review.md.j2", REVIEW_PAGE)
    render("glossary.md.j2", GLOSSARY_PAGE)
    render("references.md.j2", REFERENCES_PAGE)
    render("changes.md.j2", CHANGES_PAGE)
    render("bedside.md.j2", BEDSIDE_PAGE)
    _every_change_noticed(course, noticed)
    return pages


def _every_change_noticed(course: Course, noticed: set[str]) -> None:
    """Each section a change affects must show its notice: a place no page renders is a typo."""
    doc = course.docs["changes"]
    missing = [
        ContentIssue(
            doc.file,
            doc.line_of(("changes", n, "affects", k)),
            f"changes[{n}].affects[{k}]",
            f"no page shows a section {place!r} (module id # section anchor)",
        )
        for n, change in enumerate(course.changes.changes)
        for k, place in enumerate(change.affects)
        if place not in noticed
    ]
    if missing:
        raise ContentError(missing)


def glossary_abbreviations(course: Course) -> str:
    """Markdown abbreviation definitions (`*[CRS]: ...`): Material shows them as tooltips."""
    lines = [f"*[{t.abbr}]: {' '.join(t.term.split())}" for t in course.glossary.terms]
    return "\n\n" + "\n".join(lines) + "\n"


def navigation(course: Course, extra: list[dict] | None = None) -> list:
    """The MkDocs nav: home, modules in course order, references, then hand-written pages."""
    # Themes print nav titles as HTML, so content titles are escaped here like everywhere else.
    modules = [{str(escape(m.title)): module_page(m.id)} for m in course.outline.modules]
    extra = [{str(escape(title)): path for title, path in entry.items()} for entry in extra or []]
    return [
        {"Home": HOME_PAGE},
        {"Modules": modules},
        {"Final assessment": ASSESSMENT_PAGE},
        {"Review": REVIEW_PAGE},
        {"Your progress": PROGRESS_PAGE},
        {"At the bedside": BEDSIDE_PAGE},
        {"What changed since the review": CHANGES_PAGE},
        {"Glossary": GLOSSARY_PAGE},
        {"References": REFERENCES_PAGE},
        *extra,
    ]


def write_pages(pages: dict[str, str], out_dir: Path) -> None:
    """Write pages under out_dir; each file is replaced atomically so readers never see half a
    page."""
    for rel, text in pages.items():
        target = Path(out_dir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
