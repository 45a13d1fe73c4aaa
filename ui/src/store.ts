//! The editor's state: the journey being edited (a document with undo history), what the canvas
//! draws of it, its diagnostics, its draft and versions, and the panels around it.
//!
//! The document is the source of truth. Every edit goes through `edit`, which records one undo
//! step, redraws the flow (reusing unchanged node objects), and schedules validation (150 ms) and
//! the autosave (1 s). The canvas's own state (selection, positions mid-drag) lives in the flow
//! and reaches the document when a gesture ends.

import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import * as api from './api';
import type {
  CommandError,
  Diagnostic,
  Edge,
  JourneyDocument,
  JourneySummary,
  Kind,
  KindInfo,
  Node,
  OpenedJourney,
  Position,
  Settings,
  Status,
  VersionInfo,
  VersionView,
} from './bindings';
import { pickFileToExport, pickFileToImport } from './dialogs';
import {
  addNode,
  connect,
  deleteElements,
  insertOnEdge,
  pasteFragment,
  removeDanglingEdges,
  updateNode,
  updateSettings,
  withPositions,
  type Fragment,
} from './edits';
import { journeyFromFlow, journeyToFlowLenient, problemCounts, reconcileEdges, reconcileNodes, type FlowEdge, type FlowError, type FlowNode } from './flow';
import { canRedo, canUndo, initHistory, record, redo, undo, type History } from './history';
import { registerKinds } from './kinds';
import { autoLayout } from './layout';

export type Theme = 'light' | 'dark';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  message: string;
  action?: { label: string; run: () => void };
}

/** The journey open in the editor and where its document comes from. */
export interface Current {
  id: string;
  /** The version the document is based on; `null` before the first commit. */
  base: number | null;
  latest: VersionInfo | null;
  /** True when the backend holds a draft for this journey (opened from one, or autosaved since). */
  hasDraft: boolean;
}

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface EditorState {
  kinds: KindInfo[];
  ready: boolean;
  journeys: JourneySummary[];
  showArchived: boolean;
  current: Current | null;
  doc: JourneyDocument | null;
  history: History<JourneyDocument> | null;
  /** The last document the backend has (loaded, autosaved or committed). */
  savedDoc: JourneyDocument | null;
  saveStatus: SaveStatus;
  savedAt: number | null;
  /** An old version shown read-only instead of the draft. */
  viewing: VersionView | null;
  versions: VersionInfo[];
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** What the canvas could not draw of the shown document (duplicate ids, dangling edges). */
  flowErrors: FlowError[];
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  diagnostics: Diagnostic[];
  validating: boolean;
  conflict: CommandError | null;
  historyOpen: boolean;
  commitOpen: boolean;
  paletteOpen: boolean;
  problemsOpen: boolean;
  theme: Theme;
  toasts: Toast[];
  clipboard: Fragment | null;
  pasteCount: number;
  /** Bumped to ask the canvas to fit the view once the nodes are measured. */
  fitRequest: number;
  busy: boolean;

  init(): Promise<void>;
  refreshJourneys(): Promise<void>;
  setShowArchived(show: boolean): Promise<void>;
  openJourney(id: string): Promise<void>;
  closeJourney(): Promise<void>;
  createJourney(name: string): Promise<void>;
  renameJourney(id: string, name: string): Promise<void>;
  duplicateJourney(id: string): Promise<void>;
  archiveJourney(id: string): Promise<void>;
  unarchiveJourney(id: string): Promise<void>;
  importFile(): Promise<void>;
  exportFile(id?: string): Promise<void>;

  edit(update: (doc: JourneyDocument) => JourneyDocument, key?: string): void;
  editNode(id: string, update: (node: Node) => Node, key?: string): void;
  editSettings(update: (settings: Settings) => Settings, key?: string): void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;

  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  onConnect(connection: Connection): void;
  addNodeAt(kind: Kind, position: Position, onEdge?: Edge | null): void;
  select(nodeIds: readonly string[]): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  layout(): Promise<void>;
  repairEdges(): void;
  requestFit(): void;

  validateNow(): Promise<void>;
  flushSave(): Promise<void>;
  commit(message: string): Promise<boolean>;
  reloadLatest(): Promise<void>;
  loadVersions(): Promise<void>;
  viewVersion(number: number): Promise<void>;
  backToDraft(): void;
  restoreVersion(number: number): Promise<void>;
  setVersionStatus(number: number, to: Status, note: string | null): Promise<void>;

  setHistoryOpen(open: boolean): void;
  setCommitOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setProblemsOpen(open: boolean): void;
  toggleTheme(): void;
  toast(tone: Toast['tone'], message: string, action?: Toast['action']): void;
  dismissToast(id: number): void;
}

