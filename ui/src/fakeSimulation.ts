//! The preview backend's simulator: a small deterministic computation over the documents that
//! yields a report of the same shape as the Rust simulator's, with every figure the panel draws
//! (per-node and per-edge counts, cadence, conflicts, goals, a customer's trace). The numbers only
//! look plausible; the real engine is `waymark-core`'s `simulate`, and the desktop app never loads
//! this module.

import type {
  ConflictKind,
  ConflictReport,
  EdgeReport,
  JourneyDocument,
  JourneyReport,
  Node,
  NodeReport,
  Report,
  ScenarioInfo,
  SimulationRequest,
  Trace,
  TraceStep,
} from './bindings';
import { isoSeconds, parseIso } from './duration';
import { outputPorts } from './kinds';

export const FAKE_SCENARIOS: ScenarioInfo[] = [
  {
    name: 'default',
    title: 'Default population',
    description: 'A mixed population of self-serve users, shoppers and B2B leads across North America and Europe.',
    customers: 10000,
    days: 30,
    start: '2026-12-01',
  },
  {
    name: 'holiday-peak',
    title: 'Holiday peak',
    description: 'December shoppers on both sides of the Atlantic under a strict workspace policy.',
    customers: 100000,
    days: 31,
    start: '2026-12-01',
  },
  {
    name: 'onboarding',
    title: 'Self-serve signups',
    description: 'New self-serve signups for the onboarding journey, mostly in North America.',
    customers: 50000,
    days: 30,
    start: '2026-12-01',
  },
];

const CONFLICT_KINDS: ConflictKind[] = ['cap_suppressed', 'quiet_deferred', 'quiet_dropped', 'min_gap', 'duplicate_message', 'cross_journey'];
const CHANNEL_ORDER = ['email', 'sms', 'push', 'in_app', 'webhook', 'ads', 'crm'];
const ZONES: [string, number][] = [
  ['America/New_York', -5],
  ['America/Chicago', -6],
  ['Europe/London', 0],
  ['Europe/Paris', 1],
];

/** FNV-1a: a stable small hash for deterministic "randomness". */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function unit(text: string): number {
  return (hash(text) % 10_000) / 10_000;
}

/** How the arrivals at a node leave it, port by port (shares of 1; parallel paths each get 1). */
function portShares(node: Node, salt: string): [string, number][] {
  const ports = outputPorts(node);
  switch (node.kind) {
    case 'split': {
      const total = node.paths.reduce((sum, p) => sum + p.weight, 0) || 1;
      return node.paths.map((p) => [p.port, p.weight / total]);
    }
    case 'parallel':
      return ports.map((p) => [p, 1]);
    case 'branch':
    case 'wait_for_event': {
      const named = ports.filter((p) => p !== 'else' && p !== 'timeout');
      let left = 1;
      const shares: [string, number][] = named.map((p, i) => {
        const share = left * (0.2 + 0.3 * unit(`${salt}:${node.id}:${p}`)) * (i === 0 ? 1.2 : 1);
        left -= share;
        return [p, share];
      });
      const fallback = ports.find((p) => p === 'else' || p === 'timeout');
      if (fallback) shares.push([fallback, left]);
      return shares;
    }
    default:
      return ports.length ? [[ports[0], 1]] : [];
  }
}

interface Flowed {
  report: JourneyReport;
  sentByChannel: Map<string, number>;
  suppressed: number;
  holdoutEntries: number;
}

