//! Pure edits of a journey document: each takes a document and returns a new one, sharing every
//! part it did not change (so undo snapshots are cheap and unchanged nodes keep their identity).
//! The canvas and the inspector call these; none of them judges validity.

import type { Edge, JourneyDocument, Kind, Node, Position, Settings } from './bindings';
import { followedLabel, starterNode } from './core';
import { nodeHeight, nodeWidth, portX } from './geometry';
import { hasInput, outputPorts } from './kinds';
import { freshId } from './model';

/** Adds a node of `kind` at `position`, as the core's starter node of that kind. */
export function addNode(doc: JourneyDocument, kind: Kind, position: Position): { doc: JourneyDocument; id: string } {
  const id = freshId(doc, kind);
  const node = starterNode(kind, id);
  return { doc: withPositions({ ...doc, nodes: [...doc.nodes, node] }, { [id]: position }), id };
}

/**
 * Adds a node of `kind` into an existing edge: `from.port → new node`, and the new node's first
 * port to the old target. Kinds without an input or an output (entry, exit) cannot be inserted
 * and are only added.
 */
export function insertOnEdge(doc: JourneyDocument, kind: Kind, position: Position, edge: Edge): { doc: JourneyDocument; id: string } {
  const added = addNode(doc, kind, position);
  const node = added.doc.nodes[added.doc.nodes.length - 1];
  const ports = outputPorts(node);
  if (!hasInput(kind) || ports.length === 0) return added;
  const index = added.doc.edges.findIndex((e) => sameEdge(e, edge));
  if (index < 0) return added;
  const edges = [...added.doc.edges];
  edges.splice(index, 1, { from: edge.from, port: edge.port, to: added.id }, { from: added.id, port: ports[0], to: edge.to });
  return { doc: makeRoom({ ...added.doc, edges }, added.id, edge), id: added.id };
}

/** The space kept between a step and the one below it when a step is inserted between them. */
export const INSERT_GAP = 44;

/**
 * Places the step `id`, just inserted on `edge`, under the port the edge left from, and moves the
 * steps downstream of the edge down far enough that it lands on none of them (unless there already
 * was room). A connection that leads back up (a loop) moves nothing: the step stays where dropped.
 */
function makeRoom(doc: JourneyDocument, id: string, edge: Edge): JourneyDocument {
  const positions = doc.layout?.nodes ?? {};
  const from = positions[edge.from];
  const to = positions[edge.to];
  const source = doc.nodes.find((n) => n.id === edge.from);
  const inserted = doc.nodes.find((n) => n.id === id);
  if (!from || !to || !source || !inserted || to.y <= from.y) return doc;
  const sourcePorts = outputPorts(source);
  const port = Math.max(0, sourcePorts.indexOf(edge.port));
  const height = nodeHeight();
  const x = Math.round(from.x + portX(port, sourcePorts.length) - nodeWidth(outputPorts(inserted).length) / 2);
  const y = from.y + height + INSERT_GAP;
  const moved: Record<string, Position> = { [id]: { x, y } };
  const shift = y + height + INSERT_GAP - to.y;
  if (shift > 0) {
    // Everything reachable from the edge's target, below it, except the steps it came from.
    const upstream = reachable(doc.edges, edge.from, 'up');
    for (const n of reachable(doc.edges, edge.to, 'down', id)) {
      const p = positions[n];
      if (p && !upstream.has(n) && p.y >= to.y) moved[n] = { x: p.x, y: p.y + shift };
    }
  }
  return withPositions(doc, moved);
}

