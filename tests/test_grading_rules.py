"""The grading function against every row of the CRS and ICANS tables and every ICE score, and
the worked examples on the page graded by that same function."""

from __future__ import annotations

import pytest
from conftest import soup

from build_tools.rules.grading import (
    CrsFindings,
    IcansFindings,
    crs_grade,
    icans_grade,
    ice_grade,
)

PAGE = "modules/grading-and-monitoring/index.html"


def crs_rows(content):
    for domain in content.grading.crs.domains:
        for level in domain.levels:
            yield domain.id, level


def icans_rows(content):
    for domain in content.grading.icans.domains:
        for level in domain.levels:
            yield domain.id, level


def test_every_crs_row_grades_as_its_table_says(content):
    scale = content.grading.crs
    fever = scale.fever_celsius
    rows = list(crs_rows(content))
    assert len(rows) == 8  # four grades, two domains
    for domain, level in rows:
        found = CrsFindings(fever, **{domain: level.id})
        assert crs_grade(scale, found) == level.grade, (domain, level.id)


def test_crs_takes_the_worse_domain_and_needs_fever(content):
    scale = content.grading.crs
    fever = scale.fever_celsius
    both = CrsFindings(fever + 1, hypotension="no-vasopressor", oxygen="high-flow")
    assert crs_grade(scale, both) == 3
    assert crs_grade(scale, CrsFindings(fever - 0.1, hypotension="one-vasopressor")) == 0
    masked = CrsFindings(37.0, hypotension="one-vasopressor", fever_masked=True)
    assert crs_grade(scale, masked) == 3  # after tocilizumab, blood pressure alone decides
    sepsis = CrsFindings(fever + 1, hypotension="several-vasopressors", other_cause=True)
    assert crs_grade(scale, sepsis) == 0


def test_every_icans_row_grades_as_its_table_says(content):
    scale, ice = content.grading.icans, content.grading.ice
    for domain, level in icans_rows(content):
        found = IcansFindings(ice=ice.maximum, **{domain: level.id})
        assert icans_grade(scale, ice, found) == level.grade, (domain, level.id)


def test_every_ice_score_falls_in_its_band(content):
    ice = content.grading.ice
    assert ice.maximum == 10
    expected = {10: 0, 9: 1, 8: 1, 7: 1, 6: 2, 5: 2, 4: 2, 3: 2, 2: 3, 1: 3, 0: 3}
    assert {score: ice_grade(ice, score) for score in range(11)} == expected
    with pytest.raises(ValueError):
        ice_grade(ice, 11)


def test_icans_takes_the_most_severe_feature(content):
    scale, ice = content.grading.icans, content.grading.ice
    # the consensus's own example: an ICE score of 3 with a generalized seizure is grade 3
    assert icans_grade(scale, ice, IcansFindings(3, seizure="brief")) == 3
    assert icans_grade(scale, ice, IcansFindings(None, consciousness="unarousable")) == 4
    assert icans_grade(scale, ice, IcansFindings(0)) == 3  # awake, global aphasia
    assert icans_grade(scale, ice, IcansFindings(10)) == 0
    assert icans_grade(scale, ice, IcansFindings(2, other_cause=True)) == 0


def test_worked_examples_on_the_page_show_the_computed_grade(site, content):
    page = soup(site / PAGE)
    examples = page.find(id="grading-examples").find_next_siblings(["p", "ul"], limit=8)
    shown = " ".join(e.get_text(" ", strip=True) for e in examples)
    g = content.grading
    for ex in g.examples:
        if ex.syndrome == "crs":
            temp = ex.values[ex.temperature].value
            grade = crs_grade(g.crs, CrsFindings(temp, **ex.levels))
        else:
            found = IcansFindings(int(ex.values[ex.ice].value), **ex.levels)
            grade = icans_grade(g.icans, g.ice, found)
        assert f"Grade {grade} {ex.syndrome.upper()}" in shown


def test_grade_tables_on_the_page_come_from_the_scale(site, content):
    page = soup(site / PAGE)
    crs = page.find(id="crs-grades").find_next("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in crs.find_all("tr")]
    rows = [r for r in rows if r]
    assert [r[0] for r in rows] == ["Grade 1", "Grade 2", "Grade 3", "Grade 4"]
    assert "6 L/min" in rows[1][2] and "more than 6 L/min" in rows[2][2]
    icans = page.find(id="icans-grades").find_next("table")
    text = icans.get_text(" ", strip=True)
    assert "7–9" in text and "3–6" in text and "0–2" in text
