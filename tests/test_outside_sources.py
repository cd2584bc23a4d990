"""Facts beyond the article are traceable: each source has an address, a date and a kind, each
citation on a page shows its kind and date, nothing listed goes uncited; what changed since the
review is dated, listed newest first and flagged where it applies; every footer says what the
evidence covers; `make check` warns when a source is due another look."""

from __future__ import annotations

from conftest import Project, copy_project, soup

from build_tools.content.freshness import review_due
from build_tools.pages.helpers import source_anchor


def test_every_source_has_address_date_or_undated_and_kind(content):
    for s in content.sources.sources:
        assert s.url.startswith(("http://", "https://")), s.id
        assert s.kind in ("primary", "secondary", "tertiary", "literature"), s.id
        assert s.citation.endswith(s.date[:4] if s.date else "undated"), s.id


def test_every_source_is_cited_and_every_outside_citation_shows_kind_and_date(site, content):
    by_anchor = {source_anchor(s.id): s for s in content.sources.sources}
    cited = set()
    for html in site.rglob("*.html"):
        for link in soup(html).select("sup.cite .cite-outside a"):
            anchor = link["href"].rsplit("#", 1)[1]
            source = by_anchor[anchor]  # a KeyError is a citation of no source
            assert link.get_text() == source.citation, (html, anchor)
            cited.add(source.id)
    listed = soup(site / "references/index.html").select("ol.sources li[id]")
    assert {li["id"] for li in listed} == set(by_anchor)
    assert cited == {s.id for s in content.sources.sources}  # nothing stored that nothing cites


def test_changes_page_lists_every_change_newest_first(site, content):
    page = soup(site / "changes/index.html")
    headings = [h["id"] for h in page.select("article h2[id]")]
    by_date = sorted(content.changes.changes, key=lambda c: c.date, reverse=True)
    assert headings == [c.id for c in by_date]
    assert len(headings) >= 5
    for c in content.changes.changes:
        entry = page.find(id=c.id).find_next("p", class_=None)
        assert entry.select("sup.cite .cite-outside a"), c.id


def test_each_affected_section_links_to_its_change(site, content):
    for change in content.changes.changes:
        for place in change.affects:
            module, anchor = place.split("#")
            page = soup(site / "modules" / module / "index.html")
            heading = page.find(id=anchor)
            assert heading, place
            notices, el = [], heading.find_next_sibling()
            while el is not None and "since-review" in (el.get("class") or []):
                notices.append(el.a["href"])
                el = el.find_next_sibling()
            assert any(href.endswith(f"changes/#{change.id}") for href in notices), place


def test_a_change_naming_no_section_is_a_content_error(project: Project, capsys):
    project.replace(
        "content/changes.yaml",
        "affects: [approved-products#who-can-receive]\n  flag",
        "affects: [approved-products#who-can-recieve]\n  flag",
    )
    assert project.run("check") == 1
    line = project.line_of("content/changes.yaml", "who-can-recieve")
    shown = capsys.readouterr()
    expected = f"content/changes.yaml:{line}: changes[4].affects[0]: no page shows a section"
    assert expected in shown.err + shown.out


def test_every_footer_says_what_the_evidence_covers(site, content):
    from build_tools.pages.labels import document_date

    checked = document_date(max(s.checked for s in content.sources.sources).isoformat())
    newest = document_date(max(c.date for c in content.changes.changes))
    for html in site.rglob("index.html"):
        footer = soup(html).select_one(".md-copyright").get_text(" ", strip=True)
        assert "Evidence: the JAMA review (November 2024)" in footer, html
        assert f"FDA labels and notices as stored (copies last read {checked};" in footer, html
        assert f"newest change found: {newest}" in footer and "last reviewed" in footer, html


def test_a_source_checked_over_a_year_ago_is_a_warning_not_an_error(tmp_path, content, capsys):
    import datetime as dt

    today = max(s.checked for s in content.sources.sources)
    assert review_due(content, today) == []
    later = today + dt.timedelta(days=366)
    due = review_due(content, later)
    assert len(due) == len(content.sources.sources)
    assert due[0].startswith("content/sources.yaml:") and "a review is due" in due[0]
    project = Project(copy_project(tmp_path / "project"))
    project.replace("content/sources.yaml", "checked: 2026-12-07", "checked: 2020-01-01", count=1)
    assert project.run("check") == 0
    err = capsys.readouterr().err
    assert "warning: content/sources.yaml:" in err and "kymriah-label was last checked" in err


def test_a_guideline_line_shown_in_two_modules_carries_its_source_and_flag_in_both(site, content):
    """Module 6 repeated the antifungal line without the chip and flag module 7 gives it
    (clinical review 5, mn5-3): wherever such a line is shown, its source and what the stored
    pages leave open go with it."""
    considerations = [f for f in content.grading.considerations if f.flag and f.sources]
    assert considerations
    for f in considerations:
        opening = f.text.split("{")[0][:40]
        for page in ("modules/adverse-effects", "modules/grading-and-monitoring"):
            (shown,) = [
                p
                for p in soup(site / page / "index.html").select("p")
                if p.get_text().startswith(opening)
            ]
            assert shown.select_one("sup.cite .cite-outside a"), (page, f.id)
            assert shown.select_one(".review-flag"), (page, f.id)


def test_a_flagged_work_up_line_carries_its_flag_on_the_module_and_the_card(site, content):
    """What the stored guideline pages leave out about treating a seizure is flagged wherever
    the ICANS work-up is shown, not only in the quiz (item review 8)."""
    flagged = [f for f in content.grading.workup if f.flag]
    assert flagged
    for f in flagged:
        for page in ("modules/grading-and-monitoring", "bedside"):
            text = soup(site / page / "index.html").get_text(" ")
            assert " ".join(f.flag.split())[:60] in " ".join(text.split()), (page, f.id)
