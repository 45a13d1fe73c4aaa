import { describe, expect, it } from 'vitest';
import type { Cadence, Report } from './bindings';
import { cadenceOption, distributionOption, goalsOption, heatmapOption } from './chartOptions';
import { fakeReport } from './fakeSimulation';
import { edgeId } from './flow';
import {
  buildRequest,
  cadenceSeries,
  chartPalette,
  compactCount,
  conflictRows,
  customerId,
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
  LIVE_CUSTOMERS,
  nodeBadges,
  optionalInt,
  progressFraction,
  shortDate,
  summaryFigures,
  suppressionReasons,
  reasonParts,
  traceDays,
} from './simulation';
import { example } from './testing';

/** A report shaped like `waymark simulate --json` prints it (two journeys, a holdout). */
function report(): Report {
  return {
    run: { scenario: 'Default population', customers: 20000, start: '2026-12-01', days: 3, seed: 1, journeys: ['onboarding', 'trial-to-paid'], complete: true },
    totals: {
      customers: 20000,
      entered: 14000,
      node_visits: 118820,
      events: 68671,
      messages_sent: 27367,
      messages_suppressed: 10709,
      suppressed_by: { holdout: 0, unreachable: 5509, no_consent: 5200, no_channel: 0, frequency_cap: 0, quiet_hours: 0, min_gap: 0 },
    },
    journeys: [
      {
        id: 'onboarding',
        name: 'Onboarding',
        priority: 50,
        entries: 14000,
        customers: 14000,
        messages_sent: 27367,
        nodes: [
          { id: 'signup', kind: 'entry', entered: 14000, passed: 14000, exited: 0, suppressed: 0 },
          { id: 'activation_push', kind: 'message', entered: 7904, passed: 7903, exited: 1, suppressed: 5418 },
          { id: 'exit_reminded', kind: 'exit', entered: 0, passed: 0, exited: 0, suppressed: 0 },
        ],
        edges: [
          { from: 'signup', port: 'next', to: 'activation_push', customers: 14000 },
          { from: 'activation_push', port: 'next', to: 'exit_reminded', customers: 3500 },
          { from: 'x', port: 'y', to: 'z', customers: 0 },
        ],
        goals: [{ id: 'activated', treatment: { entries: 14000, converted: 3473, rate: 0.2481, median_hours: 123 }, holdout: { entries: 0, converted: 0, rate: 0, median_hours: null } }],
      },
      {
        id: 'trial-to-paid',
        name: 'Trial to paid',
        priority: 40,
        entries: 9052,
        customers: 9052,
        messages_sent: 100,
        nodes: [],
        edges: [],
        goals: [{ id: 'subscribed', treatment: { entries: 8145, converted: 1860, rate: 0.2284, median_hours: 176 }, holdout: { entries: 907, converted: 195, rate: 0.215, median_hours: 197 } }],
      },
    ],
    cadence: {
      channels: ['email', 'push', 'in_app'],
      per_day: [
        { date: '2026-12-01', messages: [810, 0, 0] },
        { date: '2026-12-02', messages: [799, 12, 0] },
        { date: '2026-12-03', messages: [700, 30, 0] },
      ],
      local_hour: [
        { channel: 'email', messages: Array.from({ length: 24 }, (_, h) => (h === 8 ? 5660 : 500)) },
        { channel: 'push', messages: Array.from({ length: 24 }, (_, h) => (h === 10 ? 9 : 1)) },
        { channel: 'in_app', messages: Array(24).fill(0) },
      ],
      per_customer: { total: { p50: 2, p95: 3, max: 3 }, rolling_24h: { p50: 1, p95: 1, max: 1 }, rolling_7d: { p50: 2, p95: 3, max: 3 } },
    },
    conflicts: [
      { kind: 'cap_suppressed', count: 0, examples: [] },
      { kind: 'quiet_deferred', count: 4846, examples: ['c4', 'c10'] },
      { kind: 'cross_journey', count: 14910, examples: ['c2'] },
    ],
    traces: [
      {
        customer: 'c7',
        timezone: 'Europe/Paris',
        truncated: false,
        steps: [
          { t: 27777, at: '2026-12-01 07:42', local: '2026-12-01 08:42', what: 'event', journey: null, node: null, port: null, reason: 'did `signed_up`' },
          { t: 27777, at: '2026-12-01 07:42', local: '2026-12-01 08:42', what: 'entered', journey: 'onboarding', node: 'signup', port: null, reason: 'the entry event happened' },
          { t: 983765, at: '2026-12-12 09:16', local: '2026-12-12 10:16', what: 'passed', journey: 'onboarding', node: 'pricing_check', port: 'else', reason: 'no case matched' },
        ],
      },
    ],
    warnings: [],
  };
}

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
  });

  it('reads customer ids and optional numbers', () => {
    expect(customerId(' C42 ')).toBe('c42');
    expect(customerId('c007')).toBe('c7');
    expect(customerId('42')).toBeNull();
    expect(customerId('c4x')).toBeNull();
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
});

