// End-to-end: the simulation panel in the real window runs the Rust simulator on the open
// journey, draws per-node counts on the canvas, lists conflicts, and shows a customer's timeline.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';

let session;

before(async () => {
  session = await Session.start({ seed: true });
});

after(async () => {
  await session?.stop();
});

test('simulating the onboarding journey shows counts, conflicts and a customer timeline', async () => {
  await (await session.find('[data-testid="journey-onboarding"]', { timeoutMs: 30_000 })).click();
  await session.find('.react-flow__node');
  await (await session.find('[data-testid="simulate-open"]')).click();
  await (await session.find('[data-testid="simulate-run"]')).click();

  const summary = await session.find('[data-testid="simulate-summary"]', { timeoutMs: 60_000 });
  const text = await summary.text();
  assert.match(text, /\d/, `the summary shows figures: ${text}`);

  // Every customer enters at the entry node, so its badge shows a positive count.
  const entry = await session.execute(
    `return window.__waymark.store.getState().doc.nodes.find((n) => n.kind === 'entry').id;`,
  );
  const badge = await session.find(`[data-testid="sim-count-${entry}"]`);
  assert.match(await badge.text(), /[1-9]/);
  // The charts are drawn as SVG by our own code: bars with tooltips, in the panel's width.
  const charted = await session.execute(`
    return ['chart-cadence', 'chart-heatmap', 'chart-distribution'].map((id) => {
      const box = document.querySelector('[data-testid="' + id + '"]');
      const svg = box && box.querySelector('svg');
      return { id, width: svg ? svg.getBoundingClientRect().width : 0, boxWidth: box ? box.clientWidth : -1, marks: svg ? svg.querySelectorAll('rect').length : 0, tips: svg ? svg.querySelectorAll('title').length : 0 };
    });
  `);
  for (const chart of charted) {
    assert.ok(chart.marks > 3 && chart.tips > 0, `${chart.id} draws marks with tooltips: ${JSON.stringify(chart)}`);
    assert.ok(Math.abs(chart.width - chart.boxWidth) <= 1, `${chart.id} fills its box: ${JSON.stringify(chart)}`);
  }
  await session.screenshot('10-simulation');

  const conflicts = await session.findAll('[data-testid^="conflict-"]');
  assert.ok(conflicts.length > 0, 'the onboarding journey under the default population has conflicts to show');
  const example = await session.findAll('[data-testid^="conflict-"] button, [data-testid^="conflict-"] [role="button"]');
  if (example.length > 0) {
    await example[0].click();
    const timeline = await session.find('[data-testid="trace-timeline"]', { timeoutMs: 60_000 });
    assert.match(await timeline.text(), /\S/);
    await session.screenshot('11-customer-timeline');
  }
});
