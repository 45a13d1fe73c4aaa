//! Automatic layout with ELK's layered algorithm, left to right, ports kept in canvas order so
//! that a branch's cases fan out top to bottom as they are listed.
//!
//! ELK runs in a Web Worker, loaded on first use: a big layout does not freeze the canvas, and
//! ELK's generated code (which assigns `toString` on its prototypes) runs in the worker's own
//! realm, untouched by the `Object.prototype` freeze the desktop shell applies to the page.

import type { ELK as ElkApi } from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { JourneyDocument, Position } from './bindings';
import { NODE_WIDTH, TARGET_Y, nodeHeight, portY } from './geometry';
import { hasInput, outputPorts } from './kinds';

/** New positions for every node of the document; edges to unknown nodes are ignored. */
export async function autoLayout(doc: JourneyDocument): Promise<Record<string, Position>> {
  const elk = await layoutEngine();
  const ids = new Set(doc.nodes.map((n) => n.id));
  const portsOf = new Map(doc.nodes.map((n) => [n.id, outputPorts(n)]));
  const kindOf = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const children = doc.nodes.map((node) => {
    const ports = portsOf.get(node.id)!;
    return {
      id: node.id,
      width: NODE_WIDTH,
      height: nodeHeight(ports.length),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
      ports: [
        ...(hasInput(node.kind) ? [{ id: `${node.id}::in`, x: 0, y: TARGET_Y, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } }] : []),
        ...ports.map((port, i) => ({ id: `${node.id}::out::${port}`, x: NODE_WIDTH - 1, y: portY(i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } })),
      ],
    };
  });
  const edges = doc.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && portsOf.get(e.from)!.includes(e.port) && kindOf.get(e.to) !== 'entry')
    .map((e, i) => ({ id: `e${i}`, sources: [`${e.from}::out::${e.port}`], targets: [`${e.to}::in`] }));
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '36',
      'elk.spacing.componentComponent': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
      'elk.separateConnectedComponents': 'true',
    },
    children,
    edges,
  });
  const positions: Record<string, Position> = {};
  for (const child of graph.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

let engine: Promise<ElkApi> | null = null;

function layoutEngine(): Promise<ElkApi> {
  engine ??= import('elkjs/lib/elk-api.js').then(({ default: ELK }) => new ELK({ workerFactory: () => new Worker(elkWorkerUrl) }));
  return engine;
}
