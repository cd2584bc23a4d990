"""The Node tools that tests and benchmarks run (axe-core, scorm-again, gift-pegjs, vnu-jar,
Lighthouse...), installed with `npm ci` at exactly the versions of
build_tools/locks/package-lock.json into one folder every test and benchmark shares
(.cache/node). Never needed to build or serve."""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
from pathlib import Path

LOCKS = Path(__file__).resolve().parent / "locks"
HOME = LOCKS.parent.parent / ".cache" / "node"
MANIFESTS = ("package.json", "package-lock.json")


class NodeToolsMissing(RuntimeError):
    """node or npm is not on this machine."""


def available() -> bool:
    return shutil.which("npm") is not None and shutil.which("node") is not None


def _digest() -> str:
    return hashlib.sha256(b"".join((LOCKS / name).read_bytes() for name in MANIFESTS)).hexdigest()


def modules() -> Path:
    """node_modules holding the locked tools, installed on first use and again whenever the lock
    changes; concurrent callers wait for one install."""
    if not available():
        raise NodeToolsMissing("node and npm are needed for the locked Node tools")
    HOME.mkdir(parents=True, exist_ok=True)
    stamp = HOME / "node_modules" / ".installed-from"
    with open(HOME / ".install-lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.read_text() != _digest():
            for name in MANIFESTS:
                shutil.copy2(LOCKS / name, HOME / name)
            quiet = ["--silent", "--no-audit", "--no-fund"]
            subprocess.run(["npm", "ci", *quiet], cwd=HOME, check=True, capture_output=True)
            stamp.write_text(_digest())
    return HOME / "node_modules"


def package(name: str) -> Path:
    """The folder of one locked package; a name the lock does not hold is an error, not an
    install of whatever version is newest."""
    folder = modules() / name
    if not (folder / "package.json").exists():
        raise KeyError(f"{name} is not in build_tools/locks/package.json")
    return folder


def binary(name: str) -> Path:
    return modules() / ".bin" / name
