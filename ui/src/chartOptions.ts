//! The ECharts options of the simulation panel's charts, built from `simulation.ts`'s series and
//! the theme's palette. Plain data: tooltips are drawn on the canvas (`renderMode: 'richText'`), so
//! no text reaches the page as HTML.

import type { Cadence, PerCustomer, Report } from './bindings';
import { cadenceSeries, distributionSeries, fmtCount, fmtPercent, goalRows, HOURS, hourHeatmap, type ChartPalette } from './simulation';

export type ChartOption = Record<string, unknown>;

/** What every chart shares: no animation, the theme's text, tooltips drawn on the canvas. */
export function base(p: ChartPalette): ChartOption {
  return {
    animation: false,
    textStyle: { color: p.text, fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif', fontSize: 11 },
    tooltip: {
      renderMode: 'richText',
      backgroundColor: p.panel,
      borderColor: p.axis,
      textStyle: { color: p.text, fontSize: 11 },
    },
  };
}

export function axisStyle(p: ChartPalette) {
  return {
    axisLine: { lineStyle: { color: p.axis } },
    axisTick: { show: false },
    axisLabel: { color: p.muted, fontSize: 10.5 },
    splitLine: { lineStyle: { color: p.grid } },
  };
}

export function legend(p: ChartPalette): ChartOption {
  return { top: 0, right: 4, itemWidth: 10, itemHeight: 10, icon: 'roundRect', textStyle: { color: p.text, fontSize: 11 }, itemGap: 12 };
}

/** Messages per channel per day, stacked. */
export function cadenceOption(cadence: Cadence, p: ChartPalette): ChartOption {
  const { days, series } = cadenceSeries(cadence);
  return {
    ...base(p),
    legend: legend(p),
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    tooltip: { ...(base(p).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow', shadowStyle: { color: p.grid, opacity: 0.6 } } },
    xAxis: { type: 'category', data: days, ...axisStyle(p), splitLine: { show: false } },
    yAxis: { type: 'value', ...axisStyle(p), axisLine: { show: false }, minInterval: 1 },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      stack: 'messages',
      data: s.data,
      barMaxWidth: 22,
      itemStyle: { color: p.channels[s.key] ?? p.accent, borderRadius: i === series.length - 1 ? [2, 2, 0, 0] : 0 },
      emphasis: { focus: 'series' },
    })),
  };
}

/** Messages by local hour (columns) and channel (rows). */
export function heatmapOption(cadence: Cadence, p: ChartPalette): ChartOption {
  const { rows, cells, max } = hourHeatmap(cadence);
  // Colour by the square root, so the quieter hours stay distinguishable next to a peak; the
  // tooltip and the legend's ends give the real counts.
  const data = cells.map(([h, y, n]) => [h, y, Math.sqrt(n), n]);
  return {
    ...base(p),
    tooltip: { ...(base(p).tooltip as object), position: 'top' },
    grid: { left: 8, right: 8, top: 8, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: HOURS, ...axisStyle(p), splitArea: { show: false }, axisLabel: { color: p.muted, fontSize: 10, interval: 2 } },
    yAxis: { type: 'category', data: rows, ...axisStyle(p), axisLine: { show: false }, inverse: true },
    visualMap: {
      min: 0,
      max: Math.max(1, Math.sqrt(max)),
      dimension: 2,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 10,
      itemHeight: 120,
      text: [fmtCount(max), '0'],
      textStyle: { color: p.muted, fontSize: 10 },
      inRange: { color: p.heat },
    },
    series: [
      {
        type: 'heatmap',
        name: 'Messages',
        data,
        itemStyle: { borderColor: p.panel, borderWidth: 2, borderRadius: 3 },
        emphasis: { itemStyle: { borderColor: p.accent, borderWidth: 1 } },
        tooltip: { formatter: (x: { value: number[] }) => `${rows[x.value[1]]} · ${HOURS[x.value[0]]}:00–${HOURS[x.value[0]]}:59 local\n${fmtCount(x.value[3])} messages` },
      },
    ],
  };
}

/** Messages per customer: p50, p95 and max for each window. */
export function distributionOption(per: PerCustomer, p: ChartPalette): ChartOption {
  const { windows, series } = distributionSeries(per);
  return {
    ...base(p),
    legend: legend(p),
    grid: { left: 8, right: 8, top: 28, bottom: 4, containLabel: true },
    tooltip: { ...(base(p).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow', shadowStyle: { color: p.grid, opacity: 0.6 } } },
    xAxis: { type: 'category', data: windows, ...axisStyle(p), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'messages', nameTextStyle: { color: p.muted, fontSize: 10, align: 'left' }, minInterval: 1, ...axisStyle(p), axisLine: { show: false } },
    series: series.map((s, i) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      barMaxWidth: 26,
      barGap: '15%',
      itemStyle: { color: p.percentiles[i], borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', color: p.muted, fontSize: 10 },
    })),
  };
}

/** Conversion per goal, treatment against holdout. */
export function goalsOption(report: Report, p: ChartPalette): ChartOption {
  const rows = goalRows(report);
  const several = new Set(rows.map((r) => r.journey)).size > 1;
  const labels = rows.map((r) => (several ? `${r.goal} (${r.journeyName})` : r.goal));
  const anyHoldout = rows.some((r) => r.holdout !== null);
  const series = [
    {
      type: 'bar',
      name: 'Treatment',
      data: rows.map((r) => r.treatment),
      barMaxWidth: 14,
      itemStyle: { color: p.goals[0], borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', color: p.text, fontSize: 10.5, formatter: (x: { value: number }) => fmtPercent(x.value) },
    },
  ];
  if (anyHoldout) {
    series.push({
      type: 'bar',
      name: 'Holdout',
      // '-' is ECharts's "no value": goals without a holdout get no bar.
      data: rows.map((r) => r.holdout ?? '-') as number[],
      barMaxWidth: 14,
      itemStyle: { color: p.goals[1], borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', color: p.muted, fontSize: 10.5, formatter: (x: { value: number }) => fmtPercent(x.value) },
    });
  }
  return {
    ...base(p),
    legend: anyHoldout ? legend(p) : undefined,
    grid: { left: 8, right: 48, top: anyHoldout ? 26 : 6, bottom: 4, containLabel: true },
    tooltip: {
      ...(base(p).tooltip as object),
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: p.grid, opacity: 0.6 } },
      valueFormatter: (v: number) => fmtPercent(v),
    },
    // The bars carry their values; the axis only needs its grid lines.
    xAxis: { type: 'value', max: (v: { max: number }) => Math.min(1, Math.max(0.05, v.max * 1.15)), ...axisStyle(p), axisLabel: { show: false } },
    yAxis: { type: 'category', data: labels, inverse: true, ...axisStyle(p), axisLabel: { color: p.text, fontSize: 11, width: 130, overflow: 'truncate' } },
    series,
  };
}
