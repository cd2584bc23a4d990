"""Checks that need more than one entity, as small passes over the validated course: ids are
unique, references (declared on the field's type with RefersTo) resolve, placeholders name numbers.

Each returns ContentIssues pointing at the YAML line of the offending field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from . import model, prose
from .errors import ContentIssue, format_path
from .markers import RefersTo, field_marker
from .walk import walk

TEMPLATES = Path(__file__).resolve().parent.parent / "pages" / "templates"
_GLOBAL = ("facts", "sections")  # unique across files: quiz sources and page anchors name them

Node = tuple[str, tuple, object]  # (content file, path inside it, value)


def check_course(course) -> list[ContentIssue]:
    nodes = [
        (file, path, value) for file, root in course.files.items() for path, value in walk(root)
    ]
    report = _Report(course)
    known = _unique_ids(nodes, report)
    known["files"] = set(course.files)
    known["templates"] = {p.name for p in TEMPLATES.glob("*.md.j2")}
    _references_resolve(nodes, known, report)
    _placeholders_resolve(nodes, course.facts, report)
    return report.issues


class _Report:
    def __init__(self, course):
        self.docs, self.issues = course.docs, []

    def at(self, file: str, path: tuple) -> str:
        return f"{self.docs[file].file}:{self.docs[file].line_of(path)}"

    def __call__(self, file: str, path: tuple, message: str) -> None:
        doc = self.docs[file]
        self.issues.append(ContentIssue(doc.file, doc.line_of(path), format_path(path), message))


def _unique_ids(nodes: list[Node], report: _Report) -> dict:
    """Every list item's id (a reference's `n`) is unique in its collection; returns the ids
    by collection name, and by (collection, file) for references that stay on one page."""
    known: dict = defaultdict(set)
    first: dict[tuple, tuple[str, tuple]] = {}
    for file, path, value in nodes:
        key_name = "n" if isinstance(value, model.Reference) else "id"
        key = getattr(value, key_name, None) if isinstance(value, BaseModel) else None
        if key is None or not path or not isinstance(path[-1], int):
            continue
        collection = path[-2] if isinstance(path[-2], str) else "items"
        scope = collection if collection in _GLOBAL else f"{file}:{format_path(path[:-1])}"
        known[collection].add(key)
        known[(collection, file)].add(key)
        where = path + (key_name,)
        if (scope, key) in first:
            report(
                file,
                where,
                f"duplicate {key_name} {key!r} (first used at {report.at(*first[(scope, key)])})",
            )
        else:
            first[(scope, key)] = (file, where)
    return known


def _references_resolve(nodes: list[Node], known: dict, report: _Report) -> None:
    for file, path, value in nodes:
        if not isinstance(value, BaseModel):
            continue
        for name in type(value).model_fields:
            refers = field_marker(type(value), name, RefersTo)
            if refers is None:
                continue
            ids = known[(refers.collection, file) if refers.same_file else refers.collection]
            for where, target in _values(getattr(value, name), path + (name,)):
                if target not in ids:
                    report(file, where, _dangling(refers, target, ids, file))


def _values(value: object, path: tuple) -> Iterator[tuple[tuple, object]]:
    if isinstance(value, list):
        yield from ((path + (i,), v) for i, v in enumerate(value))
    elif isinstance(value, dict):  # references as keys (a case's feedback per wrong option)
        yield from ((path + (k,), k) for k in value)
    elif value is not None:
        yield path, value


def _dangling(refers: RefersTo, value: object, ids: set, file: str) -> str:
    if refers.message:
        return refers.message.format(value=value)
    choices = ", ".join(sorted(map(str, ids))) or "none defined"
    where = f" in content/{file}.yaml" if refers.same_file else ""
    return f"unknown {refers.noun} id {value!r}{where} (known: {choices})"


def _placeholders_resolve(nodes: list[Node], facts: dict, report: _Report) -> None:
    """`{name}` names a value of its own fact; `{file.path}` names a number in the content."""
    for file, path, value in nodes:
        name = path[-1] if path else None
        if isinstance(value, model.Worded):
            _fact_placeholders(file, path, value, facts, report)
        elif isinstance(value, str) and name not in ("text", "ask", "claim") and "{" in value:
            for ref in prose.placeholders(value):
                if ref not in facts:
                    report(
                        file, path, f"placeholder {{{ref}}} does not name a number in the content"
                    )


def _fact_placeholders(
    file: str, path: tuple, fact: model.Worded, facts: dict, report: _Report
) -> None:
    named = prose.placeholders(fact.text)
    asked = prose.placeholders(getattr(fact, "ask", None) or "") + prose.placeholders(
        getattr(fact, "claim", None) or ""
    )
    for field, refs in (("ask", asked), ("text", named)):
        for unknown in sorted({r for r in refs if "." not in r} - set(fact.values)):
            report(file, path + (field,), f"placeholder {{{unknown}}} names no value of this fact")
        for ref in sorted({r for r in refs if "." in r and r not in facts}):
            report(
                file,
                path + (field,),
                f"placeholder {{{ref}}} does not name a number in the content",
            )
    for unused in sorted(set(fact.values) - {r for r in named if "." not in r}):
        report(
            file, path + ("values", unused), f"value is never shown: put {{{unused}}} in the text"
        )
