"""The Nu HTML Checker (npm vnu-jar, Java) over every page: no error from our own markup."""

from __future__ import annotations

import json
import shutil
import subprocess

from quizhelpers import need, npm_package

# Caused by Material's base.html (not in an overridable block): its two hidden toggle checkboxes
# carry autocomplete="off". Listed, not hidden: the test fails if anything else appears.
THEME_ERRORS = {
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"')
}


def test_every_page_is_valid_html(site):
    need(
        shutil.which("java") is not None,
        "Java is needed for the Nu HTML Checker (apt-get install default-jre-headless)",
    )
    jar = npm_package("vnu-jar") / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    pages = len(list(site.rglob("*.html")))
    ours = [
        m
        for m in messages
        if not any(
            m["message"].startswith(text) and marker in m.get("extract", "")
            for text, marker in THEME_ERRORS
        )
    ]
    assert ours == [], [(m.get("url", "").rsplit("/site/", 1)[-1], m["message"]) for m in ours[:10]]
    assert len(messages) - len(ours) == 2 * pages  # the two theme toggles per page, nothing more
