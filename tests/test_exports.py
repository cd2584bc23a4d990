"""Every export format, checked with a real parser or importer, and byte-identical per seed."""

from __future__ import annotations

import datetime
import importlib.util
import json
import re
import subprocess
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from conftest import REVIEWED, ROOT
from lxml import etree
from quizhelpers import IN_CI, export, ids_file, need, npm_package

from build_tools.exporters.gift import dumps as gift_dumps
from build_tools.exporters.meta import ExportMeta
from build_tools.exporters.moodle import dumps as moodle_dumps
from build_tools.exporters.qti import assessment as qti_assessment
from build_tools.quiz.item import short_hash

FORMATS = {
    "json": ".json",
    "csv": ".csv",
    "gift": ".gift",
    "moodle": ".xml",
    "qti": ".zip",
    "anki": ".apkg",
    "print": ".html",
}
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
    out = export(
        ROOT, "print", tmp_path / "exam", "--seed", "3", "--count", "10", "--variants", "3"
    )
    exams = sorted(out.glob("variant-0?.html"))
    keys = sorted(out.glob("variant-0?-key.html"))
    assert len(exams) == 3 and len(keys) == 3
    assert len({e.read_text() for e in exams}) == 3


def test_csv_has_a_row_per_item_with_its_level_and_family(tmp_path, bank):
    import csv

    rows = list(csv.DictReader(export(ROOT, "csv", tmp_path / "q.csv").open(encoding="utf-8")))
    assert sorted((r["id"], r["level"], r["family"]) for r in rows) == sorted(
        (i.id, i.level, i.family) for i in bank
    )


def test_csv_cells_that_would_be_formulas_stay_text(tmp_path, content, bank):
    import csv

    from build_tools.exporters import csv_export

    formula = '=HYPERLINK("http://x")'
    chosen = next(i for i in bank if i.type == "single")
    item = replace(
        chosen,
        stem=formula,
        explanation="+1",
        options=tuple(replace(o, text=f"@{o.text}") for o in chosen.options),
    )
    csv_export.write([item], tmp_path / "q.csv", ExportMeta("t", content.outline.reviewed))
    [header, row] = list(csv.reader((tmp_path / "q.csv").open(encoding="utf-8")))
    cells = dict(zip(header, row, strict=True))
    assert (
        cells["stem"] == "'" + formula
        and cells["explanation"] == "'+1"
        and cells["options"].startswith("'@")
    )
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


# --- GIFT ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift_parser(tmp_path_factory):
    gift = npm_package("gift-pegjs")
    script = tmp_path_factory.mktemp("gift") / "parse.js"
    script.write_text(
        f"const g=require({json.dumps(str(gift))});let s='';"
        "process.stdin.on('data',d=>s+=d)"
        ".on('end',()=>process.stdout.write(JSON.stringify(g.parse(s))));"
    )

    def parse(text: str):
        node = subprocess.run(
            ["node", str(script)], input=text, capture_output=True, text=True, check=True
        )
        return json.loads(node.stdout)

    return parse


def test_gift_parses_back_into_our_items(gift_parser, content, bank):
    modules = content.outline.modules
    titles = {m.id: m.title for m in modules}
    meta = ExportMeta("CAR T course", content.outline.reviewed, modules=titles)
    everything = gift_parser(gift_dumps(bank, meta))
    categories = [q["title"] for q in everything if q["type"] == "Category"]
    top = "$course$/top/CAR T course"
    assert categories == [f"{top}/{n}. {m.title}" for n, m in enumerate(modules, 1)]
    parsed = [q for q in everything if q["type"] != "Category"]
    assert len(parsed) == len(bank)
    by_id = {i.id: i for i in bank}
    for q in parsed:
        item = by_id[q["title"]]
        assert q["stem"]["text"] == item.stem
        assert q["globalFeedback"]["text"] == item.explanation
        if item.type in ("single", "multiple"):
            assert q["type"] == "MC"
            assert [c["text"]["text"] for c in q["choices"]] == [o.text for o in item.options]
            assert [(c["feedback"] or {}).get("text") or "" for c in q["choices"]] == [
                o.why for o in item.options
            ]
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
            expected = [(p.left, p.right) for p in item.pairs] or [
                (s, str(n)) for n, s in enumerate(item.order, 1)
            ]
            assert pairs == expected


