// A small W3C WebDriver client and the harness that starts the real Waymark app under a private
// Xvfb display through tauri-driver (which drives WebKitWebDriver). Each test run gets its own
// display, ports and database, and stops every process it started.

import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const app = join(root, 'target/debug/waymark-desktop');
export const screenshots = join(root, 'target/e2e-screenshots');

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts Xvfb on a free display and resolves to its name, such as `:7`. */
function startXvfb(processes) {
  return new Promise((done, fail) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      detached: true,
    });
    processes.push(xvfb);
    let text = '';
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) done(`:${text.trim()}`);
    });
    xvfb.on('exit', (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
}

async function waitForServer(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** A WebDriver session on the real app. */
export class Session {
  constructor(base, id, display, processes, directory) {
    Object.assign(this, { base, id, display, processes, directory });
  }

  /**
   * Starts Xvfb, tauri-driver and the app with a fresh database (optionally seeded with the
   * examples, or prepared by `prepare(env)`), and opens a WebDriver session. The app keeps what
   * the webview stores (the last journey and its view) in its own profile directory, fresh for
   * each session unless `profile` names one to reuse. `application` and `cli` choose the binaries
   * (the debug builds by default); `environment` adds variables to the app's, and a variable given
   * as `null` is removed.
   */
  static async start({ seed = false, prepare, database: existing, profile, application = app, cli = join(root, 'target/debug/waymark'), environment = {} } = {}) {
    const processes = [];
    const directory = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
    try {
      const display = await startXvfb(processes);
      const port = await freePort();
      const nativePort = await freePort();
      const database = existing ?? join(directory, 'waymark.db');
      const data = profile ?? join(directory, 'profile');
      mkdirSync(data, { recursive: true });
      const env = {
        ...process.env,
        DISPLAY: display,
        WAYMARK_DB: database,
        WAYMARK_AUTHOR: 'e2e',
        XDG_DATA_HOME: join(data, 'data'),
        XDG_CACHE_HOME: join(data, 'cache'),
        XDG_CONFIG_HOME: join(data, 'config'),
        ...environment,
      };
      for (const [name, value] of Object.entries(env)) if (value === null) delete env[name];
      if (seed) {
        await new Promise((done, fail) => {
          const seeding = spawn(cli, ['seed'], { env, stdio: 'ignore' });
          seeding.on('exit', (code) => (code === 0 ? done() : fail(new Error(`waymark seed exited with ${code}`))));
        });
      }
      if (prepare) await prepare(env);
      const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      });
      processes.push(driver);
      const base = `http://127.0.0.1:${port}`;
      await waitForServer(`${base}/status`, 20_000);
      const started = Date.now();
      const created = await request('POST', `${base}/session`, {
        capabilities: { alwaysMatch: { 'tauri:options': { application } } },
      });
      const session = new Session(base, created.sessionId, display, processes, directory);
      session.launchedAt = started;
      session.database = database;
      session.driver = driver;
      return session;
    } catch (error) {
      stopAll(processes);
      rmSync(directory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Kills the app and everything the session started at once, as a crash or power cut would. */
  kill() {
    stopAll(this.processes, 'SIGKILL');
    rmSync(this.directory, { recursive: true, force: true });
  }

  async stop() {
    try {
      await request('DELETE', `${this.base}/session/${this.id}`);
    } catch {
      // The app may already be gone; the processes are stopped below either way.
    }
    stopAll(this.processes);
    rmSync(this.directory, { recursive: true, force: true });
  }

  command(method, path, body) {
    return request(method, `${this.base}/session/${this.id}${path}`, body);
  }

  /** Runs a script in the page and returns its value (`arguments` are the `args`). */
  execute(script, ...args) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  /** The value of `expression` over the editor's state `s` (the store the e2e build exposes). */
  state(expression) {
    return this.execute(`const s = window.__waymark.store.getState(); return ${expression};`);
  }

  /** Runs an async script: its last argument is the callback that returns the value. */
  executeAsync(script, ...args) {
    return this.command('POST', '/execute/async', { script, args });
  }

  async find(selector, { timeoutMs = 10_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const found = await this.command('POST', '/element', { using: 'css selector', value: selector });
        return new Element(this, Object.values(found)[0]);
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no element matches ${selector}: ${error.message}`);
        await sleep(100);
      }
    }
  }

  /**
   * Every element matching `selector` now. An element React removes while WebKitWebDriver is
   * collecting the matches makes it answer "stale element"; the query is then asked again.
   */
  async findAll(selector) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const found = await this.command('POST', '/elements', { using: 'css selector', value: selector });
        return found.map((element) => new Element(this, Object.values(element)[0]));
      } catch (error) {
        if (attempt >= 5 || !/stale element/i.test(error.message)) throw error;
        await sleep(50);
      }
    }
  }

  /** Whether an element matches `selector` now (asked in the page, so it is never stale). */
  async exists(selector) {
    return this.execute('return document.querySelector(arguments[0]) !== null;', selector);
  }

  /** Waits until `check` resolves to a truthy value, and returns it. */
  async until(description, check, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    for (;;) {
      try {
        last = await check();
        if (last) return last;
      } catch (error) {
        last = error;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description} (last: ${last})`);
      await sleep(100);
    }
  }

  /** Presses keys with modifiers, e.g. `keys(['Control', 'z'])`. */
  async keys(chord) {
    const codes = { Control: '\uE009', Shift: '\uE008', Alt: '\uE00A', Delete: '\uE017', Escape: '\uE00C', Enter: '\uE007', Backspace: '\uE003' };
    const values = chord.map((key) => codes[key] ?? key);
    const actions = [
      ...values.map((value) => ({ type: 'keyDown', value })),
      ...values.reverse().map((value) => ({ type: 'keyUp', value })),
    ];
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  /** Drags with real pointer events from one viewport point to another. */
  async drag(from, to, { steps = 12, stepMs = 16 } = {}) {
    const moves = [];
    for (let i = 1; i <= steps; i += 1) {
      moves.push({
        type: 'pointerMove',
        duration: stepMs,
        x: Math.round(from.x + ((to.x - from.x) * i) / steps),
        y: Math.round(from.y + ((to.y - from.y) * i) / steps),
        origin: 'viewport',
      });
    }
    await this.command('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, x: Math.round(from.x), y: Math.round(from.y), origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            ...moves,
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await this.command('DELETE', '/actions');
  }

  /**
   * Saves a PNG of the display (the window fills it) under target/e2e-screenshots/, with
   * ImageMagick's `import`: WebKitWebDriver's own screenshot call can hang for minutes. A
   * screenshot is evidence for people, not a check, so a failure to take one fails no test.
   */
  async screenshot(name) {
    mkdirSync(screenshots, { recursive: true });
    const path = join(screenshots, `${name}.png`);
    await new Promise((resolve) => {
      execFile('import', ['-display', this.display, '-window', 'root', path], { timeout: 30_000 }, (error) => {
        if (error) console.error(`screenshot ${name} not taken: ${error.message}`);
        resolve();
      });
    });
    return path;
  }
}

export class Element {
  constructor(session, id) {
    Object.assign(this, { session, id });
  }

  command(method, path, body) {
    return this.session.command(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.command('POST', '/click', {});
  }

  text() {
    return this.command('GET', '/text');
  }

  attribute(name) {
    return this.command('GET', `/attribute/${name}`);
  }

  property(name) {
    return this.command('GET', `/property/${name}`);
  }

  async clear() {
    await this.command('POST', '/clear', {});
  }

  type(text) {
    return this.command('POST', '/value', { text });
  }

  /** The centre of the element, in viewport coordinates. */
  async center() {
    const rect = await this.command('GET', '/rect');
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }
}

async function request(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 200)}`);
  }
  if (!response.ok || parsed.value?.error) {
    const error = parsed.value ?? {};
    throw new Error(`${method} ${url}: ${error.error ?? response.status}: ${error.message ?? text.slice(0, 200)}`);
  }
  return parsed.value;
}

/** Stops each process and its children (each was started as the leader of its own group). */
function stopAll(processes, signal = 'SIGTERM') {
  for (const child of processes.reverse()) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
