"""The SCORM packages: manifests valid against the official schemas, every file listed, the pass
mark as mastery score, relative links only, reproducible zips, and failures that touch nothing."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT
from lxml import etree
from packagehelpers import STANDARDS, manifest_schema, package, unzip
from sitehelpers import Links


def manifest(archive: Path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(archive).read("imsmanifest.xml"))


@pytest.mark.parametrize("standard", STANDARDS)
def test_manifest_is_valid_against_the_official_schema(standard):
    schema = manifest_schema(standard)
    doc = manifest(package(standard))
    assert schema.validate(doc), schema.error_log


@pytest.mark.parametrize(
    ("standard", "old", "new"),
    [
        ("scorm12", b"<adlcp:masteryscore>", b"<adlcp:masteryScore>"),
        ("scorm2004", b'satisfiedByMeasure="true"', b'satisfiedByMeasure="yes"'),
        ("scorm2004", b"<imsss:minNormalizedMeasure>0.8", b"<imsss:minNormalizedMeasure>1.8"),
    ],
)
def test_schema_check_catches_a_broken_manifest(standard, old, new):
    """The schemas reach into the adlcp and imsss parts, not only the content-packaging frame."""
    text = zipfile.ZipFile(package(standard)).read("imsmanifest.xml")
    assert old in text
    broken = text.replace(old, new).replace(old.replace(b"<", b"</"), new.replace(b"<", b"</"))
    assert not manifest_schema(standard).validate(etree.fromstring(broken))


@pytest.mark.parametrize("standard", STANDARDS)
def test_manifest_lists_every_file_and_launches_the_launch_page(standard):
    archive = zipfile.ZipFile(package(standard))
    doc = manifest(package(standard))
    ns = {"cp": doc.nsmap[None]}
    listed = [unquote(f.get("href")) for f in doc.iterfind(".//cp:resource/cp:file", ns)]
    assert sorted(listed) == sorted(set(archive.namelist()) - {"imsmanifest.xml"})
    (resource,) = doc.iterfind(".//cp:resource", ns)
    assert resource.get("href") == "lms-launch.html" and "lms-launch.html" in listed
    assert any(n.startswith("modules/") and n.endswith(".html") for n in listed)
    assert "search/search_index.json" in listed and "assets/quizbank.json" in listed


def test_mastery_score_is_the_pass_mark_of_course_yaml(project, tmp_path, content):
    pass_mark = content.outline.assessment.pass_mark
    ns12 = {"adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    ns04 = {"imsss": "http://www.imsglobal.org/xsd/imsss"}
    scorm12, scorm2004 = manifest(package("scorm12")), manifest(package("scorm2004"))
    assert float(scorm12.findtext(".//adlcp:masteryscore", namespaces=ns12)) == pass_mark
    measure = scorm2004.findtext(".//imsss:minNormalizedMeasure", namespaces=ns04)
    assert float(measure) == pass_mark / 100
    project.replace("content/course.yaml", f"pass_mark: {pass_mark:g}", "pass_mark: 65")
    out = tmp_path / "changed.zip"
    assert project.run("package", "--format", "scorm2004", "--out", str(out)) == 0
    assert manifest(out).findtext(".//imsss:minNormalizedMeasure", namespaces=ns04) == "0.65"
    assert 'data-pass-mark="65"' in zipfile.ZipFile(out).read("lms-launch.html").decode()


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_link_is_relative_and_resolves_to_a_file_in_the_package(standard, tmp_path):
    """As an LMS file server sees it: no folder addresses, no site_url, nothing fetched from
    outside."""
    root = unzip(package(standard), tmp_path)
    pages = {p.relative_to(root).as_posix(): p for p in root.rglob("*.html")}
    parsed = {}
    for rel, path in pages.items():
        parsed[rel] = Links(path.read_text(encoding="utf-8"))
    problems, checked = [], set()
    for rel, links in parsed.items():
        for tag, link in links.links:
            url = urlparse(link)
            if url.scheme in ("mailto", "data", "javascript"):
                continue
            if url.scheme or url.netloc or link.startswith("/"):
                if (
                    tag != "a"
                ):  # a reader may follow a DOI; the page never loads anything from outside
                    problems.append(f"{rel}: <{tag}> loads {link}")
                continue
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(url.path)))
                if url.path
                else rel
            )
            resolved = (root / target).resolve()
            checked.add(rel)
            if root.resolve() not in resolved.parents or not resolved.is_file():
                problems.append(f"{rel}: {link} is not a file in the package")
            elif url.fragment and target in parsed and url.fragment not in parsed[target].ids:
                problems.append(f"{rel}: {link} points at a missing anchor")
    assert problems == []
    assert checked == set(pages)  # every page had its links checked
    everything = b"".join(
        p.read_bytes() for p in root.rglob("*") if p.suffix in (".html", ".js", ".json", ".xml")
    )
    assert b"example.github.io" not in everything  # no trace of the web site's site_url


def test_addresses_course_js_builds_are_package_files_and_sections(tmp_path, content, bank):
    """course.js links from the package root to each item's section (the progress page's questions
    to review) and fetches or links the pages course.json names (modules, assessment, its items
    page, progress): files here."""
    root = unzip(package("scorm12"), tmp_path)
    course = json.loads((root / "assets/course.json").read_text(encoding="utf-8"))
    items = json.loads((root / "assets/quizbank.json").read_text(encoding="utf-8"))["items"]
    addresses = (
        [i["page"] for i in items]
        + [m["url"] for m in course["modules"]]
        + list(course["pages"].values())
    )
    ids: dict[str, set[str]] = {}
    for address in addresses:
        page, _, anchor = address.partition("#")
        assert page.endswith(".html") and (root / page).is_file(), address
        if page not in ids:
            ids[page] = Links((root / page).read_text(encoding="utf-8")).ids
        assert not anchor or anchor in ids[page], address
    assert [i["id"] for i in items] == [i.id for i in bank]
    assert [m["id"] for m in course["modules"]] == [m.id for m in content.outline.modules]


@pytest.mark.parametrize("standard", STANDARDS)
def test_adapter_is_only_in_the_package(standard, site, tmp_path):
    root = unzip(package(standard), tmp_path)
    scripts = re.findall(
        r'<script[^>]* (?:data-)?src="([^"]+)"', (root / "modules/car-anatomy.html").read_text()
    )
    names = [s.rsplit("/", 1)[-1] for s in scripts]
    assert names.index("lms.js") < names.index("quiz.js")  # listening before any answer is given
    assert not list(site.rglob("lms.js")) and not list(site.rglob("lms-launch.html"))
    assert "lms.js" not in (site / "modules/car-anatomy/index.html").read_text()


def test_zip_is_reproducible(tmp_path):
    again = tmp_path / "again.zip"
    from build_tools.cli import main as cli

    assert cli(["--project", str(ROOT), "package", "--format", "scorm12", "--out", str(again)]) == 0
    assert again.read_bytes() == package("scorm12").read_bytes()
    entries = zipfile.ZipFile(again).infolist()
    assert [e.filename for e in entries] == sorted(e.filename for e in entries)
    assert {e.date_time for e in entries} == {(1980, 1, 1, 0, 0, 0)}


def test_failed_builds_leave_the_existing_zip_alone(project, tmp_path, capsys, content):
    out = tmp_path / "out" / "course.zip"
    out.parent.mkdir()
    shutil.copy(package("scorm12"), out)  # the last good package
    before = out.read_bytes()
    about = project.path("docs/about.md")
    about.write_text(about.read_text() + "\n[a page that does not exist](nowhere.md)\n")
    capsys.readouterr()
    # MkDocs refuses (strict)
    assert project.run("package", "--format", "scorm12", "--out", str(out)) == 1
    err = capsys.readouterr().err.strip()
    assert (
        err.startswith("package not built: site not built:")
        and "\n" not in err
        and "Traceback" not in err
    )
    pass_mark = content.outline.assessment.pass_mark
    project.replace("content/course.yaml", f"pass_mark: {pass_mark:g}", "pass_mark: 180")
    # content error, before MkDocs
    assert project.run("package", "--format", "scorm12", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "content/course.yaml:" in err and "pass_mark" in err and "Traceback" not in err
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["course.zip"]  # no partial file left behind


def test_unwritable_output_is_one_line_and_no_traceback(tmp_path, capsys):
    from build_tools.cli import main as cli

    folder = tmp_path / "taken.zip"
    folder.mkdir()
    assert (
        cli(["--project", str(ROOT), "package", "--format", "scorm2004", "--out", str(folder)]) == 1
    )
    err = capsys.readouterr().err.strip()
    assert err.startswith("package not built: cannot write") and "folder" in err and "\n" not in err
    assert folder.is_dir() and not list(folder.iterdir()) and len(list(tmp_path.iterdir())) == 1


# --- what the adapter records per answer: every value within its standard's format and limits ---
# SCORM 1.2 RTE 3.4.2.7 and SCORM 2004 4th edition RTE 4.2.9 (short_identifier_type, the response
# patterns of each interaction type, localized_string_type's 250 characters for descriptions).
SHORT_ID = r"[\w\-()+.:=@;$!*'%/#]{1,250}"  # short_identifier_type (a URI's characters)
PATTERNS_2004 = {
    "choice": rf"^{SHORT_ID}(\[,\]{SHORT_ID})*$",
    "true-false": r"^(true|false)$",
    "numeric": r"^-?\d{1,10}(\.\d+)?\[:\]-?\d{1,10}(\.\d+)?$",
    "matching": rf"^{SHORT_ID}\[\.\]{SHORT_ID}(\[,\]{SHORT_ID}\[\.\]{SHORT_ID})*$",
    "sequencing": rf"^{SHORT_ID}(\[,\]{SHORT_ID})*$",
}
PATTERNS_12 = {  # CMIFeedback by type: single characters for choices, pairs and steps
    "choice": r"^[a-z0-9](,[a-z0-9])*$",
    "true-false": r"^[tf]$",
    "numeric": r"^-?\d+(\.\d+)?$",
    "matching": r"^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$",
    "sequencing": r"^[a-z0-9](,[a-z0-9])*$",
}


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_item_and_objective_fits_its_standard(standard, bank, content):
    table = json.loads(zipfile.ZipFile(package(standard)).read("assets/lms-interactions.json"))
    patterns = PATTERNS_2004 if standard == "scorm2004" else PATTERNS_12
    assert set(table["items"]) == {i.id for i in bank}
    objectives = [o["id"] for o in table["objectives"]]
    assert len(objectives) == len(set(objectives)) <= 100  # SCORM 2004's objectives SPM
    assert len(objectives) == sum(len(m.objectives) for m in content.outline.modules)
    for item in bank:
        entry = table["items"][item.id]
        assert re.fullmatch(patterns[entry["type"]], entry["correct"]), (item.id, entry)
        assert entry["objective"] in objectives and len(item.id) <= 255 and " " not in item.id
        ids = list(entry.get("ids", {}).values())
        assert len(ids) == len(set(ids))  # no two options share an identifier
        if standard == "scorm2004":
            assert len(entry["description"]) <= 250 and item.stem.startswith(
                entry["description"].removesuffix("…")
            )
            assert all(re.fullmatch(SHORT_ID, i) for i in ids + entry.get("sources", []))
        else:
            assert "description" not in entry  # SCORM 1.2 interactions have none
            assert all(len(i) == 1 for i in ids + entry.get("sources", []))
    assert table["limit"] == 250 and table["reserve"] == content.outline.assessment.items


def test_the_launch_page_names_the_interactions_table():
    archive = zipfile.ZipFile(package("scorm2004"))
    launch = archive.read("lms-launch.html").decode()
    assert 'data-interactions="assets/lms-interactions.json"' in launch
    assert "assets/lms-interactions.json" in archive.namelist()
