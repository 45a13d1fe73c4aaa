//! The editor store's shape, read as its API: one interface per slice (journeys, document,
//! canvas, chrome) and `EditorState`, all of them together. Every slice sees the whole store
//! through `get()`, so the types are declared here, once, rather than beside each slice, where the
//! slice modules would have to import one another's.

import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { StateCreator } from 'zustand';
import type {
  CommandError,
  Diagnostic,
  Edge,
  JourneyDocument,
  JourneySummary,
  Kind,
  Node,
  Position,
  Settings,
  Status,
  VersionInfo,
  VersionView,
  WorkspaceSettings,
} from '../bindings';
import type { Fragment } from '../edits';
import type { FlowEdge, FlowError, FlowNode } from '../flow';
import type { History } from '../history';

export type EditorState = JourneysSlice & DocumentSlice & CanvasSlice & ChromeSlice;

/** A function that builds one slice of the editor store, seeing the whole of it. */
export type Slice<T> = StateCreator<EditorState, [], [], T>;
export type SetEditorState = Parameters<Slice<unknown>>[0];
export type GetEditorState = Parameters<Slice<unknown>>[1];

/**
 * The journey list in the sidebar, opening, creating, renaming and archiving journeys, and the
 * workspace settings the sidebar's foot shows.
 */
export interface JourneysSlice {
  /** The journey list has been asked for once (the editor can show what it has). */
  ready: boolean;
  journeys: JourneySummary[];
  showArchived: boolean;
  busy: boolean;
  /** The settings of the whole workspace; `null` until loaded. */
  workspace: WorkspaceSettings | null;

  /**
   * Reads the journey list, the workspace settings and the journey last open, all at once; the
   * last journey is shown once `whenReady` has resolved (in the app: the WebAssembly core is
   * loaded and holds the workspace catalog, so the journey's problems include its warnings).
   */
  init(whenReady?: Promise<void>): Promise<void>;
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
  loadWorkspaceSettings(): Promise<void>;
  /** Whether the author of a version may approve it (a workspace of one). */
  setSoloReview(enabled: boolean): Promise<void>;
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

/**
 * The document being edited: its undo history, its diagnostics, the autosaved draft, committed
 * versions and the old version shown read-only.
 */
export interface DocumentSlice {
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
  /** The core's diagnostics of `doc`, updated with every edit. */
  diagnostics: Diagnostic[];
  conflict: CommandError | null;

  edit(update: (doc: JourneyDocument) => JourneyDocument, key?: string): void;
  editNode(id: string, update: (node: Node) => Node, key?: string): void;
  editSettings(update: (settings: Settings) => Settings, key?: string): void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;

  flushSave(): Promise<void>;
  commit(message: string): Promise<boolean>;
  reloadLatest(): Promise<void>;
  loadVersions(): Promise<void>;
  viewVersion(number: number): Promise<void>;
  backToDraft(): void;
  restoreVersion(number: number): Promise<void>;
  /**
   * Moves a version through review with a note. Resolves to `null` once it moved, else to the
   * error (a refusal of review, with its code), which the caller shows where the note was asked.
   */
  setVersionStatus(number: number, to: Status, note: string | null): Promise<CommandError | null>;
}

/** What the canvas draws of the shown document, its selection, the clipboard and the layout. */
export interface CanvasSlice {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** What the canvas could not draw of the shown document (duplicate ids, dangling edges). */
  flowErrors: FlowError[];
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  clipboard: Fragment | null;
  pasteCount: number;
  /** Bumped to ask the canvas to fit the view once the nodes are measured. */
  fitRequest: number;
  /**
   * How the next fit frames the journey: all of it (`whole`), or, when the canvas has become too
   * short for that to be readable (the simulation dock opened), its start at a readable zoom.
   */
  fitMode: FitMode;

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
  requestFit(mode?: FitMode): void;
}

export type FitMode = 'whole' | 'readable';

export type Theme = 'light' | 'dark';

export interface Toast {
  id: number;
  tone: 'info' | 'success' | 'error';
  message: string;
  action?: { label: string; run: () => void };
}

/** The window around the canvas: theme, toasts, dialogs and which panels are open. */
export interface ChromeSlice {
  historyOpen: boolean;
  commitOpen: boolean;
  paletteOpen: boolean;
  problemsOpen: boolean;
  /** The inspector shows even with nothing selected (the journey's settings), once asked for. */
  inspectorOpen: boolean;
  /** The journey list folded away (remembered across sessions). */
  sidebarCollapsed: boolean;
  theme: Theme;
  toasts: Toast[];

  setHistoryOpen(open: boolean): void;
  setCommitOpen(open: boolean): void;
  setPaletteOpen(open: boolean): void;
  setProblemsOpen(open: boolean): void;
  setInspectorOpen(open: boolean): void;
  setSidebarCollapsed(collapsed: boolean): void;
  toggleTheme(): void;
  toast(tone: Toast['tone'], message: string, action?: Toast['action']): void;
  dismissToast(id: number): void;
}
