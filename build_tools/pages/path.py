"""The course as a path: where each module sits, how long it takes, and the manifest the
browser reads to mark modules done, offer Continue and decide when the course is finished."""

from __future__ import annotations

import json
import math
import re

from ..content.course import Course
from .helpers import PageHelpers

WORDS_PER_MINUTE = 180  # dense clinical prose with numbers, read to learn rather than skim
MINUTES_PER_ITEM = 1  # reading a stem, answering and reading the feedback
# placeholder the page template prints; replaced once the page is rendered
MINUTES_MARK = "\u2063minutes\u2063"

# Not read: the module line itself, tags, attribute lists, citation links, glossary definitions.
_MARKUP = re.compile(
    r'^<p class="module-meta".*$|<[^>]+>|\{[^}]*\}|\[[^\]]*\]\([^)]*\)|^\*\[.*$', re.MULTILINE
)


def module_url(module_id: str, directory_urls: bool = True) -> str:
    return page_url(f"modules/{module_id}", directory_urls)


def page_url(stem: str, directory_urls: bool = True) -> str:
    """A page's address from the site root: 'x/' on the web, 'x.html' in LMS packages (file
    URLs)."""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def reading_minutes(markdown: str, items: int) -> int:
    """Minutes to read a page and answer its items (the same figure for the page and the
    manifest)."""
    words = len(re.findall(r"[A-Za-z0-9][\w'’%-]*", _MARKUP.sub(" ", markdown)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE + items * MINUTES_PER_ITEM))


def duration(minutes: int) -> str:
    """146 -> '2 hours 26 minutes': the course's length as a learner plans it."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def fill_minutes(markdown: str, items: int) -> str:
    return markdown.replace(MINUTES_MARK, str(reading_minutes(markdown, items)))


def manifest(
    course: Course, pages: dict[str, str], bank: list, directory_urls: bool = True
) -> dict:
    """What the browser needs about the path: modules in order with their self-check keys
    (item id @ content hash, the keys progress is saved under), minutes, and the pass rules."""
    c = course.outline
    modules = []
    for m in c.modules:
        checks = PageHelpers(course, f"modules/{m.id}.md", bank).self_checks(m)
        modules.append(
            {
                "id": m.id,
                "title": m.title,
                "url": module_url(m.id, directory_urls),
                "minutes": reading_minutes(pages[f"modules/{m.id}.md"], len(checks)),
                "checks": [f"{i.id}@{i.content_hash}" for i in checks],
            }
        )
    a = c.assessment
    return {
        "title": c.title,
        "version": c.version,
        "modules": modules,
        "pages": {
            name: page_url(name, directory_urls)
            for name in ("assessment", "assessment-items", "progress", "review")
        },
        "assessment": {
            "items": a.items,
            "pass_mark": a.pass_mark,
            "min_per_module": a.min_per_module,
        },
        # Where each abbreviation's glossary entry is: its popover links there (reading.js).
        "abbreviations": {
            t.abbr: f"{page_url('glossary', directory_urls)}#{t.id}" for t in course.glossary.terms
        },
    }


def manifest_json(
    course: Course, pages: dict[str, str], bank: list, directory_urls: bool = True
) -> str:
    data = manifest(course, pages, bank, directory_urls)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
