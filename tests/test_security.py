"""An XSS payload in every free-text field stays text: on pages, in quizbank.json, in every
export."""

from __future__ import annotations

import html as html_module
import json
import zipfile

import yaml
from bs4 import BeautifulSoup
from conftest import soup
from lxml import etree
from quizhelpers import export

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
# Fields whose values are ids, enums, dates, patterns or numbers: the model rejects free text there.
CONSTRAINED = {
    "id",
    "disease",
    "target",
    "kind",
    "source",
    "content",
    "template",
    "file",
    "unit",
    "location",
    "where",
    "receptor",
    "first_approval",
    "reviewed",
    "abbr",
    "doi",
    "url",
    "generator",
    "module",
    "difficulty",
    "field",
    "type",
    "phase",
    "stem",
    "section",
    "therapies",
    "targets",
    "agent",
    "after_target",
    "rests_on",
    "asks",
    "gives",
    "measure",
    "design",
    "answer",
    "mostly_within",
    "still_after",
    # a vignette's ids of content and its enums
    "after",
    "rule",
    "signs",
    "explanation",
    "wrong_explanations",
    "same_decision_as",
    "step",
    "wrong_steps",
    "given",
    "includes",
    "window",
    "wrong_windows",
    "pattern",
    "wrong_salvage",
    "barrier",
    "wrong_barriers",
    "pool",
    "lacks",
    "support",
    "excluded_by",
    "results",
    "eligible",
    "not_eligible",
    "therapy",
    "sex",
    "device",
    "pressors",
    "demand",
    "sources",
    "boxed_warning_sources",
    "timing_sources",
    "received",
    "refractory_to",
    "features",
    "features_any",
    "contraindicated",
    "not_for",
    "affects",
    "trial",
    "course",
    "approved",
    "approval",
    "date",
    "checked",
    "review",
    "syndrome",
    "temperature",
    "ice",
    "feature",
    "graded_by",
    # a worked example's level ids, keyed by domain
    "hypotension",
    "oxygen",
    "consciousness",
    "seizure",
    "motor",
    "pressure",
}


def poison(node, key=None):
    if isinstance(node, dict):
        # A concept question's `answer` is free text (a fact's names one of its values).
        free = {"answer"} if "wrong" in node else set()
        return {k: (PAYLOAD + " " + v if k in free else poison(v, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(v, key) for v in node]
    if key == "short":  # at most 14 characters: a short tag still has to stay text
        return "<b onclick=x>"
    if isinstance(node, str) and key not in CONSTRAINED:
        return PAYLOAD + " " + node  # in front, so questions still end with "?"
    return node


def poisoned_project(project):
    for path in sorted(project.path("content").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        path.write_text(
            yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return project


def assert_inert_html(page: BeautifulSoup, where: str):
    for script in page.find_all("script"):
        assert "alert(" not in (script.string or ""), where
    for element in page.find_all(True):
        for attribute in element.attrs:
            assert not attribute.lower().startswith("on"), f"{where}: <{element.name} {attribute}>"


def test_payload_in_every_field_stays_text_everywhere(project, tmp_path):
    poisoned_project(project)
    site = project.build_site()
    pages = list(site.rglob("*.html"))
    shown = 0
    for html in pages:
        page = soup(html)
        assert_inert_html(page, str(html.relative_to(site)))
        shown += page.get_text().count("<script>alert(1)</script>")
    assert shown > 100  # the payload really reached the pages, as text
    bank = json.loads((site / "assets/quizbank.json").read_text(encoding="utf-8"))
    assert any(PAYLOAD in item["explanation"] for item in bank["items"])
    for fmt, name in (
        ("print", "exam.html"),
        ("moodle", "q.xml"),
        ("qti", "q.zip"),
        ("csv", "q.csv"),
        ("gift", "q.gift"),
    ):
        out = export(project.root, fmt, tmp_path / name)
        if fmt == "print":
            for html in (out, out.with_name("exam-key.html")):
                assert_inert_html(
                    BeautifulSoup(html.read_text(encoding="utf-8"), "lxml"), html.name
                )
        elif fmt == "moodle":
            texts = etree.parse(str(out)).xpath("//text/text()")
            # Every field Moodle reads is escaped HTML (rich texts and plain-text ones alike), so
            # the payload is never markup, yet reads as itself once shown.
            assert not any(PAYLOAD in t for t in texts)
            assert any(PAYLOAD in html_module.unescape(t) for t in texts)
        elif fmt == "qti":
            with zipfile.ZipFile(out) as zf:
                for entry in zf.namelist():
                    etree.fromstring(zf.read(entry))  # still well-formed XML
        else:
            assert PAYLOAD.split(">")[0] in out.read_text(encoding="utf-8")


def test_no_inline_event_handlers_in_our_markup(site):
    for html in site.rglob("*.html"):
        assert_inert_html(soup(html), str(html.relative_to(site)))


def test_csv_cells_never_start_a_formula(project, tmp_path):
    project.replace(
        "content/adverse_effects.yaml",
        "  name: tocilizumab\n",  # the first drug of the agents matching
        "  name: '=HYPERLINK(\"http://x\")'\n",
    )
    import csv

    rows = list(csv.reader(export(project.root, "csv", tmp_path / "q.csv").open(encoding="utf-8")))
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
