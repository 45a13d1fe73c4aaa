//! The panels' charts, drawn by our own code as SVG: what a chart shows (`BarChart`, `Heatmap`) and
//! where each of its marks goes at a given size (`layoutChart`, pure, tested), which
//! `components/Chart.tsx` draws. Every mark carries its tooltip as text (an SVG `<title>`), so no
//! figure reaches the page as HTML. Kept this small on purpose: a charting library kept the
//! WebKit process ~40 MB bigger after a few simulation runs (quality.md's memory target).

/** The colours of a chart's frame. */
export interface ChartFrame {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  panel: string;
}

export interface BarSeries {
  name: string;
  color: string;
  /** One value per category; `null` draws no bar. */
  values: readonly (number | null)[];
  /** The colour of the value printed at the bar's end (the frame's muted text by default). */
  labelColor?: string;
}

/** Bars per category: grouped side by side, or stacked. */
export interface BarChart {
  kind: 'bars';
  frame: ChartFrame;
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Bars run along the x axis and the categories down the side (for long labels). */
  horizontal?: boolean;
  stacked?: boolean;
  legend?: boolean;
  /** Print each bar's value at its end. */
  valueLabels?: boolean;
  /** Number the value axis (on by default). */
  valueAxis?: boolean;
  /** The value axis ends here, whatever the data. */
  max?: (dataMax: number) => number;
  /** Ticks at whole numbers only (counts). */
  integer?: boolean;
  /** A value in the labels and the tooltip. */
  format: (value: number) => string;
  /** A value in the tooltip (`format` by default). */
  tooltipFormat?: (value: number) => string;
  /** A value on the axis (`format` by default). */
  tickFormat?: (value: number) => string;
  /** The widest a category label may be before it is cut short with an ellipsis. */
  labelWidth?: number;
  /** The thickest a bar may be. */
  barMax?: number;
  /** What a category says on hover, first line (the category by default). */
  categoryTitle?: (index: number) => string;
}

/** Counts in a grid of columns by rows, coloured from `colors[0]` (none) to the last (the most). */
export interface Heatmap {
  kind: 'heatmap';
  frame: ChartFrame;
  columns: readonly string[];
  rows: readonly string[];
  /** [column, row, count]. */
  cells: readonly (readonly [number, number, number])[];
  colors: readonly string[];
  /** Label every n-th column. */
  columnLabelEvery?: number;
  /** The legend's ends. */
  format: (value: number) => string;
  tooltip: (column: number, row: number, count: number) => string;
}

export type ChartSpec = BarChart | Heatmap;

/** The marks of a chart at one size, in pixels, in drawing order. */
export interface ChartLayout {
  width: number;
  height: number;
  marks: Mark[];
}

export type Mark =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; radius?: number; title?: string; hover?: boolean }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string }
  | { kind: 'text'; x: number; y: number; text: string; fill: string; size: number; anchor: 'start' | 'middle' | 'end'; baseline?: 'middle' | 'hanging' | 'auto' };

export function layoutChart(spec: ChartSpec, width: number, height: number): ChartLayout {
  return spec.kind === 'bars' ? layoutBars(spec, width, height) : layoutHeatmap(spec, width, height);
}

/** About how wide `text` is at `size` px in the UI's sans-serif (a little wide, to be safe). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** `text` cut with an ellipsis to about `width` px at `size` px. */
export function fitText(text: string, width: number, size: number): string {
  if (textWidth(text, size) <= width) return text;
  const chars = Math.max(1, Math.floor(width / (size * 0.6)) - 1);
  return `${text.slice(0, chars).trimEnd()}…`;
}

/** Round steps (1, 2 or 5 × a power of ten) from 0 to at least `max`, about `count` of them. */
export function niceTicks(max: number, count: number, integer = false): number[] {
  const top = max > 0 && Number.isFinite(max) ? max : 1;
  const rough = top / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  if (integer) step = Math.max(1, Math.ceil(step));
  const ticks: number[] = [];
  for (let i = 0; ; i += 1) {
    const value = Math.round(i * step * 1e9) / 1e9;
    ticks.push(value);
    if (value >= top) break;
  }
  return ticks;
}

const LEGEND = 22;
const VALUE_LABEL = 10;
const AXIS_LABEL = 10.5;

/** The legend along the top right: a swatch and a name per series. */
function legendMarks(series: readonly BarSeries[], frame: ChartFrame, right: number): Mark[] {
  const marks: Mark[] = [];
  let x = right;
  for (const s of [...series].reverse()) {
    const w = textWidth(s.name, 11);
    marks.push({ kind: 'text', x, y: 8, text: s.name, fill: frame.text, size: 11, anchor: 'end', baseline: 'middle' });
    marks.push({ kind: 'rect', x: x - w - 14, y: 3, width: 10, height: 10, fill: s.color, radius: 2 });
    x -= w + 26;
  }
  return marks;
}

