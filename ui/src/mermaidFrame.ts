//! Draws Mermaid exports for the Export dialog, inside a hidden frame (`mermaid.html`).
//!
//! The app's window freezes `Object.prototype` (Tauri's `freezePrototype`), and mermaid and its
//! dependencies assign methods such as `toString` on their own prototypes, which then throws. A
//! frame has its own, unfrozen, prototypes; the dialog sends it the text and gets back the SVG.
//! Labels are the journey's own text, so mermaid runs with `securityLevel: 'strict'`.

import mermaid from 'mermaid';

/** What the dialog asks: draw `text`; the answer carries the same `id`. */
export type PictureRequest = { id: number; text: string };
/** `{ ready: true }` once the frame listens, then one answer per request. */
export type PictureAnswer = { ready: true } | { id: number; svg: string } | { id: number; error: string };

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false } });

let drawn = 0;

window.addEventListener('message', (event: MessageEvent<PictureRequest>) => {
  if (event.source !== window.parent || event.origin !== window.location.origin) return;
  const { id, text } = event.data;
  drawn += 1;
  const answer = (message: PictureAnswer) => window.parent.postMessage(message, window.location.origin);
  mermaid.render(`wm-mermaid-${drawn}`, text).then(
    ({ svg }) => answer({ id, svg }),
    (error: unknown) => answer({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});

window.parent.postMessage({ ready: true } satisfies PictureAnswer, window.location.origin);
