"""What the browser needs for spaced review and mastery (assets/review.json): every bank item's
content hash, family, module and objective, and each module's objectives with their self-checks.

The scheduler (docs/assets/schedule.js) reads it to know which saved answers belong to today's
bank (an answer under an older hash is an edited item, whose schedule starts afresh), to keep two
items of one family apart, and to judge an objective secure; the questions themselves stay in the
assessment's items page, fetched only by the Review page."""

from __future__ import annotations

import json

from ..content.course import Course
from .helpers import PageHelpers


def objective_index(course: Course, item) -> int | None:
    """The item's objective's place in its module's list (None: not one of them)."""
    objectives = course.module(item.topic).objectives
    return objectives.index(item.objective) if item.objective in objectives else None


def review_index(course: Course, bank: list) -> dict:
    items = {
        item.id: {
            "hash": item.content_hash,
            "family": item.family or item.id,  # an item without a family is its own
            "module": item.topic,
            "objective": objective_index(course, item),
        }
        for item in bank
    }
    objectives = {}
    for m in course.outline.modules:
        checks = PageHelpers(course, f"modules/{m.id}.md", bank).self_checks(m)
        objectives[m.id] = [
            {"text": text, "checks": [i.id for i in checks if i.objective == text]}
            for text in m.objectives
        ]
    return {"items": items, "objectives": objectives}


def review_json(course: Course, bank: list) -> str:
    data = review_index(course, bank)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
