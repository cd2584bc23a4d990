"""Helpers for quiz tests: the real bank, and running the instructor CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools.cli import main as cli
from build_tools.content.loader import load_course
from build_tools.quiz.bank import build_bank

IN_CI = os.environ.get("CI", "").lower() == "true"


def real_bank():
    course = load_course(ROOT / "content")
    return course, build_bank(course, ROOT / "quizbank")


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
