import { describe, expect, it } from 'vitest';
import { kindInfo, nodeKinds } from './core';
import { addNode, bridgeOver, connect, deleteElements, insertOnEdge, INSERT_GAP, pasteFragment, reconnect, removeDanglingEdges, updateNode, withPositions } from './edits';
import { nodeHeight, nodeWidth, portX } from './geometry';
import { outputPorts } from './kinds';
import { example, tiny } from './testing';

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

  it('inserts a step dropped on an arrow under the arrow’s port, moving the steps below it down', () => {
    const doc = tiny();
    // Top to bottom, with no room between the entry and the wait.
    doc.layout.nodes = { start: { x: 0, y: 0 }, pause: { x: 0, y: nodeHeight() + 30 }, done: { x: 0, y: 2 * nodeHeight() + 60 }, side: { x: 400, y: 0 } };
    doc.nodes.push({ id: 'side', kind: 'exit' });
    const { doc: after, id } = insertOnEdge(doc, 'message', { x: 37, y: 51 }, { from: 'start', port: 'next', to: 'pause' });
    const p = after.layout.nodes!;
    expect(p[id].y).toBe(nodeHeight() + INSERT_GAP);
    expect(p[id].x + nodeWidth(1) / 2).toBe(portX(0, 1));
    // The steps downstream keep their order and gaps, below the new one; others do not move.
    expect(p.pause.y).toBe(p[id].y + nodeHeight() + INSERT_GAP);
    expect(p.done.y - p.pause.y).toBe(doc.layout.nodes!.done.y - doc.layout.nodes!.pause.y);
    expect(p.start).toEqual(doc.layout.nodes!.start);
    expect(p.side).toEqual(doc.layout.nodes!.side);
  });

  it('moves nothing when the arrow already leaves room, or leads back up', () => {
    const doc = tiny();
    doc.layout.nodes = { start: { x: 0, y: 0 }, pause: { x: 0, y: 600 }, done: { x: 0, y: 800 } };
    const roomy = insertOnEdge(doc, 'wait', { x: 0, y: 300 }, { from: 'start', port: 'next', to: 'pause' }).doc;
    expect(roomy.layout.nodes!.pause).toEqual({ x: 0, y: 600 });
    const loop = { ...doc, edges: [...doc.edges, { from: 'done', port: 'next', to: 'pause' }] };
    const back = insertOnEdge(loop, 'wait', { x: 500, y: 500 }, { from: 'done', port: 'next', to: 'pause' });
    expect(back.doc.layout.nodes![back.id]).toEqual({ x: 500, y: 500 });
    expect(back.doc.layout.nodes!.pause).toEqual({ x: 0, y: 600 });
  });

  it('bridges a deleted step with one way in and one way out, and only that', () => {
    const doc = tiny();
    expect(bridgeOver(doc, 'pause')).toEqual({ from: 'start', port: 'next', to: 'done' });
    expect(bridgeOver(doc, 'start')).toBeNull();
    expect(bridgeOver(doc, 'done')).toBeNull();
    const gone = deleteElements(doc, ['pause']);
    expect(reconnect(gone, { from: 'start', port: 'next', to: 'done' }).edges).toEqual([{ from: 'start', port: 'next', to: 'done' }]);
    // Not over a port connected meanwhile, nor to a step that is gone.
    const rewired = connect(gone, 'start', 'next', 'start');
    expect(reconnect(rewired, { from: 'start', port: 'next', to: 'done' })).toBe(rewired);
    const noExit = deleteElements(gone, ['done']);
    expect(reconnect(noExit, { from: 'start', port: 'next', to: 'done' })).toBe(noExit);
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

describe('a label the marketer has not written', () => {
  it('follows the settings, and stops following once the marketer names the step', () => {
    const onboarding = example('onboarding');
    const wait = onboarding.nodes.find((n) => n.kind === 'wait' && n.label === 'Wait 2 days')!;
    const longer = updateNode(onboarding, wait.id, (n) => ({ ...n, delay: { duration: 'P4D' } }) as typeof n);
    expect(longer.nodes.find((n) => n.id === wait.id)!.label).toBe('Wait 4 days');
    const named = updateNode(longer, wait.id, (n) => ({ ...n, label: 'Cool-off' }));
    const after = updateNode(named, wait.id, (n) => ({ ...n, delay: { duration: 'P1W' } }) as typeof n);
    expect(after.nodes.find((n) => n.id === wait.id)!.label).toBe('Cool-off');
  });
});
