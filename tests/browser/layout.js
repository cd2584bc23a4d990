// Layout checks run in the page by test_layout.py.

// Problems on the page as the learner sees it; [] when the layout holds.
const layout = () => {
  const vw = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
  const announced = e => { const s = getComputedStyle(e);
    return /(auto|scroll)/.test(s.overflowX) && e.getAttribute('role') === 'region' && e.getAttribute('aria-label') && e.tabIndex === 0; };
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (announced(a)) return false;
    if (/(auto|scroll|hidden)/.test(getComputedStyle(a).overflowX) && a.matches('.md-typeset__scrollwrap, .md-content *')) return 'in an unannounced scroll box ' + a.className;
  } return 'off-screen'; };
  for (const e of document.querySelectorAll('.md-content *, .md-footer *')) {
    const r = e.getBoundingClientRect();
    if (!r.width || getComputedStyle(e).visibility === 'hidden') continue;
    if (r.right > vw + 1 || r.left < -1) { const why = clipped(e); if (why) out.push(`${e.tagName}.${e.className} ${Math.round(r.left)}–${Math.round(r.right)} ${why}`); }
  }
  for (const svg of document.querySelectorAll('.md-content svg.figure-svg')) {
    const s = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) { const r = t.getBoundingClientRect();
      if (r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5)
        out.push(`SVG text "${t.textContent}" outside its SVG ${svg.id || svg.getAttribute('aria-labelledby')}`); }
  }
  return out.slice(0, 8);
};

// Table 1: reachable, with its cue, the product column staying in view.
const table1 = () => {
  const box = document.querySelector('.table-scroll .md-typeset__scrollwrap'), cue = box.previousElementSibling;
  const first = box.querySelector('tbody td'), b = box.getBoundingClientRect();
  const cells = [...box.querySelectorAll('td')];
  box.scrollLeft = box.scrollWidth;  // scrolled to the end: the last column shows, the product stays
  const last = box.querySelector('tbody tr td:last-child').getBoundingClientRect(), f = first.getBoundingClientRect();
  return {overflows: box.scrollWidth > box.clientWidth, cue: !!cue && cue.matches('.table-cue') && cue.getBoundingClientRect().width > 0,
          cells: cells.length, empty: cells.filter(c => !c.textContent.trim()).length,
          lastShows: last.right <= b.right + 1 && last.left >= b.left - 1, productStays: f.left >= b.left - 1 && f.right <= b.right + 1};
};
