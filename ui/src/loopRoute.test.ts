import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from './bindings';
import { nodeHeight, nodeWidth, portX } from './geometry';
import { outputPorts } from './kinds';
import { goesBackUp, loopRoute, type Box } from './loopRoute';
import { exampleJourneys } from './testing';

/** Every card of `doc` where its layout puts it, and each arrow's two ends, as the canvas draws them. */
function drawn(doc: JourneyDocument) {
  const positions = doc.layout.nodes ?? {};
  const cards = new Map<string, Box>();
  for (const node of doc.nodes) {
    const at = positions[node.id];
    if (at) cards.set(node.id, { x: at.x, y: at.y, width: nodeWidth(outputPorts(node).length), height: nodeHeight() });
  }
  const arrows = doc.edges.flatMap((edge) => {
    const from = doc.nodes.find((n) => n.id === edge.from)!;
    const [source, target] = [cards.get(edge.from), cards.get(edge.to)];
    if (!source || !target) return [];
    const ports = outputPorts(from);
    return [{ edge, sx: source.x + portX(ports.indexOf(edge.port), ports.length), sy: source.y + source.height, tx: target.x + target.width / 2, ty: target.y }];
  });
  return { cards, arrows };
}

/** The straight runs of a route's path (its `M` and `L` points; the rounded corners join them). */
function runs(path: string): [number, number, number, number][] {
  const points = [...path.matchAll(/[ML] (-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const out: [number, number, number, number][] = [];
  for (let i = 1; i < points.length; i += 1) out.push([points[i - 1][0], points[i - 1][1], points[i][0], points[i][1]]);
  return out.filter(([x1, y1, x2, y2]) => x1 === x2 || y1 === y2);
}

/** Whether a horizontal or vertical run passes through the inside of `box`. */
function cuts([x1, y1, x2, y2]: [number, number, number, number], box: Box): boolean {
  const [left, right, top, bottom] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
  return left < box.x + box.width && right > box.x && top < box.y + box.height && bottom > box.y;
}

describe('arrows that go back up the journey', () => {
  const loops = exampleJourneys().flatMap(([file, doc]) => {
    const { cards, arrows } = drawn(doc);
    return arrows.filter((a) => goesBackUp(a.sy, a.ty)).map((a) => [`${file}: ${a.edge.from} → ${a.edge.to}`, a, [...cards.values()]] as const);
  });

  it('exist in the examples (the test below has something to check)', () => {
    expect(loops.length).toBeGreaterThan(0);
  });

  it.each(loops)('%s runs beside the cards, through none of them', (_, arrow, cards) => {
    const route = loopRoute(arrow.sx, arrow.sy, arrow.tx, arrow.ty, cards);
    for (const run of runs(route.path)) for (const card of cards) expect(cuts(run, card), `${JSON.stringify(run)} cuts ${JSON.stringify(card)}`).toBe(false);
    expect(route.path.startsWith(`M ${arrow.sx} ${arrow.sy}`) && route.path.endsWith(`L ${arrow.tx} ${arrow.ty}`)).toBe(true);
  });

  it('takes the shorter side', () => {
    const cards = [{ x: 0, y: 0, width: 300, height: 72 }, { x: 0, y: 200, width: 300, height: 72 }];
    expect(loopRoute(280, 272, 150, 0, cards).labelX).toBe(324);
    expect(loopRoute(20, 272, 150, 0, cards).labelX).toBe(-24);
  });

  it('a connection down the journey is not a loop', () => {
    expect(goesBackUp(72, 200)).toBe(false);
    expect(goesBackUp(272, 0)).toBe(true);
  });
});
