//! The workspace catalog in the UI: loaded from the backend (the `workspace_catalog` command),
//! edited through the catalog editor (its own entries only), and handed to the core's validation
//! (`setValidationCatalog`), after which the open document's problems are worked out again so a
//! name the catalog now knows stops being reported at once.

import { create } from 'zustand';
import * as api from './api';
import type { EntryKind, WorkspaceCatalog, WorkspaceEntry } from './bindings';
import { setValidationCatalog, validate } from './core';
import { useEditorStore } from './store';
import { drawn } from './store/canvas';

export interface CatalogState {
  /** `null` until the first load. */
  catalog: WorkspaceCatalog | null;
  editorOpen: boolean;
  /** Takes the catalog the backend answers (or `reading`, a request already made). */
  load(reading?: Promise<WorkspaceCatalog>): Promise<void>;
  /** Adds or replaces an entry of the workspace's own list; resolves to the refusal, if any. */
  put(entry: WorkspaceEntry): Promise<string | null>;
  /** Changes (or renames) an entry of the workspace's own list; resolves to the refusal, if any. */
  edit(kind: EntryKind, name: string, entry: WorkspaceEntry): Promise<string | null>;
  remove(kind: EntryKind, name: string): Promise<string | null>;
  setEditorOpen(open: boolean): void;
}

export const useCatalogStore = create<CatalogState>()((set, get) => {
  /** The catalog last taken, as JSON: an answer equal to it changes nothing and redraws nothing. */
  let taken = '';
  /** Runs a catalog command and takes the catalog it answers with; resolves to the error text. */
  const apply = async (command: () => Promise<WorkspaceCatalog>): Promise<string | null> => {
    try {
      const catalog = await command();
      const text = JSON.stringify(catalog);
      if (text === taken && get().catalog) return null;
      taken = text;
      set({ catalog });
      revalidate(catalog);
      return null;
    } catch (error) {
      return api.toCommandError(error).message;
    }
  };
  return {
    catalog: null,
    editorOpen: false,
    async load(reading) {
      const problem = await apply(() => reading ?? api.workspaceCatalog());
      if (problem) useEditorStore.getState().toast('error', `The workspace catalog could not be read: ${problem}`);
    },
    put: (entry) => apply(() => api.putCatalogEntry(entry)),
    edit: (kind, name, entry) => apply(() => api.editCatalogEntry(kind, name, entry)),
    remove: (kind, name) => apply(() => api.removeCatalogEntry(kind, name)),
    setEditorOpen: (editorOpen) => set({ editorOpen }),
  };
});

/** Validates the open document again with `catalog`, so its problems list follows the catalog. */
function revalidate(catalog: WorkspaceCatalog) {
  setValidationCatalog(catalog);
  const s = useEditorStore.getState();
  if (!s.doc) return;
  const answer = validate(s.doc);
  if ('error' in answer) return;
  useEditorStore.setState({ diagnostics: answer.ok, ...(s.viewing ? {} : drawn(s, s.doc, answer.ok)) });
}
