//! The canvas slice of the editor store: the React Flow nodes and edges drawn from the shown
//! document, the selection, copy and paste, and the automatic layout.
//!
//! The canvas's own state (selection, positions mid-drag) lives in the flow and reaches the
//! document when a gesture ends, as one edit.

import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { Diagnostic, JourneyDocument, Position } from '../bindings';
import { addNode, bridgeOver, connect, deleteElements, insertOnEdge, pasteFragment, reconnect, removeDanglingEdges, withPositions, type Fragment } from '../edits';
import { nodeTitle } from '../model';
import { journeyFromFlow, journeyToFlowLenient, problemCounts, reconcileEdges, reconcileNodes } from '../flow';
import { autoLayout } from '../layout';
import { errorMessage } from './errors';
import type { CanvasSlice, EditorState, Slice } from './state';

export const createCanvasSlice: Slice<CanvasSlice> = (set, get) => ({
  nodes: [],
  edges: [],
  flowErrors: [],
  selectedNodeIds: [],
  selectedEdgeIds: [],
  clipboard: null,
  pasteCount: 0,
  fitRequest: 0,
  fitMode: 'whole',

  onNodesChange(changes) {
    const s = get();
    // Deleting goes through `deleteSelection` so it is one undoable document edit.
    const applicable = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
    if (applicable.length === 0) return;
    const nodes = applyNodeChanges(applicable, s.nodes);
    const patch: Partial<EditorState> = { nodes };
    if (applicable.some((c) => c.type === 'select')) patch.selectedNodeIds = nodes.filter((n) => n.selected).map((n) => n.id);
    set(patch);
    // A finished drag (or a keyboard nudge) reports positions with `dragging: false`: that is
    // the moment the move becomes one document edit.
    const finished = new Set<string>();
    for (const c of applicable) if (c.type === 'position' && c.dragging === false) finished.add(c.id);
    if (finished.size > 0) {
      const moved: Record<string, Position> = {};
      for (const n of nodes) if (finished.has(n.id)) moved[n.id] = { x: n.position.x, y: n.position.y };
      get().edit((doc) => withPositions(doc, moved));
    }
  },

  onEdgesChange(changes) {
    const applicable = changes.filter((c) => c.type === 'select');
    if (applicable.length === 0) return;
    const edges = applyEdgeChanges(applicable, get().edges);
    set({ edges, selectedEdgeIds: edges.filter((e) => e.selected).map((e) => e.id) });
  },

  onConnect(connection) {
    const { source, target, sourceHandle } = connection;
    if (!source || !target || !sourceHandle) return;
    get().edit((doc) => connect(doc, source, sourceHandle, target));
  },

  addNodeAt(kind, position, onEdge) {
    const s = get();
    if (!s.doc || s.viewing) return;
    const result = onEdge ? insertOnEdge(s.doc, kind, position, onEdge) : addNode(s.doc, kind, position);
    get().edit(() => result.doc);
    set(selectOnly(get(), [result.id]));
  },

  select(nodeIds) {
    set(selectOnly(get(), nodeIds));
  },

  deleteSelection() {
    const s = get();
    if (!s.doc || s.viewing) return;
    const edges = s.edges.filter((e) => e.selected).map((e) => ({ from: e.source, port: e.data?.port ?? e.sourceHandle ?? '', to: e.target }));
    const nodeIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
    if (nodeIds.length === 0 && edges.length === 0) return;
    // A step deleted from the middle of a path leaves a gap: offer to close it.
    const bridge = nodeIds.length === 1 && edges.length === 0 ? bridgeOver(s.doc, nodeIds[0]) : null;
    const gone = s.doc.nodes.find((n) => n.id === nodeIds[0]);
    get().edit((doc) => deleteElements(doc, nodeIds, edges));
    if (bridge && gone) {
      const name = (id: string) => {
        const node = get().doc?.nodes.find((n) => n.id === id);
        return node ? `“${nodeTitle(node)}”` : id;
      };
      get().toast('info', `Deleted “${nodeTitle(gone)}”. Connect ${name(bridge.from)} to ${name(bridge.to)}?`, {
        label: 'Reconnect',
        run: () => get().edit((doc) => reconnect(doc, bridge)),
      });
    }
  },

  copySelection() {
    const s = get();
    const doc = s.viewing?.document ?? s.doc;
    if (!doc) return;
    // What is selected on the canvas, read back as a piece of document.
    const nodes = s.nodes.filter((n) => n.selected);
    const ids = new Set(nodes.map((n) => n.id));
    const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const piece = journeyFromFlow({ nodes, edges }, { ...doc, nodes: [], edges: [], layout: {} });
    const fragment: Fragment | null = piece.ok && piece.value.nodes.length > 0 ? { nodes: piece.value.nodes, edges: piece.value.edges, positions: piece.value.layout.nodes ?? {} } : null;
    if (fragment) {
      set({ clipboard: fragment, pasteCount: 0 });
      get().toast('info', `Copied ${fragment.nodes.length} step${fragment.nodes.length === 1 ? '' : 's'}.`);
    }
  },

  paste() {
    const s = get();
    if (!s.doc || s.viewing || !s.clipboard) return;
    const n = s.pasteCount + 1;
    const result = pasteFragment(s.doc, s.clipboard, { x: 40 * n, y: 40 * n });
    set({ pasteCount: n });
    get().edit(() => result.doc);
    set(selectOnly(get(), result.ids));
  },

  async layout() {
    const s = get();
    if (!s.doc || s.viewing) return;
    try {
      const doc = s.doc;
      const positions = await autoLayout(doc);
      if (get().doc !== doc) return; // Edited meanwhile: the layout is of an older document.
      get().edit((d) => withPositions(d, positions));
      get().requestFit();
    } catch (error) {
      get().toast('error', `Automatic layout failed: ${errorMessage(error)}`);
    }
  },

  repairEdges() {
    get().edit((doc) => removeDanglingEdges(doc));
  },

  requestFit(mode = 'whole') {
    set({ fitRequest: get().fitRequest + 1, fitMode: mode });
  },
});

