//! What the UI asks the backend: the generated wrapper of every Tauri command (from
//! `bindings.ts`, so names and argument names come from the Rust list of commands), the progress
//! events of a running simulation, and the error helpers of `ipc.ts`.

import { listen } from '@tauri-apps/api/event';
import type { SimulationProgress } from './bindings';
import { isDesktop } from './ipc';

// Every command wrapper (and, harmlessly, every type) of the generated bindings.
export * from './bindings';
export { isCommandError, isDesktop, toCommandError } from './ipc';

/** Calls `cb` with the progress of the running simulation; resolves to the function that stops it. */
export async function onSimulationProgress(cb: (progress: SimulationProgress) => void): Promise<() => void> {
  if (isDesktop()) return listen<SimulationProgress>('simulation-progress', (event) => cb(event.payload));
  const browser = await import('./browserBackend');
  return browser.onProgress(cb);
}
