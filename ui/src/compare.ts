//! Compare mode's pure part: the two sides being compared (a version or the draft, the newer one
//! drawn; and the version a publish is compared with), what the canvas draws of their diff, and
//! the diff's figures and values in words for the panels. The diff itself is the core's
//! (`core.diff`); nothing here decides what changed, only how it is shown.
//!
//! The canvas draws the newer document with a mark on each node the diff names (added, changed,
//! retyped, or only moved) and on each connection that is new or now leads elsewhere. Removed
//! nodes are drawn as ghosts at their old positions (nudged down when a node of the newer version
//! sits there now), and connections that went away are drawn dashed, where both of their ends are
//! on the canvas.

import type { Condition, EdgeDiff, JourneyDiff, JourneyDocument, JsonValue, NodeChange, Position, Sentence, VersionInfo } from './bindings';
import { duration } from './core';
import { edgeId, journeyToFlowLenient, type EdgeMark, type FlowEdge, type FlowNode, type NodeMark } from './flow';
import { describeCondition, fmtNumber } from './model';

// Sides ---------------------------------------------------------------------------------------

/** One side of a comparison: a committed version by number, or the draft being edited. */
export type Side = number | 'draft';

/** `v3`, `Draft`. */
export function sideLabel(side: Side): string {
  return side === 'draft' ? 'Draft' : `v${side}`;
}

/** `version 3`, `the draft`, for sentences. */
export function sideWords(side: Side): string {
  return side === 'draft' ? 'the draft' : `version ${side}`;
}

/** The two sides older first: versions by number, the draft after every version. */
export function orderSides(a: Side, b: Side): [Side, Side] {
  return rank(a) <= rank(b) ? [a, b] : [b, a];
}

function rank(side: Side): number {
  return side === 'draft' ? Number.POSITIVE_INFINITY : side;
}

/** A side as a form value (`draft`, `3`) and back. */
export function sideKey(side: Side): string {
  return String(side);
}

export function parseSide(key: string): Side {
  return key === 'draft' ? 'draft' : Number(key);
}

/** What a version about to be published is compared with. */
export interface PublishBaseline {
  /** The version compared with, or `null` when there is none (the first version). */
  number: number | null;
  /** Why that one, in words. */
  words: string;
}

/** The version live now if another one is, else the previous version, else none. */
export function publishBaseline(versions: readonly VersionInfo[], number: number): PublishBaseline {
  const live = versions.find((v) => v.status === 'published' && v.number !== number);
  if (live) return { number: live.number, words: `Compared with version ${live.number}, the version published now, which this one replaces.` };
  const previous = [...versions].filter((v) => v.number < number).sort((a, b) => b.number - a.number)[0];
  if (previous) return { number: previous.number, words: `No version is published yet: compared with version ${previous.number}, the previous version.` };
  return { number: null, words: 'No version is published yet and this is the first version: everything in it is new.' };
}

// Marks ---------------------------------------------------------------------------------------

export type { EdgeMark, NodeMark };

const NODE_MARK: Record<NodeChange, NodeMark> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  retyped: 'retyped',
  layout_only: 'moved',
};

/** What a mark is called on the canvas and in the legend. */
export const MARK_LABEL: Record<NodeMark | EdgeMark, string> = {
  added: 'Added',
  changed: 'Changed',
  retyped: 'Retyped',
  removed: 'Removed',
  moved: 'Moved',
  rewired: 'Rewired',
};

/** The mark of every node the diff names, by id. */
export function nodeMarks(diff: JourneyDiff): Map<string, NodeMark> {
  return new Map(diff.nodes.map((n) => [n.id, NODE_MARK[n.change]]));
}

