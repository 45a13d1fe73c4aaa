//! Automatic layout ("Tidy up"), top to bottom as journeys read. Each connected group of steps is
//! laid out with ELK's layered algorithm, ports kept in canvas order so that a branch's cases fan
//! out left to right as they are listed. The groups are then placed by `arrangeGroups`: the ones
//! that start at an entry side by side, and the steps connected to no entry in a column to their
//! right, in the order they were on the canvas (top to bottom, then left to right), never in an
//! order of the layout engine's choosing.
//!
//! ELK runs in a Web Worker, loaded on first use: a big layout does not freeze the canvas, and
//! ELK's generated code (which assigns `toString` on its prototypes) runs in the worker's own
//! realm, untouched by the `Object.prototype` freeze the desktop shell applies to the page.

import type { ELK as ElkApi, ElkNode } from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { JourneyDocument, Node, Position } from './bindings';
import { nodeHeight, nodeWidth, portX } from './geometry';
import { hasInput, outputPorts } from './kinds';

/** Space between the groups that start at an entry, and before the column of loose steps. */
export const GROUP_GAP = 120;
/** Space between loose groups in their column. */
export const LOOSE_GAP = 32;

/** A group of connected steps, laid out on its own: its size and its nodes' positions in it. */
export interface LaidOutGroup {
  /** Whether the group holds an entry (it is a journey's start, not loose steps). */
  entry: boolean;
  /** Where to sort the group: its entry's, or its first step's, place before the layout. */
  rank: readonly [number, number, string];
  width: number;
  height: number;
  positions: Record<string, Position>;
}

/** New positions for every node of the document; edges to unknown nodes are ignored. */
export async function autoLayout(doc: JourneyDocument): Promise<Record<string, Position>> {
  return layoutWith(await layoutEngine(), doc);
}

/** The layout with a given ELK instance (the worker in the app, the bundled one in scripts). */
export async function layoutWith(elk: Pick<ElkApi, 'layout'>, doc: JourneyDocument): Promise<Record<string, Position>> {
  const laidOut: LaidOutGroup[] = [];
  for (const group of connectedGroups(doc)) {
    const graph = await elk.layout(elkGraph(doc, group));
    const positions: Record<string, Position> = {};
    for (const child of graph.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
    laidOut.push({ entry: group.some((n) => n.kind === 'entry'), rank: rankOf(doc, group), width: graph.width ?? 0, height: graph.height ?? 0, positions });
  }
  return arrangeGroups(laidOut);
}

/**
 * Places laid-out groups: those with an entry left to right, the others in columns to their right,
 * each group in the order of its rank (position before the layout, then id), so the same
 * document always gets the same layout.
 */
export function arrangeGroups(groups: readonly LaidOutGroup[]): Record<string, Position> {
  const byRank = (a: LaidOutGroup, b: LaidOutGroup) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || (a.rank[2] < b.rank[2] ? -1 : a.rank[2] > b.rank[2] ? 1 : 0);
  const main = groups.filter((g) => g.entry).sort((a, b) => a.rank[1] - b.rank[1] || byRank(a, b));
  const loose = groups.filter((g) => !g.entry).sort(byRank);
  const positions: Record<string, Position> = {};
  const place = (g: LaidOutGroup, x: number, y: number) => {
    for (const [id, p] of Object.entries(g.positions)) positions[id] = { x: Math.round(p.x + x), y: Math.round(p.y + y) };
  };
  let x = 0;
  let height = 0;
  for (const g of main) {
    place(g, x, 0);
    x += g.width + GROUP_GAP;
    height = Math.max(height, g.height);
  }
  // Loose steps fill columns as tall as the journey (or a few cards when there is none).
  const columnHeight = Math.max(height, 400);
  let y = 0;
  let columnWidth = 0;
  for (const g of loose) {
    if (y > 0 && y + g.height > columnHeight) {
      x += columnWidth + LOOSE_GAP;
      y = 0;
      columnWidth = 0;
    }
    place(g, x, y);
    y += g.height + LOOSE_GAP;
    columnWidth = Math.max(columnWidth, g.width);
  }
  return positions;
}

/** The nodes of each connected group (edges taken both ways), in document order. */
export function connectedGroups(doc: JourneyDocument): Node[][] {
  const index = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const parent = doc.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const e of doc.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined) parent[find(a)] = find(b);
  }
  const groups = new Map<number, Node[]>();
  doc.nodes.forEach((n, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(n);
    else groups.set(root, [n]);
  });
  return [...groups.values()];
}

/** A group's rank: its entry's (else its top-left step's) position before the layout, and id. */
function rankOf(doc: JourneyDocument, group: readonly Node[]): readonly [number, number, string] {
  const positions = doc.layout?.nodes ?? {};
  const entries = group.filter((n) => n.kind === 'entry');
  const candidates = entries.length > 0 ? entries : group;
  const ranked = candidates.map((n) => {
    const p = positions[n.id];
    return [p?.y ?? Number.MAX_SAFE_INTEGER, p?.x ?? Number.MAX_SAFE_INTEGER, n.id] as const;
  });
  ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
  return ranked[0];
}

function elkGraph(doc: JourneyDocument, group: readonly Node[]): ElkNode {
  const ids = new Set(group.map((n) => n.id));
  const portsOf = new Map(group.map((n) => [n.id, outputPorts(n)]));
  const kindOf = new Map(group.map((n) => [n.id, n.kind]));
  const children = group.map((node) => {
    const ports = portsOf.get(node.id)!;
    const width = nodeWidth(ports.length);
    const height = nodeHeight(ports.length);
    return {
      id: node.id,
      width,
      height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        ...(hasInput(node.kind) ? [{ id: `${node.id}::in`, x: width / 2, y: 0, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH' } }] : []),
        ...ports.map((port, i) => ({ id: `${node.id}::out::${port}`, x: portX(i, ports.length), y: height - 1, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH' } })),
      ],
    };
  });
  const edges = doc.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && portsOf.get(e.from)!.includes(e.port) && kindOf.get(e.to) !== 'entry')
    .map((e, i) => ({ id: `e${i}`, sources: [`${e.from}::out::${e.port}`], targets: [`${e.to}::in`] }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.spacing.nodeNode': '32',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges,
  };
}

let engine: Promise<ElkApi> | null = null;

function layoutEngine(): Promise<ElkApi> {
  engine ??= import('elkjs/lib/elk-api.js').then(({ default: ELK }) => new ELK({ workerFactory: () => new Worker(elkWorkerUrl) }));
  return engine;
}