function layoutBars(spec: BarChart, width: number, height: number): ChartLayout {
  const { frame, categories, series } = spec;
  const horizontal = !!spec.horizontal;
  const valueAxis = spec.valueAxis ?? true;
  const tickFormat = spec.tickFormat ?? spec.format;
  const n = Math.max(1, categories.length);
  const groups = spec.stacked ? 1 : Math.max(1, series.length);

  // The value axis: from 0 to the largest bar (or stack), rounded up to a tick.
  const totals = categories.map((_, c) =>
    spec.stacked ? series.reduce((sum, s) => sum + Math.max(0, s.values[c] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[c] ?? 0)),
  );
  const dataMax = Math.max(0, ...totals);
  const length = horizontal ? width : height;
  const ticks = niceTicks(spec.max ? spec.max(dataMax) : dataMax, length < 160 ? 3 : 5, spec.integer);
  const axisMax = spec.max ? spec.max(dataMax) : ticks[ticks.length - 1];
  const shownTicks = ticks.filter((t) => t <= axisMax + 1e-9);

  const marks: Mark[] = [];
  const top = spec.legend ? LEGEND + 6 : 8;
  let plot: { x: number; y: number; w: number; h: number };
  let labelWidth = 0;
  if (horizontal) {
    labelWidth = Math.min(spec.labelWidth ?? 150, Math.max(...categories.map((c) => textWidth(c, 11)), 20));
    const right = spec.valueLabels ? 46 : 10;
    const bottom = valueAxis ? 18 : 4;
    plot = { x: labelWidth + 10, y: top, w: Math.max(10, width - labelWidth - 10 - right), h: Math.max(10, height - top - bottom) };
  } else {
    const tickWidth = valueAxis ? Math.max(...shownTicks.map((t) => textWidth(tickFormat(t), AXIS_LABEL))) + 8 : 4;
    plot = { x: tickWidth, y: top + (spec.valueLabels ? 12 : 0), w: Math.max(10, width - tickWidth - 8), h: 0 };
    plot.h = Math.max(10, height - plot.y - 20);
  }

  // Grid lines at the ticks, and the category axis.
  const scale = (v: number) => (Math.min(v, axisMax) / (axisMax || 1)) * (horizontal ? plot.w : plot.h);
  for (const t of shownTicks) {
    if (horizontal) {
      const x = plot.x + scale(t);
      if (t > 0) marks.push({ kind: 'line', x1: x, y1: plot.y, x2: x, y2: plot.y + plot.h, stroke: frame.grid });
      if (valueAxis) marks.push({ kind: 'text', x, y: plot.y + plot.h + 5, text: tickFormat(t), fill: frame.muted, size: AXIS_LABEL, anchor: 'middle', baseline: 'hanging' });
    } else {
      const y = plot.y + plot.h - scale(t);
      if (t > 0) marks.push({ kind: 'line', x1: plot.x, y1: y, x2: plot.x + plot.w, y2: y, stroke: frame.grid });
      if (valueAxis) marks.push({ kind: 'text', x: plot.x - 6, y, text: tickFormat(t), fill: frame.muted, size: AXIS_LABEL, anchor: 'end', baseline: 'middle' });
    }
  }
  if (horizontal) marks.push({ kind: 'line', x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.h, stroke: frame.axis });
  else marks.push({ kind: 'line', x1: plot.x, y1: plot.y + plot.h, x2: plot.x + plot.w, y2: plot.y + plot.h, stroke: frame.axis });

  // One band per category; its bars share 75 % of it, 12 % of a bar apart.
  const band = (horizontal ? plot.h : plot.w) / n;
  const bar = Math.max(1, Math.min(spec.barMax ?? (horizontal ? 12 : 22), (band * 0.75) / (groups + (groups - 1) * 0.12)));
  const gap = groups > 1 ? bar * 0.12 : 0;
  const groupWidth = groups * bar + (groups - 1) * gap;
  // Vertical category labels: every k-th one, so they never overlap.
  const widest = Math.max(...categories.map((c) => textWidth(c, AXIS_LABEL)), 1);
  const every = horizontal ? 1 : Math.max(1, Math.ceil((widest + 6) / band));

  categories.forEach((category, c) => {
    const start = (horizontal ? plot.y : plot.x) + c * band + (band - groupWidth) / 2;
    const centre = (horizontal ? plot.y : plot.x) + (c + 0.5) * band;
    if (horizontal) {
      marks.push({ kind: 'text', x: plot.x - 8, y: centre, text: fitText(category, labelWidth, 11), fill: frame.text, size: 11, anchor: 'end', baseline: 'middle' });
    } else if (c % every === 0) {
      marks.push({ kind: 'text', x: centre, y: plot.y + plot.h + 5, text: category, fill: frame.muted, size: AXIS_LABEL, anchor: 'middle', baseline: 'hanging' });
    }
    let stack = 0;
    series.forEach((s, i) => {
      const value = s.values[c];
      if (value === null || value === undefined) return;
      const from = spec.stacked ? scale(stack) : 0;
      const to = spec.stacked ? scale(stack + Math.max(0, value)) : scale(Math.max(0, value));
      stack += Math.max(0, value);
      const offset = spec.stacked ? 0 : i * (bar + gap);
      const size = Math.max(value > 0 ? 1 : 0, to - from);
      const rect: Mark = horizontal
        ? { kind: 'rect', x: plot.x + from, y: start + offset, width: size, height: bar, fill: s.color, radius: 2 }
        : { kind: 'rect', x: start + offset, y: plot.y + plot.h - from - size, width: bar, height: size, fill: s.color, radius: spec.stacked ? 1 : 2 };
      marks.push(rect);
      if (spec.valueLabels) {
        const text = spec.format(value);
        marks.push(
          horizontal
            ? { kind: 'text', x: plot.x + to + 4, y: start + offset + bar / 2, text, fill: s.labelColor ?? frame.muted, size: VALUE_LABEL, anchor: 'start', baseline: 'middle' }
            : { kind: 'text', x: start + offset + bar / 2, y: plot.y + plot.h - to - 3, text, fill: s.labelColor ?? frame.muted, size: VALUE_LABEL, anchor: 'middle', baseline: 'auto' },
        );
      }
    });
    // The whole band answers hover with every series' value, as one tooltip.
    const lines = series.filter((s) => s.values[c] !== null && s.values[c] !== undefined).map((s) => `${s.name}: ${(spec.tooltipFormat ?? spec.format)(s.values[c] as number)}`);
    const title = [spec.categoryTitle ? spec.categoryTitle(c) : category, ...lines].join('\n');
    marks.push(
      horizontal
        ? { kind: 'rect', x: 0, y: plot.y + c * band, width, height: band, fill: 'transparent', title, hover: true }
        : { kind: 'rect', x: plot.x + c * band, y: plot.y, width: band, height: plot.h, fill: 'transparent', title, hover: true },
    );
  });

  if (spec.legend) marks.push(...legendMarks(series, frame, width - 4));
  return { width, height, marks };
}

