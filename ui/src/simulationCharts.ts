//! The simulation panel's charts (`charts.ts` specs), built from `simulation.ts`'s series and the
//! theme's palette.

import type { BarChart, Heatmap } from './charts';
import type { Cadence, PerCustomer, Report } from './bindings';
import { cadenceSeries, compactCount, distributionSeries, fmtCount, fmtPercent, goalRows, HOURS, hourHeatmap, type ChartPalette } from './simulation';

/** Messages per channel per day, stacked. */
export function cadenceChart(cadence: Cadence, p: ChartPalette): BarChart {
  const { days, series } = cadenceSeries(cadence);
  const totals = days.map((_, d) => series.reduce((sum, s) => sum + s.data[d], 0));
  return {
    kind: 'bars',
    frame: p,
    categories: days,
    series: series.map((s) => ({ name: s.name, color: p.channels[s.key] ?? p.accent, values: s.data })),
    stacked: true,
    legend: true,
    integer: true,
    format: fmtCount,
    tickFormat: compactCount,
    categoryTitle: (d) => `${days[d]} · ${fmtCount(totals[d])} messages`,
  };
}

/** Messages by local hour (columns) and channel (rows). */
export function heatmapChart(cadence: Cadence, p: ChartPalette): Heatmap {
  const { rows, cells } = hourHeatmap(cadence);
  return {
    kind: 'heatmap',
    frame: p,
    columns: HOURS,
    rows,
    cells,
    colors: p.heat,
    columnLabelEvery: 3,
    format: fmtCount,
    tooltip: (h, r, n) => `${rows[r]} · ${HOURS[h]}:00–${HOURS[h]}:59 local\n${fmtCount(n)} messages`,
  };
}

/** Messages per customer: p50, p95 and max for each window. */
export function distributionChart(per: PerCustomer, p: ChartPalette): BarChart {
  const { windows, series } = distributionSeries(per);
  return {
    kind: 'bars',
    frame: p,
    categories: windows,
    series: series.map((s, i) => ({ name: s.name, color: p.percentiles[i], values: s.data })),
    legend: true,
    valueLabels: true,
    integer: true,
    barMax: 26,
    format: fmtCount,
  };
}

/** Conversion per goal, treatment against holdout (goals without a holdout get no holdout bar). */
export function goalsChart(report: Report, p: ChartPalette): BarChart {
  const rows = goalRows(report);
  const several = new Set(rows.map((r) => r.journey)).size > 1;
  const anyHoldout = rows.some((r) => r.holdout !== null);
  const series = [{ name: 'Treatment', color: p.goals[0], values: rows.map((r) => r.treatment), labelColor: p.text }];
  if (anyHoldout) series.push({ name: 'Holdout', color: p.goals[1], values: rows.map((r) => r.holdout) as number[], labelColor: p.muted });
  return {
    kind: 'bars',
    frame: p,
    categories: rows.map((r) => (several ? `${r.goal} (${r.journeyName})` : r.goal)),
    series,
    horizontal: true,
    legend: anyHoldout,
    valueLabels: true,
    // The bars carry their values; the axis only needs its grid lines.
    valueAxis: false,
    max: (m) => Math.min(1, Math.max(0.05, m * 1.15)),
    format: (v) => fmtPercent(v),
    labelWidth: 130,
    barMax: 14,
  };
}