/**
 * The flow for `doc` with `diagnostics`, reusing the node and edge objects the canvas already has
 * in `s` (or none when `fresh`), and keeping the selection that still exists.
 */
export function drawn(s: EditorState, doc: JourneyDocument, diagnostics: readonly Diagnostic[], fresh = false): Pick<CanvasSlice, 'nodes' | 'edges' | 'flowErrors' | 'selectedNodeIds' | 'selectedEdgeIds'> {
  const { flow, errors } = journeyToFlowLenient(doc, problemCounts(diagnostics));
  const nodes = fresh ? flow.nodes : reconcileNodes(s.nodes, flow.nodes);
  const edges = fresh ? flow.edges : reconcileEdges(s.edges, flow.edges);
  const ids = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(edges.map((e) => e.id));
  return {
    nodes,
    edges,
    flowErrors: errors,
    selectedNodeIds: fresh ? [] : s.selectedNodeIds.filter((id) => ids.has(id)),
    selectedEdgeIds: fresh ? [] : s.selectedEdgeIds.filter((id) => edgeIds.has(id)),
  };
}

/** Selects exactly `ids` on the canvas (nodes), clearing edge selection. */
function selectOnly(s: EditorState, ids: readonly string[]): Pick<CanvasSlice, 'nodes' | 'edges' | 'selectedNodeIds' | 'selectedEdgeIds'> {
  const chosen = new Set(ids);
  const nodes = s.nodes.map((n) => (chosen.has(n.id) === !!n.selected ? n : { ...n, selected: chosen.has(n.id) }));
  const edges = s.edges.map((e) => (e.selected ? { ...e, selected: false } : e));
  return { nodes, edges, selectedNodeIds: nodes.filter((n) => n.selected).map((n) => n.id), selectedEdgeIds: [] };
}
