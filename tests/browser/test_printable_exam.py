"""The printable exam and its key open in Chromium, as instructors will print them."""
from __future__ import annotations

from conftest import ROOT
from quizhelpers import export


def test_exam_and_key_open_and_match(tmp_path, page):
    exam = export(ROOT, "print", tmp_path / "exam.html", "--seed", "5", "--count", "12")
    key = exam.with_name("exam-key.html")
    page.goto(exam.as_uri())
    assert page.locator("ol.exam > li").count() == 12
    assert page.title().startswith("CAR T-cell")
    exam_text = page.locator("body").inner_text()
    pdf = page.pdf()  # print rendering works
    assert pdf[:4] == b"%PDF"
    page.goto(key.as_uri())
    assert page.locator("ol > li").count() == 12
    assert "answer key" in page.title()
    explanations = [t.split(" (refs")[0] for t in page.locator("ol > li").all_inner_texts()]
    # The key explains each answer; the exam students see gives none of that away.
    assert all(e.split("\n", 1)[1][:40] not in exam_text for e in explanations)
