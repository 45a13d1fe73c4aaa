//! What the simulation panel shows of a report, as pure functions: headline figures, the counts
//! drawn on the canvas's nodes and edges, the series of the charts, the conflicts, goals and a
//! customer's timeline, and the request the form asks for. No React, no charts, no backend; the
//! run's bounds and the names of channels come from the core.

import type {
  Cadence,
  ConflictKind,
  ConflictReport,
  JourneyDocument,
  JourneyReport,
  PerCustomer,
  Report,
  SimulationRequest,
  StepKind,
  Suppressions,
  Trace,
  TraceStep,
} from './bindings';
import { channelTitle, limits } from './core';
import { edgeId } from './flow';

/**
 * How long the document must stay unchanged before a live re-run starts: long enough not to start
 * a run per keystroke, short enough that the panel follows an edit within 300 ms (a newer run
 * cancels the one before it, so a run started too early costs little).
 */
export const LIVE_DELAY_MS = 50;

// Formatting ----------------------------------------------------------------------------------

// One formatter of each kind for the page's life, made at first use (not at start-up).
// `toLocaleString` with a locale makes a new ICU formatter on every call, whose memory WebKit only
// frees when its garbage collector next runs: a report formats thousands of figures, and the
// WebKit process grew ~2 MB a run.
let count: Intl.NumberFormat | undefined;
let shortDay: Intl.DateTimeFormat | undefined;
let weekday: Intl.DateTimeFormat | undefined;

/** 1234567 → "1,234,567". */
export function fmtCount(n: number): string {
  count ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return count.format(Math.round(n));
}

/** A count in at most four characters: 950, 7.9k, 14k, 123k, 1.2M. */
export function compactCount(n: number): string {
  const a = Math.abs(Math.round(n));
  const sign = n < 0 ? '−' : '';
  if (a < 1000) return `${sign}${a}`;
  const [value, suffix] = a < 1_000_000 ? [a / 1000, 'k'] : [a / 1_000_000, 'M'];
  const text = value < 10 ? (Math.floor(value * 10) / 10).toFixed(1).replace(/\.0$/, '') : String(Math.floor(value));
  return `${sign}${text}${suffix}`;
}

/** 0.2481 → "24.8%". */
export function fmtPercent(rate: number, digits = 1): string {
  if (!Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Share of `part` in `whole` as a percentage, or "—" when there is no whole. */
export function share(part: number, whole: number): string {
  return whole > 0 ? fmtPercent(part / whole) : '—';
}

/** Hours as "5 d 3 h", "7 h". */
export function fmtHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 48) return `${hours} h`;
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** "2026-12-01" → "Dec 1". */
export function shortDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  shortDay ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return shortDay.format(d);
}

// The report of one journey ---------------------------------------------------------------------

export function journeyReport(report: Report | null, id: string | null | undefined): JourneyReport | undefined {
  if (!report || !id) return undefined;
  return report.journeys.find((j) => j.id === id);
}

// Canvas counts -------------------------------------------------------------------------------

/** What one node's badge on the canvas says. */
export interface NodeBadge {
  entered: number;
  suppressed: number;
  /** The badge's text: the entered count, compact. */
  text: string;
  /** The suppressed count, compact; empty when none were. */
  suppressedText: string;
  /** The full figures, for the tooltip. */
  title: string;
}

function sameBadge(a: NodeBadge, b: NodeBadge): boolean {
  return a.text === b.text && a.suppressedText === b.suppressedText && a.title === b.title;
}

/**
 * The badge of every node of `journey`, reusing `prev`'s object for a node whose badge did not
 * change, so only the badges that changed redraw.
 */
