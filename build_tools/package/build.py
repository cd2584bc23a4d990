"""`build_package`: content in, a SCORM zip out (or an error and no zip touched)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import build
from .adapter import LAUNCH_PAGE, write_adapter
from .archive import write_zip
from .manifest import Standard, write_manifest
from .site import SiteBuildError, build_site

FORMATS: tuple[Standard, ...] = ("scorm12", "scorm2004")


class PackageError(Exception):
    """The package could not be built; the message is one line for the terminal."""


@dataclass(frozen=True)
class PackageSummary:
    path: Path
    files: int
    size: int  # bytes of the zip


def build_package(project: Path, standard: Standard, out: Path) -> PackageSummary:
    """Build the site for an LMS into a temporary folder, add adapter and manifest, zip it to `out`.

    Raises ContentError for bad content and PackageError for a failed build; `out` is then
    untouched."""
    if out.is_dir():
        raise PackageError(f"cannot write {out}: it is a folder")
    built = build(project, directory_urls=False)  # content errors surface here, before MkDocs
    course = built.course
    with tempfile.TemporaryDirectory(prefix=".package-") as tmp:
        site = Path(tmp) / "site"
        try:
            build_site(project, site)
        except SiteBuildError as error:
            raise PackageError(f"site not built: {error}") from None
        write_adapter(site, standard, course, built.bank)
        write_manifest(site, standard, course, LAUNCH_PAGE)
        try:
            count = write_zip(site, out)
        except OSError as error:
            raise PackageError(f"cannot write {out}: {error.strerror or error}") from None
    return PackageSummary(out, count, out.stat().st_size)
