//! An in-memory stand-in for the Tauri commands, used only when the page runs outside the desktop
//! shell (a plain browser, `vite preview`, vitest). It seeds the example journeys, keeps versions,
//! drafts and review status in memory, and validates with a handful of simple rules so the
//! problems panel has something to show. It is a development aid, not a second implementation of
//! the Rust core: the desktop app never loads it.

import type {
  CommandError,
  Diagnostic,
  Edge,
  JourneyDocument,
  JourneySummary,
  KindInfo,
  Node,
  OpenedJourney,
  Saved,
  SimulationProgress,
  SimulationRequest,
  Status,
  Transition,
  VersionInfo,
  VersionView,
} from './bindings';
import { smsSegments } from './sms';
import { parseIso, isoSeconds } from './duration';
import { fakeReport, FAKE_SCENARIOS } from './fakeSimulation';

interface StoredVersion {
  info: VersionInfo;
  doc: JourneyDocument;
}

interface StoredJourney {
  id: string;
  versions: StoredVersion[];
  draft: { doc: JourneyDocument; base: number | null } | null;
  archived: boolean;
  transitions: Transition[];
}

/** A copy of the backend's kind table (`Kind::info` in Rust) so the fake can answer `node_kinds`. */
export const FAKE_KINDS: KindInfo[] = [
  { kind: 'entry', name: 'entry', description: 'How customers enter: an event, a segment, a schedule or a date attribute.', fixed_ports: ['next'], named_ports: false },
  { kind: 'wait', name: 'wait', description: 'Pause for a duration, until a local time of day, or until a date.', fixed_ports: ['next'], named_ports: false },
  { kind: 'wait_for_event', name: 'wait_for_event', description: 'Wait for one of several events, with a timeout fallback.', fixed_ports: ['timeout'], named_ports: true },
  { kind: 'branch', name: 'branch', description: 'Ordered cases on attributes, events and engagement; first match wins.', fixed_ports: ['else'], named_ports: true },
  { kind: 'split', name: 'split', description: 'Weighted random paths, sticky per customer; a path may be a holdout.', fixed_ports: [], named_ports: true },
  { kind: 'parallel', name: 'parallel', description: 'Run several paths at the same time.', fixed_ports: [], named_ports: true },
  { kind: 'message', name: 'message', description: 'Send an email, SMS, push, in-app, webhook, ads or CRM message.', fixed_ports: ['next'], named_ports: false },
  { kind: 'update', name: 'update', description: 'Set an attribute, add a tag or change the lifecycle stage.', fixed_ports: ['next'], named_ports: false },
  { kind: 'exit', name: 'exit', description: 'Leave the journey, optionally marking an outcome.', fixed_ports: [], named_ports: false },
];

const AUTHOR = 'you@example.com';

let journeys: Map<string, StoredJourney> | null = null;
let clock = Date.parse('2026-05-04T09:00:00Z');

function now(): string {
  // Real time when it runs in a page, so "saved 2s ago" reads right; the seed uses fixed times.
  return new Date(typeof window === 'undefined' ? (clock += 60_000) : Date.now()).toISOString();
}

