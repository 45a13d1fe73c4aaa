// End-to-end: a marketer builds a journey in the real app window, fixes a problem the live
// validation shows, edits a wait, commits two versions, restores the first and takes it through
// review (a note for each move; approving one's own version only in solo review). Screenshots of
// the key steps go to target/e2e-screenshots/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';

let session;

before(async () => {
  session = await Session.start();
});

after(async () => {
  await session?.stop();
});

/** The editor's state, read through the hook the UI exposes for tests. */
const state = (expression) => session.state(expression);

const nodeIdsOfKind = (kind) => state(`(s.doc?.nodes ?? []).filter((n) => n.kind === ${JSON.stringify(kind)}).map((n) => n.id)`);

async function dropFromPalette(kind, at) {
  const before = await nodeIdsOfKind(kind);
  const item = await (await session.find(`[data-testid="palette-${kind}"]`)).center();
  await session.drag(item, at, { steps: 16 });
  const after = await session.until(`a new ${kind} node`, async () => {
    const ids = await nodeIdsOfKind(kind);
    return ids.length > before.length ? ids : null;
  });
  return after.find((id) => !before.includes(id));
}

async function connect(from, port, to) {
  const handle = await (await session.find(`[data-testid="handle-${from}-${port}"]`)).center();
  const target = await (await session.find(`[data-testid="target-${to}"]`)).center();
  await session.drag(handle, target, { steps: 14 });
  await session.until(`an edge ${from}.${port} -> ${to}`, () =>
    state(`s.doc.edges.some((e) => e.from === ${JSON.stringify(from)} && e.port === ${JSON.stringify(port)} && e.to === ${JSON.stringify(to)})`),
  );
}

async function setWaitDays(node, days) {
  await (await session.find(`[data-testid="node-${node}"]`)).click();
  const amount = await session.find('[data-testid="inspector-duration-amount"]');
  await amount.clear();
  await amount.type(String(days));
  const unit = await session.find('[data-testid="inspector-duration-unit"]');
  await session.execute(
    `const select = arguments[0]; const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     setter.call(select, 'days'); select.dispatchEvent(new Event('change', { bubbles: true }));`,
    { 'element-6066-11e4-a52e-4f735466cecf': unit.id },
  );
  await session.until(`the wait to be P${days}D`, () =>
    state(`s.doc.nodes.find((n) => n.id === ${JSON.stringify(node)}).delay.duration === 'P${days}D'`),
  );
}

async function commit(message) {
  await (await session.find('[data-testid="commit-open"]')).click();
  const input = await session.find('[data-testid="commit-message"]');
  await input.type(message);
  await (await session.find('[data-testid="commit-confirm"]')).click();
}

const latestVersion = () => state('s.current?.latest?.number ?? null');

