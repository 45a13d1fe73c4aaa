import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fitText, layoutChart, niceTicks, ramp, textWidth, type BarChart, type Heatmap, type Mark } from './charts';
import { ChartSvg } from './components/Chart';
import { chartPalette } from './simulation';

const frame = chartPalette('light');
type Rect = Extract<Mark, { kind: 'rect' }>;
type Text = Extract<Mark, { kind: 'text' }>;
const rects = (marks: Mark[], fill?: string) => marks.filter((m): m is Rect => m.kind === 'rect' && !m.hover && (fill === undefined || m.fill === fill));
const texts = (marks: Mark[]) => marks.filter((m): m is Text => m.kind === 'text');
const bands = (marks: Mark[]) => marks.filter((m): m is Rect => m.kind === 'rect' && !!m.hover);

const bars = (patch: Partial<BarChart> = {}): BarChart => ({
  kind: 'bars',
  frame,
  categories: ['Mon', 'Tue', 'Wed'],
  series: [
    { name: 'Email', color: '#111111', values: [10, 0, 30] },
    { name: 'SMS', color: '#222222', values: [5, 20, null] },
  ],
  format: (v) => `${v}`,
  ...patch,
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten up to at least the largest value', () => {
    expect(niceTicks(47, 5)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(0.35, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(1_234_567, 4)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
  });

  it('keeps counts on whole numbers and gives an empty chart an axis', () => {
    expect(niceTicks(3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 5, true)).toEqual([0, 1]);
  });
});

describe('text', () => {
  it('cuts a long label with an ellipsis to fit, and leaves a short one alone', () => {
    expect(fitText('Activated', 200, 11)).toBe('Activated');
    const cut = fitText('Upgraded to the annual plan within thirty days', 100, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(100);
  });

  it('mixes colours along a ramp', () => {
    expect(ramp(['#000000', '#ffffff'], 0)).toBe('#000000');
    expect(ramp(['#000000', '#ffffff'], 1)).toBe('#ffffff');
    expect(ramp(['#000000', '#808080', '#ffffff'], 0.25)).toBe('#404040');
  });
});

describe('bar charts', () => {
  it('draws grouped bars in proportion, none for a missing value, inside the chart', () => {
    const { marks } = layoutChart(bars(), 400, 200);
    const email = rects(marks, '#111111');
    const sms = rects(marks, '#222222');
    expect(email).toHaveLength(3);
    expect(sms).toHaveLength(2);
    // Heights follow the values: 30 is three times 10, and 0 draws nothing.
    expect(email[2].height / email[0].height).toBeCloseTo(3, 5);
    expect(email[1].height).toBe(0);
    for (const r of [...email, ...sms]) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(400);
      expect(r.y + r.height).toBeLessThanOrEqual(200);
    }
    // Side by side within a category: SMS starts after Email ends.
    expect(sms[0].x).toBeGreaterThan(email[0].x + email[0].width);
  });

  it('stacks series on each other and gives each category one tooltip with every value', () => {
    const { marks } = layoutChart(bars({ stacked: true, series: [{ name: 'Email', color: '#111111', values: [10, 4, 30] }, { name: 'SMS', color: '#222222', values: [5, 20, 0] }] }), 400, 200);
    const email = rects(marks, '#111111');
    const sms = rects(marks, '#222222');
    expect(sms[0].y + sms[0].height).toBeCloseTo(email[0].y, 5);
    expect(sms[0].x).toBe(email[0].x);
    const tips = bands(marks).map((b) => b.title);
    expect(tips).toEqual(['Mon\nEmail: 10\nSMS: 5', 'Tue\nEmail: 4\nSMS: 20', 'Wed\nEmail: 30\nSMS: 0']);
  });

  it('labels every n-th category when they would overlap, and numbers the axis', () => {
    const days = Array.from({ length: 30 }, (_, i) => `Dec ${i + 1}`);
    const { marks } = layoutChart(bars({ categories: days, stacked: true, series: [{ name: 'Email', color: '#111111', values: days.map((_, i) => i * 100) }], tickFormat: (v) => `${v / 1000}k` }), 360, 190);
    const dayLabels = texts(marks).filter((t) => t.text.startsWith('Dec'));
    expect(dayLabels.length).toBeLessThan(30);
    expect(dayLabels[0].text).toBe('Dec 1');
    for (let i = 1; i < dayLabels.length; i++) expect(dayLabels[i].x - dayLabels[i - 1].x).toBeGreaterThan(textWidth('Dec 30', 10.5));
    expect(texts(marks).map((t) => t.text)).toContain('3k');
  });

  it('lays horizontal bars out with their labels, values and legend', () => {
    const spec = bars({ horizontal: true, valueLabels: true, legend: true, categories: ['Activated', 'A goal with a very long name indeed, longer than the label column'], series: [{ name: 'Treatment', color: '#111111', values: [0.25, 0.1] }, { name: 'Holdout', color: '#222222', values: [0.2, null] }], format: (v) => `${Math.round(v * 100)}%`, labelWidth: 130, valueAxis: false, max: (m) => Math.min(1, m * 1.15) });
    const { marks } = layoutChart(spec, 420, 120);
    const words = texts(marks).map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(['Activated', '25%', '10%', '20%', 'Treatment', 'Holdout']));
    expect(words.some((w) => w.startsWith('A goal with') && w.endsWith('…'))).toBe(true);
    // No axis numbers, and the treatment bar of 25 % ends before the chart's right edge.
    expect(words.filter((w) => /^\d+%$/.test(w))).toHaveLength(3);
    const treatment = rects(marks, '#111111');
    expect(treatment[0].width / treatment[1].width).toBeCloseTo(2.5, 5);
    expect(treatment[0].x + treatment[0].width).toBeLessThan(420 - 40);
  });

  it('never cuts a label that is alone and short', () => {
    const { marks } = layoutChart(bars({ horizontal: true, categories: ['activated'], series: [{ name: 'Treatment', color: '#111111', values: [0.3] }] }), 420, 80);
    expect(texts(marks).map((t) => t.text)).toContain('activated');
  });
});

