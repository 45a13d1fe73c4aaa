import { describe, expect, it } from 'vitest';
import type { JourneyDiff, JourneyDocument, Node, VersionInfo } from './bindings';
import {
  changeCounts,
  compareFlow,
  fieldLabel,
  GHOST_GAP,
  isEmptyDiff,
  nodeMarks,
  orderSides,
  placeGhost,
  publishBaseline,
  sentenceGroups,
  sideLabel,
  valueText,
} from './compare';
import { diff } from './core';
import { NODE_WIDTH, nodeHeight } from './geometry';
import { example } from './testing';

// The diffs here are the real core's (`core.diff`, WebAssembly): these tests check what the
// canvas and the panels make of them, on the onboarding example edited in every way a node can.

function coreDiff(old: JourneyDocument, next: JourneyDocument): JourneyDiff {
  const answer = diff(old, next);
  if ('error' in answer) throw new Error(answer.error);
  return answer.ok;
}

function node(doc: JourneyDocument, id: string): Node {
  const found = doc.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

/** Onboarding edited: a longer wait, a step removed (its port rewired), a step added where the
 *  removed one was, a message retyped to an update, and the entry moved on the canvas. */
function edited(): { old: JourneyDocument; next: JourneyDocument } {
  const old = example('onboarding');
  const next = structuredClone(old);
  const wait = node(next, 'wait_2d');
  if (wait.kind === 'wait') wait.delay = { duration: 'P3D' };
  next.nodes = next.nodes.filter((n) => n.id !== 'trial_push');
  next.edges = next.edges.filter((e) => e.from !== 'trial_push');
  next.edges.find((e) => e.from === 'checkout_check' && e.port === 'else')!.to = 'survey';
  next.nodes.push({ id: 'survey', kind: 'message', label: 'Survey email', channel: 'email', category: 'marketing', template: 'tpl_survey' });
  next.edges.push({ from: 'survey', port: 'next', to: 'exit_pricing' });
  const invite = node(next, 'invite_team_in_app');
  Object.assign(invite, { kind: 'update', changes: [{ add_tag: 'invited' }] });
  for (const key of ['channel', 'category', 'template', 'content']) delete (invite as Record<string, unknown>)[key];
  const layout = next.layout.nodes!;
  layout.survey = { ...layout.trial_push };
  delete layout.trial_push;
  layout.signup = { x: -40, y: 0 };
  return { old, next };
}

describe('sides', () => {
  it('puts the older side first, the draft after every version', () => {
    expect(orderSides(3, 1)).toEqual([1, 3]);
    expect(orderSides('draft', 2)).toEqual([2, 'draft']);
    expect(orderSides(2, 'draft')).toEqual([2, 'draft']);
    expect([sideLabel(2), sideLabel('draft')]).toEqual(['v2', 'Draft']);
  });

  it('compares a version to be published with the one live now, else the previous one', () => {
    const v = (number: number, status: VersionInfo['status']) => ({ number, status }) as VersionInfo;
    expect(publishBaseline([v(1, 'archived'), v(2, 'published'), v(3, 'approved')], 3)).toMatchObject({ number: 2, words: expect.stringMatching(/published now/) });
    expect(publishBaseline([v(1, 'draft'), v(2, 'approved')], 2)).toMatchObject({ number: 1, words: expect.stringMatching(/No version is published yet.*version 1, the previous version/) });
    expect(publishBaseline([v(1, 'approved')], 1)).toMatchObject({ number: null, words: expect.stringMatching(/first version/) });
  });
});

describe('placeGhost', () => {
  const size = { width: NODE_WIDTH, height: 80 };

  it('keeps a ghost where it was when the place is free', () => {
    expect(placeGhost({ x: 100, y: 50 }, size, [{ x: 200 + NODE_WIDTH, y: 50, width: NODE_WIDTH, height: 80 }])).toEqual({ x: 100, y: 50 });
  });

  it('moves a ghost straight down below a node that sits where it was', () => {
    const there = { x: 110, y: 40, width: NODE_WIDTH, height: 100 };
    expect(placeGhost({ x: 100, y: 50 }, size, [there])).toEqual({ x: 100, y: 40 + 100 + GHOST_GAP });
  });

  it('moves below every node it would land on in turn', () => {
    const first = { x: 100, y: 0, width: NODE_WIDTH, height: 80 };
    const second = { x: 100, y: 110, width: NODE_WIDTH, height: 80 };
    expect(placeGhost({ x: 100, y: 0 }, size, [second, first])).toEqual({ x: 100, y: 110 + 80 + GHOST_GAP });
  });
});

describe('compareFlow', () => {
  it('marks every kind of node change on the newer version', () => {
    const { old, next } = edited();
    const d = coreDiff(old, next);
    const marks = nodeMarks(d);
    expect(Object.fromEntries(marks)).toEqual({
      invite_team_in_app: 'retyped',
      signup: 'moved',
      survey: 'added',
      trial_push: 'removed',
      wait_2d: 'changed',
    });
    const flow = compareFlow(old, next, d);
    const marked = Object.fromEntries(flow.nodes.filter((n) => n.data.mark).map((n) => [n.id, n.data.mark]));
    expect(marked).toEqual(Object.fromEntries(marks));
    // Every node of the newer version is drawn, at its own position, plus the ghost.
    expect(flow.nodes.map((n) => n.id).sort()).toEqual([...next.nodes.map((n) => n.id), 'trial_push'].sort());
    for (const n of next.nodes) expect(flow.nodes.find((f) => f.id === n.id)!.position).toEqual(next.layout.nodes![n.id]);
    expect(flow.nodes.filter((n) => !n.data.mark).length).toBe(next.nodes.length - 4);
  });

  it('draws a removed step as a ghost where it was, below the step that took its place', () => {
    const { old, next } = edited();
    const flow = compareFlow(old, next, coreDiff(old, next));
    const ghost = flow.nodes.find((n) => n.id === 'trial_push')!;
    const was = old.layout.nodes!.trial_push;
    const survey = flow.nodes.find((n) => n.id === 'survey')!;
    expect(ghost.data.node).toEqual(node(old, 'trial_push'));
    expect(ghost.draggable).toBe(false);
    // In its old column, below the step that took its place and clear of every other step.
    expect(ghost.position.x).toBe(was.x);
    expect(ghost.position.y).toBeGreaterThanOrEqual(survey.position.y + nodeHeight(1) + GHOST_GAP);
    for (const n of flow.nodes) {
      if (n.id === ghost.id) continue;
      const apart = ghost.position.x + ghost.width! <= n.position.x || n.position.x + n.width! <= ghost.position.x || ghost.position.y + ghost.height! <= n.position.y || n.position.y + n.height! <= ghost.position.y;
      expect(apart, `the ghost hides ${n.id}`).toBe(true);
    }
  });

  it('marks rewired and new connections, and draws lost ones dashed between drawn nodes', () => {
    const { old, next } = edited();
    const flow = compareFlow(old, next, coreDiff(old, next));
    const mark = (source: string, port: string, target: string) => flow.edges.find((e) => e.source === source && e.sourceHandle === port && e.target === target)?.data?.mark;
    expect(mark('checkout_check', 'else', 'survey')).toBe('rewired');
    expect(mark('survey', 'next', 'exit_pricing')).toBe('added');
    expect(mark('checkout_check', 'else', 'trial_push')).toBe('removed');
    expect(mark('trial_push', 'next', 'exit_pricing')).toBe('removed');
    expect(mark('signup', 'next', 'welcome_email')).toBeUndefined();
    expect(flow.edges.filter((e) => e.data?.mark === 'removed').every((e) => e.selectable === false)).toBe(true);
    // Edge ids are unique, the ghosts' included.
    expect(new Set(flow.edges.map((e) => e.id)).size).toBe(flow.edges.length);
  });

  it('skips a lost connection whose port the newer step no longer has', () => {
    const old = example('onboarding');
    const next = structuredClone(old);
    const check = node(next, 'pricing_check');
    if (check.kind === 'branch') check.cases = [];
    next.edges = next.edges.filter((e) => !(e.from === 'pricing_check' && e.port === 'viewed_pricing'));
    const d = coreDiff(old, next);
    expect(d.edges).toContainEqual(expect.objectContaining({ from: 'pricing_check', port: 'viewed_pricing', change: 'removed' }));
    const flow = compareFlow(old, next, d);
    expect(flow.edges.some((e) => e.source === 'pricing_check' && e.sourceHandle === 'viewed_pricing')).toBe(false);
    expect(flow.nodes.find((n) => n.id === 'pricing_check')!.data.mark).toBe('changed');
  });

  it('draws an unchanged journey without a mark', () => {
    const doc = example('onboarding');
    const d = coreDiff(doc, structuredClone(doc));
    expect(isEmptyDiff(d)).toBe(true);
    const flow = compareFlow(doc, doc, d);
    expect(flow.nodes.some((n) => n.data.mark) || flow.edges.some((e) => e.data?.mark)).toBe(false);
  });
});

describe('the core’s diff', () => {
  it('says which side it cannot read', () => {
    const doc = example('onboarding');
    const broken = { ...doc, nodes: 'none' } as unknown as JourneyDocument;
    expect(diff(broken, doc)).toEqual({ error: expect.stringMatching(/^old version: /) });
    expect(diff(doc, broken)).toEqual({ error: expect.stringMatching(/^new version: /) });
  });
});

describe('the diff in words', () => {
  it('counts the changes and keeps the core’s sentences, behavioural first', () => {
    const { old, next } = edited();
    const d = coreDiff(old, next);
    expect(changeCounts(d)).toMatchObject({ added: 1, removed: 1, changed: 1, retyped: 1, moved: 1 });
    const groups = sentenceGroups(d.sentences);
    expect(groups.behavioural.length + groups.cosmetic.length).toBe(d.sentences.length);
    expect([...groups.behavioural, ...groups.cosmetic]).toEqual(d.sentences);
    expect(groups.behavioural.map((s) => s.node)).toEqual(expect.arrayContaining(['wait_2d', 'survey', 'trial_push', 'invite_team_in_app', 'checkout_check']));
    expect(groups.behavioural.find((s) => s.node === 'wait_2d')!.text).toMatch(/2 days → 3 days/);
  });

  it('reads changed values as people read them', () => {
    expect(valueText('delay.duration', 'P3D')).toBe('3 days');
    expect(valueText('template', 'tpl_a')).toBe('tpl_a');
    expect(valueText('label', null)).toBe('none');
    expect(valueText('weight', 12.5)).toBe('12.5');
    expect(valueText('holdout', true)).toBe('yes');
    expect(valueText('cases[pro].when', { attr: 'plan', op: 'eq', value: 'pro' })).toBe('plan = pro');
    expect(valueText('weekdays', ['mon', 'tue'])).toBe('mon, tue');
    expect(valueText('content', { subject: 'Hi' })).toBe('{"subject":"Hi"}');
    expect(fieldLabel('cases[viewed_pricing].when')).toBe('cases › viewed pricing › when');
    expect(fieldLabel('delay.duration')).toBe('delay › duration');
  });
});
