"""The library's import graph: data flows one way. No module imports its caller, nothing below
the command line imports it, and there is no cycle, counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "build_tools"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every build_tools module `path` imports, at any depth of the file."""
    here = module_name(path, root)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("build_tools")}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            if not target.startswith("build_tools"):
                continue
            if node.module:
                found.add(target)
            # `from . import cases` names a module
            found |= {f"{target}.{a.name}" for a in node.names}
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {m for m in imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }


def test_nothing_below_the_command_line_imports_it():
    callers = {name for name, deps in graph().items() if "build_tools.cli" in deps}
    assert callers <= {"build_tools.__main__"}, callers


def test_the_import_graph_has_no_cycle():
    deps = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(deps[node]):
            if state.get(nxt) == 1:
                raise AssertionError(
                    "import cycle: " + " -> ".join(path[path.index(nxt) :] + [nxt])
                )
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(deps):
        if start not in state:
            visit(start, [start])


def test_the_graph_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "build_tools" / "pages" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "import json\n\ndef f():\n    from ..cli import main\n    from .. import swap\n"
    )
    assert imports(module, tmp_path) == {
        "build_tools.cli",
        "build_tools.cli.main",
        "build_tools.swap",
    }
