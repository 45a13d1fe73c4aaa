//! The output ports of a node as the canvas draws them: the author-named ports (cases, events,
//! paths) read from the node, then the kind's fixed ports from the core's kind table.

import type { Kind, Node } from './bindings';
import { kindInfo } from './core';

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
 * (`else`, `timeout`, `next`) from the core's table.
 */
export function outputPorts(node: Node): string[] {
  const info = kindInfo(node.kind);
  return info.named_ports ? [...namedPorts(node), ...info.fixed_ports] : [...info.fixed_ports];
}

/** Whether customers can arrive at a node of this kind from another one (the core's kind table). */
export function hasInput(kind: Kind): boolean {
  return kindInfo(kind).has_input;
}
