//! The ECharts options of the behavioural diff's charts: one kind of chart, bars before and after
//! for each category of a `ShiftRow` list (`behaviour.ts`), the old version in a quiet grey and the
//! new one in the accent colour, in every chart, so a reviewer learns the code once. Plain data:
//! tooltips are drawn on the canvas, so no text reaches the page as HTML.

import type { ShiftRow } from './behaviour';
import { axisStyle, base, legend, type ChartOption } from './chartOptions';
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
export function shiftOption(rows: readonly ShiftRow[], theme: 'light' | 'dark', options: ShiftChartOptions): ChartOption {
  const p = chartPalette(theme);
  const colors = shiftColors(theme);
  const format = (v: number) => (options.percent ? fmtPercent(v) : compactCount(v));
  const labels = rows.map((r) => r.label);
  const horizontal = !!options.horizontal;
  const label = (color: string) => ({
    show: true,
    position: horizontal ? 'right' : 'top',
    color,
    fontSize: 10,
    formatter: (x: { value: number }) => format(x.value),
  });
  const series = [
    { type: 'bar', name: options.names.before, data: rows.map((r) => r.before), itemStyle: { color: colors.before, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] }, label: label(p.muted) },
    { type: 'bar', name: options.names.after, data: rows.map((r) => r.after), itemStyle: { color: colors.after, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] }, label: label(p.text) },
  ].map((s) => ({ ...s, barMaxWidth: horizontal ? 12 : 22, barGap: '12%', emphasis: { focus: 'series' } }));
  // Every category is labelled: a chart of a few before/after pairs must name each of them.
  const category = { type: 'category', data: labels, ...axisStyle(p), axisLabel: { ...axisStyle(p).axisLabel, interval: 0 }, splitLine: { show: false } };
  const value = {
    type: 'value',
    ...axisStyle(p),
    axisLine: { show: false },
    minInterval: options.percent ? undefined : 1,
    max: options.percent ? (v: { max: number }) => Math.min(1, Math.max(0.05, v.max * 1.2)) : undefined,
    axisLabel: { ...axisStyle(p).axisLabel, formatter: (v: number) => (options.percent ? fmtPercent(v, 0) : compactCount(v)) },
  };
  return {
    ...base(p),
    legend: legend(p),
    grid: { left: 8, right: horizontal ? 44 : 8, top: 28, bottom: 4, containLabel: true },
    tooltip: {
      ...(base(p).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: p.grid, opacity: 0.6 } },
      valueFormatter: (v: number) => (options.percent ? fmtPercent(v) : fmtCount(v)),
    },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true, axisLabel: { color: p.text, fontSize: 11, width: 150, overflow: 'truncate' } } : value,
    series,
  };
}

/** A horizontal chart's height for `rows` categories. */
export function shiftChartHeight(rows: number): number {
  return Math.max(90, 40 + rows * 30);
}
