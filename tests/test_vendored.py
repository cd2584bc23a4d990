"""The browser libraries the site ships (docs/assets/vendor/) are the files their npm packages
publish, byte for byte, at the versions build_tools/locks/package.json pins, each beside its
licence; `make serve` never needs node for them."""

from __future__ import annotations

import json

import pytest
from quizhelpers import npm_package

from build_tools.vendor import SHIPPED, VENDOR, WORKBOX

LOCKS = VENDOR.parent.parent.parent / "build_tools" / "locks"


@pytest.mark.parametrize("item", SHIPPED, ids=lambda s: s.dest)
def test_shipped_file_is_the_published_one_at_the_locked_version(item):
    package = npm_package(item.package)
    pinned = json.loads((LOCKS / "package.json").read_text())["devDependencies"][item.package]
    assert json.loads((package / "package.json").read_text())["version"] == pinned
    shipped = (VENDOR / item.dest).read_bytes()
    assert shipped == (package / item.source).read_bytes(), (
        f"docs/assets/vendor/{item.dest} differs from {item.package}@{pinned}/{item.source}: "
        "run .venv/bin/python -m build_tools.vendor"
    )


def test_every_shipped_library_carries_its_licence():
    folders = {s.dest.split("/")[0] for s in SHIPPED}
    assert all((VENDOR / folder / "LICENSE").is_file() for folder in folders)
    # one licence file stands for every Workbox package: their texts are the same
    workbox = (VENDOR / "workbox" / "LICENSE").read_bytes()
    assert all((npm_package(f"workbox-{n}") / "LICENSE").read_bytes() == workbox for n in WORKBOX)
    assert {p.name for p in VENDOR.rglob("*") if p.is_file()} == {
        s.dest.split("/")[-1] for s in SHIPPED
    }
