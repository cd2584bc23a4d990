"""Checks that need more than one entity: unique ids, references that resolve, placeholders.

Each returns ContentIssues pointing at the YAML line of the offending field.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from . import model, prose
from .errors import ContentIssue, format_path
from .walk import walk

TEMPLATES = Path(__file__).resolve().parent.parent / "pages" / "templates"

# A field with this name holds the id of an entity in that collection.
_ID_FIELDS = {"disease": "diseases", "source": "external", "content": "files"}
_ID_FIELDS_BY_FILE = {("products", "target"): "antigens", ("solid_tumors", "kind"): "therapy_types"}


def check_course(course) -> list[ContentIssue]:
    issues: list[ContentIssue] = []
    known: dict[str, set] = defaultdict(set)
    seen_ids: dict[tuple[str, str], tuple[str, tuple]] = {}

    def issue(stem: str, path: tuple, message: str) -> None:
        doc = course.docs[stem]
        issues.append(ContentIssue(doc.file, doc.line_of(path), format_path(path), message))

    nodes = [(stem, path, value) for stem in course.FILES for path, value in walk(getattr(course, stem))]
    # 1. ids are unique within their collection (facts and sections across all files).
    for stem, path, value in nodes:
        key_name = "n" if isinstance(value, model.Reference) else "id"
        key = getattr(value, key_name, None) if isinstance(value, BaseModel) else None
        if key is None or not path or not isinstance(path[-1], int):
            continue
        collection = path[-2] if isinstance(path[-2], str) else "items"
        scope = collection if collection in ("facts", "sections") else f"{stem}:{format_path(path[:-1])}"
        known[collection].add(key)
        if (scope, key) in seen_ids:
            first_stem, first_path = seen_ids[(scope, key)]
            first_line = course.docs[first_stem].line_of(first_path)
            first = f"{course.docs[first_stem].file}:{first_line}"
            issue(stem, path + (key_name,), f"duplicate {key_name} {key!r} (first used at {first})")
        else:
            seen_ids[(scope, key)] = (stem, path + (key_name,))

    known["files"] = set(course.files)
    # 2. cross-references resolve: citations, ids of other entities, placeholders, templates.
    facts = course.facts
    for stem, path, value in nodes:
        name = path[-1] if path else None
        collection = _ID_FIELDS_BY_FILE.get((stem, name)) or _ID_FIELDS.get(name)
        if name in ("refs", "ref") and isinstance(value, (list, int)) and not isinstance(value, bool):
            for i, n in (enumerate(value) if isinstance(value, list) else [(None, value)]):
                if n not in known["references"]:
                    where = path + (i,) if i is not None else path
                    issue(stem, where, f"cites reference {n}, which is not in content/references.yaml")
        elif collection and isinstance(value, str) and stem != "references":
            if value not in known[collection]:
                choices = ", ".join(sorted(known[collection])) or "none defined"
                noun = {"antigens": "antigen", "diseases": "disease", "external": "source", "files": "content file",
                        "therapy_types": "therapy type"}[collection]
                issue(stem, path, f"unknown {noun} id {value!r} (known: {choices})")
        elif name == "template" and isinstance(value, str) and not (TEMPLATES / value).is_file():
            issue(stem, path, f"no template named {value!r} in build_tools/pages/templates")
        if isinstance(value, model.Fact):
            named = prose.placeholders(value.text)
            asked = prose.placeholders(value.ask or "") + prose.placeholders(value.claim or "")
            for unknown in sorted({r for r in asked if "." not in r} - set(value.values)):
                issue(stem, path + ("ask",), f"placeholder {{{unknown}}} names no value of this fact")
            for ref in sorted({r for r in asked if "." in r and r not in facts}):
                issue(stem, path + ("ask",), f"placeholder {{{ref}}} does not name a number in the content")
            used = {ref for ref in named if "." not in ref}
            for unknown in sorted(used - set(value.values)):
                issue(stem, path + ("text",), f"placeholder {{{unknown}}} names no value of this fact")
            for ref in sorted({ref for ref in named if "." in ref and ref not in facts}):
                issue(stem, path + ("text",), f"placeholder {{{ref}}} does not name a number in the content")
            for unused in sorted(set(value.values) - used):
                issue(stem, path + ("values", unused), f"value is never shown: put {{{unused}}} in the text")
        elif isinstance(value, str) and name not in ("text", "ask", "claim") and "{" in value:
            for ref in prose.placeholders(value):
                if ref not in facts:
                    issue(stem, path, f"placeholder {{{ref}}} does not name a number in the content")
    return issues
