import { describe, expect, it } from 'vitest';
import type { JourneyDocument } from './bindings';
import { journeyFromFlow, journeyToFlow, journeyToFlowLenient, reconcileNodes, type Flow } from './flow';
import { nodeHeight } from './geometry';
import { exampleJourneys, tiny } from './testing';

function toFlow(doc: JourneyDocument): Flow {
  const result = journeyToFlow(doc);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('journeyToFlow and journeyFromFlow', () => {
  const examples = exampleJourneys();

  it('finds the example journeys', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples)('round-trips %s exactly', (_file, doc) => {
    const before = structuredClone(doc);
    const back = journeyFromFlow(toFlow(doc), doc);
    expect(back).toStrictEqual({ ok: true, value: before });
    // Same keys in the same order: the JSON text is identical too.
    expect(back.ok && JSON.stringify(back.value)).toBe(JSON.stringify(before));
    // The conversion does not touch its input.
    expect(doc).toEqual(before);
  });

  it.each(examples)('keeps ids, order and positions in %s', (_file, doc) => {
    const flow = toFlow(doc);
    expect(flow.nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    for (const n of flow.nodes) {
      expect(n.position).toEqual(doc.layout.nodes![n.id]);
      expect(n.type).toBe(n.data.node.kind);
    }
    expect(flow.edges.map((e) => [e.source, e.sourceHandle, e.target])).toEqual(doc.edges.map((e) => [e.from, e.port, e.to]));
  });

  it('gives the same edge ids for the same document', () => {
    const doc = exampleJourneys()[0][1];
    expect(toFlow(doc).edges.map((e) => e.id)).toEqual(toFlow(structuredClone(doc)).edges.map((e) => e.id));
  });

  it('titles the edges of a node with several ports by case label, for the zoomed-out canvas', () => {
    const doc = exampleJourneys().find(([, d]) => d.id === 'b2b-lead-nurture')![1];
    const flow = toFlow(doc);
    const title = (from: string, port: string) => flow.edges.find((e) => e.source === from && e.sourceHandle === port)?.data?.title;
    expect(title('score_check', 'hot')).toBe('Lead score 80 or more');
    expect(title('score_check', 'else')).toBe('no match');
    expect(flow.edges.filter((e) => e.data?.title === undefined).every((e) => doc.edges.filter((d) => d.from === e.source).length >= 1)).toBe(true);
    expect(title(doc.nodes.find((n) => n.kind === 'entry')!.id, 'next')).toBeUndefined();
  });

  it('leaves edges unlabelled: a port is labelled on its card', () => {
    const doc = exampleJourneys().find(([, d]) => d.id === 'onboarding')![1];
    const flow = toFlow(doc);
    expect(flow.edges.find((e) => e.source === 'pricing_check' && e.sourceHandle === 'else')?.label).toBeUndefined();
    expect(flow.edges.find((e) => e.source === 'pricing_check' && e.sourceHandle === 'else')?.data?.port).toBe('else');
  });

  it('names the unknown node an edge leads to', () => {
    const doc = tiny();
    doc.edges.push({ from: 'pause', port: 'next', to: 'ghost' });
    expect(journeyToFlow(doc)).toEqual({
      ok: false,
      error: { node: 'ghost', message: 'An edge from "pause" (port next) leads to "ghost", which is not a node of this journey.' },
    });
  });

  it('names the unknown node an edge starts at', () => {
    const doc = tiny();
    doc.edges.push({ from: 'nowhere', port: 'next', to: 'done' });
    const result = journeyToFlow(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.node).toBe('nowhere');
  });

  it('names the node whose port does not exist', () => {
    const doc = tiny();
    doc.edges.push({ from: 'start', port: 'sideways', to: 'done' });
    const result = journeyToFlow(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ node: 'start' });
  });

  it('names a duplicate node id', () => {
    const doc = tiny();
    doc.nodes.push({ id: 'pause', kind: 'exit' });
    const result = journeyToFlow(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.node).toBe('pause');
  });

  it('draws what it can of a broken document and lists the rest', () => {
    const doc = tiny();
    doc.edges.push({ from: 'pause', port: 'next', to: 'ghost' });
    const { flow, errors } = journeyToFlowLenient(doc);
    expect(flow.nodes).toHaveLength(3);
    expect(flow.edges).toHaveLength(2);
    expect(errors.map((e) => e.node)).toEqual(['ghost']);
  });

  it('names the node when a flow edge leads to a node the flow lacks', () => {
    const doc = tiny();
    const flow = toFlow(doc);
    flow.nodes = flow.nodes.filter((n) => n.id !== 'done');
    const result = journeyFromFlow(flow, doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ node: 'done' });
  });

  it('writes moved positions and drops the positions of removed nodes', () => {
    const doc = tiny();
    const flow = toFlow(doc);
    flow.nodes[1] = { ...flow.nodes[1], position: { x: 310, y: 40 } };
    flow.nodes = flow.nodes.filter((n) => n.id !== 'done');
    flow.edges = flow.edges.filter((e) => e.target !== 'done');
    const result = journeyFromFlow(flow, doc);
    expect(result.ok && result.value.layout.nodes).toEqual({ start: { x: 0, y: 0 }, pause: { x: 310, y: 40 } });
  });

  it('keeps stale layout entries for validation to report', () => {
    const doc = tiny();
    doc.layout.nodes!.old = { x: 1, y: 2 };
    const result = journeyFromFlow(toFlow(doc), doc);
    expect(result.ok && result.value.layout.nodes!.old).toEqual({ x: 1, y: 2 });
  });

  it('places nodes without a position below the others', () => {
    const doc = tiny();
    delete doc.layout.nodes!.done;
    const flow = toFlow(doc);
    expect(flow.nodes[2].position.y).toBeGreaterThan(Math.max(flow.nodes[0].position.y, flow.nodes[1].position.y) + nodeHeight());
  });
});

describe('reconcileNodes', () => {
  it('reuses node objects that draw the same, and keeps selection on the others', () => {
    const doc = tiny();
    const first = toFlow(doc).nodes.map((n) => (n.id === 'pause' ? { ...n, selected: true } : n));
    const changed: JourneyDocument = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'pause' ? { ...n, label: 'Wait a day' } : n)) };
    const next = reconcileNodes(first, toFlow(changed).nodes);
    expect(next[0]).toBe(first[0]);
    expect(next[2]).toBe(first[2]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1].selected).toBe(true);
    expect(next[1].data.node.label).toBe('Wait a day');
  });
});
