//! Pure edits of a journey document: each takes a document and returns a new one, sharing every
//! part it did not change (so undo snapshots are cheap and unchanged nodes keep their identity).
//! The canvas and the inspector call these; none of them judges validity.

import type { Edge, JourneyDocument, Kind, Node, Position, Settings } from './bindings';
import { starterNode } from './core';
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
  return { doc: { ...added.doc, edges }, id: added.id };
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
  const after = update(before);
  if (after === before) return doc;
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
