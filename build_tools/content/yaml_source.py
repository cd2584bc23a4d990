"""Parse a YAML file into plain data plus a map from field path to line number.

PyYAML's composed node tree keeps the line of every value; we walk it once so that
validation errors found later (by pydantic or by cross-reference checks) can name
the line a maintainer has to edit. Duplicate mapping keys, which PyYAML silently
overwrites, are reported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentIssue, format_path

Path_ = tuple


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: several times faster


class _Loader(_Base):
    """SafeLoader that leaves dates as text: PyYAML would raise a bare ValueError on
    2026-13-45, while the model's date fields give a proper error with the field path."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}  # a field path: ('products', 2, 'indications', 0, 'crs_percent')


@dataclass
class YamlDocument:
    file: str  # path as shown in messages, relative to the project
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """Line of the deepest existing prefix of `path` (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def load_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[ContentIssue]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            ContentIssue(
                shown_as,
                line,
                "",
                f"not valid UTF-8 (byte {raw[exc.start]:#x}); save the file as UTF-8",
            )
        ]
    if not text.strip():
        return None, [ContentIssue(shown_as, 1, "", "file is empty")]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()  # one parse gives both the line marks and the data
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [ContentIssue(shown_as, line, "", f"YAML syntax error: {problem}")]
    doc = YamlDocument(shown_as, data)
    issues: list[ContentIssue] = []
    seen: set[int] = set()
    _walk(node, (), doc, issues, seen)
    if any(i.message.startswith("YAML aliases") for i in issues):
        return None, issues  # an alias bomb must not reach validation, which would expand it
    return doc, issues


def _walk(
    node: yaml.Node, path: Path_, doc: YamlDocument, issues: list[ContentIssue], seen: set[int]
) -> None:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if (
            id(node) in seen
        ):  # a *alias: content has no need for them, and they can nest exponentially
            issues.append(
                ContentIssue(
                    doc.file,
                    node.start_mark.line + 1,
                    format_path(path),
                    "YAML aliases (*name) are not supported in content; write the value out",
                )
            )
            return
        seen.add(id(node))
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        key_lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in key_lines:
                issues.append(
                    ContentIssue(
                        doc.file,
                        line,
                        format_path(path + (key,)),
                        f"duplicate key (first defined on line {key_lines[key]})",
                    )
                )
            key_lines[key] = line
            doc.lines[path + (key,)] = line
            _walk(value_node, path + (key,), doc, issues, seen)
            doc.lines[path + (key,)] = line  # the key's line reads better than its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), doc, issues, seen)
