//! What the behavioural diff panel shows of a `BehaviourDiff` (two versions simulated on one
//! population by the core), as pure functions: the headline figures before and after, the rows of
//! its charts (messages per channel, traffic per step, goals, conflicts and suppressions, messages
//! per customer), and an example customer's two timelines with the steps only one of them has
//! marked. No React, no charts, no backend.

import type { BehaviourDiff, ExampleCustomer, JourneyDocument, SimulationRequest, Trace, TraceStep } from './bindings';
import { channelTitle } from './core';
import type { NodeMark } from './flow';
import { nodeTitle } from './model';
import { buildRequest, CONFLICT_INFO, fmtCount, fmtPercent, SUPPRESSION_LABEL, traceDays, type FormErrors, type SimForm } from './simulation';

/** The request the simulation form asks for, for a behavioural diff (its journeys are ignored). */
export function behaviourRequest(form: SimForm): { ok: true; request: SimulationRequest } | { ok: false; errors: FormErrors } {
  return buildRequest([], form);
}

/** The form's errors in one line: `Customers: a whole number`. */
export function formErrorText(errors: FormErrors): string {
  const names = { customers: 'Customers', days: 'Days', seed: 'Seed' } as const;
  return (Object.keys(errors) as (keyof FormErrors)[]).map((k) => `${names[k]}: expected ${errors[k]}`).join(' · ');
}

// Headline ------------------------------------------------------------------------------------

/** Which way a figure is better, to colour its change; `null` when neither is. */
export type Better = 'higher' | 'lower' | null;

export interface ShiftFigure {
  key: 'changed' | 'entered' | 'sent' | 'per_customer' | 'conversion' | 'conflicts' | 'suppressed';
  label: string;
  before: string;
  after: string;
  /** The change in words (`+12.5%`, `+3.1 pts`, `no change`). */
  delta: string;
  /** `good`, `bad` or `neutral`, from `Better` and the sign of the change. */
  tone: 'good' | 'bad' | 'neutral';
  detail?: string;
}

function tone(before: number, after: number, better: Better): ShiftFigure['tone'] {
  if (before === after || better === null) return 'neutral';
  return (after > before) === (better === 'higher') ? 'good' : 'bad';
}

/** `+12.5%` of a count, `new` from zero, `no change`. */
export function countDelta(before: number, after: number): string {
  if (before === after) return 'no change';
  const diff = after - before;
  const sign = diff > 0 ? '+' : '−';
  if (before === 0) return `${sign}${fmtCount(Math.abs(diff))}`;
  return `${sign}${fmtCount(Math.abs(diff))} (${sign}${(Math.abs(diff / before) * 100).toFixed(1)}%)`;
}

/** `+3.1 pts` between two rates. */
export function rateDelta(before: number, after: number): string {
  const points = Math.round((after - before) * 1000) / 10;
  if (points === 0) return 'no change';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

function sum(rows: readonly { before: number; after: number }[]): { before: number; after: number } {
  return rows.reduce((t, r) => ({ before: t.before + r.before, after: t.after + r.after }), { before: 0, after: 0 });
}

function countFigure(key: ShiftFigure['key'], label: string, before: number, after: number, better: Better, detail?: string): ShiftFigure {
  return { key, label, before: fmtCount(before), after: fmtCount(after), delta: countDelta(before, after), tone: tone(before, after, better), detail };
}

/** The headline: customers whose story changed, then each total before and after. */
export function shiftFigures(b: BehaviourDiff): ShiftFigure[] {
  const conflicts = sum(b.conflicts);
  const suppressed = sum(b.suppressions);
  const figures: ShiftFigure[] = [
    {
      key: 'changed',
      label: 'Customers affected',
      before: '',
      after: fmtCount(b.changed_customers),
      delta: b.customers > 0 ? `${fmtPercent(b.changed_customers / b.customers)} of ${fmtCount(b.customers)}` : '—',
      tone: 'neutral',
      detail: 'whose steps or messages differ',
    },
    countFigure('entered', 'Entered', b.entered.before, b.entered.after, null),
    countFigure('sent', 'Messages sent', b.messages_sent.before, b.messages_sent.after, null),
    {
      key: 'per_customer',
      label: 'Messages per customer',
      before: `${b.per_customer.before.total.p95}`,
      after: `${b.per_customer.after.total.p95}`,
      delta: b.per_customer.before.total.p95 === b.per_customer.after.total.p95 ? 'no change' : countDelta(b.per_customer.before.total.p95, b.per_customer.after.total.p95),
      tone: tone(b.per_customer.before.total.p95, b.per_customer.after.total.p95, 'lower'),
      detail: `p95 · busiest 24 h max ${b.per_customer.before.rolling_24h.max} → ${b.per_customer.after.rolling_24h.max}`,
    },
  ];
  const goal = b.goals[0];
  if (goal) {
    const before = goal.treatment.before?.rate ?? null;
    const after = goal.treatment.after?.rate ?? null;
    figures.push({
      key: 'conversion',
      label: 'Conversion',
      before: before === null ? 'no goal' : fmtPercent(before),
      after: after === null ? 'no goal' : fmtPercent(after),
      delta: before === null || after === null ? '—' : rateDelta(before, after),
      // Compared as shown, to a tenth of a point: a change too small to show has no colour.
      tone: before === null || after === null ? 'neutral' : tone(Math.round(before * 1000), Math.round(after * 1000), 'higher'),
      detail: goal.id,
    });
  }
  figures.push(countFigure('conflicts', 'Conflicts', conflicts.before, conflicts.after, 'lower'));
  figures.push(countFigure('suppressed', 'Suppressed', suppressed.before, suppressed.after, 'lower'));
  return figures;
}

// Chart rows ----------------------------------------------------------------------------------

/** One category of a before/after chart. */
export interface ShiftRow {
  key: string;
  label: string;
  before: number;
  after: number;
  /** For steps: what the diff says of the step, to mark it in the chart. */
  mark?: NodeMark;
}

/** Messages per channel, every channel either version sends on. */
export function channelRows(b: BehaviourDiff): ShiftRow[] {
  return b.messages.map((m) => ({ key: m.channel, label: channelTitle(m.channel), before: m.before, after: m.after }));
}

/**
 * Arrivals per step, the steps whose traffic changed only, most changed first, each named by its
 * label in the version that has it. `unchanged` counts the others.
 */
export function nodeRows(b: BehaviourDiff, old: JourneyDocument, next: JourneyDocument, marks: ReadonlyMap<string, NodeMark> = new Map()): { rows: ShiftRow[]; unchanged: number } {
  const name = (id: string) => {
    const node = next.nodes.find((n) => n.id === id) ?? old.nodes.find((n) => n.id === id);
    return node ? nodeTitle(node) : id;
  };
  const changed = b.nodes.filter((n) => n.before !== n.after);
  const rows = changed
    .map((n) => ({ key: n.id, label: name(n.id), before: n.before, after: n.after, mark: marks.get(n.id) }))
    .sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before) || x.label.localeCompare(y.label));
  return { rows, unchanged: b.nodes.length - changed.length };
}