def test_gift_escapes_every_special_character(gift_parser, content, bank):
    nasty = "a~b=c#d{e}f:g"
    single = next(i for i in bank if i.type == "single")
    item = single.__class__(**{**single.__dict__, "stem": f"Which {nasty}?", "explanation": nasty})
    parsed = gift_parser(gift_dumps([item], ExportMeta("t", content.outline.reviewed)))
    [q] = [q for q in parsed if q["type"] != "Category"]
    assert q["stem"]["text"] == f"Which {nasty}?" and q["globalFeedback"]["text"] == nasty
    assert len(q["choices"]) == len(item.options)


# --- Moodle XML -----------------------------------------------------------------------------
# The rules below are Moodle's, read from question/format/xml/format.php (qformat_xml) and the code
# it calls: question_bank::fraction_options_full() for fractions, core_tag_tag (TAG_MAX_LENGTH 50),
# question_bank_entries.idnumber (100), question.name (255), split_category_path() for categories.

MOODLE_FRACTIONS = {
    "100",
    "90",
    "83.33333",
    "80",
    "75",
    "70",
    "66.66667",
    "60",
    "50",
    "40",
    "33.33333",
    "30",
    "25",
    "20",
    "16.66667",
    "14.28571",
    "12.5",
    "11.11111",
    "10",
    "5",
    "0",
}
MOODLE_FRACTIONS |= {f"-{f}" for f in MOODLE_FRACTIONS if f != "0"}
MOODLE_FORMATS = {"html", "plain_text", "moodle_auto_format", "markdown"}


def split_category_path(path: str) -> list[str]:
    """Moodle's own rule: `/` separates names, `//` is a slash inside a name."""
    return [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]


def moodle_problems(doc: etree._ElementTree) -> list[str]:
    """Everything Moodle's importer would refuse, cut or misread in this file."""
    problems, idnumbers, id_tags = [], Counter(), Counter()
    root = doc.getroot()
    if root.tag != "quiz":
        return ["root element is not <quiz>"]
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            if not (q.findtext("category/text") or "").startswith("$course$/"):
                problems.append("category outside the course context")
            continue
        name = q.findtext("name/text") or ""
        where = f"{kind} {name[:40]!r}"
        if not name.strip() or len(name) > 255:
            problems.append(f"{where}: name empty or over 255 characters")
        if q.find("questiontext/text") is None:
            problems.append(f"{where}: no questiontext")
        for el in q.iter():
            if el.get("format") is not None and el.get("format") not in MOODLE_FORMATS:
                problems.append(f"{where}: unknown text format {el.get('format')}")
        idnumber = q.findtext("idnumber") or ""
        idnumbers[idnumber] += 1
        if not idnumber or len(idnumber) > 100:
            problems.append(f"{where}: ID number empty or over 100 characters")
        tags = [t.text or "" for t in q.findall("tags/tag/text")]
        problems += [f"{where}: tag {t!r} over 50 characters" for t in tags if len(t) > 50]
        id_tags.update(t for t in tags if t.startswith("id:"))
        answers = q.findall("answer")
        fractions = [a.get("fraction") for a in answers]
        if kind == "multichoice":
            if q.findtext("single") not in ("true", "false") or len(answers) < 2:
                problems.append(f"{where}: <single> missing or fewer than two answers")
            problems += [
                f"{where}: fraction {f} refused on import"
                for f in fractions
                if f not in MOODLE_FRACTIONS
            ]
            positive = sum(float(f) for f in fractions if float(f) > 0)
            best = max(float(f) for f in fractions)
            single = q.findtext("single") == "true"
            if (single and best != 100) or (not single and abs(positive - 100) > 0.01):
                problems.append(f"{where}: right answers do not make 100%")
        elif kind == "truefalse":
            if sorted(a.findtext("text") for a in answers) != ["false", "true"] or sorted(
                fractions
            ) != ["0", "100"]:
                problems.append(
                    f"{where}: true/false answers are not one 'true' and one 'false', "
                    "one of them 100"
                )
        elif kind == "numerical":
            for a in answers:
                # both must be numbers
                float(a.findtext("text")), float(a.findtext("tolerance") or 0)
            units = q.findall("units/unit")
            if units and units[0].findtext("multiplier") != "1":
                problems.append(f"{where}: the first unit must have multiplier 1")
        elif kind == "matching":
            subs = q.findall("subquestion")
            if len(subs) < 2 or any(not (s.findtext("answer/text") or "").strip() for s in subs):
                problems.append(f"{where}: matching needs two or more pairs with answers")
        elif kind == "ordering":
            if len(answers) < 2 or sorted(fractions, key=float) != [
                str(n) for n in range(1, len(answers) + 1)
            ]:
                problems.append(f"{where}: ordering answers must be numbered 1..n")
        else:
            problems.append(f"{where}: question type Moodle does not import")
    problems += [f"ID number {i!r} used {n} times" for i, n in idnumbers.items() if n > 1]
    problems += [f"tag {t!r} shared by {n} questions" for t, n in id_tags.items() if n > 1]
    return problems


