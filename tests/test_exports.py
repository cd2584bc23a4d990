"""Every export format, checked with a real parser or importer, and byte-identical per seed."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from quizhelpers import IN_CI, export, need, npm_available, real_bank

from build_tools.exporters.fractions import _MOODLE
from build_tools.exporters.gift import dumps as gift_dumps

COURSE, BANK = real_bank()
FORMATS = {"json": ".json", "csv": ".csv", "gift": ".gift", "moodle": ".xml", "qti": ".zip", "anki": ".apkg", "print": ".html"}
SCHEMA = ROOT.parent / "shared" / "schemas" / "qti12" / "ims_qtiasiv1p2.xsd"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_same_seed_gives_identical_bytes(tmp_path, fmt):
    suffix = FORMATS[fmt]
    first = export(ROOT, fmt, tmp_path / f"a{suffix}", "--seed", "7", "--count", "30")
    second = export(ROOT, fmt, tmp_path / f"b{suffix}", "--seed", "7", "--count", "30")
    other = export(ROOT, fmt, tmp_path / f"c{suffix}", "--seed", "8", "--count", "30")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_variants_draw_different_items_each_with_its_key(tmp_path):
    out = export(ROOT, "print", tmp_path / "exam", "--seed", "3", "--count", "10", "--variants", "3")
    exams = sorted(out.glob("variant-0?.html"))
    keys = sorted(out.glob("variant-0?-key.html"))
    assert len(exams) == 3 and len(keys) == 3
    assert len({e.read_text() for e in exams}) == 3


def test_cli_errors_are_one_line(capsys):
    from build_tools.cli import main
    assert main(["--project", str(ROOT), "quiz", "--format", "json", "--out", "/tmp/x.json", "--topics", "nope"]) == 2
    assert main(["--project", str(ROOT), "quiz", "--format", "json", "--out", "/tmp/x.json", "--count", "100000"]) == 2
    assert main(["--project", str(ROOT), "quiz", "--format", "json", "--out", str(ROOT / "site" / "x.json")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("error: ") for line in err)


# --- GIFT ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gift_parser(tmp_path_factory):
    need(npm_available(), "node and npm are needed to parse GIFT with gift-pegjs")
    where = tmp_path_factory.mktemp("gift")
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(where), "gift-pegjs@1"],
                   check=True, capture_output=True)
    script = where / "parse.js"
    script.write_text("const g=require('gift-pegjs');let s='';process.stdin.on('data',d=>s+=d)"
                      ".on('end',()=>process.stdout.write(JSON.stringify(g.parse(s))));")
    return lambda text: json.loads(subprocess.run(["node", str(script)], input=text, capture_output=True, text=True,
                                                  check=True, cwd=where).stdout)


def test_gift_parses_back_into_our_items(gift_parser):
    parsed = [q for q in gift_parser(gift_dumps(BANK, "CAR T course")) if q["type"] != "Category"]
    assert len(parsed) == len(BANK)
    by_id = {i.id: i for i in BANK}
    for q in parsed:
        item = by_id[q["title"]]
        assert q["stem"]["text"] == item.stem
        assert q["globalFeedback"]["text"] == item.explanation
        if item.type in ("single", "multiple"):
            assert q["type"] == "MC"
            assert [c["text"]["text"] for c in q["choices"]] == [o.text for o in item.options]
            if item.type == "single":
                assert [c["isCorrect"] for c in q["choices"]] == [o.correct for o in item.options]
            else:
                assert [c["weight"] > 0 for c in q["choices"]] == [o.correct for o in item.options]
        elif item.type == "truefalse":
            assert q["type"] == "TF" and q["isTrue"] == (item.correct_options[0].id == "true")
        elif item.type == "numeric":
            assert q["type"] == "Numerical" and q["choices"]["number"] == item.answer
        else:
            assert q["type"] == "Matching"
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in q["matchPairs"]]
            expected = [(p.left, p.right) for p in item.pairs] or [(s, str(n)) for n, s in enumerate(item.order, 1)]
            assert pairs == expected


def test_gift_escapes_every_special_character(gift_parser):
    nasty = "a~b=c#d{e}f:g"
    item = BANK[0].__class__(**{**BANK[0].__dict__, "stem": f"Which {nasty}?", "explanation": nasty})
    [q] = [q for q in gift_parser(gift_dumps([item], "t")) if q["type"] != "Category"]
    assert q["stem"]["text"] == f"Which {nasty}?" and q["globalFeedback"]["text"] == nasty
    assert len(q["choices"]) == len(item.options)


# --- Moodle XML -----------------------------------------------------------------------------

def test_moodle_xml_structure(tmp_path):
    doc = etree.parse(str(export(ROOT, "moodle", tmp_path / "q.xml")))
    questions = doc.findall("question")
    categories = [q for q in questions if q.get("type") == "category"]
    real = [q for q in questions if q.get("type") != "category"]
    assert len(real) == len(BANK)
    assert {c.findtext("category/text").rsplit("/", 1)[1] for c in categories} == {m.id for m in COURSE.course.modules}
    by_id = {i.id: i for i in BANK}
    allowed = set(_MOODLE.values()) | {"0", "-100"}
    for q in real:
        item = by_id[q.findtext("idnumber")]
        assert q.findtext("name/text") == item.id and q.findtext("questiontext/text") == item.stem
        assert f"id:{item.id}" in [t.text for t in q.findall("tags/tag/text")]
        kind = q.get("type")
        if kind == "multichoice":
            fractions = [a.get("fraction") for a in q.findall("answer")]
            assert set(fractions) <= allowed
            if q.findtext("single") == "true":
                assert fractions.count("100") == 1
        elif kind == "numerical":
            assert float(q.findtext("answer/text")) == item.answer
        elif kind == "matching":
            assert len(q.findall("subquestion")) == len(item.pairs)
        elif kind == "ordering":
            assert [a.findtext("text") for a in q.findall("answer")] == list(item.order)


# --- QTI for Canvas -------------------------------------------------------------------------

def test_qti_zip_validates_and_idents_match(tmp_path):
    path = export(ROOT, "qti", tmp_path / "q.zip")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        ns = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
        hrefs = [f.get("href") for f in manifest.findall(".//cp:file", ns)]
        assert set(hrefs) <= set(names)
        [quiz_href] = [h for h in hrefs if not h.endswith("assessment_meta.xml")]
        assessment = etree.fromstring(zf.read(quiz_href))
        meta = etree.fromstring(zf.read(quiz_href.rsplit("/", 1)[0] + "/assessment_meta.xml"))
    q = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    assert meta.get("identifier") == assessment.find("q:assessment", q).get("ident")
    items = assessment.findall(".//q:item", q)
    assert len(items) == len(BANK)
    for item in items:
        labels = {el.get("ident") for el in item.findall(".//q:response_label", q)}
        responses = {el.get("ident") for el in item.findall(".//q:response_lid", q)} | {
            el.get("ident") for el in item.findall(".//q:response_str", q)}
        for var in item.findall(".//q:varequal", q):
            assert var.get("respident") in responses
            if item.find(".//q:response_str", q) is None:
                assert var.text in labels
    need(SCHEMA.exists(), f"QTI schema not found at {SCHEMA}")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.ElementTree(assessment)), schema.error_log


# --- Anki -----------------------------------------------------------------------------------

def _import_each(paths: list[Path], collection: Path) -> list[tuple[int, int]]:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    col = Collection(str(collection))
    counts = []
    try:
        for path in paths:
            out = col.import_anki_package(ImportAnkiPackageRequest(
                package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True)))
            counts.append((col.note_count(), len(out.log.updated)))
    finally:
        col.close()
    return counts


def test_anki_deck_imports_twice_without_duplicates_and_updates_edits(project, tmp_path):
    need(IN_CI or importlib.util.find_spec("anki") is not None, "the anki package is in the test extra")
    from anki.collection import Collection

    first = export(project.root, "anki", tmp_path / "a.apkg")
    again = export(project.root, "anki", tmp_path / "b.apkg")
    project.replace("content/adverse_effects.yaml", "      after: {value: 4, unit: percent}\n",
                    "      after: {value: 3, unit: percent}\n")
    # Anki takes an edited note only when it is newer: the content's review date says so.
    project.replace("content/course.yaml", "reviewed: 2026-11-24", "reviewed: 2026-12-01")
    edited = export(project.root, "anki", tmp_path / "c.apkg")
    collection = tmp_path / "collection.anki2"
    counts = _import_each([first, again, edited], collection)
    assert [n for n, _ in counts] == [len(BANK)] * 3  # no note added twice
    col = Collection(str(collection))
    try:
        query = '"ItemId:toxicity-figures*uk-early-intervention"'
        answers = [col.get_note(nid)["Answer"] for nid in col.find_notes(query)]
    finally:
        col.close()
    assert len(answers) == 2 and all(a.startswith("3") for a in answers)  # the edit reached the cards