export function nodeBadges(journey: JourneyReport | undefined, prev: ReadonlyMap<string, NodeBadge> = new Map()): Map<string, NodeBadge> {
  const out = new Map<string, NodeBadge>();
  if (!journey) return out;
  for (const n of journey.nodes) {
    const parts = [`${fmtCount(n.entered)} entered`];
    if (n.passed) parts.push(`${fmtCount(n.passed)} passed`);
    if (n.exited) parts.push(`${fmtCount(n.exited)} left the journey here`);
    if (n.suppressed) parts.push(`${fmtCount(n.suppressed)} messages suppressed`);
    const badge: NodeBadge = {
      entered: n.entered,
      suppressed: n.suppressed,
      text: compactCount(n.entered),
      suppressedText: n.suppressed > 0 ? compactCount(n.suppressed) : '',
      title: parts.join(' · '),
    };
    const old = prev.get(n.id);
    out.set(n.id, old && sameBadge(old, badge) ? old : badge);
  }
  return out;
}

/** The customers who went along one edge, and how thick the canvas draws it. */
export interface EdgeTraffic {
  customers: number;
  text: string;
  /** Stroke width in pixels, from 1.6 (none) to 6 (the busiest edge). */
  width: number;
}

export const EDGE_WIDTH_MIN = 1.6;
export const EDGE_WIDTH_MAX = 6;

/** Traffic per edge id (`flow.edgeId`), reusing `prev`'s unchanged objects. */
export function edgeTraffic(journey: JourneyReport | undefined, prev: ReadonlyMap<string, EdgeTraffic> = new Map()): Map<string, EdgeTraffic> {
  const out = new Map<string, EdgeTraffic>();
  if (!journey) return out;
  const max = Math.max(1, ...journey.edges.map((e) => e.customers));
  for (const e of journey.edges) {
    const width = Math.round((EDGE_WIDTH_MIN + (EDGE_WIDTH_MAX - EDGE_WIDTH_MIN) * Math.sqrt(e.customers / max)) * 10) / 10;
    const t: EdgeTraffic = { customers: e.customers, text: compactCount(e.customers), width };
    const id = edgeId(e);
    const old = prev.get(id);
    out.set(id, old && old.customers === t.customers && old.width === t.width ? old : t);
  }
  return out;
}

// Headline ------------------------------------------------------------------------------------

export interface Figure {
  key: 'customers' | 'entered' | 'sent' | 'suppressed' | 'conversion';
  label: string;
  value: string;
  detail: string;
  /** More than the tile has room for. */
  title?: string;
}

export const SUPPRESSION_LABEL: Record<keyof Suppressions, string> = {
  holdout: 'holdout',
  unreachable: 'unreachable',
  no_consent: 'no consent',
  no_channel: 'no channel',
  frequency_cap: 'frequency cap',
  quiet_hours: 'quiet hours',
  min_gap: 'minimum gap',
};

