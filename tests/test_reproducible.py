"""Two builds of the same commit are byte-identical; only files that must carry a date may
differ."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from datetime import UTC, datetime

from conftest import ROOT

# MkDocs stamps the sitemap with the build date (SOURCE_DATE_EPOCH when set); nothing else may vary.
DATED = {"sitemap.xml", "sitemap.xml.gz"}
EPOCHS = ("1735689600", "1767225600")  # 2025-01-01, 2026-01-01


def build(out, epoch: str):
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    subprocess.run(
        [sys.executable, "-m", "build_tools", "--project", str(ROOT), "site", "--out", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out


def day(epoch: str) -> str:
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d")


def differing(a, b) -> set[str]:
    files = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    assert files == {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return {f for f in files if not filecmp.cmp(a / f, b / f, shallow=False)}


def test_builds_are_byte_identical_apart_from_dated_files(site, tmp_path):
    # Two builds in fresh processes on one date; the run's own build (in this process, dated
    # the day it ran) is the build of another day.
    built_on = re.search(r"<lastmod>([\d-]+)<", (site / "sitemap.xml").read_text()).group(1)
    epoch = next(e for e in EPOCHS if day(e) != built_on)
    first = build(tmp_path / "a", epoch)
    second = build(tmp_path / "b", epoch)
    assert differing(first, second) == set()
    assert differing(first, site) == DATED
