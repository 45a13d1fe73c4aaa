import { describe, expect, it } from 'vitest';
import { journeyToFlow } from '../flow';
import { exampleJourneys } from '../testing';
import { firstView, READABLE_ZOOM, type Area } from './viewport';

/** Where the view puts a flow box on screen, in the pane's coordinates. */
function onScreen(v: { x: number; y: number; zoom: number }, b: { x: number; y: number; width: number; height: number }) {
  return { left: v.x + b.x * v.zoom, top: v.y + b.y * v.zoom, right: v.x + (b.x + b.width) * v.zoom, bottom: v.y + (b.y + b.height) * v.zoom };
}

describe('firstView', () => {
  const area: Area = { left: 56, top: 40, width: 900, height: 700 };

  it.each(exampleJourneys())('fits every step of %s inside the area, at zoom 1 at most', (_file, doc) => {
    const flow = journeyToFlow(doc);
    if (!flow.ok) throw new Error(flow.error.message);
    const view = firstView(flow.value.nodes, area);
    expect(view.zoom).toBeLessThanOrEqual(1);
    for (const n of flow.value.nodes) {
      const box = onScreen(view, { ...n.position, width: n.width!, height: n.height! });
      expect(box.left).toBeGreaterThanOrEqual(area.left);
      expect(box.top).toBeGreaterThanOrEqual(area.top);
      expect(box.right).toBeLessThanOrEqual(area.left + area.width);
      expect(box.bottom).toBeLessThanOrEqual(area.top + area.height);
    }
  });

  it('shows the start of a journey at a readable zoom when asked to and the whole would be smaller', () => {
    const [, doc] = exampleJourneys().find(([, d]) => d.id === 'post-purchase')!;
    const flow = journeyToFlow(doc);
    if (!flow.ok) throw new Error(flow.error.message);
    const short: Area = { left: 0, top: 0, width: 1000, height: 280 };
    const view = firstView(flow.value.nodes, short, READABLE_ZOOM);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const entry = flow.value.nodes.find((n) => n.type === 'entry')!;
    const box = onScreen(view, { ...entry.position, width: entry.width!, height: entry.height! });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(short.height);
    expect(firstView(flow.value.nodes, short).zoom).toBeLessThan(READABLE_ZOOM);
  });

  it('does not blow a small journey up past full size', () => {
    const [, doc] = exampleJourneys()[0];
    const flow = journeyToFlow({ ...doc, nodes: doc.nodes.slice(0, 1), edges: [] });
    if (!flow.ok) throw new Error(flow.error.message);
    expect(firstView(flow.value.nodes, area).zoom).toBe(1);
  });
});
