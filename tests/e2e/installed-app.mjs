// Starts the INSTALLED app (the .deb's `/usr/bin/waymark-desktop`, given as the first argument)
// under a private Xvfb display with a fresh home directory and no WAYMARK_DB, as a user's first
// start: the app must create its default database there, seed it with the examples, list every
// one of them and open one on the canvas. `cargo xtask test` runs it after installing the package
// (`installed_app` in xtask). Nothing of the user's is read or written; every process started is
// stopped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, root } from './driver.mjs';

const application = process.argv[2] ?? '/usr/bin/waymark-desktop';
const cli = join(application, '../waymark');

/** The examples the app seeds a new database with: the journeys at the top of `journeys/`. */
const examples = readdirSync(join(root, 'journeys'))
  .filter((name) => name.endsWith('.journey.json'))
  .map((name) => JSON.parse(readFileSync(join(root, 'journeys', name), 'utf8')).id);

const home = mkdtempSync(join(tmpdir(), 'waymark-installed-home-'));
const environment = { HOME: home, WAYMARK_DB: null, XDG_DATA_HOME: null, XDG_CONFIG_HOME: null, XDG_CACHE_HOME: null };
const started = Date.now();
const session = await Session.start({ application, cli, environment });
try {
  for (const id of examples) await session.find(`[data-testid="journey-${id}"]`, { timeoutMs: 30_000 });
  const listed = Date.now() - started;
  await (await session.find('[data-testid="journey-onboarding"]')).click();
  await session.find('.react-flow__node', { timeoutMs: 20_000 });
  const steps = (await session.findAll('.react-flow__node')).length;
  assert.ok(steps >= 5, `the onboarding journey shows its steps (${steps} drawn)`);
  const database = join(home, '.local/share/waymark/waymark.db');
  assert.ok(existsSync(database), `the app created its default database under the fresh home (${database})`);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const shot = await session.screenshot('installed-app');
  // The installed CLI works on the same default database.
  const env = { ...process.env, HOME: home };
  for (const name of ['WAYMARK_DB', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) delete env[name];
  const list = execFileSync(cli, ['list'], { env, encoding: 'utf8' });
  for (const id of examples) assert.match(list, new RegExp(`\\b${id}\\b`), `waymark list names ${id}:\n${list}`);
  console.log(`the installed app listed the ${examples.length} examples ${listed} ms after start and drew ${steps} steps of onboarding; screenshot ${shot}`);
} finally {
  await session.stop();
  rmSync(home, { recursive: true, force: true });
}
