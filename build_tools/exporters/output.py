"""Where an export goes, written so that a failure never leaves half of it.

Every export is built in a temporary folder beside its target and moved into place only when
complete. A variants folder is replaced whole, so files of an earlier run (variant-05 of a
five-variant exam when two are asked for now) cannot be handed out with the new ones. Files that
an earlier export of the same name wrote and this one does not (an answer sheet no longer asked
for) are removed, as its manifest lists them. A folder the tool did not write is never replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..usage import UsageError

TOOL = "python -m build_tools quiz"
FOLDER_MANIFEST = "manifest.json"


def manifest_path(target: Path, folder: bool) -> Path:
    return target / FOLDER_MANIFEST if folder else target.with_name(target.name + ".manifest.json")


def target_file(out: Path, suffix: str) -> Path:
    """`--out` for one export: a file, given the format's extension when it lacks it."""
    if out.is_dir():
        raise UsageError(
            f"--out {out} is a folder; name a file in it, such as {out / ('quiz' + suffix)}"
        )
    if out.suffix.lower() != suffix:
        out = out.with_name(out.name + suffix)
        if out.is_dir():
            raise UsageError(f"--out {out} is a folder; name a file instead")
    _check_parent(out)
    return out


def target_folder(out: Path) -> Path:
    """`--out` for variants: a folder that is new, empty, or written by this tool before."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; variants go into a folder, so name a new folder")
    if out.is_dir() and any(out.iterdir()) and not _ours(out / FOLDER_MANIFEST):
        raise UsageError(
            f"--out {out} holds files this tool did not write; name a new or empty folder"
        )
    _check_parent(out)
    return out


def _check_parent(path: Path) -> None:
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"cannot write {path}: {parent} is a file, not a folder")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise UsageError(f"cannot write {path}: no permission to write in {parent}")
            return


def _ours(manifest: Path) -> dict | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == TOOL else None


def write_file_export(
    target: Path, build: Callable[[Path], list[Path]], manifest: Callable[[list[str]], str]
) -> list[Path]:
    """`build(path)` writes the export's files at `path` (a name in a temporary folder); they and
    the manifest then replace the target's, and stale files of the last export under this name
    go."""
    old = _ours(manifest_path(target, folder=False)) or {}
    with _staging(target) as tmp:
        written = build(tmp / target.name)
        names = [p.name for p in written]
        (tmp / manifest_path(target, folder=False).name).write_text(
            manifest(names), encoding="utf-8"
        )
        final = [*names, manifest_path(target, folder=False).name]
        for name in final:
            os.replace(tmp / name, target.with_name(name))
    for name in old.get("files", []):
        stale = target.with_name(Path(name).name)
        if stale.name not in names and stale.is_file():
            stale.unlink()
    return [target.with_name(n) for n in final]


def write_folder_export(
    target: Path, build: Callable[[Path], list[Path]], manifest: Callable[[list[str]], str]
) -> list[Path]:
    """`build(folder)` fills a fresh folder, which then replaces `target` whole."""
    with _staging(target) as tmp:
        folder = tmp / "export"
        folder.mkdir()
        written = build(folder)
        (folder / FOLDER_MANIFEST).write_text(manifest([p.name for p in written]), encoding="utf-8")
        retired = tmp / "previous"
        if target.exists():
            target.rename(retired)
        try:
            folder.rename(target)
        except OSError:
            if retired.exists():
                retired.rename(target)  # put the old export back rather than leave none
            raise
    return [target / p.name for p in written] + [target / FOLDER_MANIFEST]


class _staging:
    """A temporary folder beside the target (same file system, so moves are renames), always
    removed."""

    def __init__(self, target: Path):
        self.target = target

    def __enter__(self) -> Path:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}-", dir=self.target.parent)
            )
        except OSError as error:
            raise UsageError(f"cannot write {self.target}: {error.strerror or error}") from None
        return self.path

    def __exit__(self, kind, error, trace) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if isinstance(error, OSError):
            raise UsageError(f"cannot write {self.target}: {error.strerror or error}") from None
