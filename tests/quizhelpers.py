"""Helpers for quiz tests: running the instructor CLI, and the tools some tests need."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import node_tools
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


def npm_package(name: str) -> Path:
    """The folder of a Node tool at the version build_tools/locks/package-lock.json holds."""
    need(node_tools.available(), f"node and npm are needed for {name}")
    return node_tools.package(name)


def ids_file(folder: Path, ids) -> Path:
    """An --ids file in `folder` listing these item ids, one a line."""
    path = folder / "ids.txt"
    path.write_text("".join(f"{i}\n" for i in ids))
    return path
