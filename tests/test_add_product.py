"""Adding a product is one edit: a product put into content/products.yaml alone reaches every
place the other products reach (who can receive it, Table 1, its card, counts in words,
citations, charts, other modules' tables, search, quiz items). One build of the copy serves every
test.

The product is made up and lives only in a temporary copy: its name, brand, label and trial
figures are test values chosen to be told apart from every real one, and never reach the course."""

from __future__ import annotations

import filecmp
import json
import re

import pytest
import yaml
from conftest import PROJECT_PARTS, ROOT, Project, copy_project
from sitehelpers import table_row, text_of

from build_tools.pages.helpers import count_words

PRODUCTS = "content/products.yaml"
PAGE = "modules/approved-products/index.html"  # the cards and who can receive each
TRIALS = "modules/approval-trials/index.html"  # Table 1 and its charts
INN = "testocabtagene autoleucel"
# Ref 27 stands in for the made-up trial: a number the products page does not cite yet, which
# extends Table 1's run of trials to 3–27. kymriah-ndc stands in for the made-up product's sources.
NEW = """
- id: testocabtagene-autoleucel
  inn: testocabtagene autoleucel
  target: cd19
  summary: >-
    A made-up anti-CD19 product for adults with B-cell acute lymphoblastic leukemia.
  refs: [27]
  fda:
    brand: Testbrand
    short_name: testo-cel
    first_approval: 2030-01-02
    sources: [kymriah-ndc]
  trials:
  - id: adult-ball
    disease: b-all
    population: adult
    refs: [27]
    response_percent: 77
    overall_survival: {median_months: 15.6}
    crs_percent: 68.5
    neurologic_percent: 22.8
    severe_infection_percent: 41  # above Table 1's highest (32%)
    prolonged_cytopenias: [{kind: any, percent: 45}]
  indications:
  - id: b-all
    disease: b-all
    wording: adults with relapsed or refractory B-cell acute lymphoblastic leukemia
    age_min: 18
    routes: [{course: relapsed-or-refractory}]
    approved: 2030-01-02
    sources: [kymriah-ndc]
    trial: adult-ball
"""


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Project:
    """A copy with the product added to products.yaml and nothing else, built once."""
    project = Project(copy_project(tmp_path_factory.mktemp("add-product") / "project"))
    text = project.path(PRODUCTS).read_text(encoding="utf-8")
    project.path(PRODUCTS).write_text(text.rstrip("\n") + "\n" + NEW, encoding="utf-8")
    assert edited_files(project) == [PRODUCTS]
    project.build_site()
    return project


def edited_files(project: Project) -> list[str]:
    """Files of the copy that differ from the real project's (or that it lacks)."""
    edited = []
    for part in map(project.path, PROJECT_PARTS):
        for copy in [f for f in part.rglob("*") if f.is_file()] if part.is_dir() else [part]:
            rel = copy.relative_to(project.root).as_posix()
            if not (ROOT / rel).is_file() or not filecmp.cmp(copy, ROOT / rel, shallow=False):
                edited.append(rel)
    return edited


def products_of(root) -> list[dict]:
    return yaml.safe_load((root / PRODUCTS).read_text(encoding="utf-8"))["products"]


def cited(sup) -> set[int]:
    """The reference numbers a citation shows: 'Review, 3–27, 59' -> {0, 3, 4, ..., 27, 59}."""
    numbers: set[int] = set()
    for part in sup.get_text().split(", "):
        low, _, high = part.replace("Review", "0").partition("–")
        numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def paragraph(page, starts: str):
    return next(p for p in page.find_all("p") if text_of(p).startswith(starts))


