"""Mistakes in a command line, and finding the repository the command works on."""

from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    """A mistake in the command line: reported as one line, exit status 2."""


def find_project(given: Path | None, cwd: Path | None = None) -> Path:
    """The course repository: `given` if it is one, else the working folder or the nearest parent
    that is.

    Without this, a run from elsewhere reported every content file as missing, one line each."""
    if given is not None:
        folder = given.resolve()
        if not (folder / "content").is_dir():
            raise UsageError(
                f"{folder} is not the course repository (it has no content/ folder); "
                "pass --project with the folder holding mkdocs.yml and content/"
            )
        return folder
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "content").is_dir() and (folder / "mkdocs.yml").is_file():
            return folder
    raise UsageError(
        f"no course repository in {start} or above it: run the command from the repository "
        "(the folder holding mkdocs.yml and content/) or pass --project PATH"
    )
