"""Two builds of the same commit are byte-identical; only files that must carry a date may differ."""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys

from conftest import ROOT

# MkDocs stamps the sitemap with the build date (SOURCE_DATE_EPOCH when set); nothing else may vary.
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def build(out, epoch: str):
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    subprocess.run([sys.executable, "-m", "build_tools", "--project", str(ROOT), "site", "--out", str(out)],
                   check=True, env=env, capture_output=True)
    return out


def differing(a, b) -> set[str]:
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    assert files == {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return {f for f in files if not filecmp.cmp(a / f, b / f, shallow=False)}


def test_builds_are_byte_identical_apart_from_dated_files(tmp_path):
    first = build(tmp_path / "a", "1735689600")   # 2025-01-01
    second = build(tmp_path / "b", "1735689600")
    later = build(tmp_path / "c", "1767225600")   # 2026-01-01
    assert differing(first, second) == set()
    assert differing(first, later) == DATED