function fail(code: string, message: string): never {
  const error: CommandError = { code, message };
  throw error;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function examples(): JourneyDocument[] {
  const modules = import.meta.glob('../../journeys/*.journey.json', { eager: true, import: 'default' });
  return Object.keys(modules)
    .sort()
    .map((path) => clone(modules[path] as JourneyDocument));
}

function seed(): Map<string, StoredJourney> {
  const map = new Map<string, StoredJourney>();
  let t = Date.parse('2026-04-01T09:00:00Z');
  const at = () => new Date((t += 3_600_000 * 7)).toISOString();
  for (const doc of examples()) {
    const stored: StoredJourney = { id: doc.id, versions: [], draft: null, archived: false, transitions: [] };
    map.set(doc.id, stored);
    const push = (d: JourneyDocument, message: string, author: string) => {
      const number = stored.versions.length + 1;
      stored.versions.push({
        info: { journey: doc.id, number, parent: number > 1 ? number - 1 : null, content_hash: hash(d), author, message, created_at: at(), status: 'draft' },
        doc: d,
      });
    };
    if (doc.id === 'onboarding') {
      // A little history to look at.
      const v1 = clone(doc);
      setDuration(v1, 'wait_2d', 'P1D');
      setDuration(v1, 'wait_3d_tips', 'P5D');
      push(v1, 'First cut of the onboarding journey', 'maya@lumen.io');
      const v2 = clone(doc);
      setDuration(v2, 'wait_3d_tips', 'P5D');
      push(v2, 'Give new signups two days before the pricing check', 'maya@lumen.io');
      push(clone(doc), 'Shorter gap before setup tips; checkout help email', 'sam@lumen.io');
      setStatus(stored, 1, 'in_review', 'maya@lumen.io');
      setStatus(stored, 1, 'approved', 'legal@lumen.io');
      setStatus(stored, 1, 'published', 'maya@lumen.io');
      setStatus(stored, 1, 'archived', 'maya@lumen.io');
      setStatus(stored, 2, 'in_review', 'maya@lumen.io');
      setStatus(stored, 2, 'approved', 'legal@lumen.io');
      setStatus(stored, 2, 'published', 'maya@lumen.io');
      setStatus(stored, 3, 'in_review', 'sam@lumen.io');
    } else {
      push(doc, 'Imported from the examples', 'seed');
    }
  }
  const big = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('big') : null;
  if (big) {
    const doc = generate(Math.max(10, Math.min(5000, Number(big) || 1000)));
    map.set(doc.id, { id: doc.id, versions: [], draft: { doc, base: null }, archived: false, transitions: [] });
  }
  return map;
}

function setDuration(doc: JourneyDocument, id: string, duration: string) {
  const node = doc.nodes.find((n) => n.id === id);
  if (node && node.kind === 'wait') node.delay = { duration };
}

function setStatus(stored: StoredJourney, number: number, to: Status, actor: string, note: string | null = null): Transition {
  const version = stored.versions.find((v) => v.info.number === number);
  if (!version) fail('unknown_version', `journey \`${stored.id}\` has no version ${number}`);
  const from = version.info.status;
  const allowed: Record<Status, Status[]> = {
    draft: ['in_review', 'archived'],
    in_review: ['approved', 'draft', 'archived'],
    approved: ['published', 'in_review', 'archived'],
    published: ['archived'],
    archived: [],
  };
  if (!allowed[from].includes(to)) fail('invalid_transition', `version ${number} of \`${stored.id}\` is ${from}; it cannot become ${to}`);
  if (to === 'published') {
    const errors = validate(version.doc).filter((d) => d.severity === 'error').length;
    if (errors > 0) fail('publish_blocked', `version ${number} of \`${stored.id}\` has ${errors} validation error(s); fix them in a new version before publishing`);
  }
  version.info = { ...version.info, status: to };
  const transition: Transition = { journey: stored.id, number, from, to, actor, note, at: now() };
  stored.transitions.push(transition);
  return transition;
}

function db(): Map<string, StoredJourney> {
  if (!journeys) journeys = seed();
  return journeys;
}

/** Forgets everything (for tests). */
export function resetFakeBackend(): void {
  journeys = null;
}

function get(id: string): StoredJourney {
  const stored = db().get(id);
  if (!stored) fail('unknown_journey', `there is no journey \`${id}\``);
  return stored;
}

function latest(stored: StoredJourney): StoredVersion | null {
  return stored.versions[stored.versions.length - 1] ?? null;
}

function summary(stored: StoredJourney): JourneySummary {
  const last = latest(stored);
  return { id: stored.id, name: (stored.draft?.doc ?? last?.doc)?.name ?? stored.id, latest: last ? clone(last.info) : null, has_draft: stored.draft !== null, archived: stored.archived };
}

function checkBase(stored: StoredJourney, base: number | null) {
  const newest = latest(stored)?.info.number ?? null;
  if (base !== newest) {
    fail(
      'conflict',
      `journey \`${stored.id}\` has moved on: you based your change on version ${base ?? 'nothing'}, but the newest is version ${newest ?? 'nothing'}; reload it and apply your change again`,
    );
  }
}

function saveVersion(stored: StoredJourney, doc: JourneyDocument, base: number | null, message: string): Saved {
  checkBase(stored, base);
  const last = latest(stored);
  if (last && hash(last.doc) === hash(doc)) return { version: clone(last.info), created: false };
  const number = (last?.info.number ?? 0) + 1;
  const info: VersionInfo = { journey: stored.id, number, parent: last?.info.number ?? null, content_hash: hash(doc), author: AUTHOR, message, created_at: now(), status: 'draft' };
  stored.versions.push({ info, doc: clone(doc) });
  return { version: clone(info), created: true };
}

function opened(stored: StoredJourney): OpenedJourney {
  const last = latest(stored);
  const doc = stored.draft?.doc ?? last?.doc;
  if (!doc) fail('unknown_journey', `journey \`${stored.id}\` has nothing to open`);
  return {
    document: clone(doc),
    base: stored.draft ? stored.draft.base : (last?.info.number ?? null),
    from_draft: stored.draft !== null,
    latest: last ? clone(last.info) : null,
    diagnostics: validate(doc),
  };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'journey';
}

function freeId(base: string): string {
  if (!db().has(base)) return base;
  for (let n = 2; ; n++) if (!db().has(`${base}-${n}`)) return `${base}-${n}`;
}

type Args = Record<string, unknown>;

// Simulation: like the desktop, a new run ends the one before it, progress arrives as events,
// and a cancelled run answers with the figures so far (`run.complete` false).

const progressListeners = new Set<(progress: SimulationProgress) => void>();
let running: { cancelled: boolean } | null = null;
const SIMULATION_STEPS = 4;
const SIMULATION_STEP_MS = 70;

export function onProgress(cb: (progress: SimulationProgress) => void): () => void {
  progressListeners.add(cb);
  return () => progressListeners.delete(cb);
}

async function simulate(request: SimulationRequest): Promise<unknown> {
  if (!request.journeys.length) fail('invalid_simulation', 'there is no journey to simulate');
  if (request.trace !== null && !/^c\d+$/.test(request.trace)) fail('invalid_simulation', `\`${request.trace}\` is not a customer id such as \`c42\``);
  if (running) running.cancelled = true;
  const run = { cancelled: false };
  running = run;
  const total = request.customers ?? FAKE_SCENARIOS.find((x) => x.name === request.scenario)?.customers ?? FAKE_SCENARIOS[0].customers;
  let step = 0;
  for (; step < SIMULATION_STEPS && !run.cancelled; step++) {
    await new Promise((resolve) => setTimeout(resolve, typeof window === 'undefined' ? 0 : SIMULATION_STEP_MS));
    if (run.cancelled) break;
    const done = Math.round((total * (step + 1)) / SIMULATION_STEPS);
    for (const cb of progressListeners) cb({ done, total });
  }
  if (running === run) running = null;
  return fakeReport(clone(request), step / SIMULATION_STEPS);
}

/** Answers one command as the Tauri shell would. */
export async function handle(command: string, args: Args = {}): Promise<unknown> {
  // Answer asynchronously, like IPC does, so that the UI never relies on synchronous replies.
  await Promise.resolve();
  const s = (key: string) => args[key] as string;
  switch (command) {
    case 'node_kinds':
      return clone(FAKE_KINDS);
    case 'list_journeys':
      return [...db().values()].filter((j) => args.includeArchived || !j.archived).map(summary);
    case 'open_journey':
      return opened(get(s('id')));
    case 'validate_document':
      return validate(args.document as JourneyDocument);
    case 'save_draft': {
      const doc = args.document as JourneyDocument;
      const base = (args.base as number | null) ?? null;
      // Like the real store: a draft's base must exist; only commits must be on the newest.
      const stored = db().get(doc.id) ?? { id: doc.id, versions: [], draft: null, archived: false, transitions: [] };
      db().set(doc.id, stored);
      if (base !== null && !stored.versions.some((v) => v.info.number === base)) fail('unknown_version', `journey \`${doc.id}\` has no version ${base}`);
      stored.draft = { doc: clone(doc), base };
      return null;
    }
    case 'commit_version': {
      const doc = args.document as JourneyDocument;
      const stored = get(doc.id);
      const saved = saveVersion(stored, doc, (args.base as number | null) ?? null, s('message'));
      stored.draft = null;
      return saved;
    }
    case 'discard_draft':
      get(s('id')).draft = null;
      return null;
    case 'history':
      return get(s('id')).versions.map((v) => clone(v.info));
    case 'open_version': {
      const stored = get(s('id'));
      const v = stored.versions.find((x) => x.info.number === args.number);
      if (!v) fail('unknown_version', `journey \`${stored.id}\` has no version ${String(args.number)}`);
      return { info: clone(v.info), document: clone(v.doc), diagnostics: validate(v.doc) } satisfies VersionView;
    }
    case 'restore_version': {
      const stored = get(s('id'));
      const v = stored.versions.find((x) => x.info.number === args.number);
      if (!v) fail('unknown_version', `journey \`${stored.id}\` has no version ${String(args.number)}`);
      stored.draft = null;
      return saveVersion(stored, v.doc, latest(stored)?.info.number ?? null, `Restore version ${v.info.number}`);
    }
    case 'set_status':
      return setStatus(get(s('id')), args.number as number, args.to as Status, AUTHOR, (args.note as string | null) ?? null);
    case 'transitions': {
      const stored = get(s('id'));
      return stored.transitions.filter((t) => t.number === args.number).map(clone);
    }
    case 'create_journey': {
      const name = s('name').trim() || 'Untitled journey';
      const id = freeId(slug(name));
      // Like the real backend: an empty journey, built from the palette.
      const doc: JourneyDocument = { format: 'waymark.journey/1', id, name, settings: { reentry: { mode: 'never' }, policies: {} }, nodes: [], edges: [], layout: {} };
      const stored: StoredJourney = { id, versions: [], draft: { doc, base: null }, archived: false, transitions: [] };
      db().set(id, stored);
      return opened(stored);
    }
    case 'rename_journey': {
      const stored = get(s('id'));
      const name = s('name').trim();
      if (stored.draft) stored.draft.doc = { ...stored.draft.doc, name };
      const last = latest(stored);
      if (last) saveVersion(stored, { ...last.doc, name }, last.info.number, `Rename to “${name}”`);
      return null;
    }
    case 'duplicate_journey': {
      const stored = get(s('id'));
      const source = latest(stored)?.doc ?? stored.draft?.doc;
      if (!source) fail('unknown_journey', `there is no journey \`${stored.id}\``);
      const id = freeId(`${stored.id}-copy`);
      const copy: StoredJourney = { id, versions: [], draft: null, archived: false, transitions: [] };
      db().set(id, copy);
      saveVersion(copy, { ...clone(source), id, name: `${source.name} (copy)` }, null, `Duplicated from ${stored.id}`);
      return summary(copy);
    }
    case 'archive_journey':
      get(s('id')).archived = true;
      return null;
    case 'unarchive_journey':
      get(s('id')).archived = false;
      return null;
    case 'scenarios':
      return clone(FAKE_SCENARIOS);
    case 'simulate':
      return simulate(args.request as SimulationRequest);
    case 'cancel_simulation':
      if (running) running.cancelled = true;
      return null;
    case 'import_journey_file':
    case 'export_journey_file':
      return fail('unsupported', 'Importing and exporting files needs the desktop app; this preview has no file system.');
    default:
      return fail('unknown_command', `the preview backend does not know \`${command}\``);
  }
}

// ---------------------------------------------------------------------------------------------
// A few validation rules, enough to exercise the problems panel. The real rules live in Rust.

function diag(code: string, severity: Diagnostic['severity'], message: string, hint: string, node: string | null, edge: Edge | null = null): Diagnostic {
  return { code, severity, message, node, edge, path: null, hint };
}

function portsOf(node: Node): string[] {
  const info = FAKE_KINDS.find((k) => k.kind === node.kind);
  const named =
    node.kind === 'branch' ? node.cases.map((c) => c.port)
    : node.kind === 'wait_for_event' ? node.events.map((e) => e.port)
    : node.kind === 'split' || node.kind === 'parallel' ? node.paths.map((p) => p.port)
    : [];
  return [...named, ...(info?.fixed_ports ?? [])];
}

export function validate(doc: JourneyDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byId = new Map<string, Node>();
  for (const n of doc.nodes) {
    if (byId.has(n.id)) out.push(diag('duplicate-node-id', 'error', `Two nodes share the id \`${n.id}\`.`, 'Rename one of them.', n.id));
    else byId.set(n.id, n);
  }
  const entries = doc.nodes.filter((n) => n.kind === 'entry');
  if (entries.length === 0) out.push(diag('missing-entry', 'error', 'The journey has no entry node, so no customer can enter it.', 'Add an entry node and connect it to the first step.', null));
  const used = new Map<string, Edge[]>();
  for (const e of doc.edges) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from) {
      out.push(diag('unknown-edge-source', 'error', `An edge starts at \`${e.from}\`, which is not a node.`, 'Remove the edge or correct its `from`.', null, e));
      continue;
    }
    if (!to) {
      out.push(diag('unknown-edge-target', 'error', `\`${e.from}\` leads to \`${e.to}\`, which is not a node.`, 'Remove the edge or correct its `to`.', e.from, e));
      continue;
    }
    if (!portsOf(from).includes(e.port)) out.push(diag('unknown-port', 'error', `\`${e.from}\` has no port \`${e.port}\`.`, 'Use one of the node’s ports.', e.from, e));
    if (to.kind === 'entry') out.push(diag('entry-has-incoming', 'error', `An edge leads into the entry \`${to.id}\`.`, 'Point the edge at the step after the entry instead.', to.id, e));
    const key = `${e.from}\u0000${e.port}`;
    used.set(key, [...(used.get(key) ?? []), e]);
  }
  for (const n of byId.values()) {
    const ports = portsOf(n);
    if (['branch', 'split', 'parallel', 'wait_for_event'].includes(n.kind) && ports.length === (n.kind === 'split' || n.kind === 'parallel' ? 0 : 1)) {
      out.push(diag('missing-cases', 'error', `\`${n.id}\` has no cases, paths or events.`, 'Add at least one case, path or event, or remove the node.', n.id));
    }
    for (const port of ports) {
      const edges = used.get(`${n.id}\u0000${port}`) ?? [];
      if (edges.length > 1) out.push(diag('port-connected-twice', 'error', `Port \`${port}\` of \`${n.id}\` leads to ${edges.length} nodes.`, 'Keep one edge per port; use a parallel node to go several ways at once.', n.id));
      if (edges.length > 0) continue;
      if (n.kind === 'branch' && port === 'else') out.push(diag('missing-else', 'error', `The \`else\` port of branch \`${n.id}\` is not connected, so customers matching no case are stuck.`, 'Connect `else` to the default path.', n.id));
      else if (n.kind === 'wait_for_event' && port === 'timeout' && !n.timeout) continue;
      else out.push(diag('unconnected-port', 'error', `Port \`${port}\` of \`${n.id}\` leads nowhere, so customers who take it are stuck.`, 'Connect the port to the next step, or to an exit.', n.id));
    }
    if (n.kind === 'wait_for_event' && !n.timeout) out.push(diag('missing-timeout', 'error', `\`${n.id}\` waits for an event with no timeout, so customers who never do it wait forever.`, 'Set a timeout such as `P3D` and connect the `timeout` port.', n.id));
    if (n.kind === 'wait' && 'duration' in n.delay) {
      const p = parseIso(n.delay.duration);
      if (p.ok && isoSeconds(p.value) <= 0) out.push(diag('non-positive-duration', 'error', `\`${n.id}\` waits for no time at all.`, 'Use a positive duration such as `PT4H` or `P3D`.', n.id));
    }
    if (n.kind === 'split' && n.paths.length > 0) {
      const sum = n.paths.reduce((s, p) => s + p.weight, 0);
      if (n.paths.some((p) => !(p.weight > 0))) out.push(diag('invalid-split-weight', 'error', `A path of split \`${n.id}\` has a weight that is not positive.`, 'Give every path a positive percentage.', n.id));
      else if (Math.abs(sum - 100) > 1e-9) out.push(diag('split-weights-not-100', 'error', `The weights of split \`${n.id}\` add up to ${sum}, not 100.`, 'Adjust the weights so they sum to exactly 100.', n.id));
    }
    if (n.kind === 'message') {
      if (!n.channel) out.push(diag('missing-channel', 'error', `Message \`${n.id}\` has no channel.`, 'Choose email, sms, push, in_app, webhook, ads or crm.', n.id));
      const c = n.content;
      if (!n.template && !(c && (c.body || c.subject || c.title)) && n.channel !== 'webhook' && n.channel !== 'ads') {
        out.push(diag('missing-content', 'error', `Message \`${n.id}\` has neither a template nor content to send.`, 'Reference a template or write the content.', n.id));
      }
      if (n.channel === 'webhook' && !/^https?:\/\//.test(n.url ?? '')) out.push(diag('missing-url', 'error', `Webhook \`${n.id}\` has no http(s) URL.`, 'Set the URL of the endpoint, starting with `https://`.', n.id));
      if (n.channel === 'ads' && !n.audience) out.push(diag('missing-audience', 'error', `Ads message \`${n.id}\` does not name an audience.`, 'Set the audience to sync the customer to.', n.id));
      if (n.channel === 'sms' && c?.body) {
        const count = smsSegments(c.body);
        const allowed = Math.max(1, n.max_segments ?? 1);
        if (count.segments > allowed) out.push(diag('sms-too-long', 'error', `The SMS \`${n.id}\` takes ${count.segments} ${count.encoding} segments; the limit is ${allowed}.`, 'Shorten the text, or raise the segment limit.', n.id));
      }
    }
  }
  // Reachability from the entries.
  const seen = new Set<string>();
  const queue = entries.map((n) => n.id);
  const next = new Map<string, string[]>();
  for (const e of doc.edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const to of next.get(id) ?? []) queue.push(to);
  }
  if (entries.length > 0) {
    for (const n of byId.values()) {
      if (!seen.has(n.id)) out.push(diag('unreachable-node', 'error', `No path from an entry reaches \`${n.id}\`, so no customer will ever get here.`, 'Connect it from an earlier step, or delete it.', n.id));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** A stable text of the document for "did anything change" (not the Rust canonical form). */
function hash(doc: JourneyDocument): string {
  return stableStringify(doc);
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A large valid journey for trying the canvas at scale (`?big=2000`). */
export function generate(size: number): JourneyDocument {
  const nodes: Node[] = [{ id: 'start', label: 'Start', kind: 'entry', trigger: { event: { name: 'signed_up' } } }];
  const edges: Edge[] = [];
  const positions: Record<string, { x: number; y: number }> = { start: { x: 0, y: 0 } };
  let prev = 'start';
  let i = 0;
  const lanes = Math.max(1, Math.round(Math.sqrt(size * 1.5)));
  while (nodes.length < size - 2) {
    const col = Math.floor(i / lanes) + 1;
    const lane = i % lanes;
    const id = `step_${i}`;
    const kind = i % 4 === 0 ? 'wait' : i % 4 === 1 ? 'message' : i % 4 === 2 ? 'update' : 'wait';
    const node: Node =
      kind === 'wait' ? { id, label: `Wait ${1 + (i % 5)} days`, kind, delay: { duration: `P${1 + (i % 5)}D` } }
      : kind === 'message' ? { id, label: `Email ${i}`, kind, channel: 'email', category: 'marketing', template: `tpl_${i}` }
      : { id, label: `Tag ${i}`, kind, changes: [{ add_tag: `t${i}` }] };
    nodes.push(node);
    positions[id] = { x: col * 280, y: lane * 130 };
    edges.push({ from: prev, port: 'next', to: id });
    prev = id;
    i++;
  }
  nodes.push({ id: 'done', label: 'Done', kind: 'exit' });
  positions.done = { x: (Math.floor(i / lanes) + 2) * 280, y: 0 };
  edges.push({ from: prev, port: 'next', to: 'done' });
  return { format: 'waymark.journey/1', id: 'load-test', name: `Load test (${size} nodes)`, settings: { reentry: { mode: 'never' }, policies: {} }, nodes, edges, layout: { nodes: positions } };
}
