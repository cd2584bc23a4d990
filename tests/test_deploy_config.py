"""Deploying a fork needs no edit: site_url comes from SITE_URL, which the Pages workflow sets
from the repository's published address; canonical links and the sitemap follow it."""

from __future__ import annotations

import yaml
from conftest import ROOT


def test_site_url_comes_from_the_environment(project, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/a-fork/")
    site = project.build_site()
    canonical = project.page("modules/car-anatomy/index.html").select_one("link[rel=canonical]")[
        "href"
    ]
    assert canonical == "https://someone.github.io/a-fork/modules/car-anatomy/"
    sitemap = (site / "sitemap.xml").read_text()
    assert (
        "<loc>https://someone.github.io/a-fork/</loc>" in sitemap
        and "example.github.io" not in sitemap
    )


def test_report_links_follow_repo_url_from_the_environment(project, monkeypatch):
    monkeypatch.setenv("REPO_URL", "https://github.com/someone/a-fork")
    project.build_site()
    link = project.page("modules/car-anatomy/index.html").select_one("a.course-report")["href"]
    assert link.startswith("https://github.com/someone/a-fork/issues/new?")


def test_pages_workflow_sets_site_url_from_the_repository():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    assert "!ENV [SITE_URL" in (ROOT / "mkdocs.yml").read_text()
    # the repository the "Report an error" links open issues in: the one the workflow runs in
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "!ENV [REPO_URL" in (ROOT / "mkdocs.yml").read_text()
