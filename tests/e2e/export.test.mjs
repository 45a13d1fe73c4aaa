// End-to-end: an engineer exports a stored version from the history drawer. Each format is
// previewed by the core's exporter (the Mermaid and DOT pictures drawn by mermaid and Graphviz),
// Step Functions' refusal names the step to look at, and saving writes the stored version's
// export where the native dialog answers (in debug builds `WAYMARK_E2E_DIALOG` answers it).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Session } from './driver.mjs';

const folder = mkdtempSync(join(tmpdir(), 'waymark-e2e-export-'));
const saved = join(folder, 'saved.bpmn');
let session;

before(async () => {
  session = await Session.start({ seed: true, prepare: (env) => void (env.WAYMARK_E2E_DIALOG = saved) });
});

after(async () => {
  await session?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const state = (expression) => session.state(expression);

async function openExport(journey) {
  await (await session.find(`[data-testid="journey-${journey}"]`, { timeoutMs: 30_000 })).click();
  await session.until(`${journey} to open`, () => state(`s.doc?.id === '${journey}' && s.nodes.length > 0`));
  if (!(await session.exists('[data-testid="history-panel"]'))) await (await session.find('[data-testid="history-open"]')).click();
  await (await session.find('[data-testid="history-export-1"]')).click();
  // A seeded journey opened without edits has no draft, and the history shows no draft card.
  assert.equal(await session.exists('[data-testid="history-draft"]'), false, 'no draft card without a draft');
  await session.find('[data-testid="export-dialog"]');
}

async function textOf(selector) {
  await session.find(selector);
  // The text as written, with its indentation (WebDriver's element text collapses white space).
  return session.execute(`return document.querySelector(arguments[0]).textContent;`, selector);
}

test('every format is previewed, the pictures drawn, and the stored version saved', async () => {
  await openExport('onboarding');
  const plan = JSON.parse(await textOf('[data-testid="export-text"]'));
  assert.equal(plan.format, 'waymark.plan/1');
  assert.deepEqual([plan.source.version, plan.source.status], [1, 'draft']);

  for (const format of ['mermaid', 'dot']) {
    await (await session.find(`[data-testid="export-format-${format}"]`)).click();
    const picture = await session.find('[data-testid="export-picture"] img', { timeoutMs: 30_000 });
    // Drawn: the image decoded to a real size, and no drawing error shown.
    await session.until(`the ${format} picture to load`, () =>
      session.execute(`const i = document.querySelector('[data-testid="export-picture"] img'); return !!i && i.complete && i.naturalWidth > 100;`),
    );
    assert.ok(picture);
    assert.equal(await session.exists('[data-testid="export-picture-error"]'), false);
    await session.screenshot(`13-export-${format}`);
  }

  await (await session.find('[data-testid="export-format-bpmn"]')).click();
  const bpmn = await textOf('[data-testid="export-text"]');
  assert.match(bpmn, /<bpmn:definitions|<definitions/);
  await (await session.find('[data-testid="export-save"]')).click();
  await session.until('the export to be saved', () => state(`s.toasts.some((t) => t.message.startsWith('Saved BPMN'))`));
  assert.equal(readFileSync(saved, 'utf8').trimEnd(), bpmn.trimEnd(), 'the saved file is the previewed export');
  await session.keys(['Escape']);
});

test('a refusal names the step, and showing it closes the dialog on that step', async () => {
  await openExport('b2b-lead-nurture');
  await (await session.find('[data-testid="export-format-asl"]')).click();
  const refused = await textOf('[data-testid="export-refused"]');
  assert.match(refused, /cannot take this version/);
  assert.match(refused, /loop/i);
  assert.equal(await (await session.find('[data-testid="export-save"]')).property('disabled'), true);
  await session.screenshot('14-export-refused');
  await (await session.find('[data-testid="export-refused-show"]')).click();
  await session.until('the dialog to close on the step', () =>
    session.execute(`return !document.querySelector('[data-testid="export-dialog"]') && window.__waymark.store.getState().selectedNodeIds.length === 1;`),
  );
});
