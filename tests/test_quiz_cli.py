"""The instructor's command line: every bad input is one line and a non-zero exit, and leaves no
partial, stale or deleted output; selection by id lists; the manifest; the README's commands."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from analysishelpers import moodle_responses, pick_items, simulate
from conftest import ROOT
from quizhelpers import export, ids_file

from build_tools.cli import main
from build_tools.exporters import FORMATS


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    status = main(["--project", str(ROOT), "quiz", *args])
    out = capsys.readouterr()
    return status, out.err.strip().splitlines(), out.out


def refused(capsys, *args: str) -> str:
    """Run a command that must fail: exit 2, exactly one line on stderr, nothing on stdout."""
    status, err, out = run(capsys, *args)
    assert status == 2 and len(err) == 1 and err[0].startswith("error: ") and out == "", (
        status,
        err,
        out,
    )
    assert "Traceback" not in err[0]
    return err[0]


def listing(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.parametrize(
    "option, value, says",
    [
        ("--count", "0", "--count: must be 1 or more (got 0)"),
        ("--count", "-3", "--count: must be 1 or more (got -3)"),
        ("--count", "ten", "--count: must be a whole number (got 'ten')"),
        ("--variants", "0", "--variants: must be 1 or more (got 0)"),
        ("--variants", "-1", "--variants: must be 1 or more (got -1)"),
        ("--pick", "0", "--pick: must be 1 or more (got 0)"),
        ("--minutes", "0", "--minutes: must be 1 or more (got 0)"),
    ],
)
def test_counts_below_one_are_refused_and_write_nothing(capsys, tmp_path, option, value, says):
    line = refused(capsys, "--format", "print", "--out", str(tmp_path / "exam"), option, value)
    assert says in line
    assert listing(tmp_path) == set()


def test_unknown_module_lists_the_valid_ones_and_help_lists_them_too(capsys, tmp_path, content):
    modules = [m.id for m in content.outline.modules]
    line = refused(
        capsys,
        "--format",
        "gift",
        "--out",
        str(tmp_path / "q.gift"),
        "--topics",
        "adverse-effects",
        "toxicity",
    )
    assert "'toxicity'" in line and all(m in line for m in modules)
    assert main(["--project", str(ROOT), "quiz", "--help"]) == 0
    help_text = re.sub(r"-\s+", "-", capsys.readouterr().out)  # argparse wraps lines after hyphens
    assert all(m in help_text for m in modules)
    assert listing(tmp_path) == set()


def test_an_existing_folder_as_output_file_is_explained_and_left_alone(capsys, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    line = refused(capsys, "--format", "moodle", "--out", str(folder))
    assert "is a folder" in line and str(folder / "quiz.xml") in line
    assert listing(folder) == {"keep.txt"}


def test_an_output_under_a_file_is_explained(capsys, tmp_path):
    (tmp_path / "notes").write_text("a file")
    line = refused(capsys, "--format", "moodle", "--out", str(tmp_path / "notes" / "q.xml"))
    assert "is a file, not a folder" in line
    assert (tmp_path / "notes").read_text() == "a file"


def test_an_unwritable_path_is_explained(capsys):
    out = Path("/proc/cart-course-test/q.xml")  # not writable, even for root
    assert "cannot write" in refused(capsys, "--format", "moodle", "--out", str(out))
    assert not out.parent.exists()


def test_a_name_the_system_refuses_is_one_line(capsys, tmp_path):
    assert (
        "too long"
        in refused(
            capsys, "--format", "moodle", "--out", str(tmp_path / ("x" * 300 + ".xml"))
        ).lower()
    )
    assert listing(tmp_path) == set()


def test_a_pick_too_small_for_every_module_is_refused(capsys, tmp_path, content, bank):
    least = content.outline.assessment.min_per_module
    sizes = Counter(i.topic for i in bank)
    need = sum(min(least, sizes[m.id]) for m in content.outline.modules)  # or all a module has
    pick = need - 1
    line = refused(capsys, "--format", "qti", "--out", str(tmp_path / "q.zip"), "--pick", str(pick))
    assert (
        f"--pick {pick} is fewer than the {need} items that {least} per module need "
        f"({len(sizes)} modules drawn)"
    ) in line
    assert listing(tmp_path) == set()


def test_too_many_items_says_how_many_match(capsys, tmp_path):
    line = refused(
        capsys,
        "--format",
        "csv",
        "--out",
        str(tmp_path / "q.csv"),
        "--count",
        "20",
        "--topics",
        "car-anatomy",
        "--difficulty",
        "medium",
    )
    assert re.search(r"asked for 20 items but only \d+ distinct facts \(of \d+ items\) match", line)
    assert listing(tmp_path) == set()


@pytest.mark.parametrize(
    "option, fmt",
    [
        ("--pick", "moodle"),
        ("--ordering-as", "qti"),
        ("--answer-sheet", "gift"),
        ("--minutes", "csv"),
        ("--date", "anki"),
    ],
)
def test_an_option_of_another_format_is_refused(capsys, tmp_path, option, fmt):
    value = {
        "--pick": ["5"],
        "--ordering-as": ["matching"],
        "--answer-sheet": [],
        "--minutes": ["30"],
        "--date": ["1 May"],
    }[option]
    line = refused(capsys, "--format", fmt, "--out", str(tmp_path / "q"), option, *value)
    assert option in line and "only" in line
    assert listing(tmp_path) == set()


def test_exports_stay_outside_site(capsys):
    assert "outside site/" in refused(
        capsys, "--format", "json", "--out", str(ROOT / "site" / "x.json")
    )


def test_a_run_from_outside_the_repository_says_where_to_run_it(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["quiz", "--format", "json", "--out", "q.json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "run the command from the repository" in err[0]
    assert main(["--project", str(tmp_path), "check"]) == 2
    assert "is not the course repository" in capsys.readouterr().err
    assert listing(tmp_path) == set()


def test_the_real_command_exits_with_one_line(tmp_path):
    """Through `python -m build_tools`, as an instructor runs it: status 2, one line, no
    traceback."""
    for args in (
        ["quiz", "--format", "json", "--out", "q.json"],
        ["--project", str(ROOT), "quiz", "--format", "json", "--out", "q.json", "--variants", "0"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "build_tools", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert (
            done.returncode == 2
            and done.stdout == ""
            and len(done.stderr.strip().splitlines()) == 1
        ), done.stderr
    assert listing(tmp_path) == set()


def test_a_run_from_a_subfolder_finds_the_repository(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "docs")
    assert (
        main(["quiz", "--format", "json", "--count", "2", "--out", str(tmp_path / "q.json")]) == 0
    )
    assert json.loads((tmp_path / "q.json").read_text())["count"] == 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_file_gets_its_format_extension(capsys, tmp_path, fmt):
    status, _, out = run(capsys, "--format", fmt, "--out", str(tmp_path / "p"), "--count", "3")
    suffix = FORMATS[fmt].SUFFIX
    assert status == 0 and (tmp_path / f"p{suffix}").is_file()
    expected = {f"p{suffix}", f"p{suffix}.manifest.json"} | (
        {"p-key.html"} if fmt == "print" else set()
    )
    assert listing(tmp_path) == expected
    assert f"wrote {tmp_path / ('p' + suffix)}" in out


def test_a_variants_folder_is_replaced_whole(capsys, tmp_path):
    exam = tmp_path / "exam"
    export(ROOT, "print", exam, "--seed", "1", "--count", "5", "--variants", "5")
    assert {p for p in listing(exam) if p.startswith("variant-")} == {
        f"variant-0{n}{k}.html" for n in range(1, 6) for k in ("", "-key")
    }
    export(ROOT, "print", exam, "--seed", "2", "--count", "5", "--variants", "2")
    assert listing(exam) == {
        "variant-01.html",
        "variant-01-key.html",
        "variant-02.html",
        "variant-02-key.html",
        "manifest.json",
    }
    assert json.loads((exam / "manifest.json").read_text())["seed"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["exam"]  # no staging folder left behind


def test_a_folder_the_tool_did_not_write_is_never_replaced(capsys, tmp_path):
    (tmp_path / "thesis.docx").write_text("years of work")
    line = refused(
        capsys, "--format", "print", "--out", str(tmp_path), "--count", "3", "--variants", "2"
    )
    assert "did not write" in line
    assert listing(tmp_path) == {"thesis.docx"}


def test_a_failed_export_leaves_the_previous_one_as_it_was(capsys, tmp_path, monkeypatch):
    from build_tools.exporters import moodle

    out = export(ROOT, "moodle", tmp_path / "q.xml", "--count", "4")
    before = {p: (tmp_path / p).read_bytes() for p in listing(tmp_path)}
    capsys.readouterr()

    def half_written(items, path, meta):
        path.write_text("<quiz>")  # the disk fills up half-way
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(moodle, "write", half_written)
    assert "No space left on device" in refused(
        capsys, "--format", "moodle", "--out", str(out), "--count", "9"
    )
    assert {p: (tmp_path / p).read_bytes() for p in listing(tmp_path)} == before


def test_an_answer_sheet_no_longer_asked_for_is_removed(capsys, tmp_path):
    export(ROOT, "print", tmp_path / "exam.html", "--count", "4", "--answer-sheet")
    assert (tmp_path / "exam-sheet.html").is_file()
    export(ROOT, "print", tmp_path / "exam.html", "--count", "4")
    assert listing(tmp_path) == {"exam.html", "exam-key.html", "exam.html.manifest.json"}


# --- choosing items -------------------------------------------------------------------------


def test_ids_pick_exactly_those_items(capsys, tmp_path, bank):
    wanted = [bank[3].id, bank[len(bank) // 2].id, bank[-1].id]
    ids = tmp_path / "ids.txt"
    ids.write_text(f"# my three\n{wanted[0]}\n\n{wanted[1]}  # a comment\n{wanted[2]}\n")
    out = export(ROOT, "json", tmp_path / "q.json", "--ids", str(ids))
    assert sorted(i["id"] for i in json.loads(out.read_text())["items"]) == sorted(wanted)


def test_unknown_or_missing_id_files_are_refused(capsys, tmp_path, bank):
    ids = tmp_path / "ids.txt"
    ids.write_text(f"{bank[0].id}\nno-such-item\n")
    assert "1 id(s) not in the bank: no-such-item" in refused(
        capsys, "--format", "json", "--out", str(tmp_path / "q.json"), "--ids", str(ids)
    )
    assert "no such file" in refused(
        capsys,
        "--format",
        "json",
        "--out",
        str(tmp_path / "q.json"),
        "--exclude",
        str(tmp_path / "missing.txt"),
    )
    ids.write_text("# nothing yet\n")
    assert "lists no item ids" in refused(
        capsys, "--format", "json", "--out", str(tmp_path / "q.json"), "--ids", str(ids)
    )
    assert listing(tmp_path) == {"ids.txt"}


def test_last_years_manifest_excludes_its_items_and_the_manifest_records_the_draw(
    capsys, tmp_path, content
):
    export(ROOT, "print", tmp_path / "2026", "--seed", "7", "--count", "30", "--variants", "2")
    last_year = json.loads((tmp_path / "2026" / "manifest.json").read_text())
    assert last_year["seed"] == 7 and last_year["count"] == 30
    assert last_year["version"] == content.outline.version
    used = {i for v in last_year["variants"] for i in v["ids"]}
    assert len(used) > 30
    out = export(
        ROOT,
        "qti",
        tmp_path / "2027.zip",
        "--seed",
        "7",
        "--count",
        "30",
        "--exclude",
        str(tmp_path / "2026" / "manifest.json"),
    )
    manifest = json.loads(out.with_name("2027.zip.manifest.json").read_text())
    assert len(manifest["ids"]) == 30 and not used & set(manifest["ids"])
    assert manifest["files"] == ["2027.zip"] and manifest["filters"]["excluded"] == len(used)
    assert manifest["filters"]["levels"] == []
    assert sum(manifest["picks"].values()) == content.outline.assessment.items


# --- the README's commands ------------------------------------------------------------------


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## For instructors", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    lines = [line.split("  #", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/python -m build_tools ")]


def test_the_readme_shows_commands():
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_runs(capsys, tmp_path, command, bank):
    args = shlex.split(command)[3:]
    if "--exclude" in args or "--ids" in args:  # the README shows last year's manifest: make one
        export(
            ROOT,
            "print",
            tmp_path / "exports" / "exam-2026",
            "--seed",
            "6",
            "--count",
            "30",
            "--variants",
            "5",
        )
        ids_file(tmp_path / "exports", [i.id for i in bank[:25]])
    if "--changes-since" in args:  # the copy in the LMS: an earlier export of the same quiz
        export(ROOT, "moodle", tmp_path / "exports" / "quiz.xml", "--seed", "7")
    if "--responses" in args:  # a Moodle Responses report, from simulated learners
        items, kinds = pick_items(bank)
        (tmp_path / "exports").mkdir(exist_ok=True)
        report = moodle_responses(items, simulate(items, kinds, learners=60))
        (tmp_path / "exports" / "responses.csv").write_text(report, encoding="utf-8")
    args = [a.replace("exports/", f"{tmp_path}/exports/") for a in args]
    assert main(["--project", str(ROOT), *args]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.count("wrote ") >= 2


def test_a_drawn_quiz_follows_the_blueprint_and_levels(tmp_path, content):
    """--count draws as the final assessment does: each module at least its minimum, one item per
    family; --level keeps only items that demand that much."""
    out = export(ROOT, "json", tmp_path / "quiz.json", "--seed", "5", "--count", "20")
    items = json.loads(out.read_text())["items"]
    assert len(items) == 20 and len({i["family"] for i in items}) == 20
    minimum = content.outline.assessment.min_per_module
    assert all(sum(i["topic"] == m.id for i in items) >= minimum for m in content.outline.modules)
    levels = ("--level", "apply", "analyze")
    out = export(ROOT, "json", tmp_path / "quiz.json", "--seed", "5", "--count", "8", *levels)
    assert {i["level"] for i in json.loads(out.read_text())["items"]} <= {"apply", "analyze"}
