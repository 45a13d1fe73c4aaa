//! The conversions between a journey document and React Flow's nodes and edges. The document is
//! what is stored; the flow is only how the canvas draws it. Both directions are pure and keep ids,
//! order and positions, so `journeyFromFlow(journeyToFlow(doc), doc)` gives back `doc`.

import type { Edge as FlowEdgeBase, Node as FlowNodeBase } from '@xyflow/react';
import type { Diagnostic, Edge, JourneyDocument, Kind, Node, Position } from './bindings';
import { nodeHeight, nodeWidth } from './geometry';
import { outputPorts, portTitle } from './kinds';

export type JourneyNodeData = {
  node: Node;
  /** Output ports in canvas order. */
  ports: string[];
  errors: number;
  warnings: number;
  /** In compare mode, what the diff says of the node (`compare.ts`). */
  mark?: NodeMark;
};

/** How compare mode marks a node: what the diff says of it (a move is `moved`). */
export type NodeMark = 'added' | 'changed' | 'retyped' | 'removed' | 'moved';

/** How compare mode marks a connection: new, now leading elsewhere, or gone (drawn dashed). */
export type EdgeMark = 'added' | 'rewired' | 'removed';

export type FlowNode = FlowNodeBase<JourneyNodeData, Kind>;
/** `title` names the port where the card's own port labels are too small to read (zoomed out). */
export type FlowEdge = FlowEdgeBase<{ port: string; title?: string; mark?: EdgeMark }>;

export interface Flow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** A conversion problem; `node` names the node it concerns (the unknown one, for dangling edges). */
export interface FlowError {
  node: string;
  message: string;
}

export type FlowResult<T> = { ok: true; value: T } | { ok: false; error: FlowError };

export type ProblemCounts = ReadonlyMap<string, { errors: number; warnings: number }>;

const NO_PROBLEMS = { errors: 0, warnings: 0 };

/** Counts errors and warnings per node. */
export function problemCounts(diagnostics: readonly Diagnostic[]): Map<string, { errors: number; warnings: number }> {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const d of diagnostics) {
    if (!d.node) continue;
    const c = counts.get(d.node) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') c.errors += 1;
    else c.warnings += 1;
    counts.set(d.node, c);
  }
  return counts;
}

export function edgeId(edge: Edge): string {
  return `${edge.from}\u0000${edge.port}\u0000${edge.to}`;
}

/**
 * Draws a document. Fails on what the canvas cannot draw: two nodes with one id, or an edge
 * from or to a node that does not exist, or through a port its node does not have.
 */
export function journeyToFlow(doc: JourneyDocument, problems?: ProblemCounts): FlowResult<Flow> {
  const { flow, errors } = journeyToFlowLenient(doc, problems);
  return errors.length > 0 ? { ok: false, error: errors[0] } : { ok: true, value: flow };
}

/**
 * Draws what can be drawn of a document and lists what could not: the second copy of a
 * duplicate node id, and edges from or to unknown nodes or ports. The document itself keeps
 * them; validation reports them.
 */
export function journeyToFlowLenient(doc: JourneyDocument, problems?: ProblemCounts): { flow: Flow; errors: FlowError[] } {
  const errors: FlowError[] = [];
  const positions = doc.layout?.nodes ?? {};
  const fallback = fallbackPlacer(positions);
  const nodes: FlowNode[] = [];
  const portsById = new Map<string, string[]>();
  const nodesById = new Map<string, Node>();
  for (const node of doc.nodes) {
    if (portsById.has(node.id)) {
      errors.push({ node: node.id, message: `Two nodes have the id "${node.id}"; the canvas shows the first one.` });
      continue;
    }
    const ports = outputPorts(node);
    portsById.set(node.id, ports);
    nodesById.set(node.id, node);
    const position: Position = positions[node.id] ?? fallback();
    nodes.push(makeFlowNode(node, ports, { x: position.x, y: position.y }, problems?.get(node.id) ?? NO_PROBLEMS));
  }
  const edges: FlowEdge[] = [];
  const seen = new Map<string, number>();
  for (const edge of doc.edges) {
    const fromPorts = portsById.get(edge.from);
    if (!fromPorts) {
      errors.push({ node: edge.from, message: `An edge starts at "${edge.from}", which is not a node of this journey (it leads to "${edge.to}").` });
      continue;
    }
    if (!portsById.has(edge.to)) {
      errors.push({ node: edge.to, message: `An edge from "${edge.from}" (port ${edge.port}) leads to "${edge.to}", which is not a node of this journey.` });
      continue;
    }
    if (!fromPorts.includes(edge.port)) {
      errors.push({ node: edge.from, message: `An edge leaves "${edge.from}" through port "${edge.port}", which that node does not have.` });
      continue;
    }
    let id = edgeId(edge);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n > 0) id = `${id}\u0000${n}`;
    edges.push(makeFlowEdge(id, edge, fromPorts.length > 1 ? portTitle(nodesById.get(edge.from)!, edge.port) : undefined));
  }
  return { flow: { nodes, edges }, errors };
}

