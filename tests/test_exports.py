"""Every export format, checked with a real parser or importer, and byte-identical per seed."""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import lxml.html
import moodlerules as moodle_rules
import pytest
from conftest import REVIEWED, ROOT
from lxml import etree
from quizhelpers import IN_CI, export, ids_file, need, npm_package

from build_tools.exporters.citations import short_citation
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
    width = len(str(len(modules)))  # zero-padded, as Moodle lists categories by name
    assert categories == [f"{top}/{n:0{width}d}. {m.title}" for n, m in enumerate(modules, 1)]
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
# What Moodle's importer requires of each element lives in moodlerules.py, read from its code.


def html_text(fragment: str) -> str:
    """What a Moodle or Canvas page shows for an HTML text."""
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


@pytest.fixture(scope="module")
def moodle_doc(tmp_path_factory):
    return etree.parse(str(export(ROOT, "moodle", tmp_path_factory.mktemp("moodle") / "q.xml")))


@pytest.fixture(scope="module")
def moodle_matching_doc(tmp_path_factory):
    out = tmp_path_factory.mktemp("moodle-old") / "old.xml"
    return etree.parse(str(export(ROOT, "moodle", out, "--ordering-as", "matching")))


def test_both_moodle_files_keep_every_rule_of_moodles_importer(moodle_doc, moodle_matching_doc):
    assert moodle_rules.problems(moodle_doc) == []
    assert moodle_rules.problems(moodle_matching_doc) == []


@pytest.mark.parametrize(
    ("xpath", "change", "expected"),
    [
        ("question[@type='ordering']/shownumcorrect", "remove", "<shownumcorrect> missing"),
        ("question[@type='ordering']/incorrectfeedback", "remove", "<incorrectfeedback> with"),
        ("question[@type='multichoice']/answer", "fraction=33.33", "33.33 refused"),
        ("question[@type='multichoice']/tags/tag/text", "text=id:" + "x" * 60, "over 50"),
        (
            "question[@type='multichoice']/name/text",
            "text=a <b>bold</b> name",
            "clean_question_name",
        ),
        (
            "question[@type='matching']/subquestion/answer/text",
            "text=right < 1 & <r>",
            "format_string",
        ),
        ("question[@type='matching']/subquestion/answer/text", "text= ", "without an answer"),
        ("question[@type='category']/category/text", "text=$course$/top/<i>x</i>", "PARAM_TEXT"),
        ("question[@type='category']/idnumber", "text=", "ID number empty"),
    ],
)
def test_the_rules_catch_what_moodle_refuses(moodle_doc, xpath, change, expected):
    # The checker must fail on the faults it exists for, or it proves nothing.
    broken = etree.fromstring(etree.tostring(moodle_doc))
    el = broken.find(xpath)
    if change == "remove":
        el.getparent().remove(el)
    elif change.startswith("fraction="):
        el.set("fraction", change.removeprefix("fraction="))
    else:
        el.text = change.removeprefix("text=")
    assert any(expected in p for p in moodle_rules.problems(etree.ElementTree(broken)))


def test_moodle_items_read_back_as_our_items(moodle_doc, content, bank):
    questions = moodle_doc.findall("question")
    real = [q for q in questions if q.get("type") != "category"]
    assert len(real) == len(bank)
    by_id = {i.id: i for i in bank}
    names = Counter()
    for q in real:
        item = by_id[q.findtext("idnumber")]  # the full id, as no id is over 100 characters
        name = moodle_rules.shown_plain(q.findtext("name/text"))
        names[name] += 1
        # the stem, cut short with "…" if long
        shown = name.rsplit(" (", 1)[0].split(" [")[0]
        assert item.stem.startswith(shown.removesuffix("…")) and len(shown) >= min(
            len(item.stem), 40
        )
        assert html_text(q.findtext("questiontext/text")) == item.stem
        assert f"id:{short_hash(item.id, 10)}" in [t.text for t in q.findall("tags/tag/text")]
        assert item.level in [t.text for t in q.findall("tags/tag/text")]
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
            assert float(q.findtext("answer/tolerance")) == (item.tolerance or 0)
            unit = q.findtext("units/unit/unit_name")
            assert unit == {"percent": "%", "count": None, "calendar-year": None}.get(
                item.unit, item.unit
            )
            # the unit is optional: "42" and "42%" both right
            assert q.findtext("unitgradingtype") == "0"
        elif kind == "matching":
            assert [
                (html_text(s.findtext("text")), moodle_rules.shown_plain(s.findtext("answer/text")))
                for s in q.findall("subquestion")
            ] == [(p.left, p.right) for p in item.pairs]
        elif kind == "ordering":
            assert [html_text(a.findtext("text")) for a in q.findall("answer")] == list(item.order)
    assert max(names.values()) == 1  # every name tells its question apart


