"""What generators need to know about the course: where a fact is taught, and its plain text."""

from __future__ import annotations

from functools import cached_property

from ..content import formatting, model, prose
from ..content.course import Course
from ..content.errors import ContentError
from .blueprint import Blueprint
from .item import Outside


class QuizContext:
    def __init__(self, course: Course):
        self.course = course

    def page(self, module_id: str, anchor: str) -> str:
        return f"modules/{module_id}/#{anchor}"

    def module_of(self, file: str) -> str:
        return self.course.presenting_module(file).id

    @cached_property
    def fact_sections(self) -> dict[str, tuple[str, str, model.Fact]]:
        """fact id -> (content file, section id, fact) for every fact inside a section."""
        found = {}
        for file, root in self.course.files.items():
            for section in getattr(root, "sections", []):
                for fact in section.facts:
                    found[fact.id] = (file, section.id, fact)
        return found

    @cached_property
    def asked_facts(self) -> list[tuple[str, str, str, model.Fact]]:
        """(fact id, content file, section or anchor, fact) for every fact, sorted by id."""
        found = [(fid, file, sec, f) for fid, (file, sec, f) in self.fact_sections.items()]
        found += [
            (c.frequency.id, "challenges", c.id, c.frequency)
            for c in self.course.challenges.challenges
        ]
        return sorted(found, key=lambda t: t[0])

    def outside(self, source_id: str) -> Outside:
        """An outside source as items cite it: its form, kind and year ("FDA label, 2026")."""
        return Outside(source_id, self.course.source(source_id).citation)

    def outside_all(self, cited) -> tuple[Outside, ...]:
        """The outside sources of everything in `cited` (objects with `sources`), once each."""
        ids = dict.fromkeys(s for thing in cited for s in thing.sources)
        return tuple(self.outside(s) for s in ids)

    def plain(self, text: str, fact: model.Fact | None = None) -> str:
        """Prose with its numbers filled in, as plain text (exporters escape it for their
        format)."""

        def lookup(name: str) -> str:
            if fact is not None and "." not in name:
                return formatting.quantity(fact.values[name])
            return formatting.quantity(self.course.facts[name].value)

        return prose.fill(" ".join(text.split()), lookup)

    def objective(
        self,
        bp: Blueprint,
        file: str | None = None,
        section: str | None = None,
        number: int | None = None,
    ) -> str:
        """The objective an item tests: `number` where the content names one for the question,
        else its section's, where the section names one, else the blueprint's."""
        module = self.course.module(bp.module)
        if file:
            module = self.course.presenting_module(file)
        found = None
        if file and section:
            found = next(
                (s for s in getattr(self.course.files[file], "sections", []) if s.id == section),
                None,
            )
        # The item belongs to the module that presents its file (a concept blueprint spans every
        # file), so the objective is that module's even where the section names none.
        fallback = bp.objective if module.id == bp.module else 1
        number = number or (found.objective if found and found.objective else None) or fallback
        if number > len(module.objectives):
            doc = self.course.docs[file or "course"]
            message = f"module {module.id!r} has only {len(module.objectives)} objectives"
            field = f"sections.{section}.objective"
            raise ContentError.at(doc, ("sections",), message, field=field)
        return module.objectives[number - 1]