/** A colour between `colors` at `t` (0–1), in even steps. */
export function ramp(colors: readonly string[], t: number): string {
  const parse = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const clamped = Math.min(1, Math.max(0, t));
  const at = clamped * (colors.length - 1);
  const i = Math.min(colors.length - 2, Math.floor(at));
  const [a, b] = [parse(colors[i]), parse(colors[i + 1])];
  const mix = a.map((v, k) => Math.round(v + (b[k] - v) * (at - i)));
  return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function layoutHeatmap(spec: Heatmap, width: number, height: number): ChartLayout {
  const { frame, columns, rows } = spec;
  const marks: Mark[] = [];
  const labelWidth = Math.max(...rows.map((r) => textWidth(r, AXIS_LABEL)), 10);
  const plot = { x: labelWidth + 10, y: 4, w: Math.max(10, width - labelWidth - 14), h: Math.max(10, height - 4 - 40) };
  const cw = plot.w / Math.max(1, columns.length);
  const ch = plot.h / Math.max(1, rows.length);
  const max = Math.max(0, ...spec.cells.map(([, , n]) => n));
  // Colour by the square root, so quieter hours stay distinguishable next to a peak; the tooltip
  // and the legend's ends give the real counts.
  const shade = (n: number) => ramp(spec.colors, max > 0 ? Math.sqrt(n) / Math.sqrt(max) : 0);
  rows.forEach((row, r) => {
    marks.push({ kind: 'text', x: plot.x - 8, y: plot.y + (r + 0.5) * ch, text: row, fill: frame.muted, size: AXIS_LABEL, anchor: 'end', baseline: 'middle' });
  });
  for (const [c, r, n] of spec.cells) {
    marks.push({ kind: 'rect', x: plot.x + c * cw + 1, y: plot.y + r * ch + 1, width: Math.max(1, cw - 2), height: Math.max(1, ch - 2), fill: shade(n), radius: 3, title: spec.tooltip(c, r, n), hover: true });
  }
  const every = spec.columnLabelEvery ?? 1;
  columns.forEach((column, c) => {
    if (c % every === 0) marks.push({ kind: 'text', x: plot.x + (c + 0.5) * cw, y: plot.y + plot.h + 5, text: column, fill: frame.muted, size: 10, anchor: 'middle', baseline: 'hanging' });
  });
  // The legend: the colour ramp in twelve steps, 0 on the left and the largest count on the right.
  const steps = 12;
  const legendWidth = 120;
  const x0 = width / 2 - legendWidth / 2;
  const y = height - 12;
  for (let i = 0; i < steps; i += 1) {
    marks.push({ kind: 'rect', x: x0 + (i * legendWidth) / steps, y: y - 5, width: legendWidth / steps + 0.5, height: 10, fill: ramp(spec.colors, i / (steps - 1)) });
  }
  marks.push({ kind: 'text', x: x0 - 6, y, text: '0', fill: frame.muted, size: 10, anchor: 'end', baseline: 'middle' });
  marks.push({ kind: 'text', x: x0 + legendWidth + 6, y, text: spec.format(max), fill: frame.muted, size: 10, anchor: 'start', baseline: 'middle' });
  return { width, height, marks };
}