/** Why messages were suppressed, most common first, without the reasons that never happened. */
export function suppressionReasons(s: Suppressions): { reason: keyof Suppressions; label: string; count: number }[] {
  return (Object.keys(SUPPRESSION_LABEL) as (keyof Suppressions)[])
    .map((reason) => ({ reason, label: SUPPRESSION_LABEL[reason], count: s[reason] }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
}

/** The first goal of the journey, else of any journey: what "conversion" means in the headline. */
export function headlineGoal(report: Report, journeyId: string | null): { journey: JourneyReport; goal: JourneyReport['goals'][number] } | null {
  const ordered = [...report.journeys].sort((a, b) => (a.id === journeyId ? -1 : b.id === journeyId ? 1 : 0));
  for (const journey of ordered) if (journey.goals.length) return { journey, goal: journey.goals[0] };
  return null;
}

export function summaryFigures(report: Report, journeyId: string | null): Figure[] {
  const t = report.totals;
  const attempts = t.messages_sent + t.messages_suppressed;
  const reasons = suppressionReasons(t.suppressed_by);
  const goal = headlineGoal(report, journeyId);
  let conversion: Figure = { key: 'conversion', label: 'Conversion', value: '—', detail: 'no goal set' };
  if (goal) {
    const { treatment, holdout } = goal.goal;
    conversion = {
      key: 'conversion',
      label: 'Conversion',
      value: fmtPercent(treatment.rate),
      detail: holdout.entries > 0 ? `${goal.goal.id} · holdout ${fmtPercent(holdout.rate)}` : goal.goal.id,
    };
  }
  const perCustomer = t.entered > 0 ? t.messages_sent / t.entered : 0;
  return [
    { key: 'customers', label: 'Customers', value: fmtCount(t.customers), detail: report.run.complete ? `${report.run.days} days` : `of ${fmtCount(report.run.customers)} (cancelled)` },
    { key: 'entered', label: 'Entered', value: fmtCount(t.entered), detail: `${share(t.entered, t.customers)} of customers` },
    { key: 'sent', label: 'Messages sent', value: fmtCount(t.messages_sent), detail: `${perCustomer.toFixed(1)} per customer`, title: `${perCustomer.toFixed(2)} messages per customer who entered` },
    {
      key: 'suppressed',
      label: 'Suppressed',
      value: fmtCount(t.messages_suppressed),
      detail: attempts ? `${share(t.messages_suppressed, attempts)}${reasons.length ? ` · ${reasons[0].label}` : ''}` : 'no messages',
      title: reasons.length ? `Why: ${reasons.map((r) => `${fmtCount(r.count)} ${r.label}`).join(', ')}` : undefined,
    },
    conversion,
  ];
}

// Charts --------------------------------------------------------------------------------------

export interface Series {
  key: string;
  name: string;
  data: number[];
}

/** Messages per channel per day, without channels that sent nothing. */
export function cadenceSeries(cadence: Cadence): { days: string[]; dates: string[]; series: Series[] } {
  const series = cadence.channels
    .map((channel, i) => ({ key: channel, name: channelTitle(channel), data: cadence.per_day.map((d) => d.messages[i] ?? 0) }))
    .filter((s) => s.data.some((n) => n > 0));
  return { days: cadence.per_day.map((d) => shortDate(d.date)), dates: cadence.per_day.map((d) => d.date), series };
}

export const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** Messages by the customer's local hour: [hour, row, count] cells, one row per channel that sent. */
export function hourHeatmap(cadence: Cadence): { rows: string[]; keys: string[]; cells: [number, number, number][]; max: number; peak: { hour: number; channel: string } | null } {
  const used = cadence.local_hour.filter((r) => r.messages.some((n) => n > 0));
  const cells: [number, number, number][] = [];
  let max = 0;
  let peak: { hour: number; channel: string } | null = null;
  used.forEach((row, y) => {
    for (let h = 0; h < 24; h++) {
      const n = row.messages[h] ?? 0;
      cells.push([h, y, n]);
      if (n > max) {
        max = n;
        peak = { hour: h, channel: row.channel };
      }
    }
  });
  return { rows: used.map((r) => channelTitle(r.channel)), keys: used.map((r) => r.channel), cells, max, peak };
}

/** Messages per customer: p50, p95 and max over any 24 hours, any 7 days and the whole run. */
export function distributionSeries(per: PerCustomer): { windows: string[]; series: Series[] } {
  const windows = [per.rolling_24h, per.rolling_7d, per.total];
  return {
    windows: ['Any 24 hours', 'Any 7 days', 'Whole run'],
    series: (['p50', 'p95', 'max'] as const).map((k) => ({ key: k, name: k === 'max' ? 'Max' : k.toUpperCase(), data: windows.map((w) => w[k]) })),
  };
}

// Conflicts -----------------------------------------------------------------------------------

export const CONFLICT_INFO: Record<ConflictKind, { title: string; description: string; tone: 'error' | 'warning' | 'info' }> = {
  cap_suppressed: { title: 'Frequency cap reached', description: 'A message was suppressed because the customer had reached a cap.', tone: 'error' },
  quiet_deferred: { title: 'Deferred by quiet hours', description: 'A message was held until the customer’s quiet hours ended.', tone: 'info' },
  quiet_dropped: { title: 'Dropped in quiet hours', description: 'A message fell in quiet hours and was not sent.', tone: 'error' },
  min_gap: { title: 'Too close to another message', description: 'A message came within the minimum gap after another and was suppressed.', tone: 'warning' },
  duplicate_message: { title: 'Same message twice', description: 'The same message reached the same customer more than once.', tone: 'warning' },
  cross_journey: { title: 'Two journeys, one customer', description: 'A message came within a day of another journey’s message to the same customer.', tone: 'warning' },
};

/** Conflicts that happened first (most often first), then the kinds that did not. */
export function conflictRows(conflicts: readonly ConflictReport[]): (ConflictReport & { title: string; description: string; tone: string })[] {
  return [...conflicts]
    .sort((a, b) => (b.count > 0 ? 1 : 0) - (a.count > 0 ? 1 : 0) || b.count - a.count)
    .map((c) => ({ ...c, ...(CONFLICT_INFO[c.kind] ?? { title: c.kind, description: '', tone: 'info' }) }));
}

/**
 * How a report calls its journeys and steps, for people: by name, falling back to the id. A step
 * with no journey given belongs to the run's only journey.
 */
export function reportNames(report: Report): { journey: (id: string) => string; step: (journey: string | undefined, node: string) => string } {
  const journeys = new Map(report.journeys.map((j) => [j.id, { name: j.name, steps: new Map(j.nodes.map((n) => [n.id, n.name])) }]));
  const only = report.journeys.length === 1 ? report.journeys[0].id : undefined;
  return {
    journey: (id) => journeys.get(id)?.name || id,
    step: (journey, node) => journeys.get(journey ?? only ?? '')?.steps.get(node) ?? node,
  };
}

// Goals ---------------------------------------------------------------------------------------

export interface GoalRow {
  journey: string;
  journeyName: string;
  goal: string;
  treatment: number;
  holdout: number | null;
  /** Treatment minus holdout, in percentage points, when there is a holdout. */
  liftPoints: number | null;
  converted: number;
  entries: number;
  medianHours: number | null;
}

export function goalRows(report: Report): GoalRow[] {
  return report.journeys.flatMap((j) =>
    j.goals.map((g) => ({
      journey: j.id,
      journeyName: j.name,
      goal: g.id,
      treatment: g.treatment.rate,
      holdout: g.holdout.entries > 0 ? g.holdout.rate : null,
      liftPoints: g.holdout.entries > 0 ? Math.round((g.treatment.rate - g.holdout.rate) * 1000) / 10 : null,
      converted: g.treatment.converted,
      entries: g.treatment.entries,
      medianHours: g.treatment.median_hours,
    })),
  );
}

// Traces --------------------------------------------------------------------------------------

export function findTrace(report: Report | null, customer: string | null): Trace | undefined {
  if (!report || !customer) return undefined;
  return report.traces.find((t) => t.customer === customer);
}

export const STEP_INFO: Record<StepKind, { label: string; tone: 'ok' | 'error' | 'warning' | 'accent' | 'muted' }> = {
  event: { label: 'Event', tone: 'muted' },
  entered: { label: 'Entered', tone: 'accent' },
  not_entered: { label: 'Not entered', tone: 'warning' },
  passed: { label: 'Passed', tone: 'muted' },
  waiting: { label: 'Waiting', tone: 'muted' },
  sent: { label: 'Sent', tone: 'ok' },
  suppressed: { label: 'Suppressed', tone: 'error' },
  deferred: { label: 'Deferred', tone: 'warning' },
  goal: { label: 'Goal', tone: 'ok' },
  exited: { label: 'Exited', tone: 'accent' },
};

/** A trace's steps grouped by the customer's local day, each with its local time of day. */
export function traceDays(trace: Trace): { date: string; label: string; steps: (TraceStep & { time: string })[] }[] {
  const days: { date: string; label: string; steps: (TraceStep & { time: string })[] }[] = [];
  for (const step of trace.steps) {
    const [date, time = ''] = step.local.split(' ');
    let day = days[days.length - 1];
    if (!day || day.date !== date) {
      day = { date, label: weekdayDate(date), steps: [] };
      days.push(day);
    }
    day.steps.push({ ...step, time });
  }
  return days;
}

function weekdayDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  weekday ??= new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return weekday.format(d);
}

/** A reason split at its backticks: "did `signed_up`" → text "did ", code "signed_up". */
export function reasonParts(reason: string): { code: boolean; text: string }[] {
  const parts = reason.split('`');
  // An unmatched backtick stays text.
  if (parts.length % 2 === 0) return [{ code: false, text: reason }];
  return parts.map((text, i) => ({ code: i % 2 === 1, text })).filter((p) => p.text !== '');
}

// The form ------------------------------------------------------------------------------------

export interface SimForm {
  /** An example scenario's name; `null` for the built-in default. */
  scenario: string | null;
  customers: string;
  days: string;
  seed: string;
}

export type FieldResult = { ok: true; value: number | null } | { ok: false; error: string };

/** An optional whole number between `min` and `max`; blank means "the scenario's". */
export function optionalInt(text: string, min: number, max: number): FieldResult {
  const t = text.replace(/[\s,_]/g, '');
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false, error: 'a whole number' };
  const n = Number(t);
  if (n < min || n > max) return { ok: false, error: `${fmtCount(min)} to ${fmtCount(max)}` };
  return { ok: true, value: n };
}

