//! The Tauri commands answered in memory, used only when the page runs outside the desktop shell
//! (a plain browser with `npm run dev`, `vite preview`, vitest). It seeds the example journeys
//! and keeps versions, drafts, review trails, archive flags and the workspace settings in
//! memory. It has no rule of its own: validation, review moves and their safeguards, the
//! simulator and the generated journey are the real core's (`core.ts`), and versions are
//! compared by the core's canonical form. The desktop app never loads it.

import type {
  CommandError,
  JourneyDocument,
  JourneySummary,
  OpenedJourney,
  Saved,
  SimulationProgress,
  SimulationRequest,
  Status,
  Transition,
  VersionInfo,
  VersionView,
  WorkspaceEntry,
  WorkspaceSettings,
} from './bindings';
import * as core from './core';

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

const AUTHOR = 'you@example.com';

let journeys: Map<string, StoredJourney> | null = null;
let settings: WorkspaceSettings = { solo_review: false };
/** The workspace catalog's own entries, events first, each kind by name (as the store keeps them). */
let catalogEntries: WorkspaceEntry[] = [];
let clock = Date.parse('2026-05-04T09:00:00Z');

function now(): string {
  // Real time when it runs in a page, so "saved 2s ago" reads right; the seed uses fixed times.
  return new Date(typeof window === 'undefined' ? (clock += 60_000) : Date.now()).toISOString();
}

function fail(code: CommandError['code'], message: string): never {
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
        info: { journey: doc.id, number, parent: number > 1 ? number - 1 : null, content_hash: contentHash(d), author, message, created_at: at(), status: 'draft', last_transition: null },
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
      setStatus(stored, 1, 'in_review', 'maya@lumen.io', 'First cut, ready for legal');
      setStatus(stored, 1, 'approved', 'legal@lumen.io', 'Consent wording checked');
      setStatus(stored, 1, 'published', 'maya@lumen.io', 'Launch');
      setStatus(stored, 1, 'archived', 'maya@lumen.io');
      setStatus(stored, 2, 'in_review', 'maya@lumen.io', 'Two days before the pricing check');
      setStatus(stored, 2, 'approved', 'legal@lumen.io', 'No new copy; fine');
      setStatus(stored, 2, 'published', 'maya@lumen.io', 'Roll out the longer wait');
      setStatus(stored, 3, 'in_review', 'sam@lumen.io', 'New checkout help email: please check the copy');
    } else {
      push(doc, 'Imported from the examples', 'seed');
    }
  }
  const big = typeof window !== 'undefined' ? new URLSearchParams(window.location.search).get('big') : null;
  if (big) {
    const doc = core.generate(Math.max(10, Math.min(5000, Number(big) || 1000)));
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
  const request = { from, to, errors: errorCount(version.doc), author: version.info.author, actor, note, solo_review: settings.solo_review };
  const refusal = core.reviewRefusal(request);
  if (refusal) fail(refusal.code, `version ${number} of \`${stored.id}\`: ${refusal.message}`);
  const transition: Transition = { journey: stored.id, number, from, to, actor, note: core.recordedNote(note), at: now() };
  version.info = { ...version.info, status: to, last_transition: transition };
  stored.transitions.push(transition);
  return clone(transition);
}

function db(): Map<string, StoredJourney> {
  if (!journeys) journeys = seed();
  return journeys;
}

