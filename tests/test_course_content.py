"""The full course: every stored number on its page, citations that resolve, figures from data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, soup
from quizhelpers import need
from sitehelpers import text_of

from build_tools.content import formatting


@pytest.fixture(scope="module")
def page_of_file(content) -> dict[str, str]:
    """Each content file's page: the module that presents it."""
    return {m.content: f"modules/{m.id}/index.html" for m in content.outline.modules}


def article_text(site: Path, rel: str) -> str:
    return text_of(soup(site / rel).select_one("article"))


def test_every_module_of_the_learning_path_is_built(site, content, page_of_file):
    built = {p.parent.name for p in (site / "modules").glob("*/index.html")}
    assert built == {m.id for m in content.outline.modules}  # every module, and no other
    for module in content.outline.modules:
        page = soup(site / page_of_file[module.content])
        assert page.select("#key-points + ul li")
        assert page.select("ol.references li"), module.id
    for extra in ("glossary/index.html", "references/index.html"):
        assert (site / extra).is_file()


def test_every_stored_number_appears_on_the_page_that_presents_it(site, content, page_of_file):
    texts = {rel: article_text(site, rel) for rel in set(page_of_file.values())}
    # Table 1's rows live with their products but are shown by the trials module.
    shown_on = {**page_of_file, "products:trials": page_of_file["evidence"]}
    problems = []
    for source, entry in content.facts.items():
        key = "products:trials" if source.startswith("products.") and ".trials." in source else None
        rel = shown_on.get(key or entry.file)
        if rel is None:
            continue
        shown = formatting.quantity(entry.value)
        if shown not in texts[rel]:
            problems.append(f"{source} = {shown} not on {rel}")
    assert not problems, "\n".join(problems)
    # only bookkeeping files (course.yaml, references) hold numbers that no page presents
    assert {e.file for e in content.facts.values()} - set(page_of_file) <= {"course", "references"}


def test_every_citation_links_to_its_reference(site, page_of_file):
    # That each fact cites a reference that exists is checked by load_course (test_content_errors).
    anchors = {el["id"] for el in soup(site / "references/index.html").select("[id]")}
    citing = set()
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        for link in soup(html).select("sup.cite a"):
            target = link["href"].rsplit("#", 1)[1]
            assert target in anchors, f"{rel} cites missing {target}"
            citing.add(rel)
    assert set(page_of_file.values()) <= citing  # every module page cites its sources


def test_changing_a_crs_rate_changes_the_chart(crs_edited):
    # Table 1's row: test_pages.test_changing_one_number_changes_the_page, on the same build
    page = crs_edited.page("modules/approval-trials/index.html")
    chart = page.select_one("#toxicity-chart-title").find_parent("svg")
    labels = [text_of(t) for t in chart.find_all("text")]
    group = labels.index("axicabtagene ciloleucel, LBCL")
    assert labels[group + 1] == "CRS 87%"
    assert "CRS 93%" not in labels[group : group + 4]


def test_figures_are_accessible_and_drawn_from_content(site, content, page_of_file):
    car = soup(site / page_of_file["car_structure"])
    svg = car.select_one("figure.course-figure svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).get_text() and svg.find(id=desc_id).get_text()
    legend = [
        li.find("strong").get_text()
        for li in car.select("figure.course-figure ol.figure-legend li")
    ]
    # numbered 1..n in the drawing, outside to inside
    assert legend == [d.name for d in content.car_structure.domains]
    markers = [t.get_text() for t in svg.select("text.fig-marker-text")]
    assert markers == [str(n) for n in range(1, len(legend) + 1)]
    assert car.select("table")  # the data beside the picture
    trials = soup(site / page_of_file["evidence"])
    assert {s.select_one("title").get_text() for s in trials.select("figure svg")} == {
        "Toxicity in the approval trials (Table 1): % of patients with each adverse effect",
        "Response in the approval trials (Table 1): % of patients in complete or partial remission",
    }


def test_name_decoder_marks_every_stem(site, page_of_file):
    page = soup(site / page_of_file["naming"])
    decoded = page.find(id="decode-brexucabtagene-autoleucel").find_next("p", class_="name-decoded")
    assert [s["data-stem"] for s in decoded.select("strong.stem")] == ["cabta", "auto", "cel"]
    assert decoded.get_text() == "brexucabtagene autoleucel"
    tisa = page.find(id="decode-tisagenlecleucel").find_next("p", class_="name-decoded")
    assert [s["data-stem"] for s in tisa.select("strong.stem")] == ["cel"]


def test_glossary_tooltips_on_every_page(site, content, page_of_file):
    terms = {t.abbr: " ".join(t.term.split()) for t in content.glossary.terms}
    for rel in ["index.html", "about/index.html", *page_of_file.values()]:
        abbrs = soup(site / rel).select("article abbr[title]")
        assert abbrs, rel
        for abbr in abbrs:
            assert terms[abbr.get_text()] == abbr["title"]


def test_table_2_and_table_3_are_complete(site, content, page_of_file):
    challenges = soup(site / page_of_file["challenges"])
    for c in content.challenges.challenges:
        assert challenges.find(id=c.id), c.id
    solid = article_text(site, page_of_file["solid_tumors"])
    for trial in content.solid_tumors.trials:
        for cohort in trial.cohorts:
            assert (
                f"{cohort.responders}/{cohort.patients}" in solid and f"{cohort.percent}%" in solid
            )


def test_no_sentence_copied_from_the_article():
    tool = ROOT.parent / "shared" / "tools" / "copycheck.py"
    need(tool.exists(), f"copycheck not found at {tool}")
    result = subprocess.run(
        [
            sys.executable,
            str(tool),
            "--exclude",
            "*reference*",
            "content",
            "docs",
            "build_tools",
            "quizbank",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "0 copied run(s)" in result.stdout, result.stdout