def html_text(fragment: str) -> str:
    """What a Moodle or Canvas page shows for an HTML text."""
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


@pytest.fixture(scope="module")
def moodle_doc(tmp_path_factory):
    return etree.parse(str(export(ROOT, "moodle", tmp_path_factory.mktemp("moodle") / "q.xml")))


def test_moodle_file_keeps_every_rule_of_moodles_importer(moodle_doc):
    assert moodle_problems(moodle_doc) == []


def test_the_rules_catch_what_moodle_refuses(moodle_doc):
    # The checker must fail on the faults it exists for, or it proves nothing.
    broken = etree.fromstring(etree.tostring(moodle_doc))
    first = broken.find("question[@type='multichoice']")
    first.find("answer").set("fraction", "33.33")
    first.find("tags/tag/text").text = "id:" + "x" * 60
    problems = moodle_problems(etree.ElementTree(broken))
    assert any("33.33 refused" in p for p in problems) and any("over 50" in p for p in problems)


def test_moodle_items_read_back_as_our_items(moodle_doc, content, bank):
    questions = moodle_doc.findall("question")
    real = [q for q in questions if q.get("type") != "category"]
    assert len(real) == len(bank)
    categories = [
        split_category_path(q.findtext("category/text"))
        for q in questions
        if q.get("type") == "category"
    ]
    modules = content.outline.modules
    assert [c[3] for c in categories] == [f"{n}. {m.title}" for n, m in enumerate(modules, 1)]
    assert {c[2] for c in categories} == {content.outline.title}
    by_id = {i.id: i for i in bank}
    names = Counter()
    for q in real:
        item = by_id[q.findtext("idnumber")]  # the full id, as no id is over 100 characters
        names[q.findtext("name/text")] += 1
        # the stem, cut short with "…" if long
        shown = q.findtext("name/text").rsplit(" (", 1)[0].split(" [")[0]
        assert item.stem.startswith(shown.removesuffix("…")) and len(shown) >= min(
            len(item.stem), 40
        )
        assert html_text(q.findtext("questiontext/text")) == item.stem
        assert f"id:{short_hash(item.id, 10)}" in [t.text for t in q.findall("tags/tag/text")]
        kind = q.get("type")
        if kind == "multichoice":
            assert [html_text(a.findtext("text")) for a in q.findall("answer")] == [
                o.text for o in item.options
            ]
            assert [float(a.get("fraction")) > 0 for a in q.findall("answer")] == [
                o.correct for o in item.options
            ]
            assert [html_text(a.findtext("feedback/text") or "") for a in q.findall("answer")] == [
                o.why for o in item.options
            ]
        elif kind == "numerical":
            assert float(q.findtext("answer/text")) == item.answer
            unit = q.findtext("units/unit/unit_name")
            assert unit == {"percent": "%", "count": None, "calendar-year": None}.get(
                item.unit, item.unit
            )
            # the unit is optional: "42" and "42%" both right
            assert q.findtext("unitgradingtype") == "0"
        elif kind == "matching":
            assert [
                (html_text(s.findtext("text")), s.findtext("answer/text"))
                for s in q.findall("subquestion")
            ] == [(p.left, p.right) for p in item.pairs]
        elif kind == "ordering":
            assert [html_text(a.findtext("text")) for a in q.findall("answer")] == list(item.order)
    assert max(names.values()) == 1  # every name tells its question apart


def test_moodle_escapes_markup_in_content(content, bank):
    nasty = 'CD19 < CD22 & "dual" <b>targets</b> it\'s'
    single = next(i for i in bank if i.type == "single")
    item = replace(
        single,
        stem=nasty,
        explanation=nasty,
        options=tuple(replace(o, text=f"{o.text} <i>&</i>") for o in single.options),
    )
    doc = etree.fromstring(moodle_dumps([item], ExportMeta("t", content.outline.reviewed)).encode())
    q = doc.find("question[@type='multichoice']")
    for tag in ("questiontext", "generalfeedback"):
        fragment = q.findtext(f"{tag}/text")
        # no markup made
        assert lxml.html.fragment_fromstring(fragment, create_parent="div").xpath("//b|//i") == []
        assert nasty in html_text(fragment)
    assert [html_text(a.findtext("text")) for a in q.findall("answer")] == [
        f"{o.text} <i>&</i>" for o in single.options
    ]


