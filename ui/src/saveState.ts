//! The words the top bar gives the document being edited: "draft saved 2s ago", "unsaved
//! changes", "up to date" and the like.

import type { SaveStatus } from './store/state';
import { timeAgo } from './time';

export interface SaveState {
  /** The version the document is based on; `null` before the first commit. */
  base: number | null;
  /** The backend holds a draft for this journey. */
  hasDraft: boolean;
  saveStatus: SaveStatus;
  /** The document differs from what was last saved. */
  dirty: boolean;
  /** When the draft was last autosaved since the journey was opened or committed. */
  savedAt: number | null;
  now: number;
}

export function saveStateWords(s: SaveState): string {
  if (s.saveStatus === 'saving') return 'saving draft…';
  if (s.saveStatus === 'error') return 'draft not saved';
  if (s.dirty) return 'unsaved changes';
  if (s.savedAt !== null) return `draft saved ${timeAgo(s.savedAt, s.now)}`;
  if (s.base === null) return 'not committed yet';
  if (s.hasDraft) return 'draft restored';
  return 'up to date';
}
