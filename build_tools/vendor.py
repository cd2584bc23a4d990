"""Browser libraries from npm, shipped as files in the site's own assets.

`make serve` never runs node, so the built file of each library sits in docs/assets/vendor/,
byte for byte as its npm package publishes it, beside the package's licence. The versions are the
ones build_tools/locks/package.json pins (the tests install them with npm); a test compares every
file here with the installed package's. After `make lock` moves a version, refresh the copies:

    .venv/bin/python -m build_tools.vendor
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"


@dataclass(frozen=True)
class Shipped:
    package: str  # npm package name, pinned in build_tools/locks/package.json
    source: str  # path inside the package
    dest: str  # path below docs/assets/vendor/


# importScripts order: each needs the ones before it
WORKBOX = ("core", "routing", "strategies", "precaching")

SHIPPED: tuple[Shipped, ...] = (
    # FSRS, the review scheduler (UMD build: a plain <script> defines window.FSRS)
    Shipped("ts-fsrs", "dist/index.umd.js", "ts-fsrs/index.umd.js"),
    Shipped("ts-fsrs", "LICENSE", "ts-fsrs/LICENSE"),
    # Workbox's precaching and routing runtime for the service worker (each package's prod build)
    *(
        Shipped(f"workbox-{n}", f"build/workbox-{n}.prod.js", f"workbox/workbox-{n}.prod.js")
        for n in WORKBOX
    ),
    Shipped("workbox-core", "LICENSE", "workbox/LICENSE"),  # one licence text for all four
)


def refresh(modules: Path) -> list[str]:
    """Copy every shipped file from an installed node_modules; return what changed."""
    changed = []
    for item in SHIPPED:
        source, dest = modules / item.package / item.source, VENDOR / item.dest
        if not dest.exists() or dest.read_bytes() != source.read_bytes():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            changed.append(item.dest)
    return changed


def main() -> int:
    from .node_tools import modules

    changed = refresh(modules())
    print("\n".join(f"updated docs/assets/vendor/{path}" for path in changed) or "no change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
