// Measures the RELEASE app as users run it, not a pass/fail test (a busy machine would fail a
// timed test): launch to an interactive canvas of the generated 100-node journey (median of
// several launches), and the memory of all the app's processes (the app and its WebKit web and
// network processes: PSS from /proc/<pid>/smaps_rollup) idle with a journey open, and again after
// ten 1,000,000-customer simulation runs. It drives the release UI through the page only (the
// release build has no test hooks). Run `cargo xtask measure`, which builds the release app and
// CLI and runs `node tests/e2e/measure.mjs [app] [cli]`; it prints one JSON line per measurement.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, root } from './driver.mjs';

const application = process.argv[2] ?? join(root, 'target/release/waymark-desktop');
const cli = process.argv[3] ?? join(root, 'target/release/waymark');
const LAUNCHES = Number(process.env.WAYMARK_MEASURE_LAUNCHES ?? 5);
// WAYMARK_MEASURE_LAUNCHES and WAYMARK_MEASURE_RUNS change the counts.
const RUNS = Number(process.env.WAYMARK_MEASURE_RUNS ?? 10);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The pids of `pid` and all its descendants. */
function tree(pid) {
  const all = [String(pid)];
  for (let i = 0; i < all.length; i += 1) {
    try {
      all.push(...readFileSync(`/proc/${all[i]}/task/${all[i]}/children`, 'utf8').split(/\s+/).filter(Boolean));
    } catch {
      // Gone meanwhile.
    }
  }
  return all;
}

const comm = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** The app's process: started by WebKitWebDriver, under the session's tauri-driver. */
function appPid(session) {
  return tree(session.driver.pid).find((pid) => comm(pid) === 'waymark-desktop') ?? null;
}

/** PSS of the app and every process under it, per process and in total, in MB. */
function pss(pid) {
  const processes = [];
  for (const p of tree(pid)) {
    try {
      const kb = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))[1]);
      processes.push({ process: comm(p), pss_mb: Math.round(kb / 102.4) / 10 });
    } catch {
      // Gone meanwhile.
    }
  }
  const total = Math.round(processes.reduce((sum, p) => sum + p.pss_mb, 0));
  return { total_pss_mb: total, processes };
}

/**
 * In the page: waits for the journey `id` to be drawn, placed in the view and painted, and
 * resolves with the moments (epoch milliseconds) the page started, its scripts had loaded, each of
 * the app's launch marks (`waymark:*`, the first of each name) was set, and the canvas was
 * painted. With `reopens` false it opens the journey from the list; with `reopens` true the app
 * reopens it by itself (it was the journey last open in this home), and nothing is clicked: a
 * click would open it a second time.
 */
const openAndTime = `
  const [id, reopens, done] = arguments;
  const marks = () => {
    const first = {};
    for (const m of performance.getEntriesByType('mark')) {
      if (m.name.startsWith('waymark:') && !(m.name.slice(8) in first)) first[m.name.slice(8)] = performance.timeOrigin + m.startTime;
    }
    return first;
  };
  const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => done({
    page: performance.timeOrigin,
    scripts: performance.timing.domContentLoadedEventEnd,
    drawn: performance.timeOrigin + performance.now(),
    marks: marks(),
  })));
  let clicked = false;
  const wait = () => {
    // Drawn, and placed: the app marks the moment it made the journey's first view.
    const placed = performance.getEntriesByName('waymark:canvas-fitted').length > 0;
    if (placed && document.querySelector('.react-flow__node') && document.querySelector('.react-flow__pane')) return painted();
    const entry = document.querySelector('[data-testid="journey-' + id + '"] button');
    if (entry && !clicked && !reopens) { clicked = true; entry.click(); }
    requestAnimationFrame(wait);
  };
  wait();
`;

/** In the page: runs the simulation once (the Run button) and resolves when it has finished. */
const simulateOnce = `
  const done = arguments[arguments.length - 1];
  let seen = false;
  const started = performance.now();
  document.querySelector('[data-testid="simulate-run"]').click();
  const wait = () => {
    const running = document.querySelector('[data-testid="simulate-progress"]');
    seen ||= Boolean(running);
    if (seen && !running) return done({ ms: Math.round(performance.now() - started), summary: document.querySelector('[data-testid="simulate-meta"]')?.textContent ?? '' });
    if (performance.now() - started > 180000) return done({ error: 'no run finished within 180 s' });
    setTimeout(wait, 50);
  };
  wait();
`;