def test_moodle_grades_as_the_site_or_the_readme_says_how_it_differs(moodle_doc, bank):
    """The site gives a point only for the whole right answer. Moodle's ordering can too; its
    matching and select-all types cannot, which the README's Moodle section says."""
    by_id = {i.id: i for i in bank}
    for q in moodle_doc.findall("question[@type='ordering']"):
        assert q.findtext("gradingtype") == "ALL_OR_NOTHING" and q.findtext("selecttype") == "ALL"
    for q in moodle_doc.findall("question[@type='multichoice']"):
        item = by_id[q.findtext("idnumber")]
        fractions = [float(a.get("fraction")) for a in q.findall("answer")]
        if item.type == "single":  # one right answer, nothing for the others
            assert sorted(fractions) == [0] * (len(fractions) - 1) + [100]
        else:  # a wrong tick costs the whole item; a partial right set earns its share
            assert min(fractions) == -100
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    moodle_section = readme.split("### Moodle", 1)[1].split("\n### ", 1)[0]
    for words in ("all or nothing", "matching", "select-all", "partial credit"):
        assert words in moodle_section.lower()


def test_moodle_categories_follow_the_course_with_titles_and_id_numbers(moodle_doc, content):
    categories = moodle_doc.findall("question[@type='category']")
    modules = content.outline.modules
    paths = [moodle_rules.category_names(c.findtext("category/text")) for c in categories]
    assert paths[0] == ["$course$", "top", content.outline.title]
    width = len(str(len(modules)))  # zero-padded, as Moodle lists categories by name
    assert [p[3] for p in paths[1:]] == [
        f"{n:0{width}d}. {m.title}" for n, m in enumerate(modules, 1)
    ]
    assert [p[3] for p in paths[1:]] == sorted(p[3] for p in paths[1:])
    for c, m in zip(categories[1:], modules, strict=True):
        assert m.title in html_text(c.findtext("info/text"))
        assert c.findtext("idnumber").startswith(m.id)
    ids = [c.findtext("idnumber") for c in categories]
    assert len(set(ids)) == len(ids)


def test_ten_or_more_modules_still_sort_in_course_order(content, bank):
    """Moodle gives every imported category sortorder 999 and then lists them by name."""
    modules = {f"m{n}": f"Module {n}" for n in range(1, 13)}
    items = [replace(bank[0], id=f"x{n}", topic=m) for n, m in enumerate(modules)]
    meta = ExportMeta("Course", content.outline.reviewed, modules=modules)
    doc = etree.fromstring(moodle_dumps(items, meta).encode())
    names = [
        moodle_rules.category_names(c.findtext("category/text"))[-1]
        for c in doc.findall("question[@type='category']")[1:]
    ]
    assert names == sorted(names) and names[0] == "01. Module 1" and names[-1] == "12. Module 12"


