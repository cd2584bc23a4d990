"""Read every content/*.yaml file, validate it into typed objects, and check cross-references.

All problems of a run are collected and raised together as one ContentError, so a
maintainer fixes a batch at a time rather than one error per build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import model
from .checks import check_course
from .course import KNOWN_FILES, Course
from .errors import ContentError, ContentIssue, format_path
from .yaml_source import YamlDocument, load_yaml


def load_course(content_dir: Path, shown_relative_to: Path | None = None) -> Course:
    content_dir = Path(content_dir)
    base = shown_relative_to or content_dir.parent
    issues: list[ContentIssue] = []
    parsed: dict[str, Any] = {}
    docs: dict[str, YamlDocument] = {}

    present = {p.stem: p for p in sorted(content_dir.glob("*.y*ml"))}
    models = {
        **KNOWN_FILES,
        **{
            name: model.SectionsFile
            for name in _module_files(present, base)
            if name not in KNOWN_FILES
        },
    }
    for name, path in present.items():
        if name not in models:
            issues.append(
                ContentIssue(
                    _shown(path, base),
                    1,
                    "",
                    "unknown content file: no module in course.yaml presents "
                    f"it, and it is none of {', '.join(KNOWN_FILES)}",
                )
            )
    for name, cls in models.items():
        path = present.get(name)
        if path is None:
            issues.append(
                ContentIssue(
                    _shown(content_dir / f"{name}.yaml", base), 1, "", "required file is missing"
                )
            )
            continue
        doc, found = load_yaml(path, _shown(path, base))
        issues.extend(found)
        if doc is None:
            continue
        docs[name] = doc
        try:
            parsed[name] = cls.model_validate(doc.data)
        except ValidationError as exc:
            issues.extend(_issues_from(exc, doc))

    if issues:
        raise ContentError(issues)
    course = Course.of(parsed, docs)
    issues.extend(check_course(course))
    if issues:
        raise ContentError(issues)
    return course


def _module_files(present: dict[str, Path], base: Path) -> list[str]:
    """Content files that course.yaml's modules present: any of them without a model of its own is
    a file of teaching sections, so a new module needs a YAML file and a course.yaml entry, no code.
    (course.yaml itself is validated below; here a broken one simply names no files.)"""
    path = present.get("course")
    doc = load_yaml(path, _shown(path, base))[0] if path else None
    modules = doc.data.get("modules") if doc and isinstance(doc.data, dict) else None
    if not isinstance(modules, list):
        return []
    return [
        m["content"]
        for m in modules
        if isinstance(m, dict) and isinstance(m.get("content"), str) and m["content"] in present
    ]


def _shown(path: Path, base: Path) -> str:
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


def _issues_from(exc: ValidationError, doc: YamlDocument) -> list[ContentIssue]:
    out = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if part != "[key]")
        out.append(ContentIssue(doc.file, doc.line_of(loc), format_path(loc), _message(err)))
    return out


def _message(err: dict) -> str:
    kind, given = err["type"], err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    if kind == "model_type" or kind == "dict_type":
        return f"must be a mapping of fields (got {type(given).__name__})"
    message = err["msg"][0].lower() + err["msg"][1:]
    message = message.replace("input should", "must")
    if isinstance(given, (str, int, float, bool)) or given is None:
        shown = repr(given) if len(repr(given)) <= 60 else repr(given)[:57] + "...'"
        message += f" (got {shown})"
    return message