/** Forgets everything (for tests). */
export function resetBrowserBackend(): void {
  journeys = null;
  settings = { solo_review: false };
  catalogEntries = [];
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
  if (last && core.canonical(last.doc) === core.canonical(doc)) return { version: clone(last.info), created: false };
  const number = (last?.info.number ?? 0) + 1;
  const info: VersionInfo = { journey: stored.id, number, parent: last?.info.number ?? null, content_hash: contentHash(doc), author: AUTHOR, message, created_at: now(), status: 'draft', last_transition: null };
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
    diagnostics: diagnostics(doc),
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

// Simulation: the core's simulator, on this thread. A run ends before the next can start, so
// there is nothing to cancel; its one progress event says it is done, like the desktop's last.

const progressListeners = new Set<(progress: SimulationProgress) => void>();

export function onProgress(cb: (progress: SimulationProgress) => void): () => void {
  progressListeners.add(cb);
  return () => progressListeners.delete(cb);
}

function simulate(request: SimulationRequest): unknown {
  const answer = core.simulate(request);
  if ('error' in answer) fail('invalid_simulation', answer.error);
  const total = answer.ok.run.customers;
  for (const cb of progressListeners) cb({ done: total, total });
  return answer.ok;
}

/** Both versions on one population, on this thread: the core's `behaviour_diff`. */
function behaviourDiff(old: JourneyDocument, next: JourneyDocument, request: SimulationRequest): unknown {
  const answer = core.behaviourDiff(old, next, request);
  if ('error' in answer) fail('invalid_simulation', answer.error);
  const total = answer.ok.customers;
  for (const cb of progressListeners) cb({ done: total, total });
  return answer.ok;
}

/** Answers one command as the Tauri shell would. */
export async function handle(command: string, args: Args = {}): Promise<unknown> {
  // Answer asynchronously, like IPC does, so that the UI never relies on synchronous replies.
  await Promise.resolve();
  const s = (key: string) => args[key] as string;
  switch (command) {
    case 'list_journeys':
      return [...db().values()].filter((j) => args.includeArchived || !j.archived).map(summary);
    case 'open_journey':
      return opened(get(s('id')));
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
      return { info: clone(v.info), document: clone(v.doc), diagnostics: diagnostics(v.doc) } satisfies VersionView;
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
    case 'workspace_settings':
      return clone(settings);
    case 'set_solo_review':
      settings = { ...settings, solo_review: args.enabled as boolean };
      return null;
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
    case 'simulate':
      return simulate(args.request as SimulationRequest);
    case 'behaviour_diff':
      return behaviourDiff(args.oldVersion as JourneyDocument, args.newVersion as JourneyDocument, args.request as SimulationRequest);
    case 'cancel_simulation':
      return null;
    case 'workspace_catalog':
      return catalog();
    case 'put_catalog_entry': {
      const entry = checkedEntry(args.entry as WorkspaceEntry);
      catalogEntries = sortEntries([...catalogEntries.filter((e) => !sameEntry(e, entry.kind, entry.name)), entry]);
      return catalog();
    }
    case 'edit_catalog_entry': {
      const entry = checkedEntry(args.entry as WorkspaceEntry);
      const kind = args.kind as WorkspaceEntry['kind'];
      if (!catalogEntries.some((e) => sameEntry(e, kind, s('name')))) fail('unknown_catalog_entry', `the workspace catalog has no ${kind} \`${s('name')}\``);
      const renamed = entry.kind !== kind || entry.name !== s('name');
      if (renamed && catalogEntries.some((e) => sameEntry(e, entry.kind, entry.name))) fail('invalid_catalog_entry', `\`${entry.name}\`: the catalog already has an ${entry.kind} of that name.`);
      catalogEntries = sortEntries([...catalogEntries.filter((e) => !sameEntry(e, kind, s('name'))), entry]);
      return catalog();
    }
    case 'remove_catalog_entry': {
      const kind = args.kind as WorkspaceEntry['kind'];
      if (!catalogEntries.some((e) => sameEntry(e, kind, s('name')))) fail('unknown_catalog_entry', `the workspace catalog has no ${kind} \`${s('name')}\``);
      catalogEntries = catalogEntries.filter((e) => !sameEntry(e, kind, s('name')));
      return catalog();
    }
    case 'import_journey_file':
    case 'export_journey_file':
      return fail('file', 'Importing and exporting files needs the desktop app; this preview has no file system.');
    default:
      throw new Error(`the browser preview does not answer \`${command}\``);
  }
}

/** The workspace catalog, merged by the core from the entries and every journey's current document. */
function catalog() {
  const current = [...db().values()].filter((j) => !j.archived).flatMap((j) => {
    const doc = j.draft?.doc ?? latest(j)?.doc;
    return doc ? [doc] : [];
  });
  return core.workspaceCatalog(catalogEntries, current);
}

/** The entry with its description trimmed, or the core's reason to refuse it. */
function checkedEntry(entry: WorkspaceEntry): WorkspaceEntry {
  const problem = core.catalogEntryProblem(entry);
  if (problem) fail('invalid_catalog_entry', problem);
  return { ...clone(entry), description: entry.description.trim() };
}

function sameEntry(entry: WorkspaceEntry, kind: WorkspaceEntry['kind'], name: string): boolean {
  return entry.kind === kind && entry.name === name;
}

function sortEntries(entries: WorkspaceEntry[]): WorkspaceEntry[] {
  return entries.sort((a, b) => (a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'event' ? -1 : 1));
}

/** The core's diagnostics of a stored document (stored documents are always readable). */
function diagnostics(doc: JourneyDocument) {
  const answer = core.validate(doc);
  if ('error' in answer) fail('corrupt', answer.error);
  return answer.ok;
}

function errorCount(doc: JourneyDocument): number {
  return diagnostics(doc).filter((d) => d.severity === 'error').length;
}

/**
 * A short digest of the document's canonical form (FNV-1a), to show where the store shows its
 * content hash. Versions are compared by the canonical text itself, as the store does.
 */
function contentHash(doc: JourneyDocument): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(core.canonical(doc))) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
