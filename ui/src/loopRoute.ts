//! The route of an arrow that goes back up the journey (a loop, such as "wait 14 days, then ask
//! the lead score again"). A curve straight up would cut through the steps in between, so the
//! arrow leaves its port downwards, runs up beside every step in its way, on the shorter side,
//! and comes down into the top of the step it returns to.

/** A step's card on the canvas. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An SVG path, and where its label sits (halfway up its side). */
export interface Route {
  path: string;
  labelX: number;
  labelY: number;
}

/** Space kept between the route and the cards it passes. */
const GAP = 24;
/** Radius of the rounded corners. */
const RADIUS = 10;

/** Whether an arrow from a port at (`sx`, `sy`) into a step's top at (`tx`, `ty`) goes back up. */
export function goesBackUp(sy: number, ty: number): boolean {
  return ty < sy;
}

/**
 * The route from the port at (`sx`, `sy`) to the top of the step at (`tx`, `ty`), above it,
 * around `boxes` (every card on the canvas).
 */
export function loopRoute(sx: number, sy: number, tx: number, ty: number, boxes: readonly Box[]): Route {
  const low = sy + GAP;
  const high = ty - GAP;
  // The cards the upward run could cut through: those across the height it climbs.
  const across = boxes.filter((b) => b.y < low + GAP && b.y + b.height > high - GAP);
  const right = Math.max(sx, tx, ...across.map((b) => b.x + b.width)) + GAP;
  const left = Math.min(sx, tx, ...across.map((b) => b.x)) - GAP;
  const side = right - sx + (right - tx) <= sx - left + (tx - left) ? right : left;
  const points: [number, number][] = [
    [sx, sy],
    [sx, low],
    [side, low],
    [side, high],
    [tx, high],
    [tx, ty],
  ];
  return { path: rounded(points), labelX: side, labelY: (low + high) / 2 };
}

/** A path through `points` (turning at right angles) with rounded corners. */
function rounded(points: readonly [number, number][]): string {
  const [first] = points;
  let path = `M ${first[0]} ${first[1]}`;
  for (let i = 1; i < points.length - 1; i += 1) {
    const [px, py] = points[i - 1];
    const [x, y] = points[i];
    const [nx, ny] = points[i + 1];
    const r = Math.min(RADIUS, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const [ix, iy] = toward(x, y, px, py, r);
    const [ox, oy] = toward(x, y, nx, ny, r);
    path += ` L ${ix} ${iy} Q ${x} ${y} ${ox} ${oy}`;
  }
  const last = points[points.length - 1];
  return `${path} L ${last[0]} ${last[1]}`;
}

/** The point `r` away from (`x`, `y`) toward (`tx`, `ty`). */
function toward(x: number, y: number, tx: number, ty: number, r: number): [number, number] {
  const length = Math.hypot(tx - x, ty - y) || 1;
  return [x + ((tx - x) * r) / length, y + ((ty - y) * r) / length];
}
