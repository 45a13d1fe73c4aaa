// Measures the core as the real app runs it, not a pass/fail test: the WebAssembly validation on
// every edit of a generated 500-node journey, and re-simulation of 100,000 and 1,000,000
// customers from an edit to the updated simulation panel; then the app's memory (PSS of all its
// processes) with the journey open. Run with `node tests/e2e/core-perf.mjs` after
// `cargo xtask run` has built the app (or `cargo build -p waymark-cli -p waymark-desktop` with
// `ui/dist` built); it prints one JSON line per measurement.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, root } from './driver.mjs';

const waymark = join(root, 'target/debug/waymark');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)].toFixed(2));
}

/** Validates the open document `runs` times through the app's own core module, in the page. */
const validateInPage = `
  const { core, store } = window.__waymark;
  const doc = store.getState().doc;
  // The webview's clock is coarse (1 ms): time batches of ten and divide.
  const times = [];
  for (let batch = 0; batch < 10; batch += 1) {
    const started = performance.now();
    for (let i = 0; i < 10; i += 1) core.validate(doc);
    times.push((performance.now() - started) / 10);
  }
  return { nodes: doc.nodes.length, times };
`;

/**
 * Makes an edit (a label change, which the live preview re-simulates like any edit) and resolves
 * with the milliseconds until the simulation panel shows the new report, painted.
 */
const editToPanel = `
  const done = arguments[arguments.length - 1];
  const { store, simulation } = window.__waymark;
  const before = simulation.getState().report;
  const started = performance.now();
  let requested = null;
  const unsubscribe = simulation.subscribe((state) => {
    if (state.running && requested === null) requested = performance.now();
    if (state.report && state.report !== before && !state.running) {
      unsubscribe();
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const now = performance.now();
        done({ edit_to_panel_ms: now - started, run_to_panel_ms: requested === null ? null : now - requested,
               customers: state.report.run.customers, complete: state.report.run.complete });
      }));
    }
  });
  const entry = store.getState().doc.nodes.find((n) => n.kind === 'entry');
  store.getState().editNode(entry.id, (node) => ({ ...node, label: (node.label ?? '') + '.' }));
  if (arguments[0]) simulation.getState().run({ live: false });
`;

/** Sums the proportional set size of the app and its WebKit processes, in MB. */
function pss(pid) {
  const children = (p) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(/\s+/).filter(Boolean);
    } catch {
      return [];
    }
  };
  const all = [String(pid)];
  for (let i = 0; i < all.length; i += 1) all.push(...children(all[i]));
  let kb = 0;
  for (const p of all) {
    try {
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (match) kb += Number(match[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return { processes: all.length, pss_mb: Math.round(kb / 1024) };
}

function appPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'waymark-desktop') return Number(entry);
    } catch {
      // Not ours to read, or gone.
    }
  }
  return null;
}

const dir = mkdtempSync(join(tmpdir(), 'waymark-core-perf-'));
const file = join(dir, 'generated-500.journey.json');
writeFileSync(file, execFileSync(waymark, ['generate', '500']));
const session = await Session.start({ seed: true, prepare: (env) => execFileSync(waymark, ['import', file], { env }) });
try {
  await (await session.find('[data-testid="journey-onboarding"]', { timeoutMs: 30_000 })).click();
  await session.find('.react-flow__node');
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const pid = appPid();
  if (pid) console.log(JSON.stringify({ measurement: 'idle memory with a journey open (onboarding, before any simulation)', ...pss(pid) }));
  await (await session.find('[data-testid="journey-generated-500"]')).click();
  await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    const wait = () => ((window.__waymark.store.getState().doc?.nodes.length ?? 0) >= 400 ? done() : setTimeout(wait, 50));
    wait();
  `);
  const validation = await session.execute(validateInPage);
  console.log(JSON.stringify({ measurement: `validate ${validation.nodes} nodes in the webview (WebAssembly)`, median_ms: median(validation.times), max_ms: Number(Math.max(...validation.times).toFixed(2)) }));

  await (await session.find('[data-testid="journey-onboarding"]')).click();
  await session.find('.react-flow__node');
  await (await session.find('[data-testid="simulate-open"]')).click();
  await session.execute('window.__waymark.simulation.getState().setLive(true);');
  await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    const wait = () => (window.__waymark.simulation.getState().report && !window.__waymark.simulation.getState().running ? done() : setTimeout(wait, 50));
    wait();
  `);
  const live = [];
  for (let i = 0; i < 5; i += 1) live.push(await session.executeAsync(editToPanel, false));
  console.log(JSON.stringify({ measurement: 'live re-simulation after an edit (onboarding)', customers: live[0].customers, edit_to_panel_median_ms: median(live.map((r) => r.edit_to_panel_ms)), run_to_panel_median_ms: median(live.map((r) => r.run_to_panel_ms)) }));

  await session.execute(`
    const s = window.__waymark.simulation.getState();
    s.setLive(false);
    s.setForm({ customers: '1000000' });
  `);
  const million = [];
  for (let i = 0; i < 3; i += 1) million.push(await session.executeAsync(editToPanel, true));
  console.log(JSON.stringify({ measurement: 're-simulation of 1,000,000 customers after an edit (onboarding)', customers: million[0].customers, complete: million[0].complete, edit_to_panel_median_ms: median(million.map((r) => r.edit_to_panel_ms)) }));

  await session.execute('window.__waymark.simulation.getState().setOpen(false);');
  await (await session.find('[data-testid="journey-onboarding"]')).click();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  if (pid) console.log(JSON.stringify({ measurement: 'idle memory with a journey open (after the runs above)', ...pss(pid) }));
} finally {
  await session.stop();
}