const VALIDATE_DELAY_MS = 150;
const SAVE_DELAY_MS = 1000;
const THEME_KEY = 'waymark.theme';
const LAST_JOURNEY_KEY = 'waymark.lastJourney';

let validateTimer: ReturnType<typeof setTimeout> | undefined;
let validateSeq = 0;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let savePromise: Promise<void> | null = null;
let toastSeq = 0;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function initialTheme(): Theme {
  const saved = storage()?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  if (typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}

function errorMessage(error: unknown): string {
  return api.toCommandError(error).message;
}

export const useEditorStore = create<EditorState>()((set, get) => {
  /** The flow for `doc` with `diagnostics`, reusing what the canvas already has. */
  function drawn(doc: JourneyDocument, diagnostics: readonly Diagnostic[], fresh = false) {
    const s = get();
    const { flow, errors } = journeyToFlowLenient(doc, problemCounts(diagnostics));
    const nodes = fresh ? flow.nodes : reconcileNodes(s.nodes, flow.nodes);
    const edges = fresh ? flow.edges : reconcileEdges(s.edges, flow.edges);
    const ids = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(edges.map((e) => e.id));
    return {
      nodes,
      edges,
      flowErrors: errors,
      selectedNodeIds: fresh ? [] : s.selectedNodeIds.filter((id) => ids.has(id)),
      selectedEdgeIds: fresh ? [] : s.selectedEdgeIds.filter((id) => edgeIds.has(id)),
    };
  }

  function scheduleValidate() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => void get().validateNow(), VALIDATE_DELAY_MS);
  }

  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void get().flushSave(), SAVE_DELAY_MS);
  }

  function cancelPendingWork() {
    clearTimeout(validateTimer);
    clearTimeout(saveTimer);
    validateSeq++;
  }

  /** Shows `doc` as the document being edited, with fresh undo history. */
  function load(id: string, opened: OpenedJourney) {
    cancelPendingWork();
    const doc = opened.document;
    set({
      current: { id, base: opened.base, latest: opened.latest, hasDraft: opened.from_draft },
      doc,
      history: initHistory(doc),
      savedDoc: doc,
      saveStatus: 'idle',
      savedAt: null,
      viewing: null,
      versions: [],
      diagnostics: opened.diagnostics,
      conflict: null,
      clipboard: get().clipboard,
      pasteCount: 0,
      ...drawn(doc, opened.diagnostics, true),
      fitRequest: get().fitRequest + 1,
    });
    storage()?.setItem(LAST_JOURNEY_KEY, id);
  }

  /** Makes `doc` the present document after an undo or redo, or a new edit. */
  function present(doc: JourneyDocument, history: History<JourneyDocument>) {
    set({ doc, history, saveStatus: 'pending', ...drawn(doc, get().diagnostics) });
    scheduleValidate();
    scheduleSave();
  }

  function handleError(error: unknown) {
    const e = api.toCommandError(error);
    if (e.code === 'conflict') set({ conflict: e });
    else get().toast('error', e.message);
  }

  /** Selects exactly `ids` on the canvas (nodes), clearing edge selection. */
  function selectOnly(ids: readonly string[]) {
    const chosen = new Set(ids);
    const s = get();
    const nodes = s.nodes.map((n) => (chosen.has(n.id) === !!n.selected ? n : { ...n, selected: chosen.has(n.id) }));
    const edges = s.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
    set({ nodes, edges, selectedNodeIds: nodes.filter((n) => n.selected).map((n) => n.id), selectedEdgeIds: [] });
  }

  return {
    kinds: [],
    ready: false,
    journeys: [],
    showArchived: false,
    current: null,
    doc: null,
    history: null,
    savedDoc: null,
    saveStatus: 'idle',
    savedAt: null,
    viewing: null,
    versions: [],
    nodes: [],
    edges: [],
    flowErrors: [],
    selectedNodeIds: [],
    selectedEdgeIds: [],
    diagnostics: [],
    validating: false,
    conflict: null,
    historyOpen: false,
    commitOpen: false,
    paletteOpen: false,
    problemsOpen: true,
    theme: initialTheme(),
    toasts: [],
    clipboard: null,
    pasteCount: 0,
    fitRequest: 0,
    busy: false,

    async init() {
      try {
        const kinds = await api.nodeKinds();
        registerKinds(kinds);
        set({ kinds, ready: true });
        await get().refreshJourneys();
        const last = storage()?.getItem(LAST_JOURNEY_KEY);
        if (last && get().journeys.some((j) => j.id === last)) await get().openJourney(last);
      } catch (error) {
        set({ ready: true });
        get().toast('error', `Waymark could not start: ${errorMessage(error)}`);
      }
    },

    async refreshJourneys() {
      try {
        const journeys = await api.listJourneys(get().showArchived);
        journeys.sort((a, b) => a.name.localeCompare(b.name));
        set({ journeys });
      } catch (error) {
        handleError(error);
      }
    },

    async setShowArchived(show) {
      set({ showArchived: show });
      await get().refreshJourneys();
    },

    async openJourney(id) {
      await get().flushSave();
      set({ busy: true });
      try {
        load(id, await api.openJourney(id));
      } catch (error) {
        handleError(error);
      } finally {
        set({ busy: false });
      }
    },

    async closeJourney() {
      await get().flushSave();
      cancelPendingWork();
      set({ current: null, doc: null, history: null, savedDoc: null, viewing: null, nodes: [], edges: [], diagnostics: [], flowErrors: [], selectedNodeIds: [], selectedEdgeIds: [], conflict: null, historyOpen: false });
      storage()?.removeItem(LAST_JOURNEY_KEY);
    },

    async createJourney(name) {
      await get().flushSave();
      try {
        const opened = await api.createJourney(name);
        await get().refreshJourneys();
        load(opened.document.id, opened);
        get().toast('success', `Created “${opened.document.name}”. Drag steps from the palette to build it.`);
      } catch (error) {
        handleError(error);
      }
    },

    async renameJourney(id, name) {
      if (!name.trim()) return;
      const isCurrent = get().current?.id === id;
      if (isCurrent) await get().flushSave();
      try {
        await api.renameJourney(id, name.trim());
        await get().refreshJourneys();
        if (isCurrent) load(id, await api.openJourney(id));
      } catch (error) {
        handleError(error);
      }
    },

    async duplicateJourney(id) {
      await get().flushSave();
      try {
        const copy = await api.duplicateJourney(id);
        await get().refreshJourneys();
        await get().openJourney(copy.id);
        get().toast('success', `Duplicated as “${copy.name}”.`);
      } catch (error) {
        handleError(error);
      }
    },

    async archiveJourney(id) {
      if (get().current?.id === id) await get().closeJourney();
      try {
        await api.archiveJourney(id);
        await get().refreshJourneys();
        get().toast('info', 'Journey archived.', { label: 'Undo', run: () => void get().unarchiveJourney(id) });
      } catch (error) {
        handleError(error);
      }
    },

    async unarchiveJourney(id) {
      try {
        await api.unarchiveJourney(id);
        await get().refreshJourneys();
        get().toast('success', 'Journey restored from the archive.');
      } catch (error) {
        handleError(error);
      }
    },

    async importFile() {
      try {
        const path = await pickFileToImport();
        if (path === null) {
          if (!api.isDesktop()) get().toast('info', 'Importing files needs the desktop app; this preview has no file system.');
          return;
        }
        const saved = await api.importJourneyFile(path);
        await get().refreshJourneys();
        await get().openJourney(saved.version.journey);
        get().toast('success', saved.created ? `Imported as version ${saved.version.number}.` : `Nothing new: the file matches version ${saved.version.number}.`);
      } catch (error) {
        handleError(error);
      }
    },

    async exportFile(id) {
      const journey = id ?? get().current?.id;
      if (!journey) return;
      try {
        if (journey === get().current?.id) await get().flushSave();
        const path = await pickFileToExport(journey);
        if (path === null) {
          if (!api.isDesktop()) get().toast('info', 'Exporting files needs the desktop app; this preview has no file system.');
          return;
        }
        await api.exportJourneyFile(journey, path);
        get().toast('success', `Exported to ${path}`);
      } catch (error) {
        handleError(error);
      }
    },

    edit(update, key) {
      const s = get();
      if (!s.doc || !s.history || s.viewing) return;
      const next = update(s.doc);
      if (next === s.doc) return;
      present(next, record(s.history, next, { key, now: Date.now() }));
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
      present(history.present, history);
    },

    redo() {
      const s = get();
      if (!s.history || s.viewing || !canRedo(s.history)) return;
      const history = redo(s.history);
      present(history.present, history);
    },

    canUndo() {
      const h = get().history;
      return !!h && canUndo(h);
    },

    canRedo() {
      const h = get().history;
      return !!h && canRedo(h);
    },

    onNodesChange(changes) {
      const s = get();
      // Deleting goes through `deleteSelection` so it is one undoable document edit.
      const applicable = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
      if (applicable.length === 0) return;
      const nodes = applyNodeChanges(applicable, s.nodes);
      const patch: Partial<EditorState> = { nodes };
      if (applicable.some((c) => c.type === 'select')) patch.selectedNodeIds = nodes.filter((n) => n.selected).map((n) => n.id);
      set(patch);
      // A finished drag (or a keyboard nudge) reports positions with `dragging: false`: that is
      // the moment the move becomes one document edit.
      const finished = new Set<string>();
      for (const c of applicable) if (c.type === 'position' && c.dragging === false) finished.add(c.id);
      if (finished.size > 0) {
        const moved: Record<string, Position> = {};
        for (const n of nodes) if (finished.has(n.id)) moved[n.id] = { x: n.position.x, y: n.position.y };
        get().edit((doc) => withPositions(doc, moved));
      }
    },

    onEdgesChange(changes) {
      const applicable = changes.filter((c) => c.type === 'select');
      if (applicable.length === 0) return;
      const edges = applyEdgeChanges(applicable, get().edges);
      set({ edges, selectedEdgeIds: edges.filter((e) => e.selected).map((e) => e.id) });
    },

    onConnect(connection) {
      const { source, target, sourceHandle } = connection;
      if (!source || !target || !sourceHandle) return;
      get().edit((doc) => connect(doc, source, sourceHandle, target));
    },

    addNodeAt(kind, position, onEdge) {
      const s = get();
      if (!s.doc || s.viewing) return;
      const result = onEdge ? insertOnEdge(s.doc, kind, position, onEdge) : addNode(s.doc, kind, position);
      get().edit(() => result.doc);
      selectOnly([result.id]);
    },

    select(nodeIds) {
      selectOnly(nodeIds);
    },

    deleteSelection() {
      const s = get();
      if (!s.doc || s.viewing) return;
      const edges = s.edges.filter((e) => e.selected).map((e) => ({ from: e.source, port: e.data?.port ?? e.sourceHandle ?? '', to: e.target }));
      const nodeIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
      if (nodeIds.length === 0 && edges.length === 0) return;
      get().edit((doc) => deleteElements(doc, nodeIds, edges));
    },

    copySelection() {
      const s = get();
      const doc = s.viewing?.document ?? s.doc;
      if (!doc) return;
      // What is selected on the canvas, read back as a piece of document.
      const nodes = s.nodes.filter((n) => n.selected);
      const ids = new Set(nodes.map((n) => n.id));
      const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      const piece = journeyFromFlow({ nodes, edges }, { ...doc, nodes: [], edges: [], layout: {} });
      const fragment: Fragment | null = piece.ok && piece.value.nodes.length > 0 ? { nodes: piece.value.nodes, edges: piece.value.edges, positions: piece.value.layout.nodes ?? {} } : null;
      if (fragment) {
        set({ clipboard: fragment, pasteCount: 0 });
        get().toast('info', `Copied ${fragment.nodes.length} step${fragment.nodes.length === 1 ? '' : 's'}.`);
      }
    },

    paste() {
      const s = get();
      if (!s.doc || s.viewing || !s.clipboard) return;
      const n = s.pasteCount + 1;
      const result = pasteFragment(s.doc, s.clipboard, { x: 40 * n, y: 40 * n });
      set({ pasteCount: n });
      get().edit(() => result.doc);
      selectOnly(result.ids);
    },

    async layout() {
      const s = get();
      if (!s.doc || s.viewing) return;
      try {
        const doc = s.doc;
        const positions = await autoLayout(doc);
        if (get().doc !== doc) return; // Edited meanwhile: the layout is of an older document.
        get().edit((d) => withPositions(d, positions));
        get().requestFit();
      } catch (error) {
        get().toast('error', `Automatic layout failed: ${errorMessage(error)}`);
      }
    },

    repairEdges() {
      get().edit((doc) => removeDanglingEdges(doc));
    },

    requestFit() {
      set({ fitRequest: get().fitRequest + 1 });
    },

    async validateNow() {
      clearTimeout(validateTimer);
      const doc = get().doc;
      if (!doc) return;
      const seq = ++validateSeq;
      set({ validating: true });
      try {
        const diagnostics = await api.validateDocument(doc);
        if (seq !== validateSeq) return;
        const s = get();
        if (s.viewing || s.doc !== doc) {
          set({ diagnostics, validating: false });
          return;
        }
        set({ diagnostics, validating: false, ...drawn(doc, diagnostics) });
      } catch (error) {
        if (seq === validateSeq) set({ validating: false });
        // A document the backend cannot read at all is reported once, not on every keystroke.
        handleError(error);
      }
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
          handleError(error);
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
          commitOpen: false,
        });
        if (now.doc !== doc) scheduleSave();
        get().toast('success', saved.created ? `Committed version ${saved.version.number}.` : `No changes since version ${saved.version.number}; nothing to commit.`);
        await get().refreshJourneys();
        if (get().historyOpen) await get().loadVersions();
        return true;
      } catch (error) {
        handleError(error);
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
        load(s.current.id, await api.openJourney(s.current.id));
        get().toast('info', 'Loaded the newest version.');
      } catch (error) {
        handleError(error);
      }
    },

    async loadVersions() {
      const id = get().current?.id;
      if (!id) return;
      try {
        const versions = await api.history(id);
        if (get().current?.id === id) set({ versions });
      } catch (error) {
        handleError(error);
      }
    },

    async viewVersion(number) {
      const s = get();
      if (!s.current) return;
      await get().flushSave();
      try {
        const view = await api.openVersion(s.current.id, number);
        set({ viewing: view, ...drawn(view.document, view.diagnostics, true), fitRequest: get().fitRequest + 1 });
      } catch (error) {
        handleError(error);
      }
    },

    backToDraft() {
      const s = get();
      if (!s.viewing || !s.doc) return;
      set({ viewing: null, ...drawn(s.doc, s.diagnostics, true), fitRequest: s.fitRequest + 1 });
      scheduleValidate();
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
        load(id, await api.openJourney(id));
        await get().refreshJourneys();
        if (get().historyOpen) await get().loadVersions();
        get().toast('success', saved.created ? `Restored version ${number} as version ${saved.version.number}.` : `Version ${number} is already the newest content.`);
      } catch (error) {
        handleError(error);
      }
    },

    async setVersionStatus(number, to, note) {
      const s = get();
      if (!s.current) return;
      try {
        const t = await api.setStatus(s.current.id, number, to, note);
        await get().loadVersions();
        await get().refreshJourneys();
        const latest = get().journeys.find((j) => j.id === t.journey)?.latest ?? null;
        const current = get().current;
        if (current && current.id === t.journey) set({ current: { ...current, latest } });
        const viewing = get().viewing;
        if (viewing && viewing.info.number === number) set({ viewing: { ...viewing, info: { ...viewing.info, status: t.to } } });
        get().toast('success', `Version ${number} is now ${t.to.replace('_', ' ')}.`);
      } catch (error) {
        handleError(error);
      }
    },

    setHistoryOpen(open) {
      set({ historyOpen: open });
      if (open) void get().loadVersions();
    },
    setCommitOpen(open) {
      set({ commitOpen: open && !!get().doc && !get().viewing });
    },
    setPaletteOpen(open) {
      set({ paletteOpen: open });
    },
    setProblemsOpen(open) {
      set({ problemsOpen: open });
    },

    toggleTheme() {
      const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
      storage()?.setItem(THEME_KEY, theme);
      set({ theme });
    },

    toast(tone, message, action) {
      const id = ++toastSeq;
      set({ toasts: [...get().toasts.slice(-3), { id, tone, message, action }] });
      setTimeout(() => get().dismissToast(id), tone === 'error' ? 8000 : 4500);
    },

    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  };
});

/** The document the canvas shows: the old version being viewed, else the one being edited. */
export function shownDocument(s: EditorState): JourneyDocument | null {
  return s.viewing?.document ?? s.doc;
}

export function shownDiagnostics(s: EditorState): Diagnostic[] {
  return s.viewing?.diagnostics ?? s.diagnostics;
}
