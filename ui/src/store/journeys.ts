//! The journeys slice of the editor store: start-up (the journey list, the workspace settings and
//! the journey last open), the sidebar's list, and opening, closing, creating, renaming,
//! duplicating, archiving, importing and exporting journeys.

import * as api from '../api';
import { cancelPendingWork, loadDocument } from './document';
import { errorMessage, handleError } from './errors';
import type { JourneysSlice, Slice } from './state';
import { LAST_JOURNEY_KEY, storage } from './storage';

export const createJourneysSlice: Slice<JourneysSlice> = (set, get) => ({
  ready: false,
  journeys: [],
  showArchived: false,
  busy: false,
  workspace: null,

  async init(whenReady = Promise.resolve()) {
    try {
      // Everything start-up reads is asked for at once, while the core (WebAssembly) loads: the
      // journey list, the workspace settings and the journey last open. The last journey is read
      // before the list says it still exists, and dropped if it does not.
      const last = storage()?.getItem(LAST_JOURNEY_KEY) ?? null;
      const reading = last
        ? api.openJourney(last).then(
            (opened) => (performance.mark('waymark:journey-received'), { opened }),
            (error: unknown) => ({ error }),
          )
        : null;
      await Promise.all([get().refreshJourneys(), get().loadWorkspaceSettings()]);
      performance.mark('waymark:journeys-listed');
      const read = await reading;
      await whenReady;
      set({ ready: true });
      // Opened meanwhile from the list, or archived since: the journey stays closed.
      if (!read || !get().journeys.some((j) => j.id === last) || get().current) return;
      performance.mark('waymark:journey-read');
      if ('error' in read) return handleError(set, get, read.error);
      loadDocument(set, get, last!, read.opened);
      performance.mark('waymark:journey-loaded');
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
      handleError(set, get, error);
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
      const opened = await api.openJourney(id);
      performance.mark('waymark:journey-read');
      loadDocument(set, get, id, opened);
      performance.mark('waymark:journey-loaded');
    } catch (error) {
      handleError(set, get, error);
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
      loadDocument(set, get, opened.document.id, opened);
      get().toast('success', `Created “${opened.document.name}”. Drag steps from the palette to build it.`);
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async renameJourney(id, name) {
    if (!name.trim()) return;
    const isCurrent = get().current?.id === id;
    if (isCurrent) await get().flushSave();
    try {
      await api.renameJourney(id, name.trim());
      await get().refreshJourneys();
      if (isCurrent) loadDocument(set, get, id, await api.openJourney(id));
    } catch (error) {
      handleError(set, get, error);
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
      handleError(set, get, error);
    }
  },

  async archiveJourney(id) {
    if (get().current?.id === id) await get().closeJourney();
    try {
      await api.archiveJourney(id);
      await get().refreshJourneys();
      get().toast('info', 'Journey archived.', { label: 'Undo', run: () => void get().unarchiveJourney(id) });
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async unarchiveJourney(id) {
    try {
      await api.unarchiveJourney(id);
      await get().refreshJourneys();
      get().toast('success', 'Journey restored from the archive.');
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async importFile() {
    if (!api.isDesktop()) {
      get().toast('info', 'Importing files needs the desktop app; this preview has no file system.');
      return;
    }
    try {
      // The desktop side opens the native dialog: the webview never names a path.
      const saved = await api.importJourneyFile();
      if (saved === null) return;
      await get().refreshJourneys();
      await get().openJourney(saved.version.journey);
      get().toast('success', saved.created ? `Imported as version ${saved.version.number}.` : `Nothing new: the file matches version ${saved.version.number}.`);
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async exportFile(id) {
    const journey = id ?? get().current?.id;
    if (!journey) return;
    if (!api.isDesktop()) {
      get().toast('info', 'Exporting files needs the desktop app; this preview has no file system.');
      return;
    }
    try {
      if (journey === get().current?.id) await get().flushSave();
      const path = await api.exportJourneyFile(journey);
      if (path !== null) get().toast('success', `Exported to ${path}`);
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async loadWorkspaceSettings() {
    try {
      set({ workspace: await api.workspaceSettings() });
    } catch (error) {
      handleError(set, get, error);
    }
  },

  async setSoloReview(enabled) {
    try {
      await api.setSoloReview(enabled);
      await get().loadWorkspaceSettings();
      get().toast('info', enabled ? 'Solo review is on: authors may approve their own versions.' : 'Solo review is off: approving a version needs someone other than its author.');
    } catch (error) {
      handleError(set, get, error);
    }
  },
});
