// End-to-end: what the canvas shows when a journey opens, and editing on it: ports labelled with
// their cases, exits named by their outcome, a step dropped onto an arrow, Tidy up, and deleting a
// step from the middle of a path.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';
import { inside, MEASURE_CANVAS, overlap } from './visible.mjs';

let session;

before(async () => {
  session = await Session.start({ seed: true });
});

after(async () => {
  await session?.stop();
});

const state = (expression) => session.state(expression);
const zoom = () => session.execute('return window.__waymark.viewport.get().zoom;');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const edgeExists = (from, port, to) =>
  state(`s.doc.edges.some((e) => e.from === ${JSON.stringify(from)} && e.port === ${JSON.stringify(port)} && e.to === ${JSON.stringify(to)})`);

async function settled() {
  let last = null;
  await session.until('the view to settle', async () => {
    await sleep(150);
    const now = JSON.stringify(await session.execute('return window.__waymark.viewport.get();'));
    const same = now === last;
    last = now;
    return same;
  });
}

async function open(id) {
  await (await session.find(`[data-testid="journey-${id}"]`, { timeoutMs: 30_000 })).click();
  await session.until(`${id} to open`, () => state(`s.doc?.id === ${JSON.stringify(id)} && s.nodes.length > 0 && document.querySelectorAll('.react-flow__node').length === s.nodes.length`));
  await settled();
}

/** The steps' boxes on the canvas, in flow coordinates. */
const boxes = () =>
  state(`s.nodes.map((n) => ({ id: n.id, left: n.position.x, top: n.position.y, right: n.position.x + n.width, bottom: n.position.y + n.height }))`);

test('a new journey opens at full size, not at the zoom of the journey before it', async () => {
  await open('b2b-lead-nurture');
  // Zoomed far out, as someone looking at the whole journey would.
  await session.execute('window.__waymark.viewport.set({ x: 0, y: 0, zoom: 0.177 });');
  await (await session.find('[data-testid="journey-new"]')).click();
  await (await session.find('[data-testid="journey-new-name"]')).type('Fresh start\uE007');
  await session.until('the new journey to open', () => state(`s.doc?.id === 'fresh-start'`));
  await session.until('the new journey at zoom 1', async () => (await zoom()) === 1);
});

test('a branch’s ports show its cases’ labels, and exits their outcome, inside their boxes at any zoom', async () => {
  await open('b2b-lead-nurture');
  const text = (testId) => session.execute(`return document.querySelector('[data-testid="${testId}"]')?.textContent ?? null;`);
  // Close enough to read the ports.
  await session.execute('window.__waymark.viewport.set({ x: 0, y: 0, zoom: 1 });');
  await session.until('the port labels', async () => (await text('port-label-score_check-hot')) !== null);
  assert.equal(await text('port-label-score_check-hot'), 'Lead score 80 or more');
  assert.equal(await text('port-label-score_check-exhausted'), 'Six touches without converting');
  assert.equal(await text('port-label-score_check-else'), 'no match');
  assert.equal(await text('port-label-industry_branch-financial'), 'Financial services');
  const exits = await state(`s.doc.nodes.filter((n) => n.kind === 'exit').map((n) => n.id)`);
  for (const z of [0.1, 0.25, 0.5, 0.8, 1, 1.6]) {
    await session.execute(`window.__waymark.viewport.set({ x: 40, y: 40, zoom: ${z} });`);
    await sleep(200);
    const { steps } = await session.execute(MEASURE_CANVAS);
    for (const id of exits) {
      const step = steps.find((s) => s.id === id);
      if (!step) continue; // Off screen at this zoom and not drawn.
      assert.doesNotMatch(step.label, /exit_/, `${id} shows its id at zoom ${z}`);
      assert.ok(inside(step.labelBox, step.box), `${id}'s name overflows its box at zoom ${z}: ${JSON.stringify(step)}`);
    }
  }
  assert.equal(await text('node-label-exit_sales_handoff'), 'Handed to sales');
  // For the picture: the lead score branch at full size, in the middle of the canvas.
  await session.execute(`const s = window.__waymark.store.getState();
    const n = s.nodes.find((n) => n.id === 'score_check');
    const pane = document.querySelector('[data-testid="canvas"] .react-flow').getBoundingClientRect();
    window.__waymark.viewport.set({ x: pane.width / 2 - (n.position.x + n.width / 2), y: pane.height / 3 - n.position.y, zoom: 1 });`);
  await sleep(300);
  await session.screenshot('canvas-ports-and-exits');
});

test('a step dropped onto an arrow goes into that connection, below its start, and the steps after it make room', async () => {
  await open('post-purchase');
  const from = 'wait_until_delivered';
  const to = 'review_check';
  const before = await state('s.doc.nodes.map((n) => n.id)');
  const point = await session.execute(
    `const id = ${JSON.stringify(`${from}\u0000next\u0000${to}`)};
     const edge = [...document.querySelectorAll('.react-flow__edge')].find((e) => e.getAttribute('data-id') === id);
     const path = edge.querySelector('path.react-flow__edge-path');
     const p = path.getPointAtLength(path.getTotalLength() / 2);
     // The path is in flow coordinates; the pane's transform puts it on screen.
     const pane = document.querySelector('[data-testid="canvas"] .react-flow').getBoundingClientRect();
     const v = window.__waymark.viewport.get();
     return { x: pane.left + v.x + p.x * v.zoom, y: pane.top + v.y + p.y * v.zoom };`,
  );
  const item = await (await session.find('[data-testid="palette-wait"]')).center();
  await session.drag(item, point, { steps: 16 });
  const added = await session.until('the new step', async () => (await state('s.doc.nodes.map((n) => n.id)')).find((id) => !before.includes(id)));
  assert.ok(await edgeExists(from, 'next', added));
  assert.ok(await edgeExists(added, 'next', to));
  assert.equal(await edgeExists(from, 'next', to), false);
  const all = await boxes();
  const placed = all.find((b) => b.id === added);
  assert.ok(placed.top > all.find((b) => b.id === from).bottom, 'the new step is below the one before it');
  assert.ok(all.find((b) => b.id === to).top > placed.bottom, 'the step after it moved below it');
  for (const b of all) if (b.id !== added) assert.ok(!overlap(placed, b), `the new step lands on ${b.id}`);
  await session.screenshot('canvas-drop-on-arrow');
});

