"""The rendered site: strict build, facts from content, escaping, strict templates, navigation."""

from __future__ import annotations

import json
import shutil

import jinja2
import pytest
import yaml
from conftest import ROOT, soup
from sitehelpers import table_row, text_of

from build_tools.cli import main as cli
from build_tools.content.loader import load_course
from build_tools.pages import render_pages
from build_tools.pages.environment import TEMPLATES, make_environment

MODULE = "modules/approval-trials/index.html"  # Table 1


def test_strict_build_writes_every_module_and_page(site):
    course = yaml.safe_load((ROOT / "content/course.yaml").read_text())
    for module in course["modules"]:
        page = soup(site / "modules" / module["id"] / "index.html")
        assert text_of(page.h1).rstrip("¶ ") == module["title"]
        objectives = [text_of(li) for li in page.select(".admonition.abstract li")]
        assert objectives == module["objectives"]
        assert page.find(id="key-points") and page.find(id="references")
    for extra in ("index.html", "references/index.html", "about/index.html"):
        assert (site / extra).is_file()


def test_navigation_follows_course_order(site):
    course = yaml.safe_load((ROOT / "content/course.yaml").read_text())
    page = soup(site / "index.html")
    titles = [
        a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")
    ]
    expected = [m["title"] for m in course["modules"]] + [
        p["title"] for p in course.get("pages", [])
    ]
    positions = [titles.index(title) for title in expected]
    assert positions == sorted(positions), titles


def test_table_1_row_comes_from_content(site):
    products = yaml.safe_load((ROOT / "content/products.yaml").read_text())
    axi = next(p for p in products["products"] if p["id"] == "axicabtagene-ciloleucel")
    lbcl = next(i for i in axi["trials"] if i["id"] == "lbcl")
    row = table_row(soup(site / MODULE), "axicabtagene ciloleucel", "large B-cell lymphoma")
    assert row[1] == "CD19"
    assert row[3:6] == [
        f"{lbcl['response_percent']}%",
        "estimated 42.6% at 5 years",
        f"{lbcl['crs_percent']}%",
    ]


def test_changing_one_number_changes_the_page(crs_edited):
    page = crs_edited.page(MODULE)
    assert table_row(page, "axicabtagene ciloleucel", "large B-cell lymphoma")[5] == "87%"
    row = page.find(id="axicabtagene-ciloleucel-lbcl").find_parent("tr").get_text(" ", strip=True)
    assert "87%" in row and "93%" not in row  # the row the quiz items link to


def test_script_typed_into_yaml_is_shown_as_text(project):
    payload = '</title><script>alert("x")</script><img src=x onerror=alert(1)>'
    project.replace(
        "content/products.yaml", "  inn: axicabtagene ciloleucel\n", f"  inn: '{payload}'\n"
    )
    project.replace(
        "content/course.yaml",
        "  title: What the approval trials showed\n",
        f"  title: '{payload}'\n",
    )
    project.build_site()
    for rel in (MODULE, "index.html"):
        html = (project.root / "site" / rel).read_text(encoding="utf-8")
        page = soup(project.root / "site" / rel)
        assert not any("alert" in (s.string or "") for s in page.find_all("script")), rel
        assert not page.select("img[onerror]"), rel
        assert payload in page.get_text(), rel
        assert "<script>alert" not in html
        assert page.title.get_text().startswith(payload) or rel == "index.html"


