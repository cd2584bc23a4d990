"""The locks hold: every Python package installed here is the version build_tools/locks/python.txt
names, that lock satisfies pyproject.toml's ranges, and the Node tools are exact versions that the
npm lock agrees with (what `npm ci` installs)."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

from conftest import ROOT
from packaging.requirements import Requirement

from build_tools.lock import pins, requirements

LOCKS = ROOT / "build_tools" / "locks"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    return {_canonical(k): v for k, v in pins((LOCKS / "python.txt").read_text()).items()}


def test_every_installed_package_is_the_locked_version():
    lock = locked()
    installed = {
        _canonical(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if _canonical(d.metadata["Name"]) != "cart-course"
    }
    assert {n: v for n, v in installed.items() if lock.get(n) != v} == {}
    assert set(lock) <= set(installed) | {"pip", "setuptools"}


def test_the_python_lock_satisfies_pyproject():
    lock = locked()
    for line in requirements():
        req = Requirement(line)
        version = lock.get(_canonical(req.name))
        assert version is not None, f"{req.name} is not in the lock: run `make lock`"
        assert req.specifier.contains(version, prereleases=True), (req, version)


def test_node_tools_are_exact_and_the_npm_lock_agrees():
    manifest = json.loads((LOCKS / "package.json").read_text())
    lock = json.loads((LOCKS / "package-lock.json").read_text())
    for name, version in manifest["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}@{version} is a range"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        assert lock["packages"][""]["devDependencies"][name] == version


def test_installed_node_tools_are_the_locked_ones():
    from quizhelpers import need

    from build_tools import node_tools

    need(node_tools.available(), "node and npm are needed for the Node tools")
    lock = json.loads((LOCKS / "package-lock.json").read_text())["packages"]
    modules = node_tools.modules()
    for key, entry in lock.items():
        if key.startswith("node_modules/") and "/node_modules/" not in key:
            got = json.loads((modules.parent / key / "package.json").read_text())["version"]
            assert got == entry["version"], key
    assert Path(modules).is_relative_to(ROOT / ".cache")