export type FormErrors = Partial<Record<'customers' | 'days' | 'seed', string>>;

/**
 * The request the form asks for, or what is wrong with it, within the core's limits. `journeys`
 * has the open document first; a live run simulates the core's `live_customers` whatever the
 * form says.
 */
export function buildRequest(
  journeys: JourneyDocument[],
  form: SimForm,
  options: { live?: boolean; trace?: string | null } = {},
): { ok: true; request: SimulationRequest } | { ok: false; errors: FormErrors } {
  const bounds = limits();
  const customers = optionalInt(form.customers, 1, bounds.max_customers);
  const days = optionalInt(form.days, 1, bounds.max_days);
  const seed = optionalInt(form.seed, 0, Number.MAX_SAFE_INTEGER);
  const errors: FormErrors = {};
  if (!customers.ok && !options.live) errors.customers = customers.error;
  if (!days.ok) errors.days = days.error;
  if (!seed.ok) errors.seed = seed.error;
  if (Object.keys(errors).length || !days.ok || !seed.ok) return { ok: false, errors };
  return {
    ok: true,
    request: {
      journeys,
      scenario: form.scenario,
      customers: options.live ? bounds.live_customers : customers.ok ? customers.value : null,
      days: days.value,
      seed: seed.value,
      trace: options.trace ?? null,
    },
  };
}