export function makeFlowNode(node: Node, ports: string[], position: { x: number; y: number }, problems: { errors: number; warnings: number }): FlowNode {
  return {
    id: node.id,
    type: node.kind,
    position,
    width: nodeWidth(ports.length),
    height: nodeHeight(ports.length),
    data: { node, ports, errors: problems.errors, warnings: problems.warnings },
  };
}

/**
 * An edge carries no label: its port is labelled where it leaves the card. `title` (a port of a
 * node with several) is shown on the edge only when the canvas is zoomed out.
 */
export function makeFlowEdge(id: string, edge: Edge, title?: string): FlowEdge {
  return {
    id,
    source: edge.from,
    sourceHandle: edge.port,
    target: edge.to,
    type: 'port',
    data: title === undefined ? { port: edge.port } : { port: edge.port, title },
  };
}

/**
 * The document the flow draws, on top of `base` (which supplies everything the canvas does not
 * hold: name, settings, viewport, notes). Fails when an edge names a node the flow lacks.
 */
export function journeyFromFlow(flow: Flow, base: JourneyDocument): FlowResult<JourneyDocument> {
  const ids = new Set(flow.nodes.map((n) => n.id));
  for (const e of flow.edges) {
    if (!ids.has(e.source)) return { ok: false, error: { node: e.source, message: `Edge "${e.id}" starts at unknown node "${e.source}".` } };
    if (!ids.has(e.target)) return { ok: false, error: { node: e.target, message: `Edge "${e.id}" leads to unknown node "${e.target}".` } };
  }
  const nodes = flow.nodes.map((n) => (n.data.node.id === n.id ? n.data.node : { ...n.data.node, id: n.id }));
  const edges: Edge[] = flow.edges.map((e) => ({ from: e.source, port: e.data?.port ?? e.sourceHandle ?? 'next', to: e.target }));
  // Keep stale layout entries (for ids that never were nodes) so that validation can still
  // report them; drop the ones of nodes the flow no longer has.
  const before = new Set(base.nodes.map((n) => n.id));
  const layoutNodes: Record<string, Position> = {};
  for (const [id, position] of Object.entries(base.layout?.nodes ?? {})) {
    if (!before.has(id) || ids.has(id)) layoutNodes[id] = position;
  }
  for (const n of flow.nodes) {
    const old = layoutNodes[n.id];
    layoutNodes[n.id] = old && old.x === n.position.x && old.y === n.position.y ? old : { x: n.position.x, y: n.position.y };
  }
  const layout = { ...(base.layout ?? {}) };
  if (Object.keys(layoutNodes).length > 0 || layout.nodes !== undefined) layout.nodes = layoutNodes;
  return { ok: true, value: { ...base, nodes, edges, layout } };
}

/**
 * Reuses the previous flow's node objects where nothing they draw changed, and keeps the
 * canvas's own state (selection, measured size) on the others, so that a change to one node
 * re-renders one node even in a journey of thousands.
 */
export function reconcileNodes(prev: readonly FlowNode[], next: FlowNode[]): FlowNode[] {
  if (prev.length === 0) return next;
  const before = new Map(prev.map((n) => [n.id, n]));
  return next.map((n) => {
    const old = before.get(n.id);
    if (!old) return n;
    const same =
      old.data.node === n.data.node &&
      old.position.x === n.position.x &&
      old.position.y === n.position.y &&
      old.data.errors === n.data.errors &&
      old.data.warnings === n.data.warnings &&
      old.type === n.type &&
      samePorts(old.data.ports, n.data.ports);
    if (same) return old;
    return { ...n, selected: old.selected, measured: old.measured };
  });
}

export function reconcileEdges(prev: readonly FlowEdge[], next: FlowEdge[]): FlowEdge[] {
  if (prev.length === 0) return next;
  const before = new Map(prev.map((e) => [e.id, e]));
  return next.map((e) => {
    const old = before.get(e.id);
    if (!old) return e;
    if (old.label === e.label && old.data?.title === e.data?.title) return old;
    return { ...e, selected: old.selected };
  });
}

function samePorts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Places nodes that have no position in a row below everything that has one. */
function fallbackPlacer(positions: Record<string, Position>): () => Position {
  const ys = Object.values(positions).map((p) => p.y);
  const y = ys.length ? Math.max(...ys) + nodeHeight() + 80 : 0;
  let x = 0;
  return () => {
    const p = { x, y };
    x += nodeWidth(1) + 40;
    return p;
  };
}
