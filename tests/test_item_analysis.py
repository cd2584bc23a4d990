"""`quiz --format analysis --responses FILE --out DIR`: results files generated from a known
response model, in each format an LMS writes, give flags on exactly the items made to misbehave;
the review report shows the results beside each item; a file this tool cannot read is one line
and exit status 2, with nothing written."""

from __future__ import annotations

import csv
import json

import lxml.html
import pytest
from analysishelpers import (
    MISBEHAVING,
    canvas_items,
    canvas_students,
    moodle_responses,
    pick_items,
    scorm_interactions,
    simulate,
)
from conftest import ROOT

from build_tools.analysis.stats import pearson
from build_tools.cli import main

WRITERS = {
    "moodle": moodle_responses,
    "canvas-students": canvas_students,
    "canvas-items": canvas_items,
    "scorm": scorm_interactions,
}


@pytest.fixture(scope="module")
def model(bank):
    items, kinds = pick_items(bank)
    return items, kinds, simulate(items, kinds)


def analyse(tmp_path, name: str, text: str, capsys) -> tuple[dict, str]:
    source = tmp_path / f"{name}.csv"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}-analysis"
    capsys.readouterr()
    args = ["quiz", "--format", "analysis", "--responses", str(source), "--out", str(out)]
    assert main(["--project", str(ROOT), *args]) == 0, capsys.readouterr().err
    data = json.loads((out / "item-analysis.json").read_text(encoding="utf-8"))
    return {s["item"]: s for s in data["items"]}, capsys.readouterr().out


@pytest.mark.parametrize("kind", WRITERS)
def test_exactly_the_misbehaving_items_are_flagged(tmp_path, capsys, model, kind):
    items, kinds, answers = model
    stats, printed = analyse(tmp_path, kind, WRITERS[kind](items, answers), capsys)
    assert set(stats) == {i.id for i in items}  # every response mapped to its item
    flagged = {k for k, s in stats.items() if s["flags"]}
    assert flagged == set(kinds), {k: stats[k]["flags"] for k in flagged ^ set(kinds)}
    for item, how in kinds.items():
        expected = MISBEHAVING[how]
        if kind == "canvas-items" and how == "miskey":  # totals only: no choices to count
            expected = "non-discriminating"
        assert expected in stats[item]["flags"], (item, how, stats[item])
    assert f"{len(kinds)} flagged" in printed
    assert all(f"flagged: {k} (" in printed for k in kinds)


def test_statistics_match_the_responses(tmp_path, capsys, model):
    """Facility, point-biserial against the rest score and choice counts, recomputed here from
    the simulated answers."""
    items, kinds, answers = model
    stats, _ = analyse(tmp_path, "moodle", moodle_responses(items, answers), capsys)
    totals = {who: sum(g.right for g in given.values()) for who, given in answers.items()}
    for item in items:
        right = [float(given[item.id].right) for given in answers.values()]
        rest = [
            (totals[who] - given[item.id].right) / (len(items) - 1)
            for who, given in answers.items()
        ]
        s = stats[item.id]
        assert s["responses"] == len(answers) and s["facility"] == pytest.approx(
            sum(right) / len(right)
        )
        assert s["point_biserial"] == pytest.approx(pearson(right, rest))
        if item.type in ("single", "multiple", "truefalse"):
            for o in item.options:
                chose = sum(o.id in given[item.id].options for given in answers.values())
                assert s["choices"].get(o.id, 0) == chose


def test_the_csv_reads_in_a_spreadsheet(tmp_path, capsys, model):
    items, _, answers = model
    analyse(tmp_path, "scorm", scorm_interactions(items, answers), capsys)
    with open(tmp_path / "scorm-analysis" / "item-analysis.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["item"] for r in rows] == sorted(i.id for i in items)  # the bank's order: by id
    assert all(0 <= float(r["facility"]) <= 1 for r in rows)
    choice = next(r for r in rows if r["type"] == "single")
    assert "(key)" in choice["choices"]


def test_the_review_report_shows_results_beside_each_item(tmp_path, capsys, model):
    items, kinds, answers = model
    source = tmp_path / "responses.csv"
    source.write_text(moodle_responses(items, answers), encoding="utf-8")
    out = tmp_path / "review.html"
    args = ["quiz", "--format", "review", "--responses", str(source), "--out", str(out)]
    assert main(["--project", str(ROOT), *args]) == 0
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    for item in items:
        [article] = page.xpath(f"//article[@id='{item.id}']")
        results = article.xpath(".//p[@class='results']")[0].text_content()
        assert f"{len(answers)} responses" in results and "facility" in results
        shown = [li.text_content() for li in article.xpath(".//ul[@class='results-flags']/li")]
        assert bool(shown) == (item.id in kinds)
        if item.id in kinds:
            assert MISBEHAVING[kinds[item.id]] in shown
    others = [a for a in page.xpath("//article") if a.get("id") not in {i.id for i in items}]
    assert all(
        "no responses" in a.xpath(".//p[@class='results']")[0].text_content() for a in others
    )


MALFORMED = {
    "empty.csv": "",
    "notes.csv": "date,weather\n2027-03-01,rain\n",
    "short-row.csv": None,  # a Moodle report with a row cut short
    "no-question-text.csv": "\ufeffLast name,First name,Status,Response 1\nA,B,Finished,True\n",
    "binary.csv": b"\x89PNG\r\n\x1a\n\x00\x00",
    "folder": "dir",
    "missing.csv": "absent",
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_file_this_tool_cannot_read_is_one_line(tmp_path, capsys, model, name):
    items, _, answers = model
    source, out = tmp_path / name, tmp_path / "out"
    content = MALFORMED[name]
    if content is None:
        text = moodle_responses(items[:3], dict(list(answers.items())[:5])).splitlines()
        text[3] = text[3].rsplit(",", 2)[0]
        source.write_text("\n".join(text) + "\n", encoding="utf-8")
    elif content == "dir":
        source.mkdir()
    elif isinstance(content, bytes):
        source.write_bytes(content)
    elif content != "absent":
        source.write_text(content, encoding="utf-8")
    args = ["quiz", "--format", "analysis", "--responses", str(source), "--out", str(out)]
    assert main(["--project", str(ROOT), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(source) in err, err
    assert not out.exists()
    if name == "short-row.csv":
        assert "line 4" in err
    if name == "no-question-text.csv":
        assert "Question text" in err


def test_responses_only_with_analysis_or_review(tmp_path, capsys):
    args = ["quiz", "--format", "csv", "--responses", "x.csv", "--out", str(tmp_path / "q.csv")]
    assert main(["--project", str(ROOT), *args]) == 2
    assert "--responses applies to" in capsys.readouterr().err
    args = ["quiz", "--format", "analysis", "--out", str(tmp_path / "a")]
    assert main(["--project", str(ROOT), *args]) == 2
    assert "needs --responses" in capsys.readouterr().err
