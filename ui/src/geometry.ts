//! The fixed geometry of a node card on the canvas. Journeys read top to bottom: a card's input
//! sits at the middle of its top edge and its output ports along its bottom edge, one labelled
//! slot each. Node components, the automatic layout and the flow conversion share it, so handles
//! sit exactly where the layout expects them and a node keeps its size whether it is drawn in full
//! or, zoomed out, as a big label.

/** The narrowest card; a card with many ports is wider, so that each port keeps its slot. */
export const NODE_WIDTH = 300;
/** The width of one port's slot along the bottom edge. */
export const PORT_WIDTH = 110;
/** The header: icon, label and one-line summary. */
export const HEAD_HEIGHT = 50;
/** The row of port labels (or, for an exit, its outcome) along the bottom edge. */
export const ROW_HEIGHT = 22;

/** Every card has the same height, so that layers of the layout line up. */
export function nodeHeight(_portCount = 1): number {
  return HEAD_HEIGHT + ROW_HEIGHT;
}

export function nodeWidth(portCount: number): number {
  return Math.max(NODE_WIDTH, portCount * PORT_WIDTH);
}

/** The horizontal centre of the i-th of `count` ports, where its source handle sits. */
export function portX(index: number, count: number): number {
  return (nodeWidth(count) * (index + 0.5)) / count;
}