/** The nodes reachable from `start` (itself included) following edges down or up, not through `skip`. */
function reachable(edges: readonly Edge[], start: string, way: 'down' | 'up', skip?: string): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const at = stack.pop()!;
    for (const e of edges) {
      const [here, next] = way === 'down' ? [e.from, e.to] : [e.to, e.from];
      if (here !== at || next === skip || seen.has(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

/**
 * The connection that would close the gap left by deleting `id`: from the one port leading into
 * it to the one step it leads to. None when the step has more than one way in or out (or none).
 */
export function bridgeOver(doc: JourneyDocument, id: string): Edge | null {
  const into = doc.edges.filter((e) => e.to === id);
  const out = doc.edges.filter((e) => e.from === id);
  if (into.length !== 1 || out.length !== 1) return null;
  const bridge = { from: into[0].from, port: into[0].port, to: out[0].to };
  return bridge.from === id || bridge.to === id ? null : bridge;
}

/** Makes `bridge` if both its ends still exist and its port leads nowhere yet; else changes nothing. */
export function reconnect(doc: JourneyDocument, bridge: Edge): JourneyDocument {
  const ids = new Set(doc.nodes.map((n) => n.id));
  if (!ids.has(bridge.from) || !ids.has(bridge.to)) return doc;
  if (doc.edges.some((e) => e.from === bridge.from && e.port === bridge.port)) return doc;
  return { ...doc, edges: [...doc.edges, bridge] };
}

/** Connects `from.port` to `to`, replacing whatever that port led to (a port has one edge). */
export function connect(doc: JourneyDocument, from: string, port: string, to: string): JourneyDocument {
  if (doc.edges.some((e) => e.from === from && e.port === port && e.to === to) && doc.edges.filter((e) => e.from === from && e.port === port).length === 1) {
    return doc;
  }
  const edges = doc.edges.filter((e) => !(e.from === from && e.port === port));
  return { ...doc, edges: [...edges, { from, port, to }] };
}

/** Removes nodes (with their edges and positions) and edges. */
export function deleteElements(doc: JourneyDocument, nodeIds: readonly string[], edges: readonly Edge[] = []): JourneyDocument {
  if (nodeIds.length === 0 && edges.length === 0) return doc;
  const gone = new Set(nodeIds);
  const nodes = doc.nodes.filter((n) => !gone.has(n.id));
  const keptEdges = doc.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to) && !edges.some((d) => sameEdge(d, e)));
  let layout = doc.layout;
  if (layout?.nodes && nodeIds.some((id) => layout!.nodes![id] !== undefined)) {
    const positions = { ...layout.nodes };
    for (const id of nodeIds) delete positions[id];
    layout = { ...layout, nodes: positions };
  }
  return { ...doc, nodes, edges: keptEdges, layout };
}

/** Sets the positions of some nodes. */
export function withPositions(doc: JourneyDocument, positions: Readonly<Record<string, Position>>): JourneyDocument {
  const entries = Object.entries(positions);
  if (entries.length === 0) return doc;
  const current = doc.layout?.nodes ?? {};
  if (entries.every(([id, p]) => current[id]?.x === p.x && current[id]?.y === p.y)) return doc;
  const nodes = { ...current };
  for (const [id, p] of entries) nodes[id] = { x: p.x, y: p.y };
  return { ...doc, layout: { ...(doc.layout ?? {}), nodes } };
}

/** Replaces one node with `update(node)`; when a port is renamed or removed, its edges follow. */
export function updateNode(doc: JourneyDocument, id: string, update: (node: Node) => Node): JourneyDocument {
  const index = doc.nodes.findIndex((n) => n.id === id);
  if (index < 0) return doc;
  const before = doc.nodes[index];
  const updated = update(before);
  if (updated === before) return doc;
  // A label the marketer has not written follows the settings ("Wait 2 days" → "Wait 4 days").
  const followed = followedLabel(before, updated);
  const after = followed === null ? updated : { ...updated, label: followed };
  const nodes = [...doc.nodes];
  nodes[index] = after;
  return { ...doc, nodes, edges: followPorts(doc.edges, id, outputPorts(before), outputPorts(after)) };
}

/**
 * Keeps edges on their ports after a node's ports changed: a port renamed in place keeps its
 * edge under the new name; a port that disappeared loses its edge.
 */
function followPorts(edges: Edge[], id: string, before: string[], after: string[]): Edge[] {
  if (before.length === after.length && before.every((p, i) => p === after[i])) return edges;
  const rename = new Map<string, string | null>();
  for (const port of before) {
    if (after.includes(port)) continue;
    // Same count: the port at the same position was renamed. Otherwise it was removed.
    const i = before.indexOf(port);
    const renamed = before.length === after.length && !before.includes(after[i]) ? after[i] : null;
    rename.set(port, renamed);
  }
  if (rename.size === 0) return edges;
  const out: Edge[] = [];
  for (const e of edges) {
    if (e.from !== id || !rename.has(e.port)) out.push(e);
    else {
      const to = rename.get(e.port);
      if (to) out.push({ ...e, port: to });
    }
  }
  return out;
}

export function updateSettings(doc: JourneyDocument, update: (settings: Settings) => Settings): JourneyDocument {
  const settings = update(doc.settings);
  return settings === doc.settings ? doc : { ...doc, settings };
}

/** A piece of a journey on the clipboard: some nodes, the edges among them and their positions. */
export interface Fragment {
  nodes: Node[];
  edges: Edge[];
  positions: Record<string, Position>;
}

/** Pastes a fragment with fresh ids, shifted by `offset`; returns the new ids in fragment order. */
export function pasteFragment(doc: JourneyDocument, fragment: Fragment, offset: Position): { doc: JourneyDocument; ids: string[] } {
  const taken = new Set<string>();
  const rename = new Map<string, string>();
  for (const n of fragment.nodes) {
    const base = n.id.replace(/_\d+$/, '') || n.kind;
    const id = freshId(doc, base, taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const nodes = fragment.nodes.map((n) => ({ ...n, id: rename.get(n.id)! }));
  const edges = fragment.edges.map((e) => ({ from: rename.get(e.from)!, port: e.port, to: rename.get(e.to)! }));
  const positions: Record<string, Position> = {};
  fragment.nodes.forEach((n, i) => {
    const p = fragment.positions[n.id] ?? { x: i * 40, y: i * 40 };
    positions[rename.get(n.id)!] = { x: p.x + offset.x, y: p.y + offset.y };
  });
  const next = withPositions({ ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, positions);
  return { doc: next, ids: nodes.map((n) => n.id) };
}

/** Removes edges whose ends are not nodes of the document (the repair offered for broken files). */
export function removeDanglingEdges(doc: JourneyDocument): JourneyDocument {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const edges = doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  return edges.length === doc.edges.length ? doc : { ...doc, edges };
}

export function sameEdge(a: Edge, b: Edge): boolean {
  return a.from === b.from && a.port === b.port && a.to === b.to;
}
