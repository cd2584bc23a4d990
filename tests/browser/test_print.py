"""Print emulation in Chromium: a module prints whole (every Table 1 column on the page, figures
unclipped, no buttons) with the self-check answers in a key at its end."""

from __future__ import annotations

# A line that ends in a backslash goes on in the next: the script has no line break there.
PRINTED = """() => {
  const vw = document.documentElement.clientWidth, \
shown = e => !!e.offsetParent && getComputedStyle(e).visibility !== 'hidden';
  const heads = [...document.querySelectorAll('.table-scroll thead th')];
  return {
    heads: heads.length, \
headsOnPage: heads.filter(h => shown(h) && h.getBoundingClientRect().right <= vw + 1).length,
    buttons: [...document.querySelectorAll('.md-content button, .md-content .md-button')]\
.filter(shown).length,
    svgsInside: [...document.querySelectorAll('.md-content svg.figure-svg')]
      .every(s => s.getBoundingClientRect().right <= vw + 1),
    key: shown(document.querySelector('.print-key')) ? \
document.querySelectorAll('.print-key li').length : 0,
    checks: document.querySelectorAll('form.quiz-question').length,
    keyLast: document.querySelector('.md-content__inner > .print-key:last-of-type, \
.md-content__inner .print-key') ===
             [...document.querySelectorAll('.md-content__inner > *')]\
.filter(e => e.tagName !== 'SCRIPT').pop(),
  };
}"""


def test_table_1_module_prints_every_column_no_controls_and_an_answer_key(browser, site, serve):
    base = serve(site, "/cart-course/")
    context = browser.new_context(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page = context.new_page()
    page.goto(base + "modules/approval-trials/")  # Table 1, its charts and self-checks
    page.wait_for_load_state("networkidle")
    assert page.evaluate(PRINTED)["key"] == 0  # the key is for paper only
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    context.close()
    assert printed["headsOnPage"] == printed["heads"] > 0
    assert printed["buttons"] == 0
    assert printed["svgsInside"]
    assert printed["key"] == printed["checks"] > 0
    assert printed["keyLast"]