def test_moodle_feedback_cites_sources_and_links_the_page_that_teaches(
    tmp_path, content, bank, site
):
    out = tmp_path / "q.xml"
    site_url = "https://example.org/cart-course/"
    assert (
        subprocess.run(
            [sys.executable, "-m", "build_tools", "quiz", "--format", "moodle", "--out", str(out)],
            cwd=ROOT,
            env={**os.environ, "SITE_URL": site_url},
            capture_output=True,
        ).returncode
        == 0
    )
    refs = {r.n: r for r in content.references.references}
    by_id = {i.id: i for i in bank}
    page = lxml.html.parse(str(site / "references" / "index.html"))
    anchors = {f"{site_url}references/#{a}" for a in page.xpath("//@id")}
    questions = etree.parse(str(out)).findall("question")
    for q in [q for q in questions if q.get("type") != "category"]:
        item = by_id[q.findtext("idnumber")]
        feedback = lxml.html.fragment_fromstring(
            q.findtext("generalfeedback/text"), create_parent="div"
        )
        links = {a.text_content(): a.get("href") for a in feedback.iter("a")}
        assert len(links) == len(list(feedback.iter("a")))  # no two citations read alike
        for n in item.refs:
            cite = short_citation(refs[n])
            assert links[cite] == f"{site_url}references/#ref-{n}"
            assert cite.split(".")[0].split()[0] == refs[n].authors.split()[0]  # first author
        for s in item.sources:
            [text] = [t for t, href in links.items() if href == f"{site_url}references/#src-{s.id}"]
            assert text.startswith(s.label)
        # every reference link lands on an entry of the course's references page
        assert {h for h in links.values() if "/references/" in h} <= anchors
        assert links[content.module(item.topic).title] == site_url + item.page
        assert not re.search(r"\(References?: [\d, ]+\)", feedback.text_content())


def test_moodle_escapes_markup_in_content(content, bank):
    nasty = 'CD19 < CD22 & "dual" <b>targets</b> it\'s'
    single = next(i for i in bank if i.type == "single")
    matching = next(i for i in bank if i.type == "matching")
    item = replace(
        single,
        topic="x",
        stem=nasty,
        explanation=nasty,
        options=tuple(replace(o, text=f"{o.text} <i>&</i>") for o in single.options),
    )
    pairs = replace(
        matching,
        id="nasty-pairs",
        topic="x",
        pairs=tuple(replace(p, right=f"right < 1 & <r> {n}") for n, p in enumerate(matching.pairs)),
    )
    meta = ExportMeta("A <b>course</b> & more", content.outline.reviewed, modules={"x": "<x> & y"})
    doc = etree.fromstring(moodle_dumps([item, pairs], meta).encode())
    assert moodle_rules.problems(etree.ElementTree(doc)) == []
    q = doc.find("question[@type='multichoice']")
    assert moodle_rules.shown_plain(q.findtext("name/text")).startswith(nasty)
    for tag in ("questiontext", "generalfeedback"):
        fragment = q.findtext(f"{tag}/text")
        # no markup made
        assert lxml.html.fragment_fromstring(fragment, create_parent="div").xpath("//b|//i") == []
        assert nasty in html_text(fragment)
    assert [html_text(a.findtext("text")) for a in q.findall("answer")] == [
        f"{o.text} <i>&</i>" for o in single.options
    ]
    m = doc.find("question[@type='matching']")
    assert [
        moodle_rules.shown_plain(s.findtext("answer/text")) for s in m.findall("subquestion")
    ] == [f"right < 1 & <r> {n}" for n in range(len(matching.pairs))]
    names = [
        moodle_rules.category_names(c.findtext("category/text"))
        for c in doc.findall("question[@type='category']")
    ]
    assert [moodle_rules.shown_plain(n) for n in names[-1][2:]] == [
        "A <b>course</b> & more",
        "1. <x> & y",
    ]


def test_moodle_ordering_falls_back_to_matching(moodle_doc, moodle_matching_doc, bank):
    ordering = [i for i in bank if i.type == "ordering"]
    assert ordering
    old = moodle_matching_doc
    assert len(moodle_doc.findall("question[@type='ordering']")) == len(ordering)
    assert old.findall("question[@type='ordering']") == []
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
