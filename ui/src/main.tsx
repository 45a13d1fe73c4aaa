//! Entry point: loads the core (WebAssembly), then mounts the app. In the development server and
//! in the end-to-end build only, it also exposes the stores as `window.__waymark`.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './compare.css';
import * as api from './api';
import { useCatalogStore } from './catalogStore';
import { App } from './components/App';
import { useCompareStore } from './compareStore';
import * as core from './core';
import { useSimulationStore } from './simulationStore';
import { useEditorStore } from './store';

declare global {
  interface Window {
    __waymark?: {
      store: typeof useEditorStore;
      /** The simulation panel's store. */
      simulation: typeof useSimulationStore;
      /** Compare mode's store. */
      compare: typeof useCompareStore;
      /** The WebAssembly core, for measuring it where users meet it. */
      core: typeof core;
      /** The canvas's viewport, for performance measurements; set once the canvas mounts. */
      viewport?: { get(): { x: number; y: number; zoom: number }; set(v: { x: number; y: number; zoom: number }): void };
    };
  }
}

// End-to-end tests and measurement scripts read the editor's state through this. It exists only
// in the development server and in the build they use (`vite build --mode e2e`): the condition is
// constant at build time, so the app users run contains neither the branch nor the name.
if (import.meta.env.DEV || import.meta.env.MODE === 'e2e') {
  window.__waymark = { store: useEditorStore, simulation: useSimulationStore, compare: useCompareStore, core };
}

// Apply the theme before the first paint, so a dark-theme user never sees a light flash.
document.documentElement.dataset.theme = useEditorStore.getState().theme;

const root = document.getElementById('root')!;
try {
  // Validation, the kind table and every other rule the editor applies are the core's: nothing
  // renders before it is there.
  // Start-up reads the workspace while the core loads. The last journey is shown once the core
  // has the workspace catalog, so its problems come with the catalog's warnings from the start.
  const reading = api.workspaceCatalog();
  // A failed read is told by the catalog store, which takes the answer once the core is there.
  reading.then(() => performance.mark('waymark:catalog-received'), () => undefined);
  const coreReady = core.initCore().then(() => performance.mark('waymark:core-ready'));
  void useEditorStore.getState().init(coreReady.then(() => useCatalogStore.getState().load(reading)));
  await coreReady;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  root.textContent = `Waymark could not load its core: ${error instanceof Error ? error.message : String(error)}`;
}