/** Goal conversion rates before and after: the treatment of each goal, and its holdout where either version has one. */
export function goalShiftRows(b: BehaviourDiff): ShiftRow[] {
  const rows: ShiftRow[] = [];
  for (const g of b.goals) {
    rows.push({ key: g.id, label: g.id, before: g.treatment.before?.rate ?? 0, after: g.treatment.after?.rate ?? 0 });
    if ((g.holdout.before?.entries ?? 0) > 0 || (g.holdout.after?.entries ?? 0) > 0) {
      rows.push({ key: `${g.id}:holdout`, label: `${g.id} (holdout)`, before: g.holdout.before?.rate ?? 0, after: g.holdout.after?.rate ?? 0 });
    }
  }
  return rows;
}

/** Conflicts by kind, then messages not sent by reason: the ones that happened in either version. */
export function conflictShiftRows(b: BehaviourDiff): ShiftRow[] {
  const conflicts = b.conflicts.map((c) => ({ key: `conflict:${c.kind}`, label: CONFLICT_INFO[c.kind]?.title ?? c.kind, before: c.before, after: c.after }));
  const labels = SUPPRESSION_LABEL as Record<string, string>;
  const suppressions = b.suppressions.map((s) => ({ key: `suppressed:${s.reason}`, label: `Not sent: ${labels[s.reason] ?? s.reason.replace(/_/g, ' ')}`, before: s.before, after: s.after }));
  return [...conflicts, ...suppressions].filter((r) => r.before > 0 || r.after > 0);
}

/** Messages per customer who entered, p50, p95 and max, over the whole run and the busiest 24 hours. */
export function perCustomerRows(b: BehaviourDiff): ShiftRow[] {
  const { before, after } = b.per_customer;
  return [
    { key: 'total.p50', label: 'p50', before: before.total.p50, after: after.total.p50 },
    { key: 'total.p95', label: 'p95', before: before.total.p95, after: after.total.p95 },
    { key: 'total.max', label: 'max', before: before.total.max, after: after.total.max },
    { key: 'rolling_24h.max', label: 'max in 24 h', before: before.rolling_24h.max, after: after.rolling_24h.max },
  ];
}

// Example customers ---------------------------------------------------------------------------

export type MarkedStep = TraceStep & { time: string; differs: boolean };

export interface MarkedDay {
  date: string;
  label: string;
  steps: MarkedStep[];
}

function stepKey(s: TraceStep): string {
  return `${s.t}\u0000${s.what}\u0000${s.node ?? ''}\u0000${s.port ?? ''}`;
}

/** One timeline by local day, each step marked when the other timeline lacks it (same time, kind, step and port). */
function marked(trace: Trace, other: Trace): MarkedDay[] {
  const left = new Map<string, number>();
  for (const s of other.steps) left.set(stepKey(s), (left.get(stepKey(s)) ?? 0) + 1);
  const differs = trace.steps.map((s) => {
    const n = left.get(stepKey(s)) ?? 0;
    if (n > 0) left.set(stepKey(s), n - 1);
    return n === 0;
  });
  let i = 0;
  return traceDays(trace).map((day) => ({ ...day, steps: day.steps.map((s) => ({ ...s, differs: differs[i++] })) }));
}

/** An example customer's two timelines, by local day, with the steps only one side has marked. */
export function exampleTimelines(example: ExampleCustomer): { before: MarkedDay[]; after: MarkedDay[]; sentBefore: number; sentAfter: number } {
  const { before, after } = example;
  return {
    before: marked(before, after),
    after: marked(after, before),
    sentBefore: before.steps.filter((s) => s.what === 'sent').length,
    sentAfter: after.steps.filter((s) => s.what === 'sent').length,
  };
}
