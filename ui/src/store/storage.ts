//! What the editor keeps in the browser's local storage across sessions: the theme, the last
//! journey open and where its canvas was. Storage may be missing (unit tests) or refused (privacy
//! settings); then nothing is remembered.

export const THEME_KEY = 'waymark.theme';
export const LAST_JOURNEY_KEY = 'waymark.lastJourney';
export const SIDEBAR_KEY = 'waymark.sidebarCollapsed';

export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Where the canvas was, per journey, so that a journey reopens as it was left. */
export interface SavedViewport {
  x: number;
  y: number;
  zoom: number;
}

const viewportKey = (journey: string) => `waymark.viewport.${journey}`;

export function savedViewport(journey: string): SavedViewport | null {
  try {
    const v = JSON.parse(storage()?.getItem(viewportKey(journey)) ?? 'null') as SavedViewport | null;
    return v && [v.x, v.y, v.zoom].every(Number.isFinite) && v.zoom > 0 ? { x: v.x, y: v.y, zoom: v.zoom } : null;
  } catch {
    return null;
  }
}

export function saveViewport(journey: string, v: SavedViewport): void {
  storage()?.setItem(viewportKey(journey), JSON.stringify({ x: Math.round(v.x), y: Math.round(v.y), zoom: Math.round(v.zoom * 1000) / 1000 }));
}
