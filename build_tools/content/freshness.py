"""When the outside facts are due another look: a source checked more than a year ago may have
changed (labels are revised, notices superseded). A warning, never an error: the course still
builds, and the maintainer sees what to re-read."""

from __future__ import annotations

import datetime as dt

from .course import Course

DUE_AFTER = dt.timedelta(days=365)


def review_due(course: Course, today: dt.date) -> list[str]:
    """One line per source whose `checked` date is more than a year before `today`."""
    doc = course.docs["sources"]
    return [
        f"{doc.file}:{doc.line_of(('sources', n, 'checked'))}: sources[{n}].checked: "
        f"{s.id} was last checked {s.checked.isoformat()}, more than 12 months ago: "
        "re-read it against the course and update `checked` (a review is due)"
        for n, s in enumerate(course.sources.sources)
        if today - s.checked > DUE_AFTER
    ]
