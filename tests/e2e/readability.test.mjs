// End-to-end: every example journey, opened in the real window (1440×900), shows all its steps
// inside the visible canvas (the pane minus every panel over it), each label at 11 px or more on
// screen. Screenshots of each go to target/e2e-screenshots/example-<id>.png.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { root, Session } from './driver.mjs';
import { inside, MEASURE_CANVAS } from './visible.mjs';

const examples = readdirSync(join(root, 'journeys'))
  .filter((f) => f.endsWith('.journey.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(root, 'journeys', f), 'utf8')));

let session;

before(async () => {
  session = await Session.start({ seed: true });
});

after(async () => {
  await session?.stop();
});

const state = (expression) => session.state(expression);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Opens a journey from the list and waits until its first view has settled. */
async function open(id, count) {
  await (await session.find(`[data-testid="journey-${id}"]`, { timeoutMs: 30_000 })).click();
  await session.until(`${id} to be drawn`, () =>
    session.execute(`const s = window.__waymark.store.getState(); return s.doc?.id === ${JSON.stringify(id)} && document.querySelectorAll('.react-flow__node').length === ${count};`),
  );
  let last = null;
  await session.until(`the first view of ${id} to settle`, async () => {
    await sleep(150);
    const now = JSON.stringify(await session.execute('return window.__waymark.viewport.get();'));
    const settled = now === last;
    last = now;
    return settled;
  });
}

test('there are eight examples to check', () => {
  assert.ok(examples.length >= 8, `${examples.length} examples`);
});

for (const journey of examples) {
  test(`${journey.id} opens with every step inside the visible canvas, labels at 11 px or more`, async () => {
    await open(journey.id, journey.nodes.length);
    const { zoom, visible, steps } = await session.execute(MEASURE_CANVAS);
    await session.screenshot(`example-${journey.id}`);
    assert.equal(steps.length, journey.nodes.length);
    assert.ok(visible.right - visible.left > 600 && visible.bottom - visible.top > 500, `the visible canvas is ${JSON.stringify(visible)}`);
    for (const step of steps) {
      assert.ok(inside(step.box, visible), `${step.id} at ${JSON.stringify(step.box)} is outside the visible canvas ${JSON.stringify(visible)} (zoom ${zoom})`);
      assert.ok(step.label, `${step.id} has no label`);
      assert.ok(step.labelPx >= 11, `${step.id}'s label is ${step.labelPx.toFixed(1)} px on screen (zoom ${zoom.toFixed(2)})`);
      assert.ok(!/^exit_/.test(step.label), `${step.id} shows its id, not a name`);
    }
    // Nothing selected: the inspector takes no room, and with no problems neither does the dock.
    assert.equal(await session.exists('[data-testid="inspector"]'), false);
    assert.equal(await state('s.diagnostics.length'), 0);
    const dock = await session.execute('return document.querySelector(\'[data-testid="problems-panel"]\').getBoundingClientRect().height;');
    assert.ok(dock <= 40, `the problems dock is ${dock} px tall with no problems`);
  });
}
