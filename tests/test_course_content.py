"""The full course: every stored number on its page, citations that resolve, figures from data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, soup
from quizhelpers import need
from test_pages import table_row, text_of

from build_tools.content import formatting, model
from build_tools.content.loader import load_course
from build_tools.content.walk import walk

COURSE = load_course(ROOT / "content")
PAGE_OF_FILE = {m.content: f"modules/{m.id}/index.html" for m in COURSE.outline.modules}


def article_text(site: Path, rel: str) -> str:
    return text_of(soup(site / rel).select_one("article"))


def test_every_module_of_the_learning_path_is_built(site):
    assert len(COURSE.outline.modules) == 8
    for module in COURSE.outline.modules:
        page = soup(site / PAGE_OF_FILE[module.content])
        assert 3 <= len(page.select(".admonition.abstract li")) <= 5
        assert page.select("#key-points + ul li")
        assert page.select("ol.references li"), module.id
    for extra in ("glossary/index.html", "references/index.html"):
        assert (site / extra).is_file()


def test_every_stored_number_appears_on_the_page_that_presents_it(site):
    texts = {rel: article_text(site, rel) for rel in set(PAGE_OF_FILE.values())}
    checked = 0
    problems = []
    for source, entry in COURSE.facts.items():
        rel = PAGE_OF_FILE.get(entry.file)
        if rel is None:
            continue  # course.yaml, references: bookkeeping, not teaching numbers
        shown = formatting.quantity(entry.value)
        checked += 1
        if shown not in texts[rel]:
            problems.append(f"{source} = {shown} not on {rel}")
    assert checked > 200
    assert not problems, "\n".join(problems)


def test_every_fact_cites_a_reference_that_exists(site):
    numbers = {r.n for r in COURSE.references.references}
    facts = [v for stem in COURSE.files for _, v in walk(COURSE.files[stem]) if isinstance(v, model.Fact)]
    assert len(facts) > 100
    for fact in facts:
        assert fact.refs and set(fact.refs) <= numbers, fact.id
    anchors = {el["id"] for el in soup(site / "references/index.html").select("[id]")}
    for html in site.rglob("*.html"):
        for link in soup(html).select("sup.cite a"):
            target = link["href"].rsplit("#", 1)[1]
            assert target in anchors, f"{html.relative_to(site)} cites missing {target}"


def test_changing_a_crs_rate_changes_text_table_and_chart(project):
    project.replace("content/products.yaml", "    crs_percent: 93\n", "    crs_percent: 87\n")
    project.build_site()
    page = project.page("modules/approved-products/index.html")
    row = table_row(page, "axicabtagene ciloleucel", "large B-cell lymphoma")
    assert row[5] == "87%"
    assert page.find(id="axicabtagene-ciloleucel-lbcl").find_parent("tr") is not None  # items link to the row
    chart = page.select_one("#toxicity-chart-title").find_parent("svg")
    labels = [text_of(t) for t in chart.find_all("text")]
    group = labels.index("axicabtagene ciloleucel, LBCL")
    assert labels[group + 1] == "CRS 87%"
    assert "CRS 93%" not in labels[group:group + 4]


def test_figures_are_accessible_and_drawn_from_content(site):
    car = soup(site / PAGE_OF_FILE["car_structure"])
    svg = car.select_one("figure.course-figure svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text() and svg.find(id=desc_id).get_text()
    legend = [li.find("strong").get_text() for li in car.select("figure.course-figure ol.figure-legend li")]
    assert legend == [d.name for d in COURSE.car_structure.domains]  # numbered 1..n in the drawing, outside to inside
    markers = [t.get_text() for t in svg.select("text.fig-marker-text")]
    assert markers == [str(n) for n in range(1, len(legend) + 1)]
    assert car.select("table")  # the data beside the picture
    products = soup(site / PAGE_OF_FILE["products"])
    assert {s.select_one("title").get_text() for s in products.select("figure svg")} == {
        "Toxicity in the approval trials (Table 1): % of patients with each adverse effect",
        "Response in the approval trials (Table 1): % of patients in complete or partial remission"}


def test_name_decoder_marks_every_stem(site):
    page = soup(site / PAGE_OF_FILE["naming"])
    decoded = page.find(id="decode-brexucabtagene-autoleucel").find_next("p", class_="name-decoded")
    assert [s["data-stem"] for s in decoded.select("strong.stem")] == ["cabta", "auto", "cel"]
    assert decoded.get_text() == "brexucabtagene autoleucel"
    tisa = page.find(id="decode-tisagenlecleucel").find_next("p", class_="name-decoded")
    assert [s["data-stem"] for s in tisa.select("strong.stem")] == ["cel"]


def test_glossary_tooltips_on_every_page(site):
    terms = {t.abbr: " ".join(t.term.split()) for t in COURSE.glossary.terms}
    for rel in ["index.html", "about/index.html", *PAGE_OF_FILE.values()]:
        abbrs = soup(site / rel).select("article abbr[title]")
        assert abbrs, rel
        for abbr in abbrs:
            assert terms[abbr.get_text()] == abbr["title"]


def test_table_2_and_table_3_are_complete(site):
    challenges = soup(site / PAGE_OF_FILE["challenges"])
    for c in COURSE.challenges.challenges:
        assert challenges.find(id=c.id), c.id
    solid = article_text(site, PAGE_OF_FILE["solid_tumors"])
    for trial in COURSE.solid_tumors.trials:
        for cohort in trial.cohorts:
            assert f"{cohort.responders}/{cohort.patients}" in solid and f"{cohort.percent}%" in solid


def test_no_sentence_copied_from_the_article():
    tool = ROOT.parent / "shared" / "tools" / "copycheck.py"
    need(tool.exists(), f"copycheck not found at {tool}")
    result = subprocess.run([sys.executable, str(tool), "--exclude", "*reference*", "content", "docs", "build_tools", "quizbank"],
                            cwd=ROOT, capture_output=True, text=True)
    assert "0 copied run(s)" in result.stdout, result.stdout