function flowJourney(doc: JourneyDocument, customers: number, index: number, salt: string): Flowed {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const out = new Map<string, JourneyDocument['edges']>();
  for (const e of doc.edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const arrivals = new Map<string, number>();
  const edgeCount = new Map<string, number>();
  const queue: [string, number][] = [];
  const entryShare = Math.max(0.25, 0.7 - 0.1 * index);
  const entries = doc.nodes.filter((n) => n.kind === 'entry');
  for (const e of entries) queue.push([e.id, (customers * entryShare) / Math.max(1, entries.length)]);
  let holdoutEntries = 0;
  let steps = 0;
  while (queue.length && steps++ < doc.nodes.length * 12) {
    const [id, amount] = queue.shift()!;
    const node = byId.get(id);
    if (!node || amount < 0.5) continue;
    arrivals.set(id, (arrivals.get(id) ?? 0) + amount);
    for (const [port, share] of portShares(node, salt)) {
      for (const edge of out.get(id) ?? []) {
        if (edge.port !== port) continue;
        const key = `${edge.from}\u0000${edge.port}\u0000${edge.to}`;
        edgeCount.set(key, (edgeCount.get(key) ?? 0) + amount * share);
        if (node.kind === 'split' && node.paths.find((p) => p.port === port)?.holdout) holdoutEntries += amount * share;
        queue.push([edge.to, amount * share]);
      }
    }
  }
  const sentByChannel = new Map<string, number>();
  let suppressedTotal = 0;
  const nodes: NodeReport[] = doc.nodes.map((node) => {
    const entered = Math.round(arrivals.get(node.id) ?? 0);
    let suppressed = 0;
    if (node.kind === 'message' && entered > 0) {
      suppressed = Math.round(entered * (0.06 + 0.3 * unit(`${salt}:sup:${node.id}`)));
      const channel = node.channel ?? 'email';
      sentByChannel.set(channel, (sentByChannel.get(channel) ?? 0) + entered - suppressed);
      suppressedTotal += suppressed;
    }
    const exits = node.kind === 'exit';
    const hasOut = out.has(node.id);
    return { id: node.id, kind: node.kind, entered, passed: exits || !hasOut ? 0 : entered, exited: exits || !hasOut ? entered : 0, suppressed };
  });
  const edges: EdgeReport[] = doc.edges.map((e) => ({ from: e.from, port: e.port, to: e.to, customers: Math.round(edgeCount.get(`${e.from}\u0000${e.port}\u0000${e.to}`) ?? 0) }));
  const entered = Math.round(customers * entryShare);
  const sent = [...sentByChannel.values()].reduce((a, b) => a + b, 0);
  const goals = (doc.settings.goals ?? []).map((goal) => {
    const rate = 0.12 + 0.2 * unit(`${salt}:goal:${goal.id}`);
    const holdout = Math.round(holdoutEntries);
    const treatmentEntries = entered - holdout;
    const converted = Math.round(treatmentEntries * rate);
    const holdoutConverted = Math.round(holdout * rate * 0.78);
    return {
      id: goal.id,
      treatment: { entries: treatmentEntries, converted, rate: round4(treatmentEntries ? converted / treatmentEntries : 0), median_hours: converted ? 24 + Math.round(150 * unit(`${goal.id}:h`)) : null },
      holdout: { entries: holdout, converted: holdoutConverted, rate: round4(holdout ? holdoutConverted / holdout : 0), median_hours: holdoutConverted ? 40 + Math.round(150 * unit(`${goal.id}:hh`)) : null },
    };
  });
  return {
    report: { id: doc.id, name: doc.name, priority: 50, entries: entered, customers: entered, messages_sent: sent, nodes, edges, goals },
    sentByChannel,
    suppressed: suppressedTotal,
    holdoutEntries,
  };
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Spreads `total` over `n` buckets by `weight`, keeping the sum exact. */
function spread(total: number, n: number, weight: (i: number) => number): number[] {
  const w = Array.from({ length: n }, (_, i) => Math.max(0, weight(i)));
  const sum = w.reduce((a, b) => a + b, 0) || 1;
  const out = w.map((x) => Math.floor((total * x) / sum));
  let left = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) out[i]++;
  return out;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function stamp(start: string, seconds: number): string {
  const d = new Date(Date.parse(`${start}T00:00:00Z`) + seconds * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function customerIds(salt: string, count: number, customers: number): string[] {
  const ids = new Set<number>();
  for (let i = 0; ids.size < Math.min(count, customers) && i < 100; i++) ids.add(1 + (hash(`${salt}:${i}`) % Math.min(customers, 200)));
  return [...ids].sort((a, b) => a - b).map((n) => `c${n}`);
}

function waitSeconds(node: Node): number {
  if (node.kind === 'wait' && 'duration' in node.delay) {
    const p = parseIso(node.delay.duration);
    if (p.ok) return isoSeconds(p.value);
  }
  if (node.kind === 'wait') return 86_400;
  if (node.kind === 'wait_for_event') {
    const p = node.timeout ? parseIso(node.timeout) : null;
    return p && p.ok ? isoSeconds(p.value) : 3 * 86_400;
  }
  return 0;
}

/** One customer's walk through the first journey, choosing ports by a hash of the customer. */
export function fakeTrace(doc: JourneyDocument, customer: string, start: string, days: number): Trace {
  const [zone, offset] = ZONES[hash(customer) % ZONES.length];
  const steps: TraceStep[] = [];
  let t = 3600 * (2 + (hash(`${customer}:t`) % 90));
  const push = (what: TraceStep['what'], reason: string, node: string | null = null, port: string | null = null) =>
    steps.push({ t, at: stamp(start, t), local: stamp(start, t + offset * 3600), what, journey: node ? doc.id : null, node, port, reason });
  const entry = doc.nodes.find((n) => n.kind === 'entry');
  if (!entry) return { customer, timezone: zone, steps, truncated: false };
  const event = entry.kind === 'entry' && 'event' in entry.trigger ? entry.trigger.event.name : null;
  if (event) push('event', `did \`${event}\``);
  push('entered', event ? 'the entry event happened' : 'matched the entry audience', entry.id);
  let node: Node | undefined = entry;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (let i = 0; node && i < 40 && t < days * 86_400; i++) {
    const shares = portShares(node, 'trace');
    const roll = unit(`${customer}:${node.id}`);
    let acc = 0;
    let port = shares[shares.length - 1]?.[0];
    for (const [p, s] of shares) {
      acc += s;
      if (roll < acc) {
        port = p;
        break;
      }
    }
    if (node.kind === 'message') {
      const channel = node.channel ?? 'email';
      if (roll < 0.2) push('suppressed', `not reachable on ${channel}`, node.id);
      else if (roll < 0.3) {
        push('deferred', `quiet hours: held until 08:00 local`, node.id);
        t += 5 * 3600;
        push('sent', `sent by ${channel} after quiet hours`, node.id);
      } else push('sent', `sent by ${channel}`, node.id);
    } else if (node.kind === 'wait' || node.kind === 'wait_for_event') {
      push('waiting', node.kind === 'wait' ? 'wait' : `waiting for ${outputPorts(node).filter((p) => p !== 'timeout').join(', ') || 'an event'}`, node.id);
      t += port === 'timeout' || node.kind === 'wait' ? waitSeconds(node) : Math.round(waitSeconds(node) * roll);
      if (node.kind === 'wait_for_event') push('passed', port === 'timeout' ? 'no event before the timeout' : `did \`${port}\``, node.id, port ?? null);
    } else if (node.kind === 'branch' || node.kind === 'split') {
      push('passed', node.kind === 'split' ? `assigned to path \`${port}\` (sticky per customer)` : port === 'else' ? 'no case matched' : `case \`${port}\` matched`, node.id, port ?? null);
    } else if (node.kind === 'exit') {
      push('exited', 'reached an exit', node.id);
      break;
    }
    const next = doc.edges.find((e) => e.from === node!.id && e.port === port);
    node = next ? byId.get(next.to) : undefined;
  }
  const goal = doc.settings.goals?.[0];
  if (goal && unit(`${customer}:goal`) < 0.4) {
    t += 3600 * 20;
    push('goal', `reached goal \`${goal.id}\``);
    steps[steps.length - 1].journey = doc.id;
  }
  return { customer, timezone: zone, steps, truncated: false };
}

/**
 * The report for `request`, as far as `fraction` of the customers got (1 when the run finished;
 * less when it was cancelled).
 */
export function fakeReport(request: SimulationRequest, fraction = 1): Report {
  const scenario = FAKE_SCENARIOS.find((s) => s.name === request.scenario) ?? FAKE_SCENARIOS[0];
  const customers = request.customers ?? scenario.customers;
  const days = request.days ?? scenario.days;
  const seed = request.seed ?? 1;
  const done = Math.round(customers * fraction);
  const salt = `${seed}:${scenario.name}`;
  const flowed = request.journeys.map((doc, i) => flowJourney(doc, done, i, salt));
  const channelTotals = new Map<string, number>();
  for (const f of flowed) for (const [c, n] of f.sentByChannel) channelTotals.set(c, (channelTotals.get(c) ?? 0) + n);
  const channels = CHANNEL_ORDER.filter((c) => channelTotals.has(c));
  const byChannelDay = channels.map((c, ci) => spread(channelTotals.get(c)!, days, (d) => 1 + 0.55 * Math.sin(d / 2.5 + ci) + (d < 4 ? 0.9 - 0.2 * d : 0) + (d % 7 === 5 ? -0.4 : 0)));
  const perDay = Array.from({ length: days }, (_, d) => ({ date: addDays(scenario.start, d), messages: byChannelDay.map((row) => row[d]) }));
  const localHour = channels.map((c, ci) => ({
    channel: c,
    messages: spread(channelTotals.get(c)!, 24, (h) => (h < 7 || h >= 22 ? 0.05 : h === 8 ? 3.2 : 1 + 0.7 * Math.exp(-((h - 11 - ci) ** 2) / 6) + 0.6 * Math.exp(-((h - 19) ** 2) / 4))),
  }));
  const sent = [...channelTotals.values()].reduce((a, b) => a + b, 0);
  const suppressed = flowed.reduce((a, f) => a + f.suppressed, 0);
  const entered = Math.min(done, Math.round(Math.max(0, ...flowed.map((f) => f.report.customers)) * (1 + 0.15 * (flowed.length - 1))));
  const avg = entered ? sent / entered : 0;
  const policies = request.journeys[0]?.settings.policies ?? {};
  const count = (kind: ConflictKind): number => {
    switch (kind) {
      case 'cap_suppressed':
        return policies.frequency_caps?.length ? Math.round(suppressed * 0.3) : 0;
      case 'quiet_deferred':
        return Math.round(sent * 0.14);
      case 'quiet_dropped':
        return policies.quiet_hours?.action === 'drop' ? Math.round(sent * 0.03) : 0;
      case 'min_gap':
        return policies.min_gap ? Math.round(suppressed * 0.2) : 0;
      case 'duplicate_message':
        return flowed.length > 1 ? Math.round(sent * 0.02) : 0;
      case 'cross_journey':
        return flowed.length > 1 ? Math.round(entered * 0.4) : 0;
    }
  };
  const conflicts: ConflictReport[] = CONFLICT_KINDS.map((kind) => {
    const n = count(kind);
    return { kind, count: n, examples: n ? customerIds(`${salt}:${kind}`, 5, done) : [] };
  });
  const byReason = spread(suppressed, 7, (i) => [0.05, 0.3, 0.3, 0, 0.15, 0.05, 0.15][i] * (i === 4 && !policies.frequency_caps?.length ? 0 : 1) * (i === 6 && !policies.min_gap ? 0 : 1));
  const traced = new Set(['c3', ...(request.trace ? [request.trace] : [])]);
  const first = request.journeys[0];
  return {
    run: { scenario: scenario.title, customers, start: scenario.start, days, seed, journeys: request.journeys.map((d) => d.id), complete: fraction >= 1 },
    totals: {
      customers: done,
      entered,
      node_visits: flowed.reduce((a, f) => a + f.report.nodes.reduce((b, n) => b + n.entered, 0), 0),
      events: Math.round(done * 3.4),
      messages_sent: sent,
      messages_suppressed: suppressed,
      suppressed_by: {
        holdout: byReason[0],
        unreachable: byReason[1],
        no_consent: byReason[2],
        no_channel: byReason[3],
        frequency_cap: byReason[4],
        quiet_hours: byReason[5],
        min_gap: byReason[6],
      },
    },
    journeys: flowed.map((f) => f.report),
    cadence: {
      channels,
      per_day: perDay,
      local_hour: localHour,
      per_customer: {
        total: { p50: Math.round(avg), p95: Math.ceil(avg * 2), max: Math.ceil(avg * 2) + 3 },
        rolling_24h: { p50: Math.min(1, Math.round(avg)), p95: Math.max(1, Math.ceil(avg / 2)), max: Math.ceil(avg / 2) + 2 },
        rolling_7d: { p50: Math.max(1, Math.round(avg * 0.7)), p95: Math.ceil(avg * 1.4), max: Math.ceil(avg * 1.4) + 2 },
      },
    },
    conflicts,
    traces: first ? [...traced].map((c) => fakeTrace(first, c, scenario.start, days)) : [],
    warnings: [],
  };
}
