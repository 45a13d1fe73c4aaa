//! The chrome slice of the editor store: the window around the canvas. The theme (remembered
//! across sessions), toasts, the commit dialog, and which of the history drawer, the palette and
//! the problems dock are open, whether the inspector shows with nothing selected, and whether the
//! journey list is folded away (remembered).

import type { ChromeSlice, Slice, Theme } from './state';
import { SIDEBAR_KEY, storage, THEME_KEY } from './storage';

export const createChromeSlice: Slice<ChromeSlice> = (set, get) => ({
  historyOpen: false,
  commitOpen: false,
  paletteOpen: false,
  problemsOpen: true,
  inspectorOpen: false,
  sidebarCollapsed: storage()?.getItem(SIDEBAR_KEY) === '1',
  theme: initialTheme(),
  toasts: [],

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
  setInspectorOpen(open) {
    set({ inspectorOpen: open });
  },
  setSidebarCollapsed(collapsed) {
    storage()?.setItem(SIDEBAR_KEY, collapsed ? '1' : '0');
    set({ sidebarCollapsed: collapsed });
  },

  toggleTheme() {
    const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
    storage()?.setItem(THEME_KEY, theme);
    set({ theme });
  },

  toast(tone, message, action) {
    const id = ++toastSeq;
    // The same message again replaces the earlier one, and at most three are shown at once.
    const others = get().toasts.filter((t) => t.message !== message);
    set({ toasts: [...others.slice(-(MAX_TOASTS - 1)), { id, tone, message, action }] });
    setTimeout(() => get().dismissToast(id), tone === 'error' ? 8000 : 4500);
  },

  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
});

let toastSeq = 0;

/** How many toasts are shown at once. */
export const MAX_TOASTS = 3;

/** The theme saved last time, else the system's preference. */
function initialTheme(): Theme {
  const saved = storage()?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  if (typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}
