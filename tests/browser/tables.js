// Every table of a page as a learner reads it, run in the page by test_reading.py.
//
// For each table: its scroll box is brought up under the site's header and scrolled fully
// sideways; then each body row in turn is scrolled to just under the table's header row, and the
// point in the middle of the row's first cell must hit that cell (its label is in view, on top of
// the cells scrolled under it) while the header row still shows above it. A box taller than the
// screen below the site's header could hide its own header row: that is a problem too.
// Returns {tables, rows, problems}.
const tableLabels = () => {
  const problems = [], site = document.querySelector('.md-header').getBoundingClientRect().height;
  const tables = [...document.querySelectorAll('.md-content table')].filter(t => t.offsetParent);
  const hits = (x, y, cell) => { const e = document.elementFromPoint(x, y); return !!e && cell.contains(e); };
  let rows = 0;
  tables.forEach((table, n) => {
    const box = table.closest('.md-typeset__scrollwrap');
    const name = `table ${n + 1} (${(table.querySelector('th') || {}).textContent || '?'})`;
    if (!box) { problems.push(`${name}: not in a scroll box`); return; }
    const head = [...table.querySelectorAll('tr')].find(r => r.querySelector('th'));
    if (!head) { problems.push(`${name}: no header row`); return; }
    if (box.getBoundingClientRect().height > window.innerHeight - site + 1)
      problems.push(`${name}: its box is taller than the screen below the header`);
    window.scrollTo(0, window.scrollY + box.getBoundingClientRect().top - site);
    box.scrollLeft = box.scrollWidth;
    const headHeight = head.getBoundingClientRect().height;
    for (const row of [...table.querySelectorAll('tr')].filter(r => r.querySelector('td'))) {
      rows++;
      const b0 = box.getBoundingClientRect();
      box.scrollTop += row.getBoundingClientRect().top - b0.top - headHeight;
      const b = box.getBoundingClientRect(), label = row.cells[0].getBoundingClientRect();
      const top = Math.max(label.top, b.top + headHeight), bottom = Math.min(label.bottom, b.bottom);
      const x = Math.max(label.left, b.left) + 4, y = (top + Math.min(bottom, top + 20)) / 2;
      const text = row.cells[0].textContent.trim().slice(0, 30);
      if (label.left < b.left - 1 || label.right > b.right + 1 || bottom - top < 4 || !hits(x, y, row.cells[0]))
        problems.push(`${name}: row "${text}" loses its label when scrolled sideways`);
      if (!/[A-Za-z]{2}/.test(text)) problems.push(`${name}: row "${text}" has no words to name it`);
      const corner = head.cells[0].getBoundingClientRect(), last = head.cells[head.cells.length - 1].getBoundingClientRect();
      if (!hits(corner.left + 4, corner.top + corner.height / 2, head.cells[0]) ||
          !hits(Math.min(last.left + 4, b.right - 4), last.top + last.height / 2, head.cells[head.cells.length - 1]))
        problems.push(`${name}: row "${text}" shows without its header row`);
      const end = row.cells[row.cells.length - 1].getBoundingClientRect();
      if (end.right > b.right + 1) problems.push(`${name}: row "${text}" cannot be scrolled to its last cell`);
    }
    box.scrollLeft = 0; box.scrollTop = 0;
  });
  return {tables: tables.length, rows, problems: problems.slice(0, 12)};
};

// Table 1 at this width: whether it overflows its box, and whether the cue says so.
const table1 = () => {
  const box = document.querySelector('.table-scroll .md-typeset__scrollwrap');
  const cue = box.previousElementSibling;
  return {overflows: box.scrollWidth > box.clientWidth + 1,
          cue: !!cue && cue.matches('.table-cue') && cue.getBoundingClientRect().width > 0,
          region: box.getAttribute('role') === 'region' && box.tabIndex === 0,
          columns: box.querySelectorAll('thead th').length};
};
