//! Compare mode's state (zustand): which two sides of the open journey are compared (versions or
//! the draft), their documents and the core's diff, what the canvas draws of it, the step selected
//! on it, the behavioural diff of the two on the simulation form's population, and the version
//! whose publishing waits for confirmation.
//!
//! Compare mode is read-only: the canvas shows this store's nodes instead of the editor's, and
//! nothing here changes the document. Opening another journey leaves compare mode.

import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import * as api from './api';
import { behaviourRequest, formErrorText } from './behaviour';
import type { BehaviourDiff, JourneyDiff, JourneyDocument, SimulationProgress } from './bindings';
import { compareFlow, orderSides, sideWords, type Side } from './compare';
import { diff as coreDiff } from './core';
import type { FlowEdge, FlowNode } from './flow';
import { useSimulationStore } from './simulationStore';
import { useEditorStore } from './store';

export interface BehaviourState {
  running: boolean;
  progress: SimulationProgress | null;
  result: BehaviourDiff | null;
  error: string | null;
}

export interface CompareState {
  /** The canvas shows a comparison instead of the document being edited. */
  active: boolean;
  journey: string | null;
  /** The older side and the newer one (which the canvas draws). */
  old: Side | null;
  next: Side | null;
  oldDoc: JourneyDocument | null;
  nextDoc: JourneyDocument | null;
  diff: JourneyDiff | null;
  loading: boolean;
  error: string | null;
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** The step selected on the canvas or in the changes list. */
  selected: string | null;
  /** The behavioural diff's dock under the canvas is open. */
  behaviourOpen: boolean;
  behaviour: BehaviourState;
  /** The version whose publishing waits for confirmation (`PublishDialog`). */
  publishing: number | null;

  /** Compares two sides of the open journey; the older is put first whatever the order given. */
  open(a: Side, b: Side): Promise<void>;
  /** Back to editing. */
  close(): void;
  select(id: string | null): void;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  setBehaviourOpen(open: boolean): void;
  /** Simulates both sides on the simulation form's population. */
  runBehaviour(): Promise<void>;
  cancelBehaviour(): Promise<void>;
  requestPublish(number: number | null): void;
}

const IDLE: BehaviourState = { running: false, progress: null, result: null, error: null };

let openSeq = 0;
let behaviourSeq = 0;
let unlistenProgress: Promise<() => void> | null = null;

/** The document of one side of the open journey: the draft as it is now, or a stored version. */
export async function sideDocument(journey: string, side: Side): Promise<JourneyDocument> {
  if (side === 'draft') {
    const editor = useEditorStore.getState();
    if (editor.current?.id !== journey || !editor.doc) throw new Error(`the draft of \`${journey}\` is not open`);
    return editor.doc;
  }
  return (await api.openVersion(journey, side)).document;
}

/**
 * Simulates `old` and `next` on the simulation form's population (`behaviourRequest`) and says
 * what changes for customers; the form's problems and the backend's refusals come back as text.
 */
export async function runBehaviourDiff(old: JourneyDocument, next: JourneyDocument): Promise<{ ok: BehaviourDiff } | { error: string }> {
  const built = behaviourRequest(useSimulationStore.getState().form);
  if (!built.ok) return { error: `The simulation settings are not usable: ${formErrorText(built.errors)}.` };
  try {
    return { ok: await api.behaviourDiff(old, next, built.request) };
  } catch (error) {
    return { error: api.toCommandError(error).message };
  }
}

