"""A results file, whichever kind it is, read into answers mapped to bank items."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from ..quiz.item import Item
from ..usage import UsageError
from . import canvas_reports, moodle_responses, scorm_interactions
from .finding import Finder
from .records import Results

Rows = list[tuple[int, list[str]]]
# (recognises the header, reads the rows): tried in this order, the first that recognises wins
READERS: tuple[tuple[Callable[[list[str]], bool], Callable[..., Results]], ...] = (
    (moodle_responses.recognises, moodle_responses.read),
    (canvas_reports.recognises_items, canvas_reports.read_items),
    (canvas_reports.recognises_students, canvas_reports.read_students),
    (scorm_interactions.recognises, scorm_interactions.read),
)
KINDS = (
    "a Moodle quiz Responses report, a Canvas item or student analysis, or SCORM interactions (CSV)"
)


def read_results(path: Path, bank: Iterable[Item]) -> Results:
    """Read `path`; any file this tool cannot read is one usage error naming it (and the line)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")  # Moodle's CSV starts with a byte-order mark
    except FileNotFoundError:
        raise UsageError(f"--responses {name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"--responses {name}: a folder; name the results file") from None
    except (OSError, UnicodeDecodeError) as error:
        why = getattr(error, "strerror", None) or "not UTF-8 text"
        raise UsageError(f"--responses {name}: cannot read it ({why})") from None
    header, rows = _table(text, name)
    for recognises, read in READERS:
        if recognises(header):
            results = read(header, rows, Finder(bank), name)
            if not results.answers and not results.summaries:
                raise UsageError(
                    f"--responses {name}: no response in it is to an item of this bank"
                )
            return results
    raise UsageError(f"--responses {name}: not a results file this tool reads ({KINDS})")


def _table(text: str, name: str) -> tuple[list[str], Rows]:
    """The header and the numbered rows of a CSV (comma, semicolon or tab separated); rows of
    another length than the header are an error naming their line."""
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UsageError(f"--responses {name}: not CSV ({error})") from None
    if not table or not any(table[0]):
        raise UsageError(f"--responses {name}: empty, or no header line")
    header, rows = [h.strip() for h in table[0]], []
    for line, row in enumerate(table[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise UsageError(
                f"--responses {name}: line {line}: {len(row)} fields where the header has "
                f"{len(header)}"
            )
        rows.append((line, row))
    return header, rows
