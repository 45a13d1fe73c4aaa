//! The editor's state (zustand): the journey being edited (a document with undo history), what
//! the canvas draws of it, its diagnostics, its draft and versions, and the panels around it.
//!
//! One store made of four slices, each in its own module: `journeys` (the sidebar's list, opening
//! and managing journeys), `document` (the document, undo, validation, autosave, commits and
//! versions), `canvas` (nodes and edges, selection, clipboard, layout) and `chrome` (theme,
//! toasts, dialogs, panels). Their types are in `state`. The document is the source of truth:
//! every edit records one undo step, is validated by the core at once, redraws the flow, and
//! schedules the autosave.

import { create } from 'zustand';
import type { Diagnostic, JourneyDocument } from '../bindings';
import { createCanvasSlice } from './canvas';
import { createChromeSlice } from './chrome';
import { createDocumentSlice } from './document';
import { createJourneysSlice } from './journeys';
import type { EditorState } from './state';

export type { CanvasSlice, ChromeSlice, Current, DocumentSlice, EditorState, JourneysSlice, SaveStatus, Theme, Toast } from './state';

export const useEditorStore = create<EditorState>()((...a) => ({
  ...createJourneysSlice(...a),
  ...createDocumentSlice(...a),
  ...createCanvasSlice(...a),
  ...createChromeSlice(...a),
}));

/** The document the canvas shows: the old version being viewed, else the one being edited. */
export function shownDocument(s: EditorState): JourneyDocument | null {
  return s.viewing?.document ?? s.doc;
}

/**
 * The name the journey list gives a journey: for the open one, the name being edited (the
 * stored summary changes only with the next save), else the stored one.
 */
export function journeyName(s: EditorState, journey: { id: string; name: string }): string {
  return s.current?.id === journey.id && s.doc ? s.doc.name : journey.name;
}

export function shownDiagnostics(s: EditorState): Diagnostic[] {
  return s.viewing?.diagnostics ?? s.diagnostics;
}
