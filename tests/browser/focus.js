// Focus checks run in the page by test_focus.py.

// How many pixels differ between two PNG screenshots (base64) of one area, by a canvas.
const changedPixels = async (a, b) => {
  const load = src => new Promise((done, fail) => {
    const i = new Image(); i.onload = () => done(i); i.onerror = fail; i.src = 'data:image/png;base64,' + src;
  });
  const [x, y] = await Promise.all([load(a), load(b)]);
  const c = document.createElement('canvas'); c.width = x.width; c.height = x.height;
  const g = c.getContext('2d', {willReadFrequently: true});
  g.drawImage(x, 0, 0); const p = g.getImageData(0, 0, c.width, c.height).data;
  g.clearRect(0, 0, c.width, c.height); g.drawImage(y, 0, 0);
  const q = g.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < p.length; i += 4)
    if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 48) n++;
  return n;
};

// The focused self-check control and the area its focus ring may take: an option's whole row,
// else the control with a margin for the ring; null outside the self-checks.
const focusedControl = () => {
  const e = document.activeElement, form = e.closest('form.quiz-question');
  if (!form) return null;
  const area = (e.type === 'radio' || e.type === 'checkbox') ? e.closest('label') : e;
  const r = area.getBoundingClientRect(), pad = 8;
  const kind = e.tagName === 'INPUT' ? `[${e.type}]` : e.tagName === 'BUTTON' ? `[${e.type}]` : '';
  return {what: `${form.dataset.type} ${e.tagName.toLowerCase()}${kind}`,
          clip: {x: Math.max(0, r.left - pad), y: Math.max(0, r.top - pad),
                 width: r.width + 2 * pad, height: r.height + 2 * pad}};
};
