//! How the canvas frames a journey: where the pane is not covered by the bars and controls that
//! float over it (`visibleArea`), the first view of a journey fitted into that area at zoom 1 at
//! most (`firstView`), and the padding "fit view" keeps clear of the zoom controls.

import { getNodesBounds, type FitViewOptions, type Node, type Viewport } from '@xyflow/react';

/** Around a fitted journey, in screen pixels. */
const MARGIN = 24;
/** The zoom controls float over the pane's bottom left corner. */
const CONTROLS_SPACE = 56;

export const FIT_VIEW: FitViewOptions = {
  padding: { top: `${MARGIN}px`, right: `${MARGIN}px`, bottom: `${MARGIN}px`, left: `${CONTROLS_SPACE}px` },
  maxZoom: 1,
  duration: 250,
};

/** "Zoom to selection": the selected steps large enough to read. */
export const FIT_SELECTION: FitViewOptions = {
  padding: { top: '120px', right: '120px', bottom: '120px', left: '160px' },
  maxZoom: 1.1,
  duration: 250,
};

/** A rectangle in the pane's own coordinates (what `setViewport` positions against). */
export interface Area {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What floats over the pane's top edge (banners, the compare bar) and its corners (controls, map). */
const TOP_OVERLAYS = '.wm-banners > *, .wm-compare-bar';
const LEFT_OVERLAYS = '.react-flow__controls';
const RIGHT_OVERLAYS = '.react-flow__minimap';

/** The part of the React Flow pane `el` that no floating bar or control covers. */
export function visibleArea(el: HTMLElement): Area {
  const pane = el.getBoundingClientRect();
  const container = el.parentElement ?? el;
  let top = 0;
  let left = 0;
  let right = pane.width;
  for (const over of container.querySelectorAll(TOP_OVERLAYS)) top = Math.max(top, over.getBoundingClientRect().bottom - pane.top);
  for (const over of el.querySelectorAll(LEFT_OVERLAYS)) left = Math.max(left, over.getBoundingClientRect().right - pane.left);
  for (const over of el.querySelectorAll(RIGHT_OVERLAYS)) right = Math.min(right, over.getBoundingClientRect().left - pane.left);
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, pane.height - top) };
}

/** The lowest zoom at which a card's label keeps its full on-screen size (see `nodes.tsx`). */
export const READABLE_ZOOM = 0.42;

/**
 * The viewport that shows all of `nodes` inside `area`, centred, at zoom 1 at most; or, when that
 * would take a zoom under `minZoom`, the journey's start (its top, centred or from its left edge)
 * at `minZoom`.
 */
export function firstView(nodes: readonly Node[], area: Area, minZoom = 0.05): Viewport {
  const bounds = getNodesBounds([...nodes]);
  const width = Math.max(1, area.width - 2 * MARGIN);
  const height = Math.max(1, area.height - 2 * MARGIN);
  const fit = Math.min(1, width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
  const zoom = Math.max(0.05, minZoom, fit);
  const x = bounds.width * zoom <= width ? area.left + MARGIN + (width - bounds.width * zoom) / 2 - bounds.x * zoom : area.left + MARGIN - bounds.x * zoom;
  const y = bounds.height * zoom <= height ? area.top + MARGIN + (height - bounds.height * zoom) / 2 - bounds.y * zoom : area.top + MARGIN - bounds.y * zoom;
  return { x, y, zoom };
}
