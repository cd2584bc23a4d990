"""A reproducible zip, written whole or not at all.

Entries are sorted, carry a fixed date and fixed permissions, so the same site gives the same
bytes; the zip is written beside its target and renamed over it only when complete."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


def write_zip(folder: Path, out: Path) -> int:
    """Zip every file under `folder` into `out`; return the number of entries."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w") as archive:
            for path in files:
                entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), FIXED_DATE)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, path.read_bytes(), compresslevel=9)
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp makes it private; a zip is an ordinary file
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return len(files)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