/** How far a run is, 0–1. */
export function progressFraction(p: { done: number; total: number } | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(1, Math.max(0, p.done / p.total));
}

// Chart colours -------------------------------------------------------------------------------

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  panel: string;
  accent: string;
  heat: [string, string, string];
  channels: Record<string, string>;
  percentiles: [string, string, string];
  goals: [string, string];
}

/** The charts' colours, matching `styles.css`'s variables for each theme. */
export function chartPalette(theme: 'light' | 'dark'): ChartPalette {
  const dark = theme === 'dark';
  return {
    text: dark ? '#b9bfc9' : '#434b57',
    muted: dark ? '#8a92a0' : '#6b7380',
    grid: dark ? '#262b33' : '#eceef1',
    axis: dark ? '#343a45' : '#cfd4db',
    panel: dark ? '#1a1e24' : '#ffffff',
    accent: dark ? '#7c83f6' : '#4f46e5',
    heat: dark ? ['#23272f', '#4b50b8', '#b8bcff'] : ['#f1f2f8', '#8b90ef', '#3730a3'],
    channels: dark
      ? { email: '#60a5fa', sms: '#34d399', push: '#f472b6', in_app: '#a78bfa', webhook: '#fbbf24', ads: '#fb923c', crm: '#94a3b8' }
      : { email: '#2563eb', sms: '#059669', push: '#db2777', in_app: '#7c3aed', webhook: '#d97706', ads: '#ea580c', crm: '#64748b' },
    percentiles: dark ? ['#5b63d6', '#8f95f8', '#f2a93b'] : ['#a5b4fc', '#4f46e5', '#c2710c'],
    goals: dark ? ['#4ade80', '#8a92a0'] : ['#15803d', '#9aa3b0'],
  };
}