describe('canvas counts', () => {
  it('gives each node a badge with its entered and suppressed counts', () => {
    const badges = nodeBadges(report().journeys[0]);
    expect(badges.get('signup')).toMatchObject({ text: '14k', suppressedText: '' });
    expect(badges.get('activation_push')).toMatchObject({ text: '7.9k', suppressedText: '5.4k' });
    expect(badges.get('activation_push')!.title).toBe('7,904 entered · 7,903 passed · 1 left the journey here · 5,418 messages suppressed');
    expect(nodeBadges(undefined).size).toBe(0);
  });

  it('keeps the badge objects of nodes whose figures did not change', () => {
    const first = nodeBadges(report().journeys[0]);
    const changed = report().journeys[0];
    changed.nodes[1].suppressed = 10;
    const second = nodeBadges(changed, first);
    expect(second.get('signup')).toBe(first.get('signup'));
    expect(second.get('exit_reminded')).toBe(first.get('exit_reminded'));
    expect(second.get('activation_push')).not.toBe(first.get('activation_push'));
  });

  it('draws busier edges thicker, keyed like the canvas edges', () => {
    const j = report().journeys[0];
    const traffic = edgeTraffic(j);
    const busiest = traffic.get(edgeId(j.edges[0]))!;
    expect(busiest).toMatchObject({ customers: 14000, text: '14k', width: EDGE_WIDTH_MAX });
    expect(traffic.get(edgeId(j.edges[1]))!.width).toBeGreaterThan(EDGE_WIDTH_MIN);
    expect(traffic.get(edgeId(j.edges[1]))!.width).toBeLessThan(EDGE_WIDTH_MAX);
    expect(traffic.get(edgeId(j.edges[2]))!.width).toBe(EDGE_WIDTH_MIN);
    expect(edgeTraffic(j, traffic).get(edgeId(j.edges[0]))).toBe(busiest);
  });
});

describe('headline and lists', () => {
  it('sums up the run', () => {
    const figures = summaryFigures(report(), 'onboarding');
    expect(figures.map((f) => [f.key, f.value])).toEqual([
      ['customers', '20,000'],
      ['entered', '14,000'],
      ['sent', '27,367'],
      ['suppressed', '10,709'],
      ['conversion', '24.8%'],
    ]);
    expect(figures[1].detail).toBe('70.0% of customers');
    expect(figures[3].detail).toBe('28.1% · unreachable');
    expect(figures[3].title).toBe('Why: 5,509 unreachable, 5,200 no consent');
    // The other journey's goal has a holdout.
    expect(summaryFigures(report(), 'trial-to-paid')[4]).toMatchObject({ value: '22.8%', detail: 'subscribed · holdout 21.5%' });
    const cancelled = report();
    cancelled.run.complete = false;
    expect(summaryFigures(cancelled, 'onboarding')[0].detail).toBe('of 20,000 (cancelled)');
  });

  it('orders suppression reasons by count', () => {
    expect(suppressionReasons(report().totals.suppressed_by).map((r) => r.label)).toEqual(['unreachable', 'no consent']);
  });

  it('lists conflicts that happened first, busiest first', () => {
    const rows = conflictRows(report().conflicts);
    expect(rows.map((r) => r.kind)).toEqual(['cross_journey', 'quiet_deferred', 'cap_suppressed']);
    expect(rows[0].title).toBe('Two journeys, one customer');
  });

  it('compares goals with their holdout', () => {
    const rows = goalRows(report());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ goal: 'activated', holdout: null, liftPoints: null });
    expect(rows[1]).toMatchObject({ goal: 'subscribed', treatment: 0.2284, holdout: 0.215, liftPoints: 1.3 });
  });
});