def bank(project: Project) -> dict[str, dict]:
    data = json.loads(project.path("site/assets/quizbank.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["items"]}


def keys(item: dict) -> set[str]:
    return {o["text"] for o in item["options"] if o["correct"]}


def test_products_page_counts_the_new_product_in_words(grown):
    before = products_of(ROOT)
    cd19 = [p for p in before if p["target"] == "cd19"]
    intro = text_of(paragraph(grown.page(PAGE), "The course's FDA sources show"))
    assert f"sources show {count_words(len(before) + 1)} CAR T-cell products approved" in intro
    assert f"Of these, {count_words(len(cd19) + 1)} recognize CD19" in intro


def test_table_1_row_card_and_label_show_the_new_product(grown):
    page, trials = grown.page(PAGE), grown.page(TRIALS)
    row = table_row(trials, INN, "adult B-cell acute lymphoblastic leukemia")
    assert row[1:] == [
        "CD19",
        "adult B-cell acute lymphoblastic leukemia",
        "77%",
        "median 15.6 months",
        "68.5%",
        "22.8%",
        "41%",
        "45%",
        "27",
    ]
    card = page.find(id="testocabtagene-autoleucel").find_parent("section")
    facts = " ".join(text_of(p) for p in card.select(".product-facts"))
    assert "Sold as Testbrand (testo-cel), first approved 2 January 2030" in facts
    trial_link = "../approval-trials/#testocabtagene-autoleucel-adult-ball"
    assert card.select_one(f'a[href="{trial_link}"]')
    assert trials.find(id="testocabtagene-autoleucel-adult-ball")  # the anchor quiz items link to
    label = page.find(id="testocabtagene-autoleucel-for-b-all").find_parent("li")
    assert "adults (18 or older); relapsed or refractory disease" in text_of(label)
    spread = text_of(paragraph(trials, "Across the table"))
    assert "severe infection over 5%–41% of patients" in spread


def test_citations_take_in_the_new_products_sources(grown):
    page, trials = grown.page(PAGE), grown.page(TRIALS)
    rows = {n for p in products_of(grown.root) for i in p.get("trials", []) for n in i["refs"]}
    antigens = yaml.safe_load(grown.path("content/antigens.yaml").read_text(encoding="utf-8"))
    antigen_refs = {n for a in antigens["antigens"] for n in a["refs"]}
    assert 27 in rows
    table = paragraph(trials, "Figures come from the trials").select_one("sup.cite")
    assert cited(table) == rows
    intro = paragraph(page, "The course's FDA sources show").select_one("sup.cite")
    assert cited(intro) == {0} | rows | antigen_refs
    card = page.find(id="testocabtagene-autoleucel").find_parent("section")
    assert cited(card.select_one("sup.cite")) == {27}
    listed = [int(li["value"]) for li in trials.select("ol.references li")]
    assert 27 in listed and listed == sorted(listed)


def test_charts_draw_the_new_product(grown):
    page = grown.page(TRIALS)
    for chart, label in (("toxicity-chart", "CRS 68.5%"), ("response-chart", "B-ALL: 77%")):
        svg = page.find("svg", attrs={"aria-labelledby": re.compile(chart)})
        text = " ".join(svg.get_text(" ").split())
        assert f"{INN}, B-ALL" in text and label in text


def test_other_modules_and_search_list_the_new_product(grown):
    names = grown.page("modules/product-names/index.html")
    decoded = names.find(id="decode-testocabtagene-autoleucel").find_next(
        "p", class_="name-decoded"
    )
    assert [s.get_text() for s in decoded.select("strong.stem")] == ["cabta", "auto", "cel"]
    index = json.loads(grown.path("site/search/search_index.json").read_text(encoding="utf-8"))
    card = next(d for d in index["docs"] if d["location"].endswith("#testocabtagene-autoleucel"))
    assert "Also searched as: Testbrand, testo-cel." in card["text"]  # a learner may type the brand


def test_quiz_items_draw_the_new_product(grown):
    items = bank(grown)
    assert "product-target:cd19" not in items  # the BCMA item with its options swapped
    bcma = items["product-target:bcma"]
    assert INN in {o["text"] for o in bcma["options"]} - keys(bcma)
    assert {"left": INN, "right": "Testbrand"} in items["product-brand"]["pairs"]
    infection = items["table1-spread:severe_infection_percent"]
    assert [o["text"] for o in infection["options"] if o["correct"]] == ["5%–41%"]
