//! The behavioural diff's charts (`charts.ts` specs): one kind of chart, bars before and after
//! for each category of a `ShiftRow` list (`behaviour.ts`), the old version in a quiet grey and the
//! new one in the accent colour, in every chart, so a reviewer learns the code once.

import type { ShiftRow } from './behaviour';
import type { BarChart } from './charts';
import { chartPalette, compactCount, fmtCount, fmtPercent } from './simulation';

/** The colours of the two versions in a theme: before quiet, after the accent. */
export function shiftColors(theme: 'light' | 'dark'): { before: string; after: string } {
  return theme === 'dark' ? { before: '#6b7483', after: '#8f95f8' } : { before: '#b3bac5', after: '#4f46e5' };
}

export interface ShiftChartOptions {
  /** Bars along the x axis (categories down the side): for long labels and many rows. */
  horizontal?: boolean;
  /** Values are rates (0–1), shown as percentages. */
  percent?: boolean;
  /** What the two series are called: `v1` and `v2`, `Published` and `v3`. */
  names: { before: string; after: string };
}

/** Bars before and after for each row. */
export function shiftChart(rows: readonly ShiftRow[], theme: 'light' | 'dark', options: ShiftChartOptions): BarChart {
  const p = chartPalette(theme);
  const colors = shiftColors(theme);
  const format = (v: number) => (options.percent ? fmtPercent(v) : compactCount(v));
  return {
    kind: 'bars',
    frame: p,
    // Every category is labelled: a chart of a few before/after pairs must name each of them.
    categories: rows.map((r) => r.label),
    series: [
      { name: options.names.before, color: colors.before, values: rows.map((r) => r.before), labelColor: p.muted },
      { name: options.names.after, color: colors.after, values: rows.map((r) => r.after), labelColor: p.text },
    ],
    horizontal: !!options.horizontal,
    legend: true,
    valueLabels: true,
    integer: !options.percent,
    max: options.percent ? (m) => Math.min(1, Math.max(0.05, m * 1.2)) : undefined,
    format,
    tooltipFormat: (v) => (options.percent ? fmtPercent(v) : fmtCount(v)),
    tickFormat: (v) => (options.percent ? fmtPercent(v, 0) : compactCount(v)),
    categoryTitle: (i) => rows[i].label,
    labelWidth: 150,
  };
}

/** A horizontal chart's height for `rows` categories. */
export function shiftChartHeight(rows: number): number {
  return Math.max(90, 40 + rows * 30);
}
