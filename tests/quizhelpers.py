"""Helpers for quiz tests: running the instructor CLI, and the tools some tests need."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from build_tools.cli import main as cli

IN_CI = os.environ.get("CI", "").lower() == "true"


def export(project_root: Path, fmt: str, out: Path, *extra: str) -> Path:
    assert (
        cli(["--project", str(project_root), "quiz", "--format", fmt, "--out", str(out), *extra])
        == 0
    )
    return out


def need(tool_ok: bool, why: str):
    """Skip where a tool is missing on a developer machine; in CI a missing tool is a failure."""
    if not tool_ok:
        if IN_CI:
            pytest.fail(f"{why} (required in CI)")
        pytest.skip(why)


def npm_available() -> bool:
    return shutil.which("npm") is not None and shutil.which("node") is not None


@functools.cache
def _npm_prefix() -> Path:
    prefix = Path(tempfile.mkdtemp(prefix="npm-tests-"))
    atexit.register(shutil.rmtree, prefix, True)
    return prefix


@functools.cache
def npm_package(package: str) -> Path:
    """Install an npm package (name@version) once per run and return its folder."""
    need(npm_available(), f"node and npm are needed for {package}")
    prefix = _npm_prefix()
    quiet = ["--silent", "--no-audit", "--no-fund"]
    subprocess.run(
        ["npm", "install", *quiet, "--prefix", str(prefix), package],
        check=True,
        capture_output=True,
    )
    return prefix / "node_modules" / package.split("@")[0]


def ids_file(folder: Path, ids) -> Path:
    """An --ids file in `folder` listing these item ids, one a line."""
    path = folder / "ids.txt"
    path.write_text("".join(f"{i}\n" for i in ids))
    return path