test('Tidy up puts loose steps in their order on the canvas, the same each time, and fits the journey into the visible canvas', async () => {
  await open('win-back');
  // Three loose steps, top to bottom on the canvas: a wait, a message, an exit. The last one added
  // stays selected, so the inspector is open while tidying.
  await session.execute(`const s = window.__waymark.store.getState();
    s.addNodeAt('exit', { x: 3000, y: 900 });
    s.addNodeAt('wait', { x: 2600, y: -400 });
    s.addNodeAt('message', { x: -2000, y: 300 });`);
  const loose = await state(`s.doc.nodes.filter((n) => !s.doc.edges.some((e) => e.from === n.id || e.to === n.id)).map((n) => n.id)`);
  assert.equal(loose.length, 3);
  assert.ok(await session.exists('[data-testid="inspector"]'));
  const beforeLayout = await state('s.doc');
  await (await session.find('[data-testid="auto-layout"]')).click();
  await session.until('the layout', async () => (await state('s.doc')) !== null && JSON.stringify(await state('s.doc.layout')) !== JSON.stringify(beforeLayout.layout));
  await settled();
  const p = await state('s.doc.layout.nodes');
  const [wait, message, exit] = ['wait_1', 'message_1', 'exit_1'];
  assert.ok(p[wait].y < p[message].y && p[message].y < p[exit].y, `loose steps out of order: ${JSON.stringify([p[wait], p[message], p[exit]])}`);
  const joined = beforeLayout.nodes.filter((n) => !loose.includes(n.id)).map((n) => n.id);
  const right = Math.max(...joined.map((id) => p[id].x));
  for (const id of loose) assert.ok(p[id].x > right, `${id} is not to the right of the journey`);
  const { visible, steps } = await session.execute(MEASURE_CANVAS);
  for (const step of steps) assert.ok(inside(step.box, visible), `${step.id} at ${JSON.stringify(step.box)} is outside the visible canvas ${JSON.stringify(visible)}`);
  await session.screenshot('canvas-tidy-up');
  // Again: nothing moves.
  const once = JSON.stringify(p);
  await (await session.find('[data-testid="auto-layout"]')).click();
  await sleep(1500);
  assert.equal(JSON.stringify(await state('s.doc.layout.nodes')), once);
});

test('deleting a step from the middle of a path offers to reconnect its neighbours', async () => {
  await open('onboarding');
  await (await session.find('[data-testid="node-wait_2d"]')).click();
  await session.until('the step selected', () => state(`s.selectedNodeIds.join() === 'wait_2d'`));
  await session.keys(['Delete']);
  await session.until('the step deleted', () => state(`!s.doc.nodes.some((n) => n.id === 'wait_2d')`));
  assert.equal(await edgeExists('welcome_email', 'next', 'pricing_check'), false);
  const offered = await session.until('the offer to reconnect', () =>
    session.execute(`const b = [...document.querySelectorAll('[data-testid="toast"] button')].find((b) => b.textContent === 'Reconnect');
      return b ? b.closest('[data-testid="toast"]').textContent : null;`),
  );
  assert.match(offered, /Connect “Send the welcome email”|Connect “.+” to “.+”/);
  await session.screenshot('canvas-reconnect-offer');
  await session.execute(`[...document.querySelectorAll('[data-testid="toast"] button')].find((b) => b.textContent === 'Reconnect').click();`);
  await session.until('the neighbours reconnected', () => edgeExists('welcome_email', 'next', 'pricing_check'));
});

test('the side panels fold away: the journey list on demand, the inspector when nothing is selected', async () => {
  await open('trial-to-paid');
  const paneWidth = () => session.execute(`return document.querySelector('[data-testid="canvas"] .react-flow').getBoundingClientRect().width;`);
  const wide = await paneWidth();
  await (await session.find('[data-testid="sidebar-collapse"]')).click();
  await session.until('the journey list folded away', async () => !(await session.exists('[data-testid="sidebar"]')));
  assert.ok((await paneWidth()) > wide + 200, 'the canvas takes the journey list’s room');
  await (await session.find('[data-testid="sidebar-expand"]')).click();
  await session.find('[data-testid="sidebar"]');

  // Selecting a step opens the inspector; closing it clears the selection and gives the room back.
  await (await session.find('[data-testid="node-trial_ending_email"]')).click();
  await session.find('[data-testid="inspector-node-trial_ending_email"]');
  await (await session.find('[data-testid="inspector-close"]')).click();
  await session.until('the inspector closed', async () => !(await session.exists('[data-testid="inspector"]')));
  assert.deepEqual(await state('s.selectedNodeIds'), []);
  assert.equal(await paneWidth(), wide);

  // The journey's settings are one button away.
  await (await session.find('[data-testid="journey-settings-open"]')).click();
  await session.find('[data-testid="journey-settings"]');
  await (await session.find('[data-testid="journey-settings-open"]')).click();
  await session.until('the settings closed', async () => !(await session.exists('[data-testid="inspector"]')));
});