def test_moodle_ordering_falls_back_to_matching(tmp_path, bank):
    ordering = [i for i in bank if i.type == "ordering"]
    assert ordering
    plain = etree.parse(str(export(ROOT, "moodle", tmp_path / "new.xml")))
    old = etree.parse(
        str(export(ROOT, "moodle", tmp_path / "old.xml", "--ordering-as", "matching"))
    )
    assert len(plain.findall("question[@type='ordering']")) == len(ordering)
    assert old.findall("question[@type='ordering']") == [] and moodle_problems(old) == []
    for item in ordering:
        [q] = [q for q in old.findall("question") if q.findtext("idnumber") == item.id]
        assert q.get("type") == "matching"
        pairs = [
            (html_text(s.findtext("text")), s.findtext("answer/text"))
            for s in q.findall("subquestion")
        ]
        assert pairs == [(step, str(n)) for n, step in enumerate(item.order, 1)]


# --- QTI for Canvas -------------------------------------------------------------------------
Q = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def canvas_match_id(ident: str) -> int | None:
    """Canvas's matching importer (qti/associate_interaction.rb): the first run of digits, as a
    number."""
    found = re.search(r"\d+", ident)
    return int(found.group()) if found else None


def read_qti(path: Path):
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        ns = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
        hrefs = [f.get("href") for f in manifest.findall(".//cp:file", ns)]
        assert set(hrefs) <= set(names)
        [quiz_href] = [h for h in hrefs if not h.endswith("assessment_meta.xml")]
        assessment = etree.fromstring(zf.read(quiz_href))
        meta = etree.fromstring(zf.read(quiz_href.rsplit("/", 1)[0] + "/assessment_meta.xml"))
    return assessment, meta


@pytest.fixture(scope="module")
def qti_whole_bank(tmp_path_factory):
    return read_qti(export(ROOT, "qti", tmp_path_factory.mktemp("qti") / "q.zip"))


def test_qti_validates_and_idents_match(qti_whole_bank, bank):
    assessment, meta = qti_whole_bank
    assert meta.get("identifier") == assessment.find("q:assessment", Q).get("ident")
    items = assessment.findall(".//q:item", Q)
    assert len(items) == len(bank)
    for item in items:
        labels = {el.get("ident") for el in item.findall(".//q:response_label", Q)}
        responses = {el.get("ident") for el in item.findall(".//q:response_lid", Q)} | {
            el.get("ident") for el in item.findall(".//q:response_str", Q)
        }
        for var in item.findall(".//q:varequal", Q):
            assert var.get("respident") in responses
            if item.find(".//q:response_str", Q) is None:
                assert var.text in labels
        feedback = {f.get("ident") for f in item.findall("q:itemfeedback", Q)}
        assert {d.get("linkrefid") for d in item.findall(".//q:displayfeedback", Q)} == feedback
    need(SCHEMA.exists(), f"QTI schema not found at {SCHEMA}")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.ElementTree(assessment)), schema.error_log


def test_no_two_idents_in_an_item_share_canvas_match_id(qti_whole_bank, bank):
    assessment, _ = qti_whole_bank
    checked = 0
    for lid in assessment.iterfind(".//q:response_lid", Q):
        ids = [
            canvas_match_id(label.get("ident")) for label in lid.iterfind(".//q:response_label", Q)
        ]
        assert None not in ids and len(set(ids)) == len(ids), ids
        checked += 1
    # every choice item, every matching row and every ordering step was looked at
    choices = ("single", "multiple", "truefalse")
    assert checked == sum(len(i.pairs) + len(i.order) + (i.type in choices) for i in bank)
    # the rule itself: the old idents collided under it
    assert canvas_match_id("m4e0740") == canvas_match_id("m4b2277") == 4


