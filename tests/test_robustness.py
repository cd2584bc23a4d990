"""Bad content never crashes the build: a corpus of broken files, and random mutations of the real
content. Every case ends in a valid build or in errors naming file, line and field, with no
traceback and the previous site/ left whole."""

from __future__ import annotations

import copy
import re
import shutil

import pytest
import yaml
from conftest import ROOT, Project, copy_project
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from build_tools.cli import main as cli

ERROR_LINE = re.compile(r"^(content|quizbank)/\S+:\d+: .+")
PRODUCTS = "content/products.yaml"


def run_and_judge(project: Project, capsys, command: str = "check") -> int:
    site = project.path("site")
    if command == "site" and not site.exists():
        site.mkdir()
        (site / "index.html").write_text("previous build")
    args = ["--project", str(project.root), command] + (
        ["--out", str(site)] if command == "site" else []
    )
    status = cli(args)  # an exception here is the traceback a maintainer must never see
    err = capsys.readouterr().err
    assert status in (0, 1), err
    if status == 1:
        lines = [
            line for line in err.splitlines() if line and not line.startswith("site not built")
        ]
        assert lines[-1].endswith("nothing was built."), err
        assert all(ERROR_LINE.match(line) for line in lines[:-1]), err
        if command == "site":
            assert (site / "index.html").read_text() == "previous build"
    return status


CORPUS = {
    "alias bomb": (
        "content/glossary.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "terms: [*d, *d]\n",
    ),
    "utf-16": ("content/antigens.yaml", "antigens: []\n".encode("utf-16")),
    "binary": ("content/naming.yaml", bytes(range(256))),
    "tabs": ("content/naming.yaml", "stems:\n\t- id: x\n"),
    "list at top": ("content/course.yaml", "- just\n- a list\n"),
    "scalar at top": ("content/course.yaml", "hello\n"),
    "huge number": (PRODUCTS, None),
    "infinite number": (PRODUCTS, None),
    "deep nesting": ("content/emerging.yaml", "sections: " + "[" * 200 + "]" * 200 + "\n"),
    "missing file": ("content/challenges.yaml", "DELETE"),
    "unknown file": ("content/extra.yaml", "x: 1\n"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_broken_content_corpus(project, capsys, case):
    rel, body = CORPUS[case]
    if case == "huge number":
        project.replace(PRODUCTS, "crs_percent: 93\n", "crs_percent: " + "9" * 400 + "\n")
    elif case == "infinite number":
        project.replace(PRODUCTS, "crs_percent: 93\n", "crs_percent: .inf\n")
    elif body == "DELETE":
        project.path(rel).unlink()
    else:
        project.path(rel).write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    assert run_and_judge(project, capsys, "site") == 1


# --- mutation of the real content -------------------------------------------------------------

FILES = sorted(p.name for p in (ROOT / "content").glob("*.yaml") if p.name != "references.yaml")
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["cd19", "lbcl", "0", "{facts.x.y}", "2026-02-30", "<b>"]),
)


def paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, path + (i,))


def mutate(data, path, op, value):
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if op == "delete":
        del parent[key]
    elif op == "replace":
        parent[key] = value
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif op == "wrap":
        parent[key] = [parent[key]]


@pytest.fixture(scope="module")
def base_copy(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("mutation") / "base")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_mutated_content_builds_or_fails_cleanly(base_copy, tmp_path_factory, capsys, data):
    name = data.draw(st.sampled_from(FILES))
    root = tmp_path_factory.mktemp("m") / "p"
    shutil.copytree(base_copy, root)
    project = Project(root)
    content = yaml.safe_load(project.path(f"content/{name}").read_text(encoding="utf-8"))
    candidates = [p for p in paths(content) if p]
    path = data.draw(st.sampled_from(candidates))
    op = data.draw(st.sampled_from(["delete", "replace", "duplicate", "wrap"]))
    mutate(content, path, op, data.draw(SCALARS))
    project.path(f"content/{name}").write_text(
        yaml.safe_dump(content, allow_unicode=True), encoding="utf-8"
    )
    status = run_and_judge(
        project, capsys, data.draw(st.sampled_from(["check", "check", "check", "site"]))
    )
    event("built" if status == 0 else "clear errors")  # shown with --hypothesis-show-statistics
