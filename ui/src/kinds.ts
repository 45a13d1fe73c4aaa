//! The node-kind table as the backend describes it (`node_kinds`): names, descriptions and fixed
//! ports are one fact kept in Rust. The app registers the table once at start-up; pure modules
//! read it from here so that they need no store.

import type { Kind, KindInfo, Node } from './bindings';

let table: ReadonlyMap<Kind, KindInfo> = new Map();

/** Installs the table returned by `nodeKinds()`. */
export function registerKinds(kinds: readonly KindInfo[]): void {
  table = new Map(kinds.map((info) => [info.kind, info]));
}

export function kindsRegistered(): boolean {
  return table.size > 0;
}

export function kindInfo(kind: Kind): KindInfo | undefined {
  return table.get(kind);
}

/** The author-named ports of a node: case, event or path names, in the author's order. */
export function namedPorts(node: Node): string[] {
  switch (node.kind) {
    case 'wait_for_event':
      return (node.events ?? []).map((e) => e.port);
    case 'branch':
      return (node.cases ?? []).map((c) => c.port);
    case 'split':
    case 'parallel':
      return (node.paths ?? []).map((p) => p.port);
    default:
      return [];
  }
}

/**
 * The output ports of a node in canvas order: the named ports, then the kind's fixed ports
 * (`else`, `timeout`, `next`) from the backend's table.
 */
export function outputPorts(node: Node): string[] {
  const info = table.get(node.kind);
  if (!info) throw new Error(`node kinds are not loaded yet (needed for node "${node.id}")`);
  return info.named_ports ? [...namedPorts(node), ...info.fixed_ports] : [...info.fixed_ports];
}

/** Whether customers can arrive at a node of this kind (every kind but `entry`). */
export function hasInput(kind: Kind): boolean {
  return kind !== 'entry';
}
