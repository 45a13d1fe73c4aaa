//! How the editor reports a backend command that failed: a stale base is a conflict, shown as the
//! banner that offers to reload; anything else is an error toast.

import * as api from '../api';
import type { GetEditorState, SetEditorState } from './state';

export function errorMessage(error: unknown): string {
  return api.toCommandError(error).message;
}

export function handleError(set: SetEditorState, get: GetEditorState, error: unknown) {
  const e = api.toCommandError(error);
  if (e.code === 'conflict') set({ conflict: e });
  else get().toast('error', e.message);
}
