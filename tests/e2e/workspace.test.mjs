// End-to-end: what a marketer meets around the canvas. The app reopens the last journey where its
// canvas was left; Ctrl+K finds journeys and steps by name; problems and a customer's timeline
// name steps by their labels; toasts stay clear of the History drawer's buttons; the simulation's
// progress figures stay clear of the results under them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Session } from './driver.mjs';

const sessions = [];
const kept = mkdtempSync(join(tmpdir(), 'waymark-e2e-kept-'));

after(async () => {
  for (const s of sessions) await s.stop();
  rmSync(kept, { recursive: true, force: true });
});

async function start(options) {
  const session = await Session.start(options);
  sessions.push(session);
  return session;
}

const state = (session, expression) => session.state(expression);
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function openJourney(session, id) {
  await (await session.find(`[data-testid="journey-${id}"]`, { timeoutMs: 30_000 })).click();
  await session.until(`${id} open`, () => state(session, `s.current?.id === '${id}' && s.doc !== null`));
  await session.find('.react-flow__node');
}

test('the app reopens the last journey where its canvas was left', async () => {
  const database = join(kept, 'waymark.db');
  const profile = join(kept, 'profile');
  const first = await start({ seed: true, database, profile });
  await openJourney(first, 'win-back');
  // Pan the canvas by hand: a drag on the empty pane, as a user would.
  const pane = await first.execute(`const r = document.querySelector('.react-flow__pane').getBoundingClientRect(); return { x: r.left + r.width - 60, y: r.top + 60 };`);
  const before = await first.execute('return window.__waymark.viewport.get();');
  await first.drag(pane, { x: pane.x - 180, y: pane.y + 120 });
  const left = await first.until('the pan to end', async () => {
    const v = await first.execute('return window.__waymark.viewport.get();');
    return Math.abs(v.x - before.x) > 100 ? v : null;
  });
  await new Promise((done) => setTimeout(done, 500));
  await first.stop();
  sessions.splice(sessions.indexOf(first), 1);

  const second = await start({ database, profile });
  await second.until('the last journey to reopen', () => state(second, `s.current?.id === 'win-back' && s.doc !== null`), 30_000);
  const reopened = await second.until('the view to settle', async () => {
    const v = await second.execute('return window.__waymark.viewport.get();');
    return Math.abs(v.x - left.x) < 2 && Math.abs(v.y - left.y) < 2 ? v : null;
  });
  assert.ok(Math.abs(reopened.zoom - left.zoom) < 0.01, `zoom ${reopened.zoom} instead of ${left.zoom}`);
  await second.stop();
  sessions.splice(sessions.indexOf(second), 1);
});

