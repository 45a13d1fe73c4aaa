import { describe, expect, it } from 'vitest';
import { kindInfo, nodeKinds } from './core';
import { addNode, connect, deleteElements, insertOnEdge, pasteFragment, removeDanglingEdges, updateNode, withPositions } from './edits';
import { outputPorts } from './kinds';
import { tiny } from './testing';

describe('edits', () => {
  it('adds a node with a fresh id and a position', () => {
    const { doc, id } = addNode(tiny(), 'wait', { x: 10, y: 20 });
    expect(id).toBe('wait_1');
    expect(doc.layout.nodes!.wait_1).toEqual({ x: 10, y: 20 });
    expect(addNode(doc, 'wait', { x: 0, y: 0 }).id).toBe('wait_2');
  });

  it('adds every kind as the core’s starter node of that kind', () => {
    for (const { kind, starter } of nodeKinds()) {
      const { doc, id } = addNode(tiny(), kind, { x: 0, y: 0 });
      expect(doc.nodes.at(-1)).toEqual({ ...starter, id });
    }
  });

  it('inserts a node into an edge, in the edge’s place', () => {
    const { doc, id } = insertOnEdge(tiny(), 'message', { x: 150, y: 0 }, { from: 'start', port: 'next', to: 'pause' });
    expect(doc.edges).toEqual([
      { from: 'start', port: 'next', to: id },
      { from: id, port: 'next', to: 'pause' },
      { from: 'pause', port: 'next', to: 'done' },
    ]);
  });

  it('inserts a split through its first path', () => {
    const { doc, id } = insertOnEdge(tiny(), 'split', { x: 450, y: 0 }, { from: 'pause', port: 'next', to: 'done' });
    const first = outputPorts(kindInfo('split').starter)[0];
    expect(doc.edges.slice(1)).toEqual([
      { from: 'pause', port: 'next', to: id },
      { from: id, port: first, to: 'done' },
    ]);
  });

  it('only adds an exit dropped on an edge', () => {
    const before = tiny();
    const { doc } = insertOnEdge(before, 'exit', { x: 0, y: 0 }, { from: 'start', port: 'next', to: 'pause' });
    expect(doc.edges).toEqual(before.edges);
  });

  it('connects a port, replacing what it led to', () => {
    const doc = connect(tiny(), 'start', 'next', 'done');
    expect(doc.edges).toEqual([
      { from: 'pause', port: 'next', to: 'done' },
      { from: 'start', port: 'next', to: 'done' },
    ]);
    expect(connect(doc, 'start', 'next', 'done')).toBe(doc);
  });

  it('deletes nodes with their edges and positions, and single edges', () => {
    const doc = deleteElements(tiny(), ['pause']);
    expect(doc.nodes.map((n) => n.id)).toEqual(['start', 'done']);
    expect(doc.edges).toEqual([]);
    expect(doc.layout.nodes).toEqual({ start: { x: 0, y: 0 }, done: { x: 600, y: 0 } });
    const edgeGone = deleteElements(tiny(), [], [{ from: 'start', port: 'next', to: 'pause' }]);
    expect(edgeGone.edges).toEqual([{ from: 'pause', port: 'next', to: 'done' }]);
  });

  it('moves nodes, and returns the same document when nothing moved', () => {
    const doc = tiny();
    expect(withPositions(doc, { pause: { x: 300, y: 0 } })).toBe(doc);
    expect(withPositions(doc, { pause: { x: 310, y: 5 } }).layout.nodes!.pause).toEqual({ x: 310, y: 5 });
  });

  it('keeps an edge on a renamed port and drops the edge of a removed one', () => {
    let doc = addNode(tiny(), 'branch', { x: 0, y: 0 }).doc;
    doc = updateNode(doc, 'branch_1', (n) => (n.kind === 'branch' ? { ...n, cases: [{ port: 'case_1', when: { attr: 'plan', op: 'eq', value: 'pro' } }] } : n));
    doc = connect(doc, 'branch_1', 'case_1', 'done');
    doc = connect(doc, 'branch_1', 'else', 'pause');
    const renamed = updateNode(doc, 'branch_1', (n) => (n.kind === 'branch' ? { ...n, cases: [{ ...n.cases[0], port: 'vip' }] } : n));
    expect(renamed.edges.filter((e) => e.from === 'branch_1')).toEqual([
      { from: 'branch_1', port: 'vip', to: 'done' },
      { from: 'branch_1', port: 'else', to: 'pause' },
    ]);
    const removed = updateNode(renamed, 'branch_1', (n) => (n.kind === 'branch' ? { ...n, cases: [] } : n));
    expect(removed.edges.filter((e) => e.from === 'branch_1')).toEqual([{ from: 'branch_1', port: 'else', to: 'pause' }]);
  });

  it('pastes a copy with new ids, its inner edges and an offset', () => {
    const doc = tiny();
    const fragment = { nodes: doc.nodes.slice(1), edges: doc.edges.slice(1), positions: { pause: { x: 300, y: 0 }, done: { x: 600, y: 0 } } };
    const { doc: pasted, ids } = pasteFragment(doc, fragment, { x: 40, y: 40 });
    expect(ids).toEqual(['pause_1', 'done_1']);
    expect(pasted.edges.at(-1)).toEqual({ from: 'pause_1', port: 'next', to: 'done_1' });
    expect(pasted.layout.nodes!.pause_1).toEqual({ x: 340, y: 40 });
    expect(pasteFragment(pasted, fragment, { x: 80, y: 80 }).ids).toEqual(['pause_2', 'done_2']);
  });

  it('removes edges to nodes that do not exist', () => {
    const doc = tiny();
    doc.edges.push({ from: 'pause', port: 'next', to: 'ghost' });
    expect(removeDanglingEdges(doc).edges).toHaveLength(2);
  });
});
