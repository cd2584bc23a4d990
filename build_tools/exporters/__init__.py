"""One module per export format. Each has `SUFFIX` and `write(items, path, meta)`."""

from . import anki, csv_export, gift, json_export, moodle, printable, qti, review

FORMATS = {
    "json": json_export,
    "csv": csv_export,
    "gift": gift,
    "moodle": moodle,
    "qti": qti,
    "print": printable,
    "anki": anki,
    "review": review,
}

__all__ = ["FORMATS"]