/** The flow compare mode draws: the newer document marked, with the older one's ghosts. */
export interface CompareFlow {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Free space kept between a ghost and a node of the newer version. */
export const GHOST_GAP = 24;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a ghost of size `size` goes: at `at`, its old position, unless a node of the newer version
 * (`occupied`) is there now; then straight down, below whatever it would overlap, so the ghost
 * never hides a node and stays in its old column.
 */
export function placeGhost(at: Position, size: { width: number; height: number }, occupied: readonly Box[]): Position {
  let y = at.y;
  // Each step moves below one box, so there are at most as many steps as boxes.
  for (let i = 0; i <= occupied.length; i++) {
    const box = { x: at.x, y, width: size.width, height: size.height };
    const hit = occupied.find((o) => overlaps(box, o, GHOST_GAP));
    if (!hit) break;
    y = hit.y + hit.height + GHOST_GAP;
  }
  return { x: at.x, y };
}

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function box(n: FlowNode): Box {
  return { x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 };
}

/**
 * The canvas of a comparison: `next` drawn with the marks of `diff` (the diff of `old` to `next`),
 * the nodes `old` had and `next` lacks as ghosts, and the connections `old` had that `next` lost
 * (removed, or the old target of a rewired port) drawn dashed.
 */
export function compareFlow(old: JourneyDocument, next: JourneyDocument, diff: JourneyDiff): CompareFlow {
  const marks = nodeMarks(diff);
  const { flow } = journeyToFlowLenient(next);
  const nodes: FlowNode[] = flow.nodes.map((n) => {
    const mark = marks.get(n.id);
    return mark ? { ...n, data: { ...n.data, mark } } : n;
  });
  const occupied = nodes.map(box);
  const removed = new Set(diff.nodes.filter((n) => n.change === 'removed').map((n) => n.id));
  const before = journeyToFlowLenient(old).flow;
  for (const n of before.nodes) {
    if (!removed.has(n.id) || nodes.some((m) => m.id === n.id)) continue;
    const position = placeGhost(n.position, { width: n.width ?? 0, height: n.height ?? 0 }, occupied);
    const ghost: FlowNode = { ...n, position, draggable: false, data: { ...n.data, errors: 0, warnings: 0, mark: 'removed' } };
    nodes.push(ghost);
    occupied.push(box(ghost));
  }

  const changed = new Map<string, EdgeDiff>();
  for (const e of diff.edges) if (e.new_to !== null) changed.set(`${e.from}\u0000${e.port}\u0000${e.new_to}`, e);
  const edges: FlowEdge[] = flow.edges.map((e) => {
    const port = e.data?.port ?? e.sourceHandle ?? '';
    const d = changed.get(`${e.source}\u0000${port}\u0000${e.target}`);
    if (!d) return e;
    const mark: EdgeMark = d.change === 'added' ? 'added' : 'rewired';
    // Above the nodes: a new connection often runs where a removed step's ghost now sits.
    return { ...e, data: { port, mark }, className: `is-diff-${mark}`, zIndex: 1 };
  });

  const drawn = new Map(nodes.map((n) => [n.id, n]));
  for (const d of diff.edges) {
    if (d.old_to === null) continue;
    const from = drawn.get(d.from);
    // A connection is drawn only between nodes on the canvas, from a port its source still shows.
    if (!from || !drawn.has(d.old_to) || !from.data.ports.includes(d.port)) continue;
    const id = `was\u0000${edgeId({ from: d.from, port: d.port, to: d.old_to })}`;
    edges.push({
      id,
      source: d.from,
      sourceHandle: d.port,
      target: d.old_to,
      type: 'port',
      data: { port: d.port, mark: 'removed' },
      className: 'is-diff-removed',
      selectable: false,
      zIndex: -1,
    });
  }
  return { nodes, edges };
}

// Figures -------------------------------------------------------------------------------------

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
  retyped: number;
  moved: number;
  /** Connections added, removed or rewired. */
  connections: number;
  settings: number;
  behavioural: number;
  cosmetic: number;
}

export function changeCounts(diff: JourneyDiff): ChangeCounts {
  const count = (change: NodeChange) => diff.nodes.filter((n) => n.change === change).length;
  return {
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
    retyped: count('retyped'),
    moved: count('layout_only'),
    connections: diff.edges.length,
    settings: diff.settings.length,
    behavioural: diff.sentences.filter((s) => s.impact === 'behavioural').length,
    cosmetic: diff.sentences.filter((s) => s.impact === 'cosmetic').length,
  };
}

/** True when the two documents are the same journey and look the same. */
export function isEmptyDiff(diff: JourneyDiff): boolean {
  return diff.nodes.length === 0 && diff.edges.length === 0 && diff.settings.length === 0;
}

/** The diff's sentences in its order (behavioural first), split into the two impacts. */
export function sentenceGroups(sentences: readonly Sentence[]): { behavioural: Sentence[]; cosmetic: Sentence[] } {
  return {
    behavioural: sentences.filter((s) => s.impact === 'behavioural'),
    cosmetic: sentences.filter((s) => s.impact === 'cosmetic'),
  };
}

/** The sentences about one node. */
export function nodeSentences(diff: JourneyDiff, id: string): Sentence[] {
  return diff.sentences.filter((s) => s.node === id);
}

// Values in words -----------------------------------------------------------------------------

/** Fields whose value is a condition, read in words. */
const CONDITION_FIELDS = new Set(['when', 'filter', 'condition', 'segment']);

/** A field path for people: `cases[pro].when` → `cases › pro › when`. */
export function fieldLabel(path: string): string {
  return path
    .replace(/\[([^\]]*)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => part.replace(/_/g, ' '))
    .join(' › ');
}

/**
 * A changed value in words: absent is `none`, a duration is read (`3 days`), a condition is read
 * (`plan = pro`), a list of plain values is joined; anything else is its JSON.
 */
export function valueText(path: string, value: JsonValue): string {
  if (value === null) return 'none';
  if (typeof value === 'string') {
    if (/^-?P/.test(value)) {
      const facts = duration(value);
      if ('ok' in facts) return facts.ok.words;
    }
    return value;
  }
  if (typeof value === 'number') return fmtNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const field = path.replace(/\[[^\]]*\]$/, '').split('.').pop() ?? '';
  if (!Array.isArray(value) && CONDITION_FIELDS.has(field)) {
    try {
      return describeCondition(value as unknown as Condition);
    } catch {
      // Not a condition after all: its JSON below.
    }
  }
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return value.length ? value.map(String).join(', ') : 'none';
  return JSON.stringify(value);
}
