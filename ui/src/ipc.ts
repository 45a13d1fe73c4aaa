//! The one module that calls `invoke`. The typed wrappers of every command are generated into
//! `bindings.ts` from the Rust list of commands and call `call` here. Errors reject with a
//! `CommandError` (`{ code, message }`, `code` a generated `ErrorCode`); callers show `message`
//! and branch only on `code`.
//!
//! Outside the desktop shell (a plain browser, tests) there is no Tauri IPC, and calls go to
//! `browserBackend.ts` (in-memory storage over the real core), loaded on demand so the desktop
//! app never loads it.

import { invoke } from '@tauri-apps/api/core';
import type { CommandError } from './bindings';

/** True inside the Tauri webview. */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && (window as unknown as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__ !== undefined;
}

/** Calls a command by name; only the generated wrappers in `bindings.ts` call this. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    if (isDesktop()) return await invoke<T>(command, args);
    const browser = await import('./browserBackend');
    return (await browser.handle(command, args)) as T;
  } catch (error) {
    throw toCommandError(error);
  }
}

/** Normalizes whatever a command rejected with into `{ code, message }`. */
export function toCommandError(error: unknown): CommandError {
  if (isCommandError(error)) return { code: error.code, message: String(error.message) };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}

export function isCommandError(error: unknown): error is CommandError {
  return !!error && typeof error === 'object' && 'code' in error && 'message' in error;
}
