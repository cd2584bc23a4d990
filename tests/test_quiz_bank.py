"""The question bank: coverage, item quality, answers that are content, determinism."""

from __future__ import annotations

import json
from typing import get_args

import pytest
from conftest import ROOT, soup
from quizhelpers import export

from build_tools.content import formatting
from build_tools.content.loader import load_course
from build_tools.quiz.bank import build_bank, draw
from build_tools.quiz.item import Item, ItemType, Option
from build_tools.quiz.quality import problems

# build_bank refuses an item with a quality problem or an id produced twice, so the bank needs
# no test for those; test_quality_check_catches_bad_items shows the rules bite.


def test_bank_covers_every_module_and_every_type(content, bank):
    assert {i.type for i in bank} == set(get_args(ItemType))
    assert {i.topic for i in bank} == {m.id for m in content.outline.modules}


def test_every_item_tests_an_objective_of_its_module(content, bank):
    for item in bank:
        assert item.objective in content.module(item.topic).objectives, item.id


@pytest.mark.parametrize(
    "broken, complaint",
    [
        (dict(options=(Option.of("12%", True), Option.of("15%", True))), "exactly one correct"),
        (dict(options=(Option.of("25%", True), Option.of("12%", False))), "sorted"),
        (dict(options=(Option.of("12%", True), Option.of("12%", False))), "duplicate"),
        (dict(options=(Option.of("12%", True), Option.of("all of the above", False))), "all/none"),
        (dict(stem="Rate of CRS"), "question or a completion"),
        (
            dict(options=(Option.of("12%", True), Option.of("a great many patients", False))),
            "mix numbers and words",
        ),
    ],
)
def test_quality_check_catches_bad_items(broken, complaint):
    fields = dict(
        id="x",
        type="single",
        topic="t",
        objective="o",
        difficulty="easy",
        level="recall",
        family="f",
        stem="What rate?",
        explanation="e.",
        refs=(1,),
        source="s",
        page="p",
        options=(Option.of("12%", True), Option.of("25%", False)),
    )
    fields.update(broken)
    assert any(complaint in p for p in problems(Item(**fields)))


def test_numeric_answers_come_from_the_content_field_they_name(content, bank):
    assert all(i.source in content.facts for i in bank if i.type == "numeric")
    for item in bank:
        entry = content.facts.get(item.source)
        if entry is None:
            continue
        shown = formatting.quantity(entry.value)
        if item.type == "numeric":
            assert item.answer == entry.value.value, item.id
        else:
            assert [o.text for o in item.correct_options] == [shown], item.id
        assert shown in item.explanation, item.id


def test_a_second_build_gives_the_same_items(bank):
    assert build_bank(load_course(ROOT / "content"), ROOT / "quizbank") == bank


def test_shared_target_becomes_multiple_select_asked_once(content, bank):
    products = [p.inn for p in content.products.products if p.target == "bcma"]
    bcma = next(i for i in bank if i.id == "product-target:bcma")
    assert bcma.type == "multiple" and len(products) > 1
    assert sorted(o.text for o in bcma.correct_options) == sorted(products)
    # With two antigens, the CD19 item would be the BCMA item with right and wrong swapped.
    assert [i.id for i in bank if i.id.startswith("product-target")] == ["product-target:bcma"]


def test_every_item_links_to_an_anchor_that_exists(site, bank):
    anchors: dict[str, set] = {}
    for item in bank:
        path, anchor = item.page.split("#")
        if path not in anchors:
            anchors[path] = {el["id"] for el in soup(site / path / "index.html").select("[id]")}
        assert anchor in anchors[path], item.page


def test_changing_one_fact_changes_page_and_every_item_from_it(project, tmp_path, bank):
    project.replace(
        "content/adverse_effects.yaml",
        "      after: {value: 4, unit: percent}\n",
        "      after: {value: 3, unit: percent}\n",
    )
    source = "facts.uk-early-intervention.after"
    items = json.loads(export(project.root, "json", tmp_path / "bank.json").read_text())["items"]
    from_fact = [i for i in items if i["source"] == source]
    assert sorted(i["id"] for i in from_fact) == sorted(i.id for i in bank if i.source == source)
    assert from_fact
    for item in from_fact:
        assert "to 3%" in item["explanation"] and "to 4%" not in item["explanation"]
        if item["type"] == "numeric":
            assert item["answer"] == 3
        else:
            assert [o["text"] for o in item["options"] if o["correct"]] == ["3%"]
    project.build_site()
    text = (
        project.page("modules/adverse-effects/index.html")
        .find(id="steroid-tradeoff")
        .find_next("ul")
        .get_text(" ")
    )
    assert "to 3%" in " ".join(text.split())


def test_draw_is_seeded_and_filters_by_topic_and_difficulty(bank):
    a, b = draw(bank, seed=1, count=40), draw(bank, seed=2, count=40)
    assert draw(bank, seed=1, count=40) == a
    assert [i.id for i in a] != [i.id for i in b]
    topics = draw(bank, seed=1, topics=["adverse-effects"], difficulty=["hard"])
    assert topics and {(i.topic, i.difficulty) for i in topics} == {("adverse-effects", "hard")}


def test_bad_blueprint_names_file_line_and_field(project, capsys):
    project.replace("quizbank/blueprints.yaml", "generator: naming_stem", "generator: naming_stems")
    blueprints = "quizbank/blueprints.yaml"
    project.replace(
        blueprints,
        "module: beyond-blood-cancers, objective: 2",
        "module: beyond-blood-cancers, objective: 9",
    )
    assert project.run("check") == 1
    err = capsys.readouterr().err
    line = project.line_of("quizbank/blueprints.yaml", "naming_stems")
    assert (
        f"quizbank/blueprints.yaml:{line}: blueprints[" in err
        and "unknown generator 'naming_stems'" in err
    )
    assert "has only 3 objectives" in err and "2 content errors" in err