export const useCompareStore = create<CompareState>()((set, get) => ({
  active: false,
  journey: null,
  old: null,
  next: null,
  oldDoc: null,
  nextDoc: null,
  diff: null,
  loading: false,
  error: null,
  nodes: [],
  edges: [],
  selected: null,
  behaviourOpen: false,
  behaviour: IDLE,
  publishing: null,

  async open(a, b) {
    const editor = useEditorStore.getState();
    const journey = editor.current?.id;
    if (!journey || a === b) return;
    const [old, next] = orderSides(a, b);
    const seq = ++openSeq;
    behaviourSeq++;
    const wasActive = get().active;
    // The dock and the drawer give their room to the comparison.
    if (!wasActive) {
      useSimulationStore.getState().setOpen(false);
      editor.setHistoryOpen(false);
      editor.select([]);
    }
    set({ active: true, journey, old, next, loading: true, error: null, selected: null, behaviour: IDLE });
    // The compare bar offers every version as a side.
    if (!editor.versions.some((v) => v.journey === journey)) void editor.loadVersions();
    try {
      const [oldDoc, nextDoc] = await Promise.all([sideDocument(journey, old), sideDocument(journey, next)]);
      if (seq !== openSeq) return;
      const answer = coreDiff(oldDoc, nextDoc);
      if ('error' in answer) {
        set({ loading: false, error: answer.error, diff: null, oldDoc, nextDoc, nodes: [], edges: [] });
        return;
      }
      const { nodes, edges } = compareFlow(oldDoc, nextDoc, answer.ok);
      set({ loading: false, oldDoc, nextDoc, diff: answer.ok, nodes, edges });
      useEditorStore.getState().requestFit();
      if (get().behaviourOpen) void get().runBehaviour();
    } catch (error) {
      if (seq !== openSeq) return;
      set({ loading: false, error: `Cannot compare ${sideWords(old)} with ${sideWords(next)}: ${api.toCommandError(error).message}` });
    }
  },

  close() {
    if (!get().active) return;
    openSeq++;
    behaviourSeq++;
    if (get().behaviour.running) void api.cancelSimulation().catch(() => undefined);
    set({ active: false, journey: null, old: null, next: null, oldDoc: null, nextDoc: null, diff: null, loading: false, error: null, nodes: [], edges: [], selected: null, behaviour: IDLE });
    useEditorStore.getState().requestFit();
  },

  select(id) {
    const nodes = get().nodes.map((n) => (n.id === id) === !!n.selected ? n : { ...n, selected: n.id === id });
    set({ selected: id, nodes });
  },

  onNodesChange(changes) {
    // Read-only: the canvas may select and measure nodes, never move or delete them.
    const applicable = changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
    if (applicable.length === 0) return;
    const nodes = applyNodeChanges(applicable, get().nodes);
    const patch: Partial<CompareState> = { nodes };
    if (applicable.some((c) => c.type === 'select')) {
      const chosen = nodes.filter((n) => n.selected);
      patch.selected = chosen.length === 1 ? chosen[0].id : null;
    }
    set(patch);
  },

  setBehaviourOpen(open) {
    set({ behaviourOpen: open });
    const s = get();
    if (open && s.active && !s.behaviour.result && !s.behaviour.running && s.oldDoc && s.nextDoc) void s.runBehaviour();
  },

  async runBehaviour() {
    const { oldDoc, nextDoc } = get();
    if (!oldDoc || !nextDoc) return;
    unlistenProgress ??= api.onSimulationProgress((progress) => {
      const b = get().behaviour;
      if (b.running) set({ behaviour: { ...b, progress } });
    });
    const seq = ++behaviourSeq;
    set({ behaviour: { ...get().behaviour, running: true, progress: null, error: null } });
    const answer = await runBehaviourDiff(oldDoc, nextDoc);
    if (seq !== behaviourSeq) return;
    set({ behaviour: 'ok' in answer ? { running: false, progress: null, result: answer.ok, error: null } : { ...get().behaviour, running: false, progress: null, error: answer.error } });
  },

  async cancelBehaviour() {
    try {
      await api.cancelSimulation();
    } catch (error) {
      set({ behaviour: { ...get().behaviour, error: api.toCommandError(error).message } });
    }
  },

  requestPublish(number) {
    set({ publishing: number });
  },
}));

// Another journey opened (or the journey closed): its comparison and pending publish go.
useEditorStore.subscribe((s, prev) => {
  if (s.current?.id === prev.current?.id) return;
  const compare = useCompareStore.getState();
  compare.close();
  if (compare.publishing !== null) compare.requestPublish(null);
});
