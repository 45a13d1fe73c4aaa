// End-to-end: a reviewer compares two versions in the real app window. An example journey gets a
// longer wait and is committed as version 2 (the commit dialog says what changes); compare mode
// opens on v1 ↔ v2 from the history drawer, draws the changed step marked and lists the change in
// words, shows its fields before → after, runs the behavioural diff and shows its figures. Then
// version 1 is published and publishing version 2 asks for confirmation with the diff and the
// behavioural diff against the version published now.
//
// Screenshots are taken of the X display with ImageMagick's `import` (the WebDriver screenshot
// call can hang in WebKitGTK) into target/e2e-screenshots/; a missing `import` only skips them.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { screenshots, Session } from './driver.mjs';

let session;

before(async () => {
  session = await Session.start({ seed: true });
});

after(async () => {
  await session?.stop();
});

/** The editor's state, read through the hook the UI exposes for tests. */
const state = (expression) => session.state(expression);
/** Compare mode's state. */
const compare = (expression) => session.execute(`const c = window.__waymark.compare.getState(); return ${expression};`);

/** A PNG of the whole display (the window fills it), or nothing when ImageMagick is missing. */
async function shoot(name) {
  mkdirSync(screenshots, { recursive: true });
  const path = join(screenshots, `${name}.png`);
  // Let the webview paint what the test just did.
  await new Promise((done) => setTimeout(done, 500));
  return new Promise((done) => {
    execFile('import', ['-display', session.display, '-window', 'root', path], { timeout: 30_000 }, (error) => {
      if (error) console.warn(`screenshot ${name} skipped: ${error.message}`);
      done(error ? null : path);
    });
  });
}

async function text(selector, options) {
  return (await session.find(selector, options)).text();
}

/** Waits until the element's text matches `pattern`, and returns the text. */
async function textMatching(selector, pattern, timeoutMs = 10_000) {
  return session.until(`${selector} to read ${pattern}`, async () => {
    const found = await session.findAll(selector);
    if (found.length === 0) return null;
    const value = await found[0].text();
    return pattern.test(value) ? value : null;
  }, timeoutMs);
}

async function setWaitDays(node, days) {
  await (await session.find(`[data-testid="node-${node}"]`)).click();
  const amount = await session.find('[data-testid="inspector-duration-amount"]');
  await amount.clear();
  await amount.type(String(days));
  await session.until(`the wait to be P${days}D`, () => state(`s.doc.nodes.find((n) => n.id === ${JSON.stringify(node)}).delay.duration === 'P${days}D'`));
}

