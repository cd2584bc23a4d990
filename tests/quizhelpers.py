"""Helpers for quiz tests: running the instructor CLI, and the tools some tests need."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.cli import main as cli

IN_CI = os.environ.get("CI", "").lower() == "true"


def export(project_root: Path, fmt: str, out: Path, *extra: str) -> Path:
    assert cli(["--project", str(project_root), "quiz", "--format", fmt, "--out", str(out), *extra]) == 0
    return out


def need(tool_ok: bool, why: str):
    """Skip where a tool is missing on a developer machine; in CI a missing tool is a failure."""
    if not tool_ok:
        if IN_CI:
            pytest.fail(f"{why} (required in CI)")
        pytest.skip(why)


def npm_available() -> bool:
    return shutil.which("npm") is not None and shutil.which("node") is not None


def npm_package(where: Path, package: str) -> Path:
    """Install an npm package into `where` (once) and return its folder."""
    need(npm_available(), f"node and npm are needed for {package}")
    folder = where / "node_modules" / package.split("@")[0]
    if not folder.exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(where), package],
                       check=True, capture_output=True)
    return folder
