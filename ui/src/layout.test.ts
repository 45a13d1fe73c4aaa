import { readFileSync, writeFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from './bindings';
import { canonical } from './core';
import { nodeHeight, nodeWidth } from './geometry';
import { arrangeGroups, connectedGroups, layoutWith, type LaidOutGroup } from './layout';
import { outputPorts } from './kinds';
import { exampleJourneys, tiny } from './testing';

const elk = new ELK();

/** Every example's `layout` is what Tidy up makes of it. Run with WAYMARK_RELAYOUT=1 to rewrite them. */
describe('the examples are laid out by the automatic layout', () => {
  it.each(exampleJourneys())('%s', async (file, doc) => {
    const positions = await layoutWith(elk, doc);
    const laidOut: JourneyDocument = { ...doc, layout: { ...doc.layout, nodes: positions } };
    if (process.env.WAYMARK_RELAYOUT === '1') {
      const path = new URL(`../../journeys/${file}`, import.meta.url);
      const text = canonical(laidOut);
      if (readFileSync(path, 'utf8') !== text) writeFileSync(path, text);
      return;
    }
    expect(doc.layout.nodes).toEqual(positions);
  });
});

describe('autoLayout', () => {
  it('lays a journey out top to bottom: each step below the one before it', async () => {
    const doc = tiny();
    const p = await layoutWith(elk, doc);
    expect(p.pause.y).toBeGreaterThan(p.start.y + nodeHeight());
    expect(p.done.y).toBeGreaterThan(p.pause.y + nodeHeight());
  });

  it('fans a branch out left to right in the order of its cases, no two steps overlapping', async () => {
    const [, doc] = exampleJourneys().find(([, d]) => d.nodes.some((n) => n.kind === 'branch' && n.cases.length >= 2))!;
    const p = await layoutWith(elk, doc);
    const branch = doc.nodes.find((n) => n.kind === 'branch' && n.cases.length >= 2)!;
    const targets = outputPorts(branch).map((port) => doc.edges.find((e) => e.from === branch.id && e.port === port)?.to);
    const xs = targets.filter((t): t is string => !!t).map((t) => p[t].x);
    expect(new Set(targets).size).toBe(targets.length);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const boxes = doc.nodes.map((n) => ({ id: n.id, ...p[n.id], w: nodeWidth(outputPorts(n).length), h: nodeHeight() }));
    for (const a of boxes) for (const b of boxes) {
      if (a.id >= b.id) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  });

  it('places steps connected to no entry in a column to the right, in their order on the canvas', async () => {
    const doc = tiny();
    doc.nodes.push({ id: 'z_loose', kind: 'wait', delay: { duration: 'P1D' } }, { id: 'a_loose', kind: 'exit' }, { id: 'm_loose', kind: 'exit' });
    // Top to bottom on the canvas: m, z, a (their ids sort otherwise).
    doc.layout.nodes = { ...doc.layout.nodes, m_loose: { x: 900, y: -50 }, z_loose: { x: 50, y: 400 }, a_loose: { x: 0, y: 700 } };
    const first = await layoutWith(elk, doc);
    const again = await layoutWith(elk, doc);
    expect(again).toEqual(first);
    const right = Math.max(first.start.x, first.pause.x, first.done.x) + nodeWidth(1);
    for (const id of ['m_loose', 'z_loose', 'a_loose']) expect(first[id].x).toBeGreaterThan(right);
    expect(first.m_loose.y).toBeLessThan(first.z_loose.y);
    expect(first.z_loose.y).toBeLessThan(first.a_loose.y);
  });
});

describe('connectedGroups and arrangeGroups', () => {
  it('groups steps by their connections, either way', () => {
    const doc = tiny();
    doc.nodes.push({ id: 'loose', kind: 'exit' });
    expect(connectedGroups(doc).map((g) => g.map((n) => n.id))).toEqual([['start', 'pause', 'done'], ['loose']]);
  });

  it('wraps loose groups into a new column when one gets taller than the journey', () => {
    const group = (id: string, entry: boolean, y: number, height: number): LaidOutGroup => ({ entry, rank: [y, 0, id], width: 100, height, positions: { [id]: { x: 0, y: 0 } } });
    const p = arrangeGroups([group('b', false, 2, 300), group('main', true, 0, 500), group('a', false, 1, 300)]);
    expect(p.main).toEqual({ x: 0, y: 0 });
    expect(p.a).toEqual({ x: 220, y: 0 });
    expect(p.b.x).toBeGreaterThan(p.a.x);
    expect(p.b.y).toBe(0);
  });
});
