// End-to-end: importing and exporting journey files goes through a native dialog that the Rust
// side opens, so the webview can never name a path. Native GTK dialogs cannot be clicked over
// WebDriver; in debug builds `WAYMARK_E2E_DIALOG` answers them with a path instead.

import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { root, Session } from './driver.mjs';

const folder = mkdtempSync(join(tmpdir(), 'waymark-e2e-files-'));
const file = join(folder, 'chosen.journey.json');
let session;

after(async () => {
  await session?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const state = (expression) => session.state(expression);

test('import and export use the file chosen in the native dialog, and the webview cannot name one', async () => {
  copyFileSync(join(root, 'journeys/win-back.journey.json'), file);
  session = await Session.start({ prepare: (env) => void (env.WAYMARK_E2E_DIALOG = file) });

  // A fresh database given with WAYMARK_DB is not seeded: the empty state offers no examples.
  const hint = await (await session.find('[data-testid="empty-hint"]', { timeoutMs: 30_000 })).text();
  assert.doesNotMatch(hint, /example/i, hint);
  assert.ok(await session.exists('[data-testid="empty-import"]'), 'the empty state offers to import a file');
  await (await session.find('[data-testid="empty-import"]')).click();
  await session.until('the imported journey to open', () => state(`s.doc?.id === 'win-back'`));
  assert.equal(await state('s.current.latest?.number'), 1, 'imported as version 1');

  // Script in the webview asks for other paths: the arguments are not part of the commands, and
  // the dialog plugin's own commands are not granted to the webview.
  const refusals = await session.executeAsync(`const done = arguments[arguments.length - 1];
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const attempt = (command, args) => invoke(command, args).then(() => 'ran', (e) => String(e?.message ?? e));
    Promise.all([
      attempt('plugin:dialog|open', { options: {} }),
      attempt('plugin:dialog|save', { options: {} }),
    ]).then(done);`);
  for (const refusal of refusals) assert.match(refusal, /not allowed|denied|permission/i, refusal);

  // Export writes the stored version, canonical, where the dialog answered, replacing the file
  // through a temporary that is gone afterwards.
  await (await session.find('[data-testid="journey-export"]')).click();
  await session.until('the export to finish', () => state(`s.toasts.some((t) => t.message.startsWith('Exported to'))`));
  const written = readFileSync(file, 'utf8');
  assert.equal(JSON.parse(written).id, 'win-back');
  assert.deepEqual(readdirSync(folder), ['chosen.journey.json'], 'no temporary file left behind');
  await session.screenshot('12-exported');
});