test('a marketer builds, validates, versions and restores a journey in the real window', async () => {
  await session.find('[data-testid="journey-new"]', { timeoutMs: 30_000 });
  await session.screenshot('01-empty');

  await (await session.find('[data-testid="journey-new"]')).click();
  const name = await session.find('[data-testid="journey-new-name"]');
  await name.type('Welcome series\uE007');
  await session.until('the new journey to open', () => state(`s.doc?.id === 'welcome-series'`));

  // The inspector opens as soon as a step is selected (a dropped step is), narrowing the canvas:
  // open it first (on the journey's settings) so that the canvas keeps one size while building.
  await (await session.find('[data-testid="journey-settings-open"]')).click();
  await session.find('[data-testid="journey-settings"]');
  const canvas = await (await session.find('[data-testid="canvas"] .react-flow')).center();
  // Two columns of cards (300 px wide at zoom 1), left and right of the canvas's middle.
  const entry = await dropFromPalette('entry', { x: canvas.x - 170, y: canvas.y - 150 });
  const wait = await dropFromPalette('wait', { x: canvas.x + 170, y: canvas.y - 150 });
  const branch = await dropFromPalette('branch', { x: canvas.x - 170, y: canvas.y + 60 });
  const pro = await dropFromPalette('message', { x: canvas.x + 170, y: canvas.y });
  const others = await dropFromPalette('message', { x: canvas.x + 170, y: canvas.y + 130 });
  const done = await dropFromPalette('exit', { x: canvas.x + 170, y: canvas.y + 260 });
  assert.equal((await state('s.doc.nodes.length')), 6);
  await session.screenshot('02-dropped');

  await connect(entry, 'next', wait);
  await connect(wait, 'next', branch);
  await connect(branch, 'case_1', pro);
  await connect(pro, 'next', done);
  await connect(others, 'next', done);

  // The unconnected `else` is reported live, and goes away once it is connected.
  await session.find(`[data-testid="problem-missing-else-${branch}"]`);
  await session.screenshot('03-missing-else');
  await connect(branch, 'else', others);
  await session.until('the missing-else problem to disappear', async () => !(await session.exists(`[data-testid="problem-missing-else-${branch}"]`)));
  const errors = await state(`s.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)`);
  assert.ok(!errors.includes('missing-else'), `errors left: ${errors}`);

  await setWaitDays(wait, 3);
  await session.screenshot('04-wait-3-days');

  await commit('First version');
  await session.until('version 1', async () => (await latestVersion()) === 1);
  // Committed, the top bar says so (not "draft saved"), and History shows no draft card.
  const text = (selector) => session.execute(`return document.querySelector('${selector}')?.textContent ?? null;`);
  await session.until('the top bar to say the journey is up to date', async () => /up to date/.test((await text('[data-testid="save-state"]')) ?? ''));

  // Renaming shows in the journey list at once, before any commit.
  if (!(await session.exists('[data-testid="settings-name"]'))) await (await session.find('[data-testid="journey-settings-open"]')).click();
  const field = await session.find('[data-testid="settings-name"]');
  await field.clear();
  await field.type('Welcome series for new signups');
  await session.until('the journey list to show the new name', async () => /Welcome series for new signups/.test((await text('[data-testid="journey-welcome-series"]')) ?? ''));
  await session.until('the top bar to say the draft is saved', async () => !/up to date/.test((await text('[data-testid="save-state"]')) ?? ''));
  const first = await state('JSON.stringify({ nodes: s.doc.nodes, edges: s.doc.edges })');

  await setWaitDays(wait, 5);
  await commit('Wait longer');
  await session.until('version 2', async () => (await latestVersion()) === 2);
  await session.screenshot('05-version-2');

  await (await session.find('[data-testid="history-open"]')).click();
  await (await session.find('[data-testid="history-view-1"]')).click();
  await session.find('[data-testid="read-only-banner"]');
  await session.screenshot('06-viewing-version-1');
  await (await session.find('[data-testid="restore-version"]')).click();
  await session.until('version 3, restored from version 1', async () => (await latestVersion()) === 3);
  // What the editor shows now is what version 1 stored (both as the backend writes them).
  const stored = await session.executeAsync(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke('open_version', { id: 'welcome-series', number: 1 })
       .then((v) => done(JSON.stringify({ nodes: v.document.nodes, edges: v.document.edges })), (e) => done(String(e)));`,
  );
  await session.until('the editor to show the restored document', async () =>
    (await state('JSON.stringify({ nodes: s.doc.nodes, edges: s.doc.edges })')) === stored,
  );
  const restoredIds = JSON.parse(stored).nodes.map((n) => n.id).sort();
  assert.deepEqual(restoredIds, JSON.parse(first).nodes.map((n) => n.id).sort());
  const waitNow = await state(`s.doc.nodes.find((n) => n.id === ${JSON.stringify(wait)}).delay.duration`);
  assert.equal(waitNow, 'P3D');
  await session.screenshot('07-restored');
});

test('message content that looks like HTML is shown as text and never runs', async () => {
  const node = (await nodeIdsOfKind('message'))[0];
  await (await session.find(`[data-testid="node-${node}"]`)).click();
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const body = await session.find('[data-testid="inspector-body"]');
  await body.type(hostile);
  await session.until('the body to be stored', () =>
    state(`s.doc.nodes.find((n) => n.id === ${JSON.stringify(node)}).content?.body === ${JSON.stringify(hostile)}`),
  );
  await session.execute('return new Promise((done) => setTimeout(done, 300));');
  assert.equal(await session.execute('return window.__pwned ?? null;'), null);
  assert.equal(await session.execute('return document.querySelectorAll("img[src=x], script:not([src])").length;'), 0);
  await session.screenshot('08-html-as-text');
});

test('review asks each move for a note, and an author approves their own version only in solo review', async () => {
  if (!(await session.exists('[data-testid="history-panel"]'))) await (await session.find('[data-testid="history-open"]')).click();
  const number = await latestVersion();
  const status = () => state(`s.versions.find((v) => v.number === ${number})?.status ?? null`);
  const refusal = async () => (await session.find('[data-testid="review-note-refusal"]')).attribute('data-code');

  // Submitting asks for a note, and review refuses an empty one in its own words.
  await (await session.find(`[data-testid="history-status-${number}-in_review"]`)).click();
  await session.find('[data-testid="review-note-dialog"]');
  await (await session.find('[data-testid="review-note-confirm"]')).click();
  await session.until('the refusal of an empty note', async () => (await refusal()) === 'note_required');
  assert.equal(await status(), 'draft');
  await (await session.find('[data-testid="review-note"]')).type('Back to the three-day wait');
  await (await session.find('[data-testid="review-note-confirm"]')).click();
  await session.until('the version in review', async () => (await status()) === 'in_review');
  assert.equal(await session.exists('[data-testid="review-note-dialog"]'), false);

  // The app's author saved this version, so approving it is refused until solo review is on.
  await (await session.find(`[data-testid="history-status-${number}-approved"]`)).click();
  await (await session.find('[data-testid="review-note"]')).type('Checked the wait');
  await (await session.find('[data-testid="review-note-confirm"]')).click();
  await session.until('the refusal of approving one\'s own version', async () => (await refusal()) === 'self_approval');
  assert.match(await (await session.find('[data-testid="review-note-refusal"]')).text(), /solo review/);
  await session.screenshot('review-01-own-approval-refused');
  await session.keys(['Escape']);
  await session.until('the note dialog to close', async () => !(await session.exists('[data-testid="review-note-dialog"]')));
  assert.equal(await status(), 'in_review');

  await (await session.find('[data-testid="solo-review"]')).click();
  await session.until('solo review on', () => state('s.workspace?.solo_review === true'));
  await (await session.find(`[data-testid="history-status-${number}-approved"]`)).click();
  await (await session.find('[data-testid="review-note"]')).type('Checked the wait');
  await (await session.find('[data-testid="review-note-confirm"]')).click();
  await session.until('the version approved', async () => (await status()) === 'approved');

  // The history says which version was approved, by whom and why.
  const review = await (await session.find(`[data-testid="history-review-${number}"]`)).text();
  assert.match(review, /Approved by e2e/);
  assert.match(review, /Checked the wait/);
  await session.screenshot('review-02-approved-with-note');
});