def test_template_typo_fails_instead_of_printing_nothing(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    evidence = templates / "evidence.md.j2"
    text = evidence.read_text()
    assert "i.crs_percent" in text
    evidence.write_text(text.replace("i.crs_percent", "i.crs_precent", 1))
    course = load_course(ROOT / "content")
    with pytest.raises(jinja2.UndefinedError, match="crs_precent"):
        render_pages(course, make_environment(templates))


def test_render_command_writes_markdown_for_other_engines(tmp_path):
    out = tmp_path / "rendered"
    assert cli(["--project", str(ROOT), "render", "--out", str(out)]) == 0
    assert (out / "about.md").is_file() and not (out / "overrides").exists()
    text = (out / "modules/approval-trials.md").read_text(encoding="utf-8")
    assert "| 93% |" in text
    assert "{products." not in text  # every placeholder was filled


def test_no_request_to_another_host(site):
    for html in site.rglob("*.html"):
        page = soup(html)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in page.find_all(tag):
                if "canonical" in (el.get("rel") or []):
                    continue  # names the published address; browsers do not fetch it
                url = el.get(attr) or ""
                assert not url.startswith(("http:", "https:", "//")), (
                    f"{html.relative_to(site)}: {url}"
                )


def test_every_page_has_version_review_date_and_disclaimer(site):
    course = yaml.safe_load((ROOT / "content/course.yaml").read_text())
    for html in site.rglob("*.html"):
        footer = soup(html).select_one(".md-copyright")
        assert footer, html
        text = footer.get_text(" ", strip=True)
        assert (
            course["version"] in text
            and str(course["reviewed"]) in text
            and "not clinical guidance" in text
        )


NEW_MODULE = """\
sections:
- id: after-discharge
  title: After discharge
  body: Patients go home once the acute toxicities have settled, with a carer close by.
  refs: [0]
  facts:
  - id: stay-near-centre
    text: Patients stay within reach of the treating centre in the weeks after infusion.
    refs: [0]
concepts:
- id: why-stay-near
  section: after-discharge
  asks: meaning
  ask: Why do patients stay within reach of the treating centre after infusion?
  answer: Late toxicities may still need the team that gave the cells
  because: The centre that gave the cells is best placed to treat what follows.
  rests_on: [stay-near-centre]
  wrong:
  - text: The cells are topped up each day for a month
    why: The cells are given once.
  - text: The hospital pharmacy keeps the remaining cells frozen for a second dose
    why: The whole product is given at once; nothing is kept back.
  - text: The product has to be returned to the manufacturer afterwards
    why: Nothing is returned; the cells stay in the patient.
"""

NEW_ENTRY = """\
- id: going-home
  title: Going home
  content: going_home
  description: What happens after discharge.
  objectives:
  - Explain why patients stay near the treating centre.
  - Describe who looks after the patient at home.
  - Recognize when to call the team.
  key_points:
  - Stay within reach of the centre.
  self_check_count: 1
assessment:
"""


def test_a_module_is_a_yaml_file_and_a_course_entry_with_no_code(project):
    """A file of sections (and concept questions) plus one course.yaml entry: a page, in the
    navigation, with a self-check drawn from its own concepts."""
    project.path("content/going_home.yaml").write_text(NEW_MODULE, encoding="utf-8")
    project.replace("content/course.yaml", "assessment:\n", NEW_ENTRY)
    project.build_site()
    page = project.page("modules/going-home/index.html")
    assert page.find(id="after-discharge") is not None
    form = page.select_one("form.quiz-question")
    assert form is not None and form["data-question-id"] == "concept:why-stay-near"
    nav = [a.get_text(" ", strip=True) for a in project.page("index.html").select("nav a")]
    assert "Going home" in nav
    # Its section names no objective: the item still tests one of this module's objectives.
    bank = json.loads(project.path("site/assets/quizbank.json").read_text(encoding="utf-8"))
    item = next(i for i in bank["items"] if i["id"] == "concept:why-stay-near")
    assert item["objective"] == "Explain why patients stay near the treating centre."


def test_a_content_file_no_module_presents_is_an_error(project, capsys):
    project.path("content/stray.yaml").write_text("sections: []\n", encoding="utf-8")
    assert project.run("check") == 1
    assert (
        "content/stray.yaml:1: unknown content file: no module in course.yaml presents it"
        in capsys.readouterr().err
    )


def test_every_page_links_to_report_an_error_about_itself(site):
    """The footer's link opens a new issue in the repository of repo_url, titled after the page;
    page.js adds the page's address (tests/browser/test_reading.py)."""
    from urllib.parse import parse_qs, urlparse

    from mkdocs.utils.yaml import yaml_load

    with open(ROOT / "mkdocs.yml", encoding="utf-8") as source:
        repo = yaml_load(source)["repo_url"]
    pages = [p for p in site.rglob("index.html")]
    assert len(pages) >= 10
    for html in pages:
        page = soup(html)
        link = page.select_one("footer a.course-report")
        assert link and link.get_text(strip=True) == "Report an error on this page", html
        url = urlparse(link["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{repo}/issues/new", link["href"]
        query = parse_qs(url.query)
        title = "Home" if html == site / "index.html" else page.title.get_text().split(" - ")[0]
        assert query["title"][0] == "Error on: " + title


def test_the_404_page_leads_back_into_the_course(site):
    page = soup(site / "404.html")
    assert page.h1.get_text(strip=True) == "Page not found"
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".md-content a")}
    assert {"Glossary", "Your progress", "Final assessment"} <= set(links)
    assert any(text.startswith("The course home page") for text in links)
    for href in links.values():  # served at any missing address: absolute, to pages that exist
        assert href.startswith("/cart-course/"), href
        assert (site / href.removeprefix("/cart-course/") / "index.html").is_file(), href


def test_home_page_says_how_long_the_whole_course_takes(site):
    from build_tools.pages.path import duration

    course = json.loads((site / "assets/course.json").read_text(encoding="utf-8"))
    total = sum(m["minutes"] for m in course["modules"])
    assert total > 60
    assert f"takes about {duration(total)} in all" in text_of(soup(site / "index.html"))
    assert [duration(n) for n in (7, 60, 61, 146)] == [
        "7 minutes",
        "1 hour",
        "1 hour 1 minute",
        "2 hours 26 minutes",
    ]


def test_select_all_that_apply_is_said_once_per_question(site):
    page = soup(site / "modules/cellular-therapies/index.html")
    forms = page.select("form.quiz-question[data-type=multiple]")
    assert forms
    for form in forms:
        assert text_of(form.fieldset).count("Select all that apply") == 1


def test_every_abbreviation_knows_its_glossary_entry(site, content):
    links = json.loads((site / "assets/course.json").read_text(encoding="utf-8"))["abbreviations"]
    glossary = soup(site / "glossary/index.html")
    assert set(links) == {t.abbr for t in content.glossary.terms}
    for abbr, href in links.items():
        page, _, anchor = href.partition("#")
        assert page == "glossary/" and glossary.find("dt", id=anchor).get_text() == abbr


def test_no_list_item_is_glued_to_the_line_before_it(site):
    # a template line ending in a block tag swallows the newline, and "- **Boxed warning:**" then
    # renders inline as ".- Boxed warning:" (clinical review 3, mn3-7)
    import re

    glued = re.compile(r"[.:;)]-\s+\S")
    for html in site.rglob("index.html"):
        article = soup(html).select_one("article") or soup(html)
        found = glued.findall(article.get_text(" "))
        assert not found, (html, found)


def test_the_glossary_reads_in_alphabetical_order(site):
    # entries added later were appended after VL; a trainee scanning for ICE or REMS missed them
    terms = [dt.get_text(strip=True) for dt in soup(site / "glossary/index.html").select("dl dt")]
    assert len(terms) > 20 and terms == sorted(terms, key=str.casefold)
