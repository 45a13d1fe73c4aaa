//! How "fit view" frames a journey: clear of the palette that floats over the canvas's left edge.

import type { FitViewOptions } from '@xyflow/react';

export const FIT_VIEW: FitViewOptions = {
  padding: { top: '28px', right: '36px', bottom: '28px', left: '196px' },
  duration: 250,
};

/** "Zoom to selection": the selected steps large enough to read, clear of the palette. */
export const FIT_SELECTION: FitViewOptions = {
  padding: { top: '120px', right: '120px', bottom: '120px', left: '240px' },
  maxZoom: 1.1,
  duration: 250,
};