const dir = mkdtempSync(join(tmpdir(), 'waymark-measure-'));
try {
  const journey = join(dir, 'generated-100.journey.json');
  writeFileSync(journey, execFileSync(cli, ['generate', '100']));
  const template = join(dir, 'template.db');
  const env = { ...process.env, WAYMARK_DB: template, WAYMARK_AUTHOR: 'measure' };
  execFileSync(cli, ['seed'], { env });
  execFileSync(cli, ['import', journey], { env });
  // WebKit's caches and the app's local storage go to a private home, not the user's.
  const home = join(dir, 'home');
  const environment = { HOME: home, XDG_DATA_HOME: null, XDG_CACHE_HOME: null, XDG_CONFIG_HOME: null };

  const launches = [];
  for (let i = 0; i < LAUNCHES; i += 1) {
    const database = join(dir, `launch-${i}.db`);
    copyFileSync(template, database);
    const session = await Session.start({ application, cli, database, environment });
    try {
      // The first start opens the journey from the list; every later one reopens it.
      const times = await session.executeAsync(openAndTime, 'generated-100', i > 0);
      const since = (moment) => Math.round(moment - session.launchedAt);
      const marks = Object.fromEntries(Object.entries(times.marks).map(([name, moment]) => [name, since(moment)]));
      launches.push({ page: since(times.page), scripts: since(times.scripts), ...marks, canvas: since(times.drawn) });
      if (i === 0 || i === LAUNCHES - 1) {
        // The first start (opens the journey from the list) and a later one (reopens it).
        await sleep(5_000);
        console.log(JSON.stringify({ measurement: `idle memory with the 100-node journey open, start ${i + 1} in this home`, ...pss(appPid(session)) }));
      }
    } finally {
      await session.stop();
    }
  }
  if (LAUNCHES > 0) {
    // The phases, in the order they happen; the page's marks (`waymark:*`) are the app's own.
    const phases = Object.keys(launches.at(-1))
      .filter((name) => launches.every((l) => name in l))
      .sort((a, b) => median(launches.map((l) => l[a])) - median(launches.map((l) => l[b])));
    console.log(JSON.stringify({
      measurement: 'launch to an interactive canvas of the 100-node journey (release), medians from the WebDriver session request',
      canvas_ms: median(launches.map((l) => l.canvas)),
      phases_ms: Object.fromEntries(phases.map((name) => [name, median(launches.map((l) => l[name]))])),
      canvas_each_ms: launches.map((l) => l.canvas),
    }));
  }

  const database = join(dir, 'memory.db');
  copyFileSync(template, database);
  // A home of its own: the app reopens the journey last open in its home (the 100-node one
  // above), which would leave that canvas's garbage in the figure.
  const fresh = { ...environment, HOME: join(dir, 'home-memory') };
  const session = await Session.start({ application, cli, database, environment: fresh });
  try {
    await session.executeAsync(openAndTime, 'onboarding', false);
    const pid = appPid(session);
    await sleep(5_000);
    console.log(JSON.stringify({ measurement: 'idle memory with a journey open (onboarding, opened from the list at first start)', ...pss(pid) }));

    await (await session.find('[data-testid="simulate-open"]')).click();
    await session.find('[data-testid="simulate-summary"]', { timeoutMs: 120_000 });
    const customers = await session.find('input[data-testid="simulate-customers"]');
    await customers.clear();
    await customers.type('1000000');
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) {
      const run = await session.executeAsync(simulateOnce);
      if (run.error) throw new Error(run.error);
      run.memory = pss(pid);
      runs.push(run);
      if (i === 0 || i === RUNS - 1) console.log(JSON.stringify({ measurement: `memory after simulation run ${i + 1} of ${RUNS} (1,000,000 customers)`, run_ms: run.ms, ...run.memory }));
    }
    console.log(JSON.stringify({ measurement: `${RUNS} runs of 1,000,000 customers`, median_run_ms: median(runs.map((r) => r.ms)), total_pss_mb_after_each: runs.map((r) => r.memory.total_pss_mb), last: runs.at(-1).summary }));
    await (await session.find('[data-testid="simulate-open"]')).click();
    await sleep(10_000);
    console.log(JSON.stringify({ measurement: `idle memory with the journey open after ${RUNS} 1,000,000-customer runs, panel closed`, ...pss(pid) }));
    await session.screenshot('measure-after-runs');
  } finally {
    await session.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
