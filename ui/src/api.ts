//! The one module that talks to the backend. Each export wraps one Tauri command with its types
//! from the generated bindings. Errors reject with a `CommandError` (`{ code, message }`); callers
//! show `message` and branch only on `code`.
//!
//! Outside the desktop shell (a plain browser, tests) there is no Tauri IPC, and calls go to the
//! in-memory fake in `fakeBackend.ts`, loaded on demand so the desktop app never loads it.

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type {
  CommandError,
  Diagnostic,
  JourneyDocument,
  JourneySummary,
  KindInfo,
  OpenedJourney,
  Report,
  Saved,
  ScenarioInfo,
  SimulationProgress,
  SimulationRequest,
  Status,
  Transition,
  VersionInfo,
  VersionView,
} from './bindings';

/** True inside the Tauri webview. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && (window as unknown as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ !== undefined;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    if (isDesktop()) return await invoke<T>(command, args);
    const fake = await import('./fakeBackend');
    return (await fake.handle(command, args)) as T;
  } catch (error) {
    throw toCommandError(error);
  }
}

/** Normalizes whatever a command rejected with into `{ code, message }`. */
export function toCommandError(error: unknown): CommandError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown };
    return { code: String(e.code), message: String(e.message) };
  }
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

export function isCommandError(error: unknown): error is CommandError {
  return !!error && typeof error === 'object' && 'code' in error && 'message' in error;
}

export const listJourneys = (includeArchived: boolean) => call<JourneySummary[]>('list_journeys', { includeArchived });
export const openJourney = (id: string) => call<OpenedJourney>('open_journey', { id });
export const validateDocument = (document: JourneyDocument) => call<Diagnostic[]>('validate_document', { document });
export const saveDraft = (document: JourneyDocument, base: number | null) => call<void>('save_draft', { document, base });
export const commitVersion = (document: JourneyDocument, base: number | null, message: string) =>
  call<Saved>('commit_version', { document, base, message });
export const discardDraft = (id: string) => call<void>('discard_draft', { id });
/** Versions, oldest first. */
export const history = (id: string) => call<VersionInfo[]>('history', { id });
export const openVersion = (id: string, number: number) => call<VersionView>('open_version', { id, number });
export const restoreVersion = (id: string, number: number) => call<Saved>('restore_version', { id, number });
export const setStatus = (id: string, number: number, to: Status, note: string | null) =>
  call<Transition>('set_status', { id, number, to, note });
export const transitions = (id: string, number: number) => call<Transition[]>('transitions', { id, number });
export const createJourney = (name: string) => call<OpenedJourney>('create_journey', { name });
export const renameJourney = (id: string, name: string) => call<void>('rename_journey', { id, name });
export const duplicateJourney = (id: string) => call<JourneySummary>('duplicate_journey', { id });
export const archiveJourney = (id: string) => call<void>('archive_journey', { id });
export const unarchiveJourney = (id: string) => call<void>('unarchive_journey', { id });
export const importJourneyFile = (path: string) => call<Saved>('import_journey_file', { path });
export const exportJourneyFile = (id: string, path: string) => call<void>('export_journey_file', { id, path });
export const nodeKinds = () => call<KindInfo[]>('node_kinds');

/** Runs a simulation; a newer run (or `cancelSimulation`) ends it early with `run.complete` false. */
export const simulate = (request: SimulationRequest) => call<Report>('simulate', { request });
export const cancelSimulation = () => call<void>('cancel_simulation');
export const scenarios = () => call<ScenarioInfo[]>('scenarios');

/** Calls `cb` with the progress of the running simulation; resolves to the function that stops it. */
export async function onSimulationProgress(cb: (progress: SimulationProgress) => void): Promise<() => void> {
  if (isDesktop()) return listen<SimulationProgress>('simulation-progress', (event) => cb(event.payload));
  const fake = await import('./fakeBackend');
  return fake.onProgress(cb);
}
