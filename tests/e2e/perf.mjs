// Measures the real app, not a pass/fail test: time from launch to an interactive canvas, and
// frame times while panning and dragging a node on generated 500- and 2,000-node journeys.
// Run with `node tests/e2e/perf.mjs` after `cargo build -p waymark-cli -p waymark-desktop`;
// it prints one JSON line per measurement.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, root } from './driver.mjs';

const waymark = join(root, 'target/debug/waymark');

/** Collects frame intervals with requestAnimationFrame until `stop` is called in the page. */
const startRecorder = `
  window.__frames = [];
  let last = performance.now();
  window.__recording = true;
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

function summary(frames) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const total = frames.reduce((a, b) => a + b, 0);
  return {
    frames: frames.length,
    fps: Math.round((1000 * frames.length) / total),
    p50_ms: Number(at(0.5).toFixed(2)),
    p95_ms: Number(at(0.95).toFixed(2)),
    max_ms: Number(sorted[sorted.length - 1].toFixed(2)),
  };
}

async function record(session, gesture) {
  await session.execute(startRecorder);
  await gesture();
  await session.execute('window.__recording = false;');
  const frames = await session.execute('return window.__frames.slice(2);');
  return summary(frames);
}

/**
 * Moves things frame by frame from inside the page, so the figure is the app's own rendering
 * cost without the WebDriver round trip of each synthetic pointer event.
 */
function scripted(setup, step) {
  return `
    const done = arguments[arguments.length - 1];
    ${setup}
    const frames = [];
    let last = performance.now();
    let i = 0;
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      i += 1;
      ${step}
      if (i < 120) requestAnimationFrame(tick); else done(frames.slice(2));
    };
    requestAnimationFrame(tick);
  `;
}

const scriptedPan = scripted(
  'const viewport = window.__waymark.viewport; const start = viewport.get();',
  'viewport.set({ x: start.x - i * 6, y: start.y - i * 3, zoom: start.zoom });',
);

const scriptedDrag = scripted(
  'const store = window.__waymark.store; const node = store.getState().nodes[0];',
  `const position = { x: node.position.x + i * 2, y: node.position.y + i };
   store.getState().onNodesChange([{ id: node.id, type: 'position', position, dragging: i < 120 }]);`,
);

async function measure(nodes) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-perf-'));
  const file = join(dir, `generated-${nodes}.journey.json`);
  writeFileSync(file, execFileSync(waymark, ['generate', String(nodes)]));
  const session = await Session.start({
    prepare: (env) => execFileSync(waymark, ['import', file], { env }),
  });
  try {
    await session.find('[data-testid="journey-list"]', { timeoutMs: 30_000 });
    const ready = Date.now() - session.launchedAt;
    console.log(JSON.stringify({ measurement: 'launch to journey list', ms: ready }));
    const opened = Date.now();
    await (await session.find(`[data-testid="journey-generated-${nodes}"]`)).click();
    await session.find('.react-flow__node', { timeoutMs: 60_000 });
    console.log(JSON.stringify({ measurement: `open ${nodes}-node journey to first node drawn`, ms: Date.now() - opened }));
    const pane = await (await session.find('.react-flow__pane')).center();
    const pan = await record(session, () =>
      session.drag(pane, { x: pane.x - 400, y: pane.y - 200 }, { steps: 60, stepMs: 16 }),
    );
    console.log(JSON.stringify({ measurement: `pan ${nodes} nodes`, ...pan }));
    const zoom = await record(session, async () => {
      for (let i = 0; i < 20; i += 1) {
        await session.command('POST', '/actions', {
          actions: [{ type: 'wheel', id: 'wheel', actions: [{ type: 'scroll', x: Math.round(pane.x), y: Math.round(pane.y), deltaX: 0, deltaY: i < 10 ? -120 : 120, duration: 16 }] }],
        });
      }
    });
    console.log(JSON.stringify({ measurement: `zoom ${nodes} nodes`, ...zoom }));
    // A step well inside the pane (after the zoom, the first one in the page may be off screen).
    const node = await session.execute(`
      const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
      for (const el of document.querySelectorAll('.react-flow__node')) {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (x > pane.left + 40 && x < pane.right - 300 && y > pane.top + 40 && y < pane.bottom - 160) return { x: Math.round(x), y: Math.round(y) };
      }
      return null;`);
    if (node) {
      const drag = await record(session, () =>
        session.drag(node, { x: node.x + 240, y: node.y + 120 }, { steps: 60, stepMs: 16 }),
      );
      console.log(JSON.stringify({ measurement: `drag one node among ${nodes}`, ...drag }));
    }
    const pan2 = summary(await session.executeAsync(scriptedPan));
    console.log(JSON.stringify({ measurement: `scripted pan ${nodes} nodes (in-page, 120 frames)`, ...pan2 }));
    const drag2 = summary(await session.executeAsync(scriptedDrag));
    console.log(JSON.stringify({ measurement: `scripted drag of one node among ${nodes} (in-page, 120 frames)`, ...drag2 }));
    await session.screenshot(`perf-${nodes}`);
  } finally {
    await session.stop();
  }
}

for (const nodes of [100, 500, 2000]) {
  await measure(nodes);
}