test('Ctrl+K finds journeys and steps by name; problems and timelines name steps by label', async () => {
  const session = await start({ seed: true });
  await openJourney(session, 'onboarding');

  // A journey by name.
  await session.keys(['Control', 'k']);
  const input = await session.find('[data-testid="command-palette-input"]');
  await input.type('win-back');
  await session.find('[data-testid="command-journey-win-back"]');
  await session.keys(['Enter']);
  await session.until('win-back open', () => state(session, `s.current?.id === 'win-back' && s.doc !== null`));

  // A step by its label.
  const step = await state(session, `s.doc.nodes.find((n) => n.kind === 'message' && n.label)`);
  await session.keys(['Control', 'k']);
  await (await session.find('[data-testid="command-palette-input"]')).type(step.label);
  await session.find(`[data-testid="command-step-${step.id}"]`);
  await session.keys(['Enter']);
  await session.until('the step selected', () => state(session, `s.selectedNodeIds.length === 1 && s.selectedNodeIds[0] === '${step.id}'`));

  // Cut the step's way out: the problem names it by its label, in its text and its place.
  await session.execute(`window.__waymark.store.getState().edit((d) => ({ ...d, edges: d.edges.filter((e) => e.from !== '${step.id}') }));`);
  const selector = `[data-testid="problem-unconnected-port-${step.id}"]`;
  await session.find(selector);
  const text = await session.execute(`return document.querySelector('${selector}').textContent;`);
  assert.ok(text.includes(`"${step.label}"`), `the problem names the step by its label: ${text}`);
  assert.ok(!text.includes(`\`${step.id}\``), `the problem does not name the step by its id: ${text}`);
  await session.execute('window.__waymark.store.getState().undo();');

  // A customer's timeline names steps by label.
  await (await session.find('[data-testid="simulate-open"]')).click();
  await (await session.find('[data-testid="simulate-run"]')).click();
  await session.find('[data-testid="simulate-summary"]', { timeoutMs: 60_000 });
  const sample = await session.find('[data-testid^="trace-sample-"]', { timeoutMs: 30_000 });
  await sample.click();
  await session.find('[data-testid="trace-timeline"]', { timeoutMs: 60_000 });
  const names = await session.execute(`return [...document.querySelectorAll('.wm-step__node')].map((e) => e.textContent);`);
  const ids = await state(session, 's.doc.nodes.filter((n) => (n.label || n.outcome) && n.label !== n.id).map((n) => n.id)');
  const labels = await session.execute('return window.__waymark.simulation.getState().report.journeys.flatMap((j) => j.nodes.map((n) => n.name));');
  assert.ok(names.length > 0, 'the timeline lists steps');
  for (const name of names) {
    assert.ok(!ids.includes(name), `the timeline shows the id ${name}, not its label`);
    assert.ok(labels.includes(name), `the timeline shows ${name}, which is no step's name`);
  }
  await session.screenshot('workspace-timeline-names');

  // While a big run is going, its progress figures sit clear of the timeline's customer field.
  await session.execute(`const sim = window.__waymark.simulation.getState(); sim.setForm({ customers: '1000000' }); void window.__waymark.simulation.getState().run();`);
  await session.find('.wm-sim__progress-text', { timeoutMs: 30_000 });
  const rects = await session.execute(
    `return [document.querySelector('.wm-sim__progress-text').getBoundingClientRect().toJSON(), document.querySelector('[data-testid="trace-input"]')?.getBoundingClientRect().toJSON() ?? null];`,
  );
  await session.screenshot('workspace-progress');
  if (rects[1]) assert.ok(!overlaps(rects[0], rects[1]), `progress ${JSON.stringify(rects[0])} covers the customer field ${JSON.stringify(rects[1])}`);
  await session.execute(`void window.__waymark.simulation.getState().cancel();`);
  await session.stop();
  sessions.splice(sessions.indexOf(session), 1);
});

test('toasts stay clear of the History drawer and do not pile up', async () => {
  const session = await start({ seed: true });
  await openJourney(session, 'cart-abandonment');
  await session.keys(['Control', 'h']);
  await session.find('[data-testid="history-panel"] button');
  for (let i = 0; i < 6; i++) await session.execute(`window.__waymark.store.getState().toast('info', 'Saved the draft ${i % 2}');`);
  await session.execute(`window.__waymark.store.getState().toast('error', 'Could not export: the disk is full');`);
  const toasts = await session.execute(`return [...document.querySelectorAll('[data-testid="toast"]')].map((t) => t.getBoundingClientRect().toJSON());`);
  assert.ok(toasts.length <= 3, `${toasts.length} toasts at once`);
  const buttons = await session.execute(`return [...document.querySelectorAll('[data-testid="history-panel"] button')].map((b) => b.getBoundingClientRect().toJSON()).filter((r) => r.width > 0);`);
  assert.ok(buttons.length > 0);
  for (const toast of toasts) for (const button of buttons) assert.ok(!overlaps(toast, button), `a toast ${JSON.stringify(toast)} covers a History button ${JSON.stringify(button)}`);
  await session.screenshot('workspace-toasts');
});
