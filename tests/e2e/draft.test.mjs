// End-to-end: the draft is autosaved, so killing the app loses at most a few seconds of work and
// reopening the journey brings the edits back.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Session } from './driver.mjs';

const keep = mkdtempSync(join(tmpdir(), 'waymark-e2e-draft-'));
const database = join(keep, 'waymark.db');
let session;

after(async () => {
  await session?.stop();
  rmSync(keep, { recursive: true, force: true });
});

const state = (expression) => session.state(expression);

test('a killed app reopens on the autosaved draft', async () => {
  session = await Session.start({ database });
  await (await session.find('[data-testid="journey-new"]', { timeoutMs: 30_000 })).click();
  await (await session.find('[data-testid="journey-new-name"]')).type('Crash course\uE007');
  await session.until('the new journey to open', () => state(`s.doc?.id === 'crash-course'`));
  const canvas = await (await session.find('[data-testid="canvas"]')).center();
  const item = await (await session.find('[data-testid="palette-entry"]')).center();
  await session.drag(item, { x: canvas.x - 100, y: canvas.y - 100 }, { steps: 16 });
  const entry = await session.until('the entry node', () => state(`s.doc.nodes.find((n) => n.kind === 'entry')?.id`));
  // The autosave runs about a second after the last edit.
  await session.until('the draft to be saved', () => state(`s.saveStatus === 'saved'`), 10_000);
  session.kill();

  session = await Session.start({ database });
  await (await session.find('[data-testid="journey-crash-course"]', { timeoutMs: 30_000 })).click();
  await session.until('the draft to open', () => state(`s.doc?.id === 'crash-course'`));
  assert.deepEqual(await state('s.doc.nodes.map((n) => n.id)'), [entry]);
  assert.equal(await state('s.current.hasDraft'), true, 'opened from the draft');
  await session.screenshot('09-draft-after-kill');
});
