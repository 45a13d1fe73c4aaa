import { describe, expect, it } from 'vitest';
import {
  behaviourRequest,
  channelRows,
  conflictShiftRows,
  countDelta,
  exampleTimelines,
  formErrorText,
  goalShiftRows,
  nodeRows,
  perCustomerRows,
  rateDelta,
  shiftFigures,
} from './behaviour';
import { shiftChart } from './behaviourCharts';
import type { BehaviourDiff, ExampleCustomer, JourneyDocument, TraceStep } from './bindings';
import { behaviourDiff } from './core';
import { example } from './testing';

// The behavioural diffs here are the real core's (`core.behaviourDiff`, both versions simulated
// on one population in WebAssembly).

function run(old: JourneyDocument, next: JourneyDocument): BehaviourDiff {
  const built = behaviourRequest({ scenario: 'onboarding', customers: '1500', days: '14', seed: '3' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const answer = behaviourDiff(old, next, built.request);
  if ('error' in answer) throw new Error(answer.error);
  return answer.ok;
}

/** Onboarding with the first wait three times as long and the push after the reminder gone. */
function longerWait(): { old: JourneyDocument; next: JourneyDocument } {
  const old = example('onboarding');
  const next = structuredClone(old);
  const wait = next.nodes.find((n) => n.id === 'wait_2d')!;
  if (wait.kind === 'wait') wait.delay = { duration: 'P6D' };
  next.nodes = next.nodes.filter((n) => n.id !== 'activation_push');
  next.edges = next.edges.filter((e) => e.from !== 'activation_push');
  next.edges.find((e) => e.from === 'wait_2d_reminder')!.to = 'exit_reminded';
  return { old, next };
}

describe('the behavioural diff in figures', () => {
  const { old, next } = longerWait();
  const b = run(old, next);

  it('says how many customers’ stories changed, and each total before and after', () => {
    expect(b.customers).toBe(1500);
    expect(b.changed_customers).toBeGreaterThan(0);
    const figures = shiftFigures(b);
    expect(figures.map((f) => f.key)).toEqual(['changed', 'entered', 'sent', 'per_customer', 'conversion', 'conflicts', 'suppressed']);
    const changed = figures[0];
    expect(changed.after).toBe(b.changed_customers.toLocaleString('en-US'));
    const sent = figures.find((f) => f.key === 'sent')!;
    expect([sent.before, sent.after]).toEqual([b.messages_sent.before, b.messages_sent.after].map((n) => n.toLocaleString('en-US')));
    expect(b.messages_sent.after).toBeLessThan(b.messages_sent.before);
    expect(sent.delta).toMatch(/^−/);
  });

  it('lists messages per channel, the push channel losing messages', () => {
    const rows = channelRows(b);
    const push = rows.find((r) => r.key === 'push')!;
    expect(push.label).toBe('Push');
    expect(push.after).toBeLessThan(push.before);
  });

  it('lists the steps whose traffic changed, most changed first, with their marks', () => {
    const { rows, unchanged } = nodeRows(b, old, next, new Map([['activation_push', 'removed' as const]]));
    expect(rows.length + unchanged).toBe(b.nodes.length);
    expect(rows.every((r) => r.before !== r.after)).toBe(true);
    const removed = rows.find((r) => r.key === 'activation_push')!;
    expect(removed).toMatchObject({ label: 'Activation push', after: 0, mark: 'removed' });
    expect(removed.before).toBeGreaterThan(0);
    const changes = rows.map((r) => Math.abs(r.after - r.before));
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
  });

  it('has rows for goals, conflicts that happened, and messages per customer', () => {
    expect(goalShiftRows(b).map((r) => r.key)).toContain('activated');
    for (const r of conflictShiftRows(b)) expect(r.before + r.after).toBeGreaterThan(0);
    expect(perCustomerRows(b).map((r) => r.label)).toEqual(['p50', 'p95', 'max', 'max in 24 h']);
    const chart = shiftChart(channelRows(b), 'dark', { names: { before: 'v1', after: 'v2' } });
    expect(chart.series.map((s) => s.name)).toEqual(['v1', 'v2']);
    expect(chart.series[1].values).toEqual(channelRows(b).map((r) => r.after));
    expect(chart.categories).toEqual(channelRows(b).map((r) => r.label));
  });

  it('shows example customers with both timelines', () => {
    expect(b.examples.length).toBeGreaterThan(0);
    const t = exampleTimelines(b.examples[0]);
    const count = (days: { steps: unknown[] }[]) => days.reduce((n, d) => n + d.steps.length, 0);
    expect(count(t.before)).toBe(b.examples[0].before.steps.length);
    expect(count(t.after)).toBe(b.examples[0].after.steps.length);
    expect([...t.before, ...t.after].some((d) => d.steps.some((s) => s.differs))).toBe(true);
  });
});

describe('before and after in words', () => {
  it('writes count and rate changes', () => {
    expect(countDelta(200, 250)).toBe('+50 (+25.0%)');
    expect(countDelta(200, 150)).toBe('−50 (−25.0%)');
    expect(countDelta(0, 12)).toBe('+12');
    expect(countDelta(7, 7)).toBe('no change');
    expect(rateDelta(0.25, 0.281)).toBe('+3.1 pts');
    expect(rateDelta(0.3, 0.3)).toBe('no change');
    expect(formErrorText({ customers: 'a whole number', seed: '0 to 9' })).toBe('Customers: expected a whole number · Seed: expected 0 to 9');
  });

  it('marks the steps only one timeline has', () => {
    const step = (t: number, what: TraceStep['what'], node?: string): TraceStep => ({ t, at: '2026-01-01 09:00', local: `2026-01-01 0${t}:00`, what, node, reason: '' });
    const example: ExampleCustomer = {
      customer: 'c1',
      changed: true,
      before: { customer: 'c1', timezone: 'UTC', truncated: false, steps: [step(1, 'entered', 'a'), step(2, 'sent', 'm'), step(3, 'exited', 'x')] },
      after: { customer: 'c1', timezone: 'UTC', truncated: false, steps: [step(1, 'entered', 'a'), step(3, 'exited', 'x')] },
    };
    const t = exampleTimelines(example);
    expect(t.before[0].steps.map((s) => s.differs)).toEqual([false, true, false]);
    expect(t.after[0].steps.map((s) => s.differs)).toEqual([false, false]);
    expect([t.sentBefore, t.sentAfter]).toEqual([1, 0]);
  });
});
