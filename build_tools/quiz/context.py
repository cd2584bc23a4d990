"""What generators need to know about the course: where a fact is taught, and its plain text."""
from __future__ import annotations

from functools import cached_property

from ..content import formatting, model, prose
from ..content.course import Course
from ..content.walk import walk
from .blueprint import Blueprint


class QuizContext:
    def __init__(self, course: Course):
        self.course = course

    def page(self, module_id: str, anchor: str) -> str:
        return f"modules/{module_id}/#{anchor}"

    def module_of(self, stem: str) -> str:
        return self.course.module_for(stem).id

    @cached_property
    def fact_sections(self) -> dict[str, tuple[str, str, model.Fact]]:
        """fact id -> (content file, section id, fact) for every fact inside a section."""
        found = {}
        for stem, root in self.course.files.items():
            for _, value in walk(root):
                if isinstance(value, model.Section):
                    for fact in value.facts:
                        found[fact.id] = (stem, value.id, fact)
        return found

    def plain(self, text: str, fact: model.Fact | None = None) -> str:
        """Prose with its numbers filled in, as plain text (exporters escape it for their format)."""

        def lookup(name: str) -> str:
            if fact is not None and "." not in name:
                return formatting.quantity(fact.values[name])
            return formatting.quantity(self.course.facts[name].value)

        return prose.fill(" ".join(text.split()), lookup)

    def objective(self, bp: Blueprint) -> str:
        return self.course.module(bp.module).objectives[bp.objective - 1]
