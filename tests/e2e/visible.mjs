// What a person sees of the canvas, measured in the page: the React Flow pane minus every panel
// that overlaps it (sidebar, inspector, problems dock, palette, banners, zoom controls), and where
// each step and its label are drawn. Shared by the readability and canvas tests.

/**
 * A script for `session.execute` that returns `{ zoom, visible, steps }`: the visible canvas
 * rectangle, and per step its id, box, label text, label box and the label's on-screen type size
 * (computed font size × zoom).
 */
export const MEASURE_CANVAS = `
  const pane = document.querySelector('[data-testid="canvas"] .react-flow').getBoundingClientRect();
  const zoom = window.__waymark.viewport.get().zoom;
  let r = { left: pane.left, top: pane.top, right: pane.right, bottom: pane.bottom };
  const panels = document.querySelectorAll('.wm-sidebar, .wm-right, .wm-problems, .wm-palette, .wm-banners > *, .wm-compare-bar, .react-flow__controls, .react-flow__minimap, .wm-topbar');
  for (const el of panels) {
    const p = el.getBoundingClientRect();
    if (p.width === 0 || p.height === 0) continue;
    if (p.right <= r.left || p.left >= r.right || p.bottom <= r.top || p.top >= r.bottom) continue;
    // Cut the panel away from the side that leaves the most canvas.
    const cuts = [
      { ...r, left: p.right }, { ...r, right: p.left }, { ...r, top: p.bottom }, { ...r, bottom: p.top },
    ].filter((c) => c.right > c.left && c.bottom > c.top);
    cuts.sort((a, b) => (b.right - b.left) * (b.bottom - b.top) - (a.right - a.left) * (a.bottom - a.top));
    r = cuts[0] ?? { left: 0, top: 0, right: 0, bottom: 0 };
  }
  const box = (el) => { const b = el.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; };
  const steps = [...document.querySelectorAll('.react-flow__node')].map((el) => {
    const id = el.getAttribute('data-id');
    const label = el.querySelector('.wm-node__label');
    return {
      id,
      box: box(el),
      label: label ? label.textContent : null,
      labelBox: label ? box(label) : null,
      labelPx: label ? parseFloat(getComputedStyle(label).fontSize) * zoom : 0,
    };
  });
  return { zoom, visible: r, steps };
`;

/** Whether box `b` lies inside rectangle `r` (to within half a pixel of rounding). */
export function inside(b, r) {
  return b.left >= r.left - 0.5 && b.top >= r.top - 0.5 && b.right <= r.right + 0.5 && b.bottom <= r.bottom + 0.5;
}

/** Whether two boxes overlap. */
export function overlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