def test_qti_has_a_group_per_module_with_picks_and_points(qti_whole_bank, content, bank):
    assessment, meta = qti_whole_bank
    settings = content.outline.assessment
    root = assessment.find("q:assessment/q:section", Q)
    assert root.findall("q:item", Q) == []  # every item sits in its module's group
    groups = root.findall("q:section", Q)
    modules = content.outline.modules
    assert [g.get("title") for g in groups] == [f"{n}. {m.title}" for n, m in enumerate(modules, 1)]
    picks = [
        int(g.findtext("q:selection_ordering/q:selection/q:selection_number", namespaces=Q))
        for g in groups
    ]
    sizes = [len(g.findall("q:item", Q)) for g in groups]
    assert sum(picks) == settings.items and all(
        settings.min_per_module <= p <= n for p, n in zip(picks, sizes, strict=True)
    )
    assert {g.findtext(".//q:points_per_item", namespaces=Q) for g in groups} == {"1.0"}
    assert (
        float(meta.findtext("{http://canvas.instructure.com/xsd/cccv1p0}points_possible"))
        == settings.items
    )
    refs = []
    for item in assessment.iterfind(".//q:item", Q):
        fields = {
            f.findtext("q:fieldlabel", namespaces=Q): f.findtext("q:fieldentry", namespaces=Q)
            for f in item.iterfind("q:itemmetadata//q:qtimetadatafield", Q)
        }
        assert fields["points_possible"] == "1.0"
        refs.append(fields["assessment_question_identifierref"])
        assert item.find("q:presentation/q:material/q:mattext", Q).get("texttype") == "text/html"
    assert len(set(refs)) == len(bank)
    said = {
        html_text(m.text)
        for m in assessment.iterfind(".//q:itemfeedback/q:flow_mat/q:material/q:mattext", Q)
    }
    # every option's feedback reaches Canvas
    assert {o.why for i in bank for o in i.options if o.why} <= said


def test_qti_escapes_markup_in_content(content, bank):
    nasty = "CD19 < CD22 & <b>both</b>"
    item = replace(bank[0], stem=nasty, explanation=nasty)
    meta = ExportMeta("t", content.outline.reviewed)
    root = etree.fromstring(qti_assessment([item], "g1", meta).encode())
    stem = root.find(".//q:presentation/q:material/q:mattext", Q).text
    assert html_text(stem) == nasty
    assert lxml.html.fragment_fromstring(stem, create_parent="div").xpath("//b") == []


# --- Anki -----------------------------------------------------------------------------------


def _import_each(paths: list[Path], collection: Path) -> list[tuple[int, int]]:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection))
    counts = []
    try:
        for path in paths:
            out = col.import_anki_package(
                ImportAnkiPackageRequest(
                    package_path=str(path),
                    options=ImportAnkiPackageOptions(with_scheduling=False, merge_notetypes=True),
                )
            )
            counts.append((col.note_count(), len(out.log.updated)))
    finally:
        col.close()
    return counts


def test_anki_deck_imports_twice_without_duplicates_and_updates_edits(project, tmp_path, bank):
    need(
        IN_CI or importlib.util.find_spec("anki") is not None,
        "the anki package is in the test extra",
    )
    from anki.collection import Collection

    first = export(project.root, "anki", tmp_path / "a.apkg")
    again = export(project.root, "anki", tmp_path / "b.apkg")
    project.replace(
        "content/adverse_effects.yaml",
        "      after: {value: 4, unit: percent}\n",
        "      after: {value: 3, unit: percent}\n",
    )
    # Anki takes an edited note only when it is newer: the content's review date says so.
    later = REVIEWED + datetime.timedelta(days=1)
    project.replace("content/course.yaml", f"reviewed: {REVIEWED}", f"reviewed: {later}")
    edited = export(project.root, "anki", tmp_path / "c.apkg")
    collection = tmp_path / "collection.anki2"
    counts = _import_each([first, again, edited], collection)
    assert [n for n, _ in counts] == [len(bank)] * 3  # no note added twice
    from_fact = [i.id for i in bank if i.source == "facts.uk-early-intervention.after"]
    col = Collection(str(collection))
    try:
        answers = {
            i: [col.get_note(n)["Answer"] for n in col.find_notes(f'"ItemId:{i}"')]
            for i in from_fact
        }
    finally:
        col.close()
    # the edit reached every card made from the fact
    assert from_fact
    assert all(len(a) == 1 and a[0].startswith("3") for a in answers.values()), answers


def test_anki_ordering_cards_show_the_steps_shuffled(tmp_path, bank):
    need(
        IN_CI or importlib.util.find_spec("anki") is not None,
        "the anki package is in the test extra",
    )
    import lxml.html as html
    from anki.collection import Collection

    ordering = [i for i in bank if i.type == "ordering"]
    ids = ids_file(tmp_path, [i.id for i in ordering])
    deck = export(ROOT, "anki", tmp_path / "a.apkg", "--ids", str(ids))
    _import_each([deck], tmp_path / "c.anki2")
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        fronts = {
            col.get_note(n)["ItemId"]: col.get_note(n)["Question"] for n in col.find_notes("")
        }
    finally:
        col.close()
    for item in ordering:
        shown = html.fragment_fromstring(fronts[item.id], create_parent="div").xpath("//li/text()")
        assert sorted(shown) == sorted(item.order) and shown != list(item.order)
