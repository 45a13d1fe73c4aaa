import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JourneyReport, Report, SimulationRequest } from './bindings';
import { cadenceChart, distributionChart, goalsChart, heatmapChart } from './simulationCharts';
import { channelTitle, customerId, limits, simulate } from './core';
import { edgeId } from './flow';
import {
  buildRequest,
  cadenceSeries,
  chartPalette,
  compactCount,
  CONFLICT_INFO,
  conflictRows,
  distributionSeries,
  edgeTraffic,
  EDGE_WIDTH_MAX,
  EDGE_WIDTH_MIN,
  findTrace,
  fmtCount,
  fmtHours,
  fmtPercent,
  goalRows,
  hourHeatmap,
  nodeBadges,
  optionalInt,
  progressFraction,
  reasonParts,
  reportNames,
  share,
  shortDate,
  summaryFigures,
  suppressionReasons,
  traceDays,
} from './simulation';
import { nodeTitle } from './model';
import { example } from './testing';

// Every report here is the real simulator's (the core compiled to WebAssembly), run on the example
// journeys in `journeys/`. Tests assert what must hold of any correct report, and how the panel
// presents it, rather than figures copied from one run.

const onboarding = example('onboarding');
const trialToPaid = example('trial-to-paid');

function run(request: Partial<SimulationRequest> = {}): Report {
  const answer = simulate({ journeys: [onboarding, trialToPaid], scenario: null, customers: 5000, days: 14, seed: 3, trace: 'c9', ...request });
  if ('error' in answer) throw new Error(answer.error);
  return answer.ok;
}

const sum = (numbers: readonly number[]) => numbers.reduce((a, b) => a + b, 0);
const report = run();
const journey = (id: string): JourneyReport => report.journeys.find((j) => j.id === id)!;

