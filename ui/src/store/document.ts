//! The document slice of the editor store: the journey document being edited, its undo history,
//! its diagnostics, the autosaved draft, and commits and old versions.
//!
//! The document is the source of truth. Every edit goes through `edit`, which records one undo
//! step, validates the document with the core (synchronously: the diagnostics and the canvas's
//! problem counts change with the edit, in the same render), redraws the flow (reusing unchanged
//! node objects), and schedules the autosave (1 s).

import * as api from '../api';
import type { Diagnostic, JourneyDocument, OpenedJourney } from '../bindings';
import { statusTitle, validate } from '../core';
import { updateNode, updateSettings } from '../edits';
import { canRedo, canUndo, initHistory, record, redo, undo, type History } from '../history';
import { drawn } from './canvas';
import { handleError } from './errors';
import type { DocumentSlice, GetEditorState, SetEditorState, Slice } from './state';
import { LAST_JOURNEY_KEY, storage } from './storage';

export const createDocumentSlice: Slice<DocumentSlice> = (set, get) => ({
  current: null,
  doc: null,
  history: null,
  savedDoc: null,
  saveStatus: 'idle',
  savedAt: null,
  viewing: null,
  versions: [],
  diagnostics: [],
  conflict: null,

  edit(update, key) {
    const s = get();
    if (!s.doc || !s.history || s.viewing) return;
    const next = update(s.doc);
    if (next === s.doc) return;
    present(set, get, next, record(s.history, next, { key, now: Date.now() }));
  },

  editNode(id, update, key) {
    get().edit((doc) => updateNode(doc, id, update), key);
  },

  editSettings(update, key) {
    get().edit((doc) => updateSettings(doc, update), key);
  },

  undo() {
    const s = get();
    if (!s.history || s.viewing || !canUndo(s.history)) return;
    const history = undo(s.history);
    present(set, get, history.present, history);
  },

  redo() {
    const s = get();
    if (!s.history || s.viewing || !canRedo(s.history)) return;
    const history = redo(s.history);
    present(set, get, history.present, history);
  },

  canUndo() {
    const h = get().history;
    return !!h && canUndo(h);
  },

  canRedo() {
    const h = get().history;
    return !!h && canRedo(h);
  },

  async flushSave() {
    clearTimeout(saveTimer);
    if (savePromise) await savePromise;
    const s = get();
    if (!s.doc || !s.current) return;
    if (s.doc === s.savedDoc) {
      if (s.saveStatus === 'pending') set({ saveStatus: s.savedAt ? 'saved' : 'idle' });
      return;
    }
    const doc = s.doc;
    const current = s.current;
    set({ saveStatus: 'saving' });
    savePromise = (async () => {
      try {
        await api.saveDraft(doc, current.base);
        const now = get();
        if (now.current?.id !== current.id) return;
        set({
          savedDoc: doc,
          savedAt: Date.now(),
          saveStatus: now.doc === doc ? 'saved' : 'pending',
          current: { ...now.current, hasDraft: true },
        });
      } catch (error) {
        set({ saveStatus: 'error' });
        handleError(set, get, error);
      } finally {
        savePromise = null;
      }
    })();
    await savePromise;
  },

  async commit(message) {
    const s = get();
    if (!s.doc || !s.current || s.viewing) return false;
    // Save the draft first: the store drops a draft equal to the committed version, so no
    // older draft outlives the commit.
    await get().flushSave();
    const doc = get().doc;
    if (!doc || get().conflict) return false;
    try {
      const saved = await api.commitVersion(doc, get().current!.base, message);
      const now = get();
      set({
        current: now.current && { ...now.current, base: saved.version.number, latest: saved.version, hasDraft: now.doc !== doc },
        savedDoc: doc,
        saveStatus: now.doc === doc ? 'idle' : 'pending',
        // The committed version is the newest state now: no draft was saved since it.
        savedAt: now.doc === doc ? null : now.savedAt,
        commitOpen: false,
      });
      if (now.doc !== doc) scheduleSave(get);
      get().toast('success', saved.created ? `Committed version ${saved.version.number}.` : `No changes since version ${saved.version.number}; nothing to commit.`);
      await get().refreshJourneys();
      if (get().historyOpen) await get().loadVersions();
      return true;
    } catch (error) {
      handleError(set, get, error);
      return false;
    }
  },

  async reloadLatest() {
    const s = get();
    if (!s.current) return;
    cancelPendingWork();
    try {
      // The conflict means newer versions exist, so dropping the draft never drops the journey.
      if (s.current.hasDraft && s.current.latest) await api.discardDraft(s.current.id);
      loadDocument(set, get, s.current.id, await api.openJourney(s.current.id));
      get().toast('info', 'Loaded the newest version.');
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async loadVersions() {
    const id = get().current?.id;
    if (!id) return;
    try {
      const versions = await api.history(id);
      if (get().current?.id === id) set({ versions });
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async viewVersion(number) {
    const s = get();
    if (!s.current) return;
    await get().flushSave();
    try {
      const view = await api.openVersion(s.current.id, number);
      set({ viewing: view, ...drawn(get(), view.document, view.diagnostics, true), fitRequest: get().fitRequest + 1 });
    } catch (error) {
      handleError(set, get, error);
    }
  },

  backToDraft() {
    const s = get();
    if (!s.viewing || !s.doc) return;
    set({ viewing: null, ...drawn(s, s.doc, s.diagnostics, true), fitRequest: s.fitRequest + 1 });
  },

  async restoreVersion(number) {
    const s = get();
    if (!s.current) return;
    const id = s.current.id;
    cancelPendingWork();
    try {
      const saved = await api.restoreVersion(id, number);
      // The restored version is what the author asked to continue from, so the old draft goes.
      if (get().current?.hasDraft) await api.discardDraft(id);
      loadDocument(set, get, id, await api.openJourney(id));
      await get().refreshJourneys();
      if (get().historyOpen) await get().loadVersions();
      get().toast('success', saved.created ? `Restored version ${number} as version ${saved.version.number}.` : `Version ${number} is already the newest content.`);
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async setVersionStatus(number, to, note) {
    const s = get();
    if (!s.current) return null;
    try {
      const t = await api.setStatus(s.current.id, number, to, note);
      await get().loadVersions();
      await get().refreshJourneys();
      const latest = get().journeys.find((j) => j.id === t.journey)?.latest ?? null;
      const current = get().current;
      if (current && current.id === t.journey) set({ current: { ...current, latest } });
      const viewing = get().viewing;
      if (viewing && viewing.info.number === number) set({ viewing: { ...viewing, info: { ...viewing.info, status: t.to } } });
      get().toast('success', `Version ${number} is now ${statusTitle(t.to).toLowerCase()}.`);
      return null;
    } catch (error) {
      return api.toCommandError(error);
    }
  },
});

/** Shows `opened` as the document being edited, with fresh undo history. */
export function loadDocument(set: SetEditorState, get: GetEditorState, id: string, opened: OpenedJourney) {
  cancelPendingWork();
  const doc = opened.document;
  const diagnostics = diagnose(get, doc, opened.diagnostics);
  set({
    current: { id, base: opened.base, latest: opened.latest, hasDraft: opened.from_draft },
    doc,
    history: initHistory(doc),
    savedDoc: doc,
    saveStatus: 'idle',
    savedAt: null,
    viewing: null,
    versions: [],
    diagnostics,
    conflict: null,
    clipboard: get().clipboard,
    pasteCount: 0,
    ...drawn(get(), doc, diagnostics, true),
    fitRequest: get().fitRequest + 1,
  });
  storage()?.setItem(LAST_JOURNEY_KEY, id);
  // An open history drawer shows the versions of the journey now open, not an empty list.
  if (get().historyOpen) void get().loadVersions();
}

/** Drops the scheduled autosave. */
export function cancelPendingWork() {
  clearTimeout(saveTimer);
}

const SAVE_DELAY_MS = 1000;

let saveTimer: ReturnType<typeof setTimeout> | undefined;
let savePromise: Promise<void> | null = null;

/** Makes `doc` the present document after an undo or redo, or a new edit, with its diagnostics. */
function present(set: SetEditorState, get: GetEditorState, doc: JourneyDocument, history: History<JourneyDocument>) {
  const diagnostics = diagnose(get, doc, get().diagnostics);
  set({ doc, history, saveStatus: 'pending', diagnostics, ...drawn(get(), doc, diagnostics) });
  scheduleSave(get);
}

let unreadable: string | null = null;

/**
 * The core's diagnostics of `doc`. A document the core cannot read at all (which an edit through
 * the forms should never make) keeps `fallback` and is reported once, not on every keystroke.
 */
function diagnose(get: GetEditorState, doc: JourneyDocument, fallback: Diagnostic[]): Diagnostic[] {
  const answer = validate(doc);
  if ('ok' in answer) {
    unreadable = null;
    return answer.ok;
  }
  if (answer.error !== unreadable) get().toast('error', answer.error);
  unreadable = answer.error;
  return fallback;
}

function scheduleSave(get: GetEditorState) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => void get().flushSave(), SAVE_DELAY_MS);
}
