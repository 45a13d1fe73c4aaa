//! The output ports of a node as the canvas draws them: the author-named ports (cases, events,
//! paths) read from the node, then the kind's fixed ports from the core's kind table.

import type { Kind, Node } from './bindings';
import { kindInfo } from './core';
import { fmtNumber } from './model';

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

/**
 * What a port is called where a person reads it: a case's label (`no match` for a branch's
 * `else`), the event a wait listens for, a path's share or label; the port name otherwise.
 */
export function portTitle(node: Node, port: string): string {
  switch (node.kind) {
    case 'branch':
      if (port === 'else') return 'no match';
      return node.cases.find((c) => c.port === port)?.label?.trim() || port;
    case 'wait_for_event':
      if (port === 'timeout') return 'after timeout';
      return node.events.find((e) => e.port === port)?.event || port;
    case 'split': {
      const path = node.paths.find((p) => p.port === port);
      return path ? `${fmtNumber(path.weight)}% ${port}` : port;
    }
    case 'parallel':
      return node.paths.find((p) => p.port === port)?.label?.trim() || port;
    default:
      return port;
  }
}

/** Whether customers can arrive at a node of this kind from another one (the core's kind table). */
export function hasInput(kind: Kind): boolean {
  return kindInfo(kind).has_input;
}
