"""Content errors that name the file, line and field a maintainer must fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentIssue:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class ContentError(Exception):
    """Every problem found in one run, reported together."""

    def __init__(self, issues: list[ContentIssue]):
        self.issues = sorted(set(issues))
        super().__init__(self.report())

    @classmethod
    def at(cls, doc, path: tuple, message: str, field: str | None = None) -> ContentError:
        """One problem at `path` of a loaded YAML document (the field named by its path)."""
        shown = format_path(path) if field is None else field
        return cls([ContentIssue(doc.file, doc.line_of(path), shown, message)])

    def report(self) -> str:
        lines = [str(issue) for issue in self.issues]
        noun = "error" if len(self.issues) == 1 else "errors"
        lines.append(f"{len(self.issues)} content {noun}; nothing was built.")
        return "\n".join(lines)


def format_path(path: tuple) -> str:
    """('products', 2, 'crs_percent') -> 'products[2].crs_percent'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
