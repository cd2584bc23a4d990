"""The instructors' review report for the whole seed bank, opened in Chromium: one entry per item
with its key, level, family, feedback and the content it rests on, and no markup shown as text."""

from __future__ import annotations

from conftest import ROOT
from quizhelpers import export

from build_tools.quiz.answers import answer_text

SHOTS = ROOT / "exports" / "screenshots"


def test_review_report_lists_every_item_with_what_a_committee_checks(page, tmp_path, bank):
    report = export(ROOT, "review", tmp_path / "review.html")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(report.as_uri())
    entries = page.locator("article")
    assert entries.count() == len(bank)
    by_id = {i.id: i for i in bank}
    for n in (0, len(bank) // 2, len(bank) - 1):
        entry = entries.nth(n)
        item = by_id[entry.get_attribute("id")]
        text = entry.inner_text()
        assert f"Key: {answer_text(item)}" in text
        assert f"level {item.level}" in text and f"family {item.family}" in text
        assert entry.locator("blockquote").inner_text().strip()  # the content the key rests on
    assert "<" not in page.locator("body").inner_text()  # markup never shown as text
    summary = page.locator("body > p").nth(1).inner_text()
    assert f"{len(bank)} items" in summary
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "review-report.png"))
