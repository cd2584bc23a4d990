"""`--changes-since MANIFEST`: after a content edit, the items the edit changed, and only those,
with what changed in each; items added to or gone from the bank; a manifest without item hashes
is one clear line."""

from __future__ import annotations

import json

from build_tools.content.loader import load_course
from build_tools.quiz.answers import answer_text
from build_tools.quiz.bank import build_bank


def bank_of(project) -> dict:
    course = load_course(project.path("content"), shown_relative_to=project.root)
    return {i.id: i for i in build_bank(course, project.path("quizbank"))}


def listed(out: str, kind: str) -> dict[str, str]:
    """`kind: id (parts)` lines of the report: id -> parts."""
    found = {}
    for line in out.splitlines():
        if line.startswith(f"{kind}: "):
            rest = line.removeprefix(f"{kind}: ")
            found[rest.split(" (")[0]] = rest.partition(" (")[2].rstrip(")")
    return found


def test_a_content_edit_is_named_item_by_item(project, tmp_path, capsys):
    before = bank_of(project)
    assert project.run("quiz", "--format", "moodle", "--out", str(tmp_path / "q.xml")) == 0
    manifest = tmp_path / "q.xml.manifest.json"
    # two edits: a Table 1 rate a stem quotes, and a rate a numeric item asks for
    project.replace("content/products.yaml", "    crs_percent: 89\n", "    crs_percent: 87\n")
    project.replace(
        "content/adverse_effects.yaml",
        "      after: {value: 4, unit: percent}\n    refs: [57]",
        "      after: {value: 5, unit: percent}\n    refs: [57]",
    )
    after = bank_of(project)
    edited = {i for i in after if i in before and after[i].content_hash != before[i].content_hash}
    assert edited and set(after) == set(before)  # the edit reached items and removed none
    capsys.readouterr()

    new = tmp_path / "new.xml"
    assert (
        project.run(
            "quiz", "--format", "moodle", "--out", str(new), "--changes-since", str(manifest)
        )
        == 0
    )
    out = capsys.readouterr().out
    changed = listed(out, "changed")
    assert set(changed) == edited
    assert f"0 added, 0 removed, {len(edited)} changed, {len(after) - len(edited)} unchanged" in out
    for i, parts in changed.items():
        old, now = before[i], after[i]
        assert ("key" in parts) == (answer_text(old) != answer_text(now)), i
        assert ("wording" in parts) == (old.stem != now.stem), i
        assert ("options" in parts) == (
            sorted(o.text for o in old.options) != sorted(o.text for o in now.options)
        ), i
    assert "key" in changed["toxicity-figures:uk-early-intervention"]
    assert "wording" in changed["table1-cross-trial:b-all"]

    # the new manifest is the next comparison's base: nothing has changed since it
    capsys.readouterr()
    manifest = new.with_name(new.name + ".manifest.json")
    assert (
        project.run(
            "quiz",
            "--format",
            "gift",
            "--out",
            str(tmp_path / "q.gift"),
            "--changes-since",
            str(manifest),
        )
        == 0
    )
    assert f"0 added, 0 removed, 0 changed, {len(after)} unchanged" in capsys.readouterr().out


def test_items_new_to_the_bank_gone_from_it_or_not_drawn(project, tmp_path, capsys):
    assert project.run("quiz", "--format", "csv", "--out", str(tmp_path / "q.csv")) == 0
    manifest = tmp_path / "q.csv.manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    ids = sorted(data["items"])
    gone = data["items"].pop(ids[0])  # the earlier export lacked this item: it is new
    data["items"]["retired-blueprint:x"] = gone  # and held one the bank no longer has
    manifest.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert (
        project.run(
            "quiz",
            "--format",
            "csv",
            "--out",
            str(tmp_path / "new.csv"),
            "--changes-since",
            str(manifest),
        )
        == 0
    )
    out = capsys.readouterr().out
    assert list(listed(out, "added")) == [ids[0]]
    assert list(listed(out, "removed")) == ["retired-blueprint:x"]
    assert listed(out, "changed") == {}

    capsys.readouterr()
    args = ("--topics", "car-anatomy", "--changes-since", str(manifest))
    assert project.run("quiz", "--format", "csv", "--out", str(tmp_path / "few.csv"), *args) == 0
    out = capsys.readouterr().out
    assert len(listed(out, "not in this export")) > 100 and listed(out, "removed") == {
        "retired-blueprint:x": ""
    }


def test_a_manifest_without_item_hashes_is_one_line(project, tmp_path, capsys):
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"tool": "python -m build_tools quiz", "ids": ["a"]}))
    out = tmp_path / "q.csv"
    assert (
        project.run("quiz", "--format", "csv", "--out", str(out), "--changes-since", str(old)) == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "records no item hashes" in err and str(old) in err
    assert not out.exists()  # refused before anything was written
    assert (
        project.run(
            "quiz",
            "--format",
            "csv",
            "--out",
            str(out),
            "--changes-since",
            str(tmp_path / "none.json"),
        )
        == 2
    )
    assert "no such file" in capsys.readouterr().err
