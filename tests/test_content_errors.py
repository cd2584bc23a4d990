"""Every class of content error names file, line and field, exits non-zero and leaves site/
alone."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import REVIEWED

PRODUCTS = "content/products.yaml"
COURSE = "content/course.yaml"
AXI, TISA = "axicabtagene-ciloleucel", "tisagenlecleucel"


def product(p, product_id: str) -> str:
    """How an error names a product: by its place in products.yaml, which adding one may change."""
    products = yaml.safe_load(p.path(PRODUCTS).read_text(encoding="utf-8"))["products"]
    ids = [x["id"] for x in products]
    return f"products[{ids.index(product_id)}]"


def break_range(p):
    field = product(p, AXI) + ".trials[0].crs_percent"
    p.replace(PRODUCTS, "crs_percent: 93\n", "crs_percent: 930\n")
    return (
        PRODUCTS,
        p.line_of(PRODUCTS, "crs_percent: 930"),
        field,
        "must be between 0 and 100 (got 930)",
    )


def break_syntax(p):
    p.replace(PRODUCTS, "  inn: axicabtagene ciloleucel\n", "  inn: [axicabtagene ciloleucel\n")
    return PRODUCTS, None, None, "YAML syntax error"


def break_required(p):
    field = product(p, AXI) + ".trials[0].severe_infection_percent"
    p.replace(PRODUCTS, "    severe_infection_percent: 28\n", "")
    return PRODUCTS, None, field, "required field is missing"


def break_type(p):
    field = product(p, AXI) + ".trials[0].response_percent"
    p.replace(PRODUCTS, "response_percent: 83\n", "response_percent: most\n")
    return (
        PRODUCTS,
        p.line_of(PRODUCTS, "response_percent: most"),
        field,
        "must be a number (got 'most')",
    )


def break_duplicate_id(p):
    field = product(p, "brexucabtagene-autoleucel") + ".id"
    p.replace(PRODUCTS, "- id: brexucabtagene-autoleucel\n", "- id: axicabtagene-ciloleucel\n")
    return PRODUCTS, None, field, "duplicate id 'axicabtagene-ciloleucel'"


def break_citation(p):
    field = product(p, AXI) + ".trials[0].refs[2]"
    p.replace(PRODUCTS, "refs: [9, 10, 11]\n", "refs: [9, 10, 999]\n")
    return PRODUCTS, p.line_of(PRODUCTS, "refs: [9, 10, 999]"), field, "cites reference 999"


def break_cross_reference(p):
    field = product(p, "idecabtagene-vicleucel") + ".target"  # the first BCMA product
    p.replace(PRODUCTS, "target: bcma\n", "target: bmca\n")
    return PRODUCTS, p.line_of(PRODUCTS, "target: bmca"), field, "unknown antigen id 'bmca'"


def break_placeholder(p):
    p.replace(
        COURSE,
        "{products.lisocabtagene-maraleucel.trials.lbcl.crs_percent}",
        "{products.lisocabtagene-maraleucel.trials.lbcl.crs_percnt}",
    )
    index = [m["id"] for m in yaml.safe_load(p.path(COURSE).read_text())["modules"]].index(
        "approval-trials"
    )
    return (
        COURSE,
        p.line_of(COURSE, "crs_percnt"),
        f"modules[{index}].key_points[0]",
        "does not name a number",
    )


def break_date(p):
    p.replace(COURSE, f"reviewed: {REVIEWED}", "reviewed: 2026-13-45")
    return COURSE, p.line_of(COURSE, "reviewed:"), "reviewed", "date"


def break_unknown_field(p):
    field = product(p, TISA) + ".trials[0].crs_precent"
    p.replace(PRODUCTS, "crs_percent: 77\n", "crs_precent: 77\n")
    return PRODUCTS, p.line_of(PRODUCTS, "crs_precent"), field, "unknown field"


def break_duplicate_key(p):
    field = product(p, TISA) + ".trials[0].crs_percent"
    p.replace(PRODUCTS, "    crs_percent: 77\n", "    crs_percent: 77\n    crs_percent: 78\n")
    return PRODUCTS, p.line_of(PRODUCTS, "crs_percent: 78"), field, "duplicate key"


def break_empty_file(p):
    p.path("content/antigens.yaml").write_text("", encoding="utf-8")
    return "content/antigens.yaml", 1, None, "file is empty"


def break_encoding(p):
    p.path("content/antigens.yaml").write_bytes(
        "antigens:\n- id: cd19\n  name: CD19\xe9\n".encode("latin-1")
    )
    return "content/antigens.yaml", 3, None, "not valid UTF-8"


CASES = [
    break_range,
    break_syntax,
    break_required,
    break_type,
    break_duplicate_id,
    break_citation,
    break_cross_reference,
    break_placeholder,
    break_date,
    break_unknown_field,
    break_duplicate_key,
    break_empty_file,
    break_encoding,
]


@pytest.mark.parametrize("breaker", CASES, ids=lambda f: f.__name__.removeprefix("break_"))
def test_content_error_names_file_line_field_and_keeps_site(project, capsys, breaker):
    site = project.path("site")
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")

    file, line, field, message = breaker(project)
    status = project.run("site", "--out", str(site))
    err = capsys.readouterr().err

    assert status == 1
    assert "Traceback" not in err
    where = re.escape(field) + ": " if field else r"(?:[^:\n]*: )?"
    pattern = re.escape(file) + r":(\d+): " + where + r".*" + re.escape(message)
    found = re.search(pattern, err)
    assert found, f"expected {pattern!r} in:\n{err}"
    if line is not None:
        assert int(found.group(1)) == line, err
    assert re.search(r"\d+ content errors?; nothing was built\.", err)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


@pytest.mark.parametrize(
    "breakers",
    [
        (break_range, break_type, break_date),  # field checks, two files
        (break_citation, break_cross_reference, break_placeholder),  # cross-reference checks
    ],
    ids=["fields", "cross-references"],
)
def test_all_errors_of_a_run_are_reported_together(project, capsys, breakers):
    # Cross-references are checked once every file has the right shape, so each group is one run.
    for breaker in breakers:
        breaker(project)
    assert project.run("check") == 1
    err = capsys.readouterr().err
    assert len(re.findall(r"^content/\S+:\d+: ", err, re.M)) == 3, err
    assert "3 content errors; nothing was built." in err


def test_missing_field_points_at_its_parent_entry(project, capsys):
    _, _, field, _ = break_required(project)
    assert project.run("check") == 1
    err = capsys.readouterr().err
    # The field is gone, so the line named is the start of the indication that lacks it.
    line = int(re.search(r"products\.yaml:(\d+): " + re.escape(field), err).group(1))
    lines = project.path(PRODUCTS).read_text(encoding="utf-8").splitlines()
    assert lines[line - 1].strip() == "- id: lbcl"


def test_duplicate_id_names_both_lines(project, capsys):
    _, _, field, _ = break_duplicate_id(project)
    assert project.run("check") == 1
    err = capsys.readouterr().err
    lines = [
        n
        for n, text in enumerate(project.path(PRODUCTS).read_text().splitlines(), 1)
        if text == "- id: axicabtagene-ciloleucel"
    ]
    expected = (
        f"content/products.yaml:{lines[1]}: {field}: duplicate id "
        f"'axicabtagene-ciloleucel' (first used at content/products.yaml:{lines[0]})"
    )
    assert expected in err


ADVERSE = "content/adverse_effects.yaml"


def typed_reference_agent(p):
    p.replace(ADVERSE, "    agent: anakinra\n", "    agent: anakinr\n")
    return ADVERSE, "agent", "unknown agent id 'anakinr' (known: "


def typed_reference_section_of_another_page(p):
    # The section exists, but on the products page: a complication links to its own page only.
    p.replace(ADVERSE, "  section: crs\n", "  section: reading-table-1\n")
    return (
        ADVERSE,
        "section",
        "unknown section id 'reading-table-1' in content/adverse_effects.yaml",
    )


def typed_unmeasured_number(p):
    # The seed is a number, but not one a reader learns: prose may not show it.
    p.replace(
        COURSE,
        "{products.lisocabtagene-maraleucel.trials.lbcl.crs_percent}",
        "{self_check_seed}",
    )
    return COURSE, "key_points[0]", "placeholder {self_check_seed} does not name a number"


@pytest.mark.parametrize(
    "breaker",
    [typed_reference_agent, typed_reference_section_of_another_page, typed_unmeasured_number],
    ids=lambda f: f.__name__,
)
def test_meaning_declared_on_the_field_type_is_checked(project, capsys, breaker):
    file, field_end, message = breaker(project)
    assert project.run("check") == 1
    lines = capsys.readouterr().err.splitlines()
    assert [
        line
        for line in lines
        if line.startswith(file + ":") and f"{field_end}: " in line and message in line
    ], "\n".join(lines)


def test_checks_of_the_build_name_file_line_and_field(project, capsys):
    # Found while questions and pages are built (one phase at a time), reported like any other.
    out = str(project.path("site"))
    project.replace(
        ADVERSE, "rests_on: [immunoglobulin, on-target]", "rests_on: [steroids-outcome]"
    )
    assert project.run("site", "--out", out) == 1
    line = project.line_of(ADVERSE, "rests_on: [steroids-outcome]")
    expected = f"{ADVERSE}:{line}: concepts[0].rests_on: no fact steroids-outcome in section "
    assert expected in capsys.readouterr().err

    project.replace(
        ADVERSE, "rests_on: [steroids-outcome]", "rests_on: [immunoglobulin, on-target]"
    )
    project.replace("content/car_structure.yaml", "- id: two-halves\n", "- id: two-parts\n")
    # the concept questions move with their section; the page template does not
    project.replace(
        "content/car_structure.yaml", "section: two-halves\n", "section: two-parts\n", -1
    )
    assert project.run("site", "--out", out) == 1
    line = project.line_of("content/car_structure.yaml", "sections:")
    expected = f"content/car_structure.yaml:{line}: sections: the page template needs a section"
    assert expected + " with id 'two-halves'" in capsys.readouterr().err


def test_cli_exit_status_and_no_traceback_in_a_real_process(project):
    break_range(project)
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--project", str(project.root), "check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/products.yaml:" in result.stderr
        and "crs_percent: must be between 0 and 100 (got 930)" in result.stderr
    )
