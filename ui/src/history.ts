//! Undo and redo over immutable snapshots. Every document edit records one snapshot; edits that
//! share a key within a short window (typing into one field) replace the newest snapshot instead,
//! so one undo takes back one gesture, not one keystroke. The clock is passed in.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The coalescing key of the newest entry, and when it was last extended. */
  lastKey: string | null;
  lastAt: number;
}

export interface RecordOptions {
  /** Edits with the same key within `windowMs` of each other become one undo step. */
  key?: string;
  now: number;
  windowMs?: number;
  /** The most snapshots kept in `past`. */
  limit?: number;
}

export const COALESCE_WINDOW_MS = 1000;
const DEFAULT_LIMIT = 300;

export function initHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/** Records `next` as the new present; a redo branch is dropped. */
export function record<T>(h: History<T>, next: T, options: RecordOptions): History<T> {
  if (next === h.present) return h;
  const window = options.windowMs ?? COALESCE_WINDOW_MS;
  const key = options.key ?? null;
  if (key !== null && key === h.lastKey && options.now - h.lastAt <= window && h.past.length > 0) {
    return { past: h.past, present: next, future: [], lastKey: key, lastAt: options.now };
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  const past = h.past.length >= limit ? [...h.past.slice(h.past.length - limit + 1), h.present] : [...h.past, h.present];
  return { past, present: next, future: [], lastKey: key, lastAt: options.now };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  const present = h.past[h.past.length - 1];
  return { past: h.past.slice(0, -1), present, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  const [present, ...future] = h.future;
  return { past: [...h.past, h.present], present, future, lastKey: null, lastAt: 0 };
}