describe('chart series', () => {
  it('stacks messages per channel per day, without silent channels', () => {
    const { days, series } = cadenceSeries(report().cadence);
    expect(days).toEqual(['Dec 1', 'Dec 2', 'Dec 3']);
    expect(series.map((s) => [s.key, s.name, s.data])).toEqual([
      ['email', 'Email', [810, 799, 700]],
      ['push', 'Push', [0, 12, 30]],
    ]);
  });

  it('maps local hours and channels to heatmap cells', () => {
    const heat = hourHeatmap(report().cadence);
    expect(heat.rows).toEqual(['Email', 'Push']);
    expect(heat.cells).toHaveLength(48);
    expect(heat.cells[8]).toEqual([8, 0, 5660]);
    expect(heat.cells[24 + 10]).toEqual([10, 1, 9]);
    expect(heat.max).toBe(5660);
    expect(heat.peak).toEqual({ hour: 8, channel: 'email' });
  });

  it('shows p50, p95 and max per window', () => {
    const d = distributionSeries(report().cadence.per_customer);
    expect(d.windows).toEqual(['Any 24 hours', 'Any 7 days', 'Whole run']);
    expect(d.series.map((s) => [s.name, s.data])).toEqual([
      ['P50', [1, 2, 2]],
      ['P95', [1, 3, 3]],
      ['Max', [1, 3, 3]],
    ]);
  });

  it('builds chart options in the theme colours', () => {
    const light = chartPalette('light');
    const dark = chartPalette('dark');
    expect(light.text).not.toBe(dark.text);
    const cadence = cadenceOption(report().cadence, dark) as { series: { itemStyle: { color: string } }[] };
    expect(cadence.series[0].itemStyle.color).toBe(dark.channels.email);
    const heat = heatmapOption(report().cadence, light) as { visualMap: { max: number; inRange: { color: string[] } } };
    expect(heat.visualMap.max).toBeCloseTo(Math.sqrt(5660));
    expect(heat.visualMap.inRange.color).toEqual(light.heat);
    expect((distributionOption(report().cadence.per_customer, light) as { series: unknown[] }).series).toHaveLength(3);
    // A holdout anywhere adds the holdout series; goals without one get no holdout bar.
    const goals = goalsOption(report(), light) as { series: { data: unknown[] }[] };
    expect(goals.series).toHaveLength(2);
    expect(goals.series[1].data).toEqual(['-', 0.215]);
  });

  it('never puts tooltips in HTML', () => {
    const empty: Cadence = { channels: [], per_day: [], local_hour: [], per_customer: report().cadence.per_customer };
    for (const option of [cadenceOption(empty, chartPalette('light')), goalsOption(report(), chartPalette('dark'))]) {
      expect((option.tooltip as { renderMode: string }).renderMode).toBe('richText');
    }
  });
});

describe('traces', () => {
  it('finds a customer’s trace and groups it by local day', () => {
    const trace = findTrace(report(), 'c7')!;
    expect(findTrace(report(), 'c8')).toBeUndefined();
    const days = traceDays(trace);
    expect(days.map((d) => [d.date, d.label, d.steps.length])).toEqual([
      ['2026-12-01', 'Tue, Dec 1', 2],
      ['2026-12-12', 'Sat, Dec 12', 1],
    ]);
    expect(days[1].steps[0]).toMatchObject({ time: '10:16', node: 'pricing_check', port: 'else' });
  });
});

describe('reasons', () => {
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

describe('the request', () => {
  const doc = example('onboarding');
  const form = { scenario: 'default', customers: '20,000', days: '', seed: '7' };

  it('puts the open journey first and leaves blank fields to the scenario', () => {
    const built = buildRequest([doc], form, { trace: 'c42' });
    expect(built).toEqual({ ok: true, request: { journeys: [doc], scenario: 'default', customers: 20000, days: null, seed: 7, trace: 'c42' } });
  });

  it('simulates 100,000 customers when live', () => {
    const built = buildRequest([doc], { ...form, customers: 'lots' }, { live: true });
    expect(built.ok && built.request.customers).toBe(LIVE_CUSTOMERS);
  });

  it('says which fields are wrong', () => {
    expect(buildRequest([doc], { ...form, customers: '0', days: '999' })).toEqual({ ok: false, errors: { customers: '1 to 10,000,000', days: '1 to 366' } });
  });
});

describe('the preview backend’s report', () => {
  it('covers every node and edge of the journey, deterministically', () => {
    const doc = example('onboarding');
    const request = { journeys: [doc], scenario: null, customers: 5000, days: 14, seed: 3, trace: 'c9' };
    const r = fakeReport(request);
    expect(r).toEqual(fakeReport(request));
    expect(r.run).toMatchObject({ customers: 5000, days: 14, seed: 3, complete: true });
    expect(r.journeys[0].nodes.map((n) => n.id)).toEqual(doc.nodes.map((n) => n.id));
    expect(r.journeys[0].edges).toHaveLength(doc.edges.length);
    expect(r.cadence.per_day).toHaveLength(14);
    expect(r.totals.messages_sent).toBeGreaterThan(0);
    expect(r.cadence.per_day.reduce((a, d) => a + d.messages.reduce((b, n) => b + n, 0), 0)).toBe(r.totals.messages_sent);
    expect(findTrace(r, 'c9')!.steps[0].what).toBeDefined();
    expect(fakeReport(request, 0.5).run.complete).toBe(false);
  });

  it('reports cross-journey conflicts when journeys run together', () => {
    const r = fakeReport({ journeys: [example('onboarding'), example('trial-to-paid')], scenario: null, customers: 5000, days: 30, seed: 1, trace: null });
    expect(r.conflicts.find((c) => c.kind === 'cross_journey')!.count).toBeGreaterThan(0);
    expect(r.journeys).toHaveLength(2);
  });
});