describe('formatting', () => {
  it('writes counts compactly for badges and in full for tables', () => {
    expect(compactCount(0)).toBe('0');
    expect(compactCount(950)).toBe('950');
    expect(compactCount(7904)).toBe('7.9k');
    expect(compactCount(7999)).toBe('7.9k');
    expect(compactCount(1000)).toBe('1k');
    expect(compactCount(14000)).toBe('14k');
    expect(compactCount(123456)).toBe('123k');
    expect(compactCount(1_250_000)).toBe('1.2M');
    expect(fmtCount(1234567)).toBe('1,234,567');
    expect(fmtPercent(0.2481)).toBe('24.8%');
    expect(fmtHours(123)).toBe('5 d 3 h');
    expect(fmtHours(7)).toBe('7 h');
    expect(fmtHours(48)).toBe('2 d');
    expect(fmtHours(null)).toBe('—');
    expect(shortDate('2026-12-01')).toBe('Dec 1');
    expect(fmtCount(-0.4)).toBe('-0');
    expect(fmtCount(2.5)).toBe('3');
  });

  it('formats through formatters made once: no per-call toLocaleString anywhere in the UI', () => {
    // Each `toLocaleString('en-US')` makes an ICU formatter that WebKit frees only at its next
    // garbage collection; a report formats thousands of figures (see `fmtCount`).
    const dir = new URL('.', import.meta.url);
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !/\.test\.ts$|^wasm[\\/]/.test(f));
    expect(sources.length).toBeGreaterThan(50);
    const offenders = sources.filter((f) => /\.toLocale(Date|Time)?String\(/.test(readFileSync(new URL(f, dir), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('reads optional numbers', () => {
    expect(optionalInt('', 1, 10)).toEqual({ ok: true, value: null });
    expect(optionalInt('100,000', 1, 1_000_000)).toEqual({ ok: true, value: 100000 });
    expect(optionalInt('0', 1, 10).ok).toBe(false);
    expect(optionalInt('2.5', 1, 10).ok).toBe(false);
  });

  it('measures progress', () => {
    expect(progressFraction(null)).toBe(0);
    expect(progressFraction({ done: 5, total: 20 })).toBe(0.25);
    expect(progressFraction({ done: 30, total: 20 })).toBe(1);
  });

  it('marks the code in a reason', () => {
    expect(reasonParts('did `viewed_pricing` 0× in `2d`')).toEqual([
      { code: false, text: 'did ' },
      { code: true, text: 'viewed_pricing' },
      { code: false, text: ' 0× in ' },
      { code: true, text: '2d' },
    ]);
    expect(reasonParts('reached an exit')).toEqual([{ code: false, text: 'reached an exit' }]);
    expect(reasonParts('odd ` tick')).toEqual([{ code: false, text: 'odd ` tick' }]);
  });
});

describe('the simulator’s report', () => {
  it('has one node and edge report per node and edge of each journey', () => {
    for (const doc of [onboarding, trialToPaid]) {
      const j = journey(doc.id);
      expect(j.nodes.map((n) => n.id).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
      expect(j.edges.map(edgeId).sort()).toEqual(doc.edges.map(edgeId).sort());
    }
  });

  it('conserves customers: in-edges bring who entered a node, out-edges carry who passed it', () => {
    for (const j of report.journeys) {
      for (const n of j.nodes) {
        const incoming = sum(j.edges.filter((e) => e.to === n.id).map((e) => e.customers));
        const outgoing = sum(j.edges.filter((e) => e.from === n.id).map((e) => e.customers));
        if (n.kind === 'entry') expect(n.entered).toBeGreaterThan(0);
        else expect(incoming, `${j.id}.${n.id}`).toBe(n.entered);
        expect(outgoing, `${j.id}.${n.id}`).toBe(n.passed);
        expect(n.passed + n.exited).toBeLessThanOrEqual(n.entered);
      }
    }
  });

  it('adds up: messages by journey, by day and by local hour; suppressions by reason and by node', () => {
    const t = report.totals;
    expect(t.messages_sent).toBeGreaterThan(0);
    expect(sum(report.journeys.map((j) => j.messages_sent))).toBe(t.messages_sent);
    expect(report.cadence.per_day).toHaveLength(report.run.days);
    expect(sum(report.cadence.per_day.flatMap((d) => d.messages))).toBe(t.messages_sent);
    expect(sum(report.cadence.local_hour.flatMap((h) => h.messages))).toBe(t.messages_sent);
    expect(sum(Object.values(t.suppressed_by))).toBe(t.messages_suppressed);
    expect(sum(report.journeys.flatMap((j) => j.nodes.map((n) => n.suppressed)))).toBe(t.messages_suppressed);
    for (const j of report.journeys) for (const g of j.goals) expect(g.treatment.entries + g.holdout.entries).toBe(j.entries);
  });

  it('orders percentiles: p50 ≤ p95 ≤ max in every window', () => {
    const per = report.cadence.per_customer;
    for (const w of [per.rolling_24h, per.rolling_7d, per.total]) {
      expect(w.p50).toBeLessThanOrEqual(w.p95);
      expect(w.p95).toBeLessThanOrEqual(w.max);
    }
  });

  it('gives the same report for the same seed, and another for another seed', () => {
    expect(run()).toEqual(report);
    expect(run({ seed: 4 }).totals).not.toEqual(report.totals);
  });

  it('traces a customer without changing the figures', () => {
    const untraced = run({ trace: null });
    expect(untraced.totals).toEqual(report.totals);
    expect(untraced.journeys).toEqual(report.journeys);
  });

  it('reports cross-journey conflicts only when another journey messages the same customers', () => {
    const alone = run({ journeys: [onboarding] }).conflicts.find((c) => c.kind === 'cross_journey')!;
    expect(alone).toMatchObject({ count: 0, examples: [] });
    const together = report.conflicts.find((c) => c.kind === 'cross_journey')!;
    expect(together.count).toBeGreaterThan(0);
    for (const customer of together.examples) expect(customerId(customer)).toBe(customer);
    // An example customer's timeline shows it: messages of both journeys within a day.
    const customer = together.examples[0];
    const sends = findTrace(run({ trace: customer }), customer)!.steps.filter((s) => s.what === 'sent');
    const close = sends.some((a) => sends.some((b) => a.journey !== b.journey && Math.abs(a.t - b.t) < 86_400));
    expect(close).toBe(true);
  });

  it('refuses what is out of bounds, naming the setting', () => {
    const refused = (request: Partial<SimulationRequest>) => {
      const answer = simulate({ journeys: [onboarding], scenario: null, customers: 100, days: 7, seed: 1, trace: null, ...request });
      return 'error' in answer ? answer.error : null;
    };
    expect(refused({})).toBeNull();
    expect(refused({ customers: 0 })).toMatch(/^customers: /);
    expect(refused({ days: limits().max_days + 1 })).toMatch(/^days: /);
    expect(refused({ trace: 'c101' })).toMatch(/^trace: /);
    expect(refused({ scenario: 'no-such-scenario' })).toMatch(/^scenario: /);
    expect(refused({ journeys: [] })).toMatch(/^journeys: /);
  });
});

describe('canvas counts', () => {
  const j = journey('onboarding');

  it('gives each node a badge with its entered and suppressed counts', () => {
    const badges = nodeBadges(j);
    expect(badges.size).toBe(onboarding.nodes.length);
    for (const n of j.nodes) {
      const badge = badges.get(n.id)!;
      expect(badge.text).toBe(compactCount(n.entered));
      expect(badge.suppressedText).toBe(n.suppressed > 0 ? compactCount(n.suppressed) : '');
    }
    const busy = j.nodes.find((n) => n.passed > 0 && n.exited > 0 && n.suppressed > 0)!;
    expect(badges.get(busy.id)!.title).toBe(
      `${fmtCount(busy.entered)} entered · ${fmtCount(busy.passed)} passed · ${fmtCount(busy.exited)} left the journey here · ${fmtCount(busy.suppressed)} messages suppressed`,
    );
    expect(nodeBadges(undefined).size).toBe(0);
  });

  it('keeps the badge objects of nodes whose figures did not change', () => {
    const first = nodeBadges(j);
    const changed = structuredClone(j);
    const touched = changed.nodes.find((n) => n.entered > 0)!;
    touched.suppressed += 1000;
    const second = nodeBadges(changed, first);
    for (const n of changed.nodes) {
      if (n.id === touched.id) expect(second.get(n.id)).not.toBe(first.get(n.id));
      else expect(second.get(n.id)).toBe(first.get(n.id));
    }
  });

  it('draws busier edges thicker, keyed like the canvas edges', () => {
    const traffic = edgeTraffic(j);
    expect(traffic.size).toBe(j.edges.length);
    const byCustomers = [...j.edges].sort((a, b) => a.customers - b.customers);
    const widths = byCustomers.map((e) => traffic.get(edgeId(e))!.width);
    expect(widths).toEqual([...widths].sort((a, b) => a - b));
    const busiest = traffic.get(edgeId(byCustomers.at(-1)!))!;
    expect(busiest).toMatchObject({ width: EDGE_WIDTH_MAX, text: compactCount(byCustomers.at(-1)!.customers) });
    expect(edgeTraffic(j, traffic).get(edgeId(byCustomers.at(-1)!))).toBe(busiest);
    const idle = structuredClone(j);
    idle.edges[0].customers = 0;
    expect(edgeTraffic(idle).get(edgeId(idle.edges[0]))!.width).toBe(EDGE_WIDTH_MIN);
  });
});

describe('headline and lists', () => {
  it('sums up the run', () => {
    const t = report.totals;
    const figures = summaryFigures(report, 'onboarding');
    expect(figures.map((f) => [f.key, f.value])).toEqual([
      ['customers', fmtCount(t.customers)],
      ['entered', fmtCount(t.entered)],
      ['sent', fmtCount(t.messages_sent)],
      ['suppressed', fmtCount(t.messages_suppressed)],
      ['conversion', fmtPercent(journey('onboarding').goals[0].treatment.rate)],
    ]);
    expect(figures[0].detail).toBe(`${report.run.days} days`);
    expect(figures[1].detail).toBe(`${share(t.entered, t.customers)} of customers`);
    expect(figures[3].detail).toBe(`${share(t.messages_suppressed, t.messages_sent + t.messages_suppressed)} · ${suppressionReasons(t.suppressed_by)[0].label}`);
    // The other journey's goal has a holdout.
    const subscribed = journey('trial-to-paid').goals[0];
    expect(subscribed.holdout.entries).toBeGreaterThan(0);
    expect(summaryFigures(report, 'trial-to-paid')[4]).toMatchObject({ value: fmtPercent(subscribed.treatment.rate), detail: `${subscribed.id} · holdout ${fmtPercent(subscribed.holdout.rate)}` });
    const cancelled = structuredClone(report);
    cancelled.run.complete = false;
    expect(summaryFigures(cancelled, 'onboarding')[0].detail).toBe(`of ${fmtCount(report.run.customers)} (cancelled)`);
  });

  it('orders suppression reasons by count, without the ones that did not happen', () => {
    const reasons = suppressionReasons(report.totals.suppressed_by);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.count > 0)).toBe(true);
    expect(reasons.map((r) => r.count)).toEqual([...reasons.map((r) => r.count)].sort((a, b) => b - a));
    expect(sum(reasons.map((r) => r.count))).toBe(report.totals.messages_suppressed);
  });

  it('lists conflicts that happened first, busiest first', () => {
    const rows = conflictRows(report.conflicts);
    expect(rows).toHaveLength(report.conflicts.length);
    const happened = rows.filter((r) => r.count > 0);
    expect(rows.slice(0, happened.length)).toEqual(happened);
    expect(happened.map((r) => r.count)).toEqual([...happened.map((r) => r.count)].sort((a, b) => b - a));
    for (const row of rows) expect(row.title).toBe(CONFLICT_INFO[row.kind].title);
  });

  it('compares goals with their holdout', () => {
    const rows = goalRows(report);
    expect(rows).toHaveLength(sum(report.journeys.map((j) => j.goals.length)));
    for (const row of rows) {
      const goal = journey(row.journey).goals.find((g) => g.id === row.goal)!;
      if (goal.holdout.entries > 0) expect(row.liftPoints).toBe(Math.round((goal.treatment.rate - goal.holdout.rate) * 1000) / 10);
      else expect(row).toMatchObject({ holdout: null, liftPoints: null });
    }
  });
});

describe('chart series', () => {
  it('stacks messages per channel per day, without silent channels', () => {
    const { days, dates, series } = cadenceSeries(report.cadence);
    expect(days).toHaveLength(report.run.days);
    expect(days[0]).toBe(shortDate(report.run.start));
    expect(dates[0]).toBe(report.run.start);
    expect(series.every((s) => s.data.some((n) => n > 0))).toBe(true);
    expect(series.map((s) => s.name)).toEqual(series.map((s) => channelTitle(s.key)));
    expect(sum(series.flatMap((s) => s.data))).toBe(report.totals.messages_sent);
  });

  it('maps local hours and channels to heatmap cells', () => {
    const heat = hourHeatmap(report.cadence);
    expect(heat.cells).toHaveLength(heat.rows.length * 24);
    expect(sum(heat.cells.map(([, , n]) => n))).toBe(report.totals.messages_sent);
    expect(heat.max).toBe(Math.max(...heat.cells.map(([, , n]) => n)));
    const peak = heat.cells.find(([h, y, n]) => n === heat.max && h === heat.peak!.hour && heat.keys[y] === heat.peak!.channel);
    expect(peak).toBeDefined();
  });

  it('shows p50, p95 and max per window', () => {
    const per = report.cadence.per_customer;
    const d = distributionSeries(per);
    expect(d.windows).toEqual(['Any 24 hours', 'Any 7 days', 'Whole run']);
    expect(d.series.map((s) => [s.name, s.data])).toEqual([
      ['P50', [per.rolling_24h.p50, per.rolling_7d.p50, per.total.p50]],
      ['P95', [per.rolling_24h.p95, per.rolling_7d.p95, per.total.p95]],
      ['Max', [per.rolling_24h.max, per.rolling_7d.max, per.total.max]],
    ]);
  });

  it('builds the charts in the theme colours', () => {
    const light = chartPalette('light');
    const dark = chartPalette('dark');
    expect(light.text).not.toBe(dark.text);
    const cadence = cadenceChart(report.cadence, dark);
    const first = cadenceSeries(report.cadence).series[0];
    expect(cadence.stacked).toBe(true);
    expect(cadence.series[0].color).toBe(dark.channels[first.key]);
    expect(sum(cadence.series.flatMap((s) => s.values.map((v) => v ?? 0)))).toBe(report.totals.messages_sent);
    const heat = heatmapChart(report.cadence, light);
    expect(heat.colors).toEqual(light.heat);
    expect(heat.cells).toEqual(hourHeatmap(report.cadence).cells);
    expect(distributionChart(report.cadence.per_customer, light).series).toHaveLength(3);
    // A holdout anywhere adds the holdout series; goals without one get no holdout bar.
    const goals = goalsChart(report, light);
    expect(goals.series).toHaveLength(2);
    expect(goals.series[1].values).toEqual(goalRows(report).map((r) => r.holdout));
    expect(goals.series[1].values).toContain(null);
    expect(goals.format(0.2481)).toBe('24.8%');
  });
});

describe('traces', () => {
  it('shows the traced customer’s own steps, in time order, grouped by local day', () => {
    const trace = findTrace(report, 'c9')!;
    expect(trace.customer).toBe('c9');
    expect(findTrace(report, 'c10')).toBeUndefined();
    const ts = trace.steps.map((s) => s.t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    for (const step of trace.steps) if (step.journey != null) expect(report.run.journeys).toContain(step.journey);
    const days = traceDays(trace);
    expect(days.flatMap((d) => d.steps.map(({ time: _time, ...step }) => step))).toEqual(trace.steps);
    expect(days.map((d) => d.date)).toEqual([...new Set(trace.steps.map((s) => s.local.split(' ')[0]))]);
    for (const day of days) for (const step of day.steps) expect(`${day.date} ${step.time}`).toBe(step.local);
  });
});

describe('names', () => {
  it('names each traced step and journey as the marketer does, by label and journey name', () => {
    const names = reportNames(report);
    const trace = findTrace(report, 'c9')!;
    const labelled = trace.steps.filter((s) => s.node);
    expect(labelled.length).toBeGreaterThan(0);
    for (const step of labelled) {
      const doc = [onboarding, trialToPaid].find((d) => d.id === step.journey)!;
      const node = doc.nodes.find((n) => n.id === step.node)!;
      expect(names.step(step.journey ?? undefined, step.node!)).toBe(nodeTitle(node));
    }
    expect(names.journey('onboarding')).toBe(onboarding.name);
    expect(names.journey('nope')).toBe('nope');
    const welcome = onboarding.nodes.find((n) => n.label && n.kind === 'message')!;
    expect(reportNames(run({ journeys: [onboarding], trace: null })).step(undefined, welcome.id)).toBe(welcome.label);
  });
});

describe('the request', () => {
  const form = { scenario: 'default', customers: '20,000', days: '', seed: '7' };

  it('puts the open journey first and leaves blank fields to the scenario', () => {
    const built = buildRequest([onboarding, trialToPaid], form, { trace: 'c42' });
    expect(built).toEqual({ ok: true, request: { journeys: [onboarding, trialToPaid], scenario: 'default', customers: 20000, days: null, seed: 7, trace: 'c42' } });
    // The core runs what the form builds.
    expect(built.ok && 'ok' in simulate(built.request)).toBe(true);
  });

  it('simulates the core’s live population when live', () => {
    const built = buildRequest([onboarding], { ...form, customers: 'lots' }, { live: true });
    expect(built.ok && built.request.customers).toBe(limits().live_customers);
  });

  it('says which fields are outside the core’s limits', () => {
    const { max_customers, max_days } = limits();
    expect(buildRequest([onboarding], { ...form, customers: String(max_customers + 1), days: String(max_days + 1) })).toEqual({
      ok: false,
      errors: { customers: `1 to ${fmtCount(max_customers)}`, days: `1 to ${fmtCount(max_days)}` },
    });
    expect(buildRequest([onboarding], { ...form, customers: String(max_customers), days: String(max_days) }).ok).toBe(true);
  });
});
