//! The fixed geometry of a node card on the canvas. Node components, the automatic layout and
//! the flow conversion share it, so handles sit exactly where the layout expects them and a node
//! keeps its size whether it is drawn in full or, zoomed out, as a plain box.

export const NODE_WIDTH = 216;
/** Top of the first port row, below the header (icon, label, summary). */
export const ROWS_TOP = 58;
export const ROW_HEIGHT = 22;
const BOTTOM_PADDING = 6;

/** Every node has at least one row: its ports, or (for an exit) its outcome. */
export function rowCount(portCount: number): number {
  return Math.max(1, portCount);
}

export function nodeHeight(portCount: number): number {
  return ROWS_TOP + rowCount(portCount) * ROW_HEIGHT + BOTTOM_PADDING;
}

/** The vertical centre of the i-th port row, where its source handle sits. */
export function portY(index: number): number {
  return ROWS_TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
}

/** The target handle lines up with the first port row so that straight chains draw straight edges. */
export const TARGET_Y = portY(0);
