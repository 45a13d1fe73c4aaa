// Entry point: mounts the app and exposes the editor store for end-to-end tests.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './components/App';
import { useSimulationStore } from './simulationStore';
import { useEditorStore } from './store';

declare global {
  interface Window {
    __waymark?: {
      store: typeof useEditorStore;
      /** The simulation panel's store. */
      simulation: typeof useSimulationStore;
      /** The canvas's viewport, for performance measurements; set once the canvas mounts. */
      viewport?: { get(): { x: number; y: number; zoom: number }; set(v: { x: number; y: number; zoom: number }): void };
    };
  }
}

// End-to-end tests read the editor's state through this, in development and release builds alike.
window.__waymark = { store: useEditorStore, simulation: useSimulationStore };

// Apply the theme before the first paint, so a dark-theme user never sees a light flash.
document.documentElement.dataset.theme = useEditorStore.getState().theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
