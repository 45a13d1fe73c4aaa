//! The chrome slice of the editor store: the window around the canvas. The theme (remembered
//! across sessions), toasts, the commit dialog, and which of the history drawer, the palette and
//! the problems dock are open.

import type { ChromeSlice, Slice, Theme } from './state';
import { storage, THEME_KEY } from './storage';

export const createChromeSlice: Slice<ChromeSlice> = (set, get) => ({
  historyOpen: false,
  commitOpen: false,
  paletteOpen: false,
  problemsOpen: true,
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
});

let toastSeq = 0;

/** The theme saved last time, else the system's preference. */
function initialTheme(): Theme {
  const saved = storage()?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  if (typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}
