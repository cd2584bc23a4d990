"""The launch page and the LMS adapter script, written into a site built for a package."""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template

from ..content.course import Course
from ..quiz.item import Item
from .interactions import FILE as INTERACTIONS
from .interactions import Standard, table_json
from .site import ADAPTER

HERE = Path(__file__).resolve().parent
LAUNCH_PAGE = (
    "lms-launch.html"  # what the manifest launches; it holds the LMS session and the course frame
)
START_PAGE = "index.html"
BANK = "assets/quizbank.json"
TRANSPORTS = "assets/lms-scorm.js"  # the launch page's alone: course pages only report to it


def write_adapter(site: Path, standard: Standard, course: Course, bank: list[Item]) -> None:
    """Add the adapter script, what it records per answer (interactions.py) and the launch page
    (which names the standard, the pass mark and where the adapter finds its tables)."""
    (site / ADAPTER).write_bytes((HERE / "lms.js").read_bytes())
    (site / TRANSPORTS).write_bytes((HERE / "lms-scorm.js").read_bytes())
    (site / INTERACTIONS).write_text(table_json(course, bank, standard), encoding="utf-8")
    page = Template((HERE / "launch.html").read_text(encoding="utf-8")).substitute(
        standard=standard,
        pass_mark=_number(course.outline.assessment.pass_mark),
        start=START_PAGE,
        bank=BANK,
        interactions=INTERACTIONS,
        adapter=ADAPTER,
        transports=TRANSPORTS,
        title=escape(course.outline.title),
    )
    (site / LAUNCH_PAGE).write_text(page, encoding="utf-8")


def _number(value: float) -> str:
    return f"{value:g}"