test('a reviewer compares two versions on the canvas, in words and for customers, then publishes', async () => {
  await (await session.find('[data-testid="journey-onboarding"]', { timeoutMs: 30_000 })).click();
  await session.until('the onboarding journey to open', () => state(`s.doc?.id === 'onboarding' && s.nodes.length > 0`));
  await session.find('[data-testid="node-wait_2d"]');
  const first = await state('s.current.latest.number');
  assert.equal(first, 1, 'a seeded example has one version');

  // A change, committed as version 2; the commit dialog says what it changes first.
  await setWaitDays('wait_2d', 3);
  await (await session.find('[data-testid="commit-open"]')).click();
  const commitChanges = await textMatching('[data-testid="commit-change-list"]', /2 days → 3 days/);
  assert.match(commitChanges, /What customers get/i);
  await shoot('compare-01-commit-dialog');
  await (await session.find('[data-testid="commit-message"]')).type('Give new signups three days before the pricing check');
  await (await session.find('[data-testid="commit-confirm"]')).click();
  await session.until('version 2', () => state('s.current?.latest?.number === 2'));

  // Compare v1 with v2 from the history drawer.
  await (await session.find('[data-testid="history-open"]')).click();
  await (await session.find('[data-testid="history-compare-1"]')).click();
  await (await session.find('[data-testid="history-compare-1-with-2"]')).click();
  await session.until('compare mode on v1 and v2', () => compare('c.active && c.old === 1 && c.next === 2 && !c.loading && c.diff !== null'));

  const changes = await textMatching('[data-testid="compare-changes"]', /2 days → 3 days/);
  assert.match(changes, /Wait 2 days/, `the changes list names the step by its label: ${changes}`);
  const marked = await session.find('[data-testid="node-wait_2d"]');
  assert.match(await marked.attribute('class'), /\bis-diff-changed\b/);
  assert.match(await text('[data-testid="diff-badge-wait_2d"]'), /changed/i);
  // Only the changed step is marked.
  assert.equal((await session.findAll('.wm-node.has-diff')).length, 1);
  assert.match(await text('[data-testid="compare-count-changed"]'), /1 changed/i);
  assert.match(await text('[data-testid="version-indicator"]'), /Comparing\s*v1\s*→\s*v2/);

  // A row of the list focuses its step; the inspector shows its fields before → after.
  const row = await session.find('[data-testid="compare-changes"] button[data-node="wait_2d"]');
  await row.click();
  await session.until('wait_2d selected', () => compare(`c.selected === 'wait_2d'`));
  const field = await textMatching('[data-testid="compare-field-delay.duration"]', /2 days\s*→\s*3 days/);
  assert.ok(field);
  await shoot('compare-02-canvas-and-changes');

  // What changes for customers.
  await session.execute(`const sim = window.__waymark.simulation.getState();
    sim.setForm({ scenario: 'onboarding', customers: '5000', days: '', seed: '' });
    sim.setHeight(560);`);
  await (await session.find('[data-testid="compare-behaviour"]')).click();
  await session.find('[data-testid="behaviour-figures"]', { timeoutMs: 120_000 });
  const result = await compare('c.behaviour.result && { customers: c.behaviour.result.customers, changed: c.behaviour.result.changed_customers, examples: c.behaviour.result.examples.length }');
  assert.equal(result.customers, 5000);
  assert.ok(result.changed > 0, `a longer wait changes some customers' stories (${result.changed})`);
  await shoot('compare-03-behaviour');
  const affected = await text('[data-testid="behaviour-figure-changed"]');
  assert.match(affected, new RegExp(result.changed.toLocaleString('en-US')));
  assert.match(await text('[data-testid="behaviour-figure-sent"]'), /→/);
  await session.find('[data-testid="behaviour-chart-channels"] svg', { timeoutMs: 20_000 });
  await session.find('[data-testid="behaviour-chart-nodes"] svg', { timeoutMs: 20_000 });
  if (result.examples > 0) {
    const timelines = await text('[data-testid="behaviour-timelines"]');
    assert.match(timelines, /v1[\s\S]*v2/);
  }
  const scrollTo = (selector) =>
    session.execute(`const body = document.querySelector('[data-testid="behaviour-panel"] .wm-sim__body');
      const card = document.querySelector(${JSON.stringify(selector)});
      body.scrollTop += card.getBoundingClientRect().top - body.getBoundingClientRect().top - 8;`);
  await scrollTo('[data-testid="behaviour-chart-channels"]');
  await shoot('compare-04-behaviour-charts');
  await scrollTo('[data-testid="behaviour-chart-nodes"]');
  await shoot('compare-05-behaviour-traffic-and-timelines');

  // The dark theme reads as well.
  await (await session.find('[data-testid="theme-toggle"]')).click();
  await scrollTo('[data-testid="behaviour-figures"]');
  await shoot('compare-06-dark');
  await (await session.find('[data-testid="theme-toggle"]')).click();

  // Back to editing.
  await (await session.find('[data-testid="compare-exit"]')).click();
  await session.until('compare mode to end', async () => !(await compare('c.active')));
  assert.equal((await session.findAll('.wm-node.has-diff')).length, 0);
  // Editing again: the palette is back (the inspector returns when a step is selected).
  await session.find('[data-testid="palette-entry"]');

  // Version 1 is published; publishing version 2 shows what changes against it, and asks.
  await session.executeAsync(`const done = arguments[arguments.length - 1];
    (async () => {
      const s = window.__waymark.store.getState();
      await s.setSoloReview(true);
      for (const [n, to, note] of [[1, 'in_review', 'first cut'], [1, 'approved', 'read it'], [1, 'published', 'go'], [2, 'in_review', 'longer wait'], [2, 'approved', 'checked the diff']]) {
        const error = await s.setVersionStatus(n, to, note);
        if (error) throw new Error(error.message);
      }
    })().then(() => done(null), (e) => done(String(e)));`);
  await session.until('v1 published and v2 approved', () => state(`s.versions.map((v) => v.status).join() === 'published,approved'`));
  await (await session.find('[data-testid="history-open"]')).click();
  await (await session.find('[data-testid="history-status-2-published"]')).click();
  await textMatching('[data-testid="publish-baseline"]', /version 1, the version published now/);
  await textMatching('[data-testid="publish-changes"]', /2 days → 3 days/);
  await session.find('[data-testid="publish-behaviour"] [data-testid="behaviour-figure-changed"]', { timeoutMs: 120_000 });
  await shoot('compare-07-publish-confirmation');
  await (await session.find('[data-testid="publish-note"]')).type('Reviewed the diff and what it does to customers');
  await (await session.find('[data-testid="publish-confirm"]')).click();
  await session.until('v2 published', () => state(`s.versions.find((v) => v.number === 2)?.status === 'published'`));
  assert.equal(await session.exists('[data-testid="publish-dialog"]'), false);

  // The draft against version 2: a step removed (drawn as a ghost where it was), its incoming
  // port rewired, a step moved.
  await session.executeAsync(`const done = arguments[arguments.length - 1];
    (async () => {
      const s = window.__waymark.store.getState();
      s.select(['trial_push']);
      s.deleteSelection();
      window.__waymark.store.getState().onConnect({ source: 'checkout_check', sourceHandle: 'else', target: 'exit_pricing', targetHandle: null });
      const signup = window.__waymark.store.getState().doc.layout.nodes.signup;
      window.__waymark.store.getState().edit((d) => ({ ...d, layout: { ...d.layout, nodes: { ...d.layout.nodes, signup: { x: signup.x, y: signup.y + 60 } } } }));
      await window.__waymark.store.getState().flushSave();
    })().then(() => done(null), (e) => done(String(e)));`);
  await (await session.find('[data-testid="history-compare-2"]')).click();
  await (await session.find('[data-testid="history-compare-2-with-draft"]')).click();
  await session.until('compare mode on v2 and the draft', () => compare(`c.active && c.old === 2 && c.next === 'draft' && c.diff !== null`));
  assert.match(await (await session.find('[data-testid="node-trial_push"]')).attribute('class'), /\bis-diff-removed\b/);
  assert.match(await (await session.find('[data-testid="node-signup"]')).attribute('class'), /\bis-diff-moved\b/);
  // The rewired port's new connection is marked, its old one drawn dashed (the overview is too
  // small for edge labels, so the paths are read).
  const edgeMarks = await compare(`c.edges.filter((e) => e.data?.mark).map((e) => [e.data.mark, e.source, e.data.port, e.target].join(' ')).sort()`);
  assert.deepEqual(edgeMarks, ['removed checkout_check else trial_push', 'removed trial_push next exit_pricing', 'rewired checkout_check else exit_pricing']);
  assert.equal((await session.findAll('.react-flow__edge-path.is-diff-rewired')).length, 1);
  assert.equal((await session.findAll('.react-flow__edge-path.is-diff-removed')).length, 2);
  await textMatching('[data-testid="compare-changes"]', /Removed[\s\S]*Business trial push/);
  await session.execute(`window.__waymark.compare.getState().setBehaviourOpen(false); window.__waymark.store.getState().requestFit();`);
  await shoot('compare-08-overview');
  await (await session.find('[data-testid="compare-changes"] button[data-node="trial_push"]')).click();
  await session.until('the ghost selected', () => compare(`c.selected === 'trial_push'`));
  await shoot('compare-09-ghost-and-rewired');
});