describe('heatmaps', () => {
  const heat: Heatmap = {
    kind: 'heatmap',
    frame,
    columns: ['00', '01', '02'],
    rows: ['Email', 'SMS'],
    cells: [[0, 0, 0], [1, 0, 4], [2, 0, 16], [0, 1, 1], [1, 1, 0], [2, 1, 9]],
    colors: ['#000000', '#ffffff'],
    format: (v) => `${v}`,
    tooltip: (c, r, n) => `${r}:${c} ${n}`,
  };

  it('colours cells by the square root of their count, with the count in the tooltip and the legend', () => {
    const { marks } = layoutChart(heat, 300, 120);
    const cells = bands(marks);
    expect(cells).toHaveLength(6);
    expect(cells.find((c) => c.title === '0:2 16')!.fill).toBe('#ffffff');
    expect(cells.find((c) => c.title === '0:0 0')!.fill).toBe('#000000');
    expect(cells.find((c) => c.title === '0:1 4')!.fill).toBe(ramp(['#000000', '#ffffff'], 0.5));
    expect(texts(marks).map((t) => t.text)).toEqual(expect.arrayContaining(['Email', 'SMS', '00', '01', '02', '0', '16']));
  });
});

describe('the drawn chart', () => {
  it('is an SVG with its label, tooltips as text, and no markup taken from the data', () => {
    const spec = bars({ categories: ['<b>bold</b>', 'Tue', 'Wed'] });
    const svg = renderToStaticMarkup(createElement(ChartSvg, { spec, width: 400, height: 200, label: 'Messages per day' }));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="Messages per day"');
    expect(svg).toContain('<title>Tue\nEmail: 0\nSMS: 20</title>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});
