"""`make lock`: update the locks on purpose, then say what changed.

- Python (build_tools/locks/python.txt): a throw-away venv takes the newest pip, setuptools and
  every runtime and test package that pyproject.toml's ranges allow; `pip freeze` is the lock.
- Node (build_tools/locks/package.json and package-lock.json): each tool moves to its newest
  release within the major version it is pinned at (a major upgrade is a deliberate edit of
  package.json), saved exact.

`make serve`, `make test` and CI only ever install what these files hold; run this when you want
newer tools, then run `make test` and commit the lock files with what the new versions needed.

`--keep` (`make lock KEEP=1`) adds what pyproject.toml or package.json newly ask for and keeps
every version already locked: the way to add one dependency without upgrading the rest.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "build_tools" / "locks"
PYTHON_LOCK = LOCKS / "python.txt"
HEADER = """\
# Exact versions of every Python package `make serve` and `make test` install (pip --constraint).
# Written by `make lock` from pyproject.toml's ranges; do not edit by hand.
"""


def pins(text: str) -> dict[str, str]:
    """{package: version} of a freeze or constraints file."""
    found = (re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line) for line in text.splitlines())
    return {m[1].lower(): m[2] for m in found if m}


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old != new:
            lines.append(f"  {name}: {old or '(new)'} -> {new or '(removed)'}")
    return lines


def requirements() -> list[str]:
    """The runtime and test requirements of pyproject.toml (installed directly: building the
    project itself would leave a build/ folder in the checkout)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return [line.split("#")[0].strip() for line in wanted]


def lock_python(keep: bool = False) -> list[str]:
    before = pins(PYTHON_LOCK.read_text()) if PYTHON_LOCK.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "--quiet", "--disable-pip-version-check"]
        held = []
        if keep:
            (Path(tmp) / "held.txt").write_text(PYTHON_LOCK.read_text())
            held = ["--constraint", str(Path(tmp) / "held.txt")]
        subprocess.run([*pip, "install", *held, "--upgrade", "pip", "setuptools"], check=True)
        subprocess.run([*pip, "install", *held, *requirements()], check=True)
        frozen = subprocess.run(
            [*pip, "freeze", "--all"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    PYTHON_LOCK.write_text(HEADER + frozen)
    return changes(before, pins(frozen))


def lock_node(keep: bool = False) -> list[str]:
    manifest = json.loads((LOCKS / "package.json").read_text())
    before = dict(manifest["devDependencies"])
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(LOCKS / name, tmp)
        wanted = [] if keep else [f"{name}@^{version}" for name, version in before.items()]
        quiet = ["--silent", "--no-audit", "--no-fund"]
        subprocess.run(
            ["npm", "install", *quiet, "--save-dev", "--save-exact", *wanted], cwd=tmp, check=True
        )
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(Path(tmp) / name, LOCKS / name)
    after = json.loads((LOCKS / "package.json").read_text())["devDependencies"]
    return changes(before, after)


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    for what, update in (("Python", lock_python), ("Node", lock_node)):
        changed = update(keep)
        print(f"{what}: " + ("\n" + "\n".join(changed) if changed else "no change"))
    print("now run `make test`, then commit build_tools/locks/ with what the new versions needed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
