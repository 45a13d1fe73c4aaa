//! The journey canvas: the palette docked along its left edge (so it never covers a step), React
//! Flow with the node components, and the banners that say what mode the canvas is in (an old
//! version read-only, a document it cannot fully draw, a comparison of two versions: then it draws
//! the compare store's marked nodes, read-only). A journey opens fitted into the part of the pane
//! nothing covers, at zoom 1 at most.

import { ConnectionLineType, ControlButton, Controls, MarkerType, MiniMap, ReactFlow, useReactFlow, type IsValidConnection } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCompareStore } from '../compareStore';
import type { FlowEdge, FlowNode } from '../flow';
import { useSimulationStore } from '../simulationStore';
import { shownDocument, useEditorStore } from '../store';
import { FIT_VIEW, firstView, READABLE_ZOOM, visibleArea } from './viewport';
import { savedViewport, saveViewport } from '../store/storage';
import { Icon } from './icons';
import { edgeTypes, nodeTypes, ZoomScale } from './nodes';
import { Palette } from './Palette';
import { CompareBar } from './CompareBar';
import { ConfirmDialog } from './ConfirmDialog';

const BIG_GRAPH = 300;
/** A journey bigger than this is always shown whole at first: its shape matters more than its words. */
const READABLE_LIMIT = 150;

function minimapClass(node: FlowNode): string {
  return `wm-mini wm-kind-${node.type ?? 'wait'}${node.data.mark ? ` is-diff-${node.data.mark}` : ''}`;
}

const ignoreEdgeChanges = () => undefined;

/** Every connection is drawn with an arrowhead where it enters its step, in the arrows' colour. */
const EDGE_OPTIONS = { type: 'port', markerEnd: { type: MarkerType.ArrowClosed, color: 'var(--edge)', width: 11, height: 11 } } as const;

export function Canvas() {
  const comparing = useCompareStore((s) => s.active);
  const compareNodes = useCompareStore((s) => s.nodes);
  const compareEdges = useCompareStore((s) => s.edges);
  const onCompareNodesChange = useCompareStore((s) => s.onNodesChange);
  const editorNodes = useEditorStore((s) => s.nodes);
  const editorEdges = useEditorStore((s) => s.edges);
  const onEditorNodesChange = useEditorStore((s) => s.onNodesChange);
  const onEditorEdgesChange = useEditorStore((s) => s.onEdgesChange);
  const onConnect = useEditorStore((s) => s.onConnect);
  const theme = useEditorStore((s) => s.theme);
  const viewing = useEditorStore((s) => !!s.viewing);
  // A comparison is drawn from its own store, read-only; the document underneath stays as it was.
  const nodes = comparing ? compareNodes : editorNodes;
  const edges = comparing ? compareEdges : editorEdges;
  const onNodesChange = comparing ? onCompareNodesChange : onEditorNodesChange;
  const onEdgesChange = comparing ? ignoreEdgeChanges : onEditorEdgesChange;
  const readOnly = viewing || comparing;
  const fitRequest = useEditorStore((s) => s.fitRequest);
  // Counts from a run of an older document stay on the canvas, faded, until the next run.
  const reportDoc = useSimulationStore((s) => (s.open ? s.reportDoc : null));
  const shown = useEditorStore(shownDocument);
  const simStale = reportDoc !== null && reportDoc !== shown;
  const { setViewport, getViewport } = useReactFlow();
  // The overview map redraws on every pan frame (measured: about half of a pan frame under
  // software rendering), so it starts hidden, one click away in the controls.
  const [showMinimap, setMinimap] = useState(false);

  // Performance measurements move the viewport frame by frame through this (test builds only:
  // see main.tsx).
  useEffect(() => {
    if ((import.meta.env.DEV || import.meta.env.MODE === 'e2e') && window.__waymark) window.__waymark.viewport = { get: getViewport, set: (v) => void setViewport(v) };
  }, [getViewport, setViewport]);
  const handled = useRef(-1);
  /** The journey whose saved view was last considered. */
  const restored = useRef<string | null>(null);
  const pane = useRef<HTMLDivElement>(null);
  /** The pane's width the current view was made for. */
  const paneWidth = useRef(0);

  // A first view of a journey: all of it, fitted into the part of the pane no bar covers, at zoom
  // 1 at most (the cards' labels grow as the zoom shrinks, so they stay readable).
  useEffect(() => {
    if (fitRequest === handled.current) return;
    // Every step carries its size (`makeFlowNode`), so the view is made at once, without waiting
    // for React Flow to measure the steps.
    handled.current = fitRequest;
    performance.mark('waymark:canvas-fitted');
    const el = pane.current?.querySelector<HTMLElement>('.react-flow');
    const compare = useCompareStore.getState();
    const current = compare.active ? compare.nodes : useEditorStore.getState().nodes;
    if (!el) return;
    // A journey opens where the user left it, the first time it is drawn after being opened.
    const journey = compare.active ? null : useEditorStore.getState().current?.id ?? null;
    const opened = journey !== null && journey !== restored.current;
    restored.current = compare.active ? restored.current : journey;
    const saved = opened && !useEditorStore.getState().viewing ? savedViewport(journey) : null;
    if (saved && current.length > 0) {
      paneWidth.current = el.clientWidth;
      return void setViewport(saved);
    }
    const area = visibleArea(el);
    // The view is made for the pane as it is now: no later resize needs to move it.
    paneWidth.current = el.clientWidth;
    // An empty journey starts at full size, whatever the journey before it was zoomed to.
    if (current.length === 0) return void setViewport({ x: area.left + 24, y: area.top + 24, zoom: 1 });
    // Asked to keep it readable (the canvas got short), a journey of ordinary size shows its start.
    const readable = useEditorStore.getState().fitMode === 'readable' && current.length <= READABLE_LIMIT;
    useEditorStore.setState({ fitMode: 'whole' });
    void setViewport(firstView(current, area, readable ? READABLE_ZOOM : undefined));
  }, [fitRequest, setViewport]);

  // When a panel opens or closes beside the canvas (the inspector as a step is selected), keep
  // what was in the middle of the canvas in the middle, instead of hiding its right side.
  useEffect(() => {
    const el = pane.current?.querySelector<HTMLElement>('.react-flow');
    if (!el || typeof ResizeObserver === 'undefined') return;
    paneWidth.current = el.clientWidth;
    const observer = new ResizeObserver(() => {
      const next = el.clientWidth;
      const width = paneWidth.current;
      paneWidth.current = next;
      if (next === width || width === 0) return;
      const v = getViewport();
      void setViewport({ ...v, x: v.x + (next - width) / 2 });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [getViewport, setViewport]);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => c.source !== c.target, []);

  return (
    <div className={`wm-canvas${readOnly ? ' is-read-only' : ''}${comparing ? ' is-comparing' : ''}${simStale ? ' is-sim-stale' : ''}`} data-testid="canvas" ref={pane}>
      {comparing ? null : <Palette />}
      <div className="wm-canvas__pane">
      {comparing ? <CompareBar /> : <CanvasBanners />}
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        onlyRenderVisibleElements={nodes.length > BIG_GRAPH}
        minZoom={0.05}
        maxZoom={2}
        colorMode={theme}
        connectionLineType={ConnectionLineType.Bezier}
        defaultEdgeOptions={EDGE_OPTIONS}
        proOptions={{ hideAttribution: true }}
        zoomOnDoubleClick={false}
        onMoveEnd={(_, v) => {
          const s = useEditorStore.getState();
          if (!comparing && !s.viewing && s.current) saveViewport(s.current.id, v);
        }}
      >
        <ZoomScale />
        {/* No dotted background: under software rendering its pattern repaints the whole pane on
            every pan frame, which measured about a third of the frame time. */}
        {showMinimap ? (
          <MiniMap<FlowNode> pannable zoomable nodeClassName={minimapClass} nodeBorderRadius={6} className="wm-minimap" ariaLabel="Overview of the journey" />
        ) : null}
        <Controls showInteractive={false} className="wm-controls" fitViewOptions={FIT_VIEW}>
          <ControlButton
            onClick={() => setMinimap(!showMinimap)}
            title={showMinimap ? 'Hide the overview map' : 'Show the overview map'}
            aria-label={showMinimap ? 'Hide the overview map' : 'Show the overview map'}
            data-testid="minimap-toggle"
          >
            <Icon name="map" size={14} />
          </ControlButton>
        </Controls>
      </ReactFlow>
      {nodes.length === 0 && !readOnly ? (
        <div className="wm-canvas-hint" data-testid="canvas-empty">
          <strong>Start with an entry</strong>
          <span>Drag “Entry” from the steps on the left onto the canvas, then add messages, waits and an exit.</span>
        </div>
      ) : null}
      </div>
    </div>
  );
}

function CanvasBanners() {
  const viewing = useEditorStore((s) => s.viewing);
  const current = useEditorStore((s) => s.current);
  const flowErrors = useEditorStore((s) => s.flowErrors);
  const conflict = useEditorStore((s) => s.conflict);
  const backToDraft = useEditorStore((s) => s.backToDraft);
  const restoreVersion = useEditorStore((s) => s.restoreVersion);
  const repairEdges = useEditorStore((s) => s.repairEdges);
  const reloadLatest = useEditorStore((s) => s.reloadLatest);
  const [confirmRestore, setConfirmRestore] = useState(false);
  const unsaved = useEditorStore((s) => s.doc !== s.savedDoc || !!s.current?.hasDraft);

  return (
    <div className="wm-banners">
      {conflict ? (
        <div className="wm-banner wm-banner--error" role="alert" data-testid="conflict-banner">
          <Icon name="warning" size={16} />
          <span className="wm-banner__text">
            <strong>Someone saved a newer version.</strong> {conflict.message}
          </span>
          <button type="button" className="wm-btn wm-btn--small" onClick={() => void reloadLatest()} data-testid="conflict-reload">
            Load newest (drop my draft)
          </button>
          <button type="button" className="wm-btn wm-btn--small wm-btn--ghost" onClick={() => useEditorStore.setState({ conflict: null })}>
            Keep editing
          </button>
        </div>
      ) : null}
      {viewing ? (
        <div className="wm-banner wm-banner--info" data-testid="read-only-banner">
          <Icon name="eye" size={16} />
          <span className="wm-banner__text">
            Viewing version {viewing.info.number} (read-only)
            {current?.base === viewing.info.number ? ' — the version your draft is based on' : ''}
          </span>
          <button
            type="button"
            className="wm-btn wm-btn--small wm-btn--primary"
            // Restoring replaces the draft; ask only when the draft holds work not yet committed.
            onClick={() => (unsaved ? setConfirmRestore(true) : void restoreVersion(viewing.info.number))}
            data-testid="restore-version"
          >
            <Icon name="restore" size={14} /> Restore
          </button>
          <button type="button" className="wm-btn wm-btn--small" onClick={backToDraft} data-testid="back-to-draft">
            Back to draft
          </button>
        </div>
      ) : null}
      {!viewing && flowErrors.length > 0 ? (
        <div className="wm-banner wm-banner--warning" data-testid="flow-errors">
          <Icon name="warning" size={16} />
          <span className="wm-banner__text">
            {flowErrors.length === 1 ? flowErrors[0].message : `${flowErrors.length} connections cannot be drawn, e.g. ${flowErrors[0].message}`}
          </span>
          <button type="button" className="wm-btn wm-btn--small" onClick={repairEdges}>
            Remove broken connections
          </button>
        </div>
      ) : null}
      {confirmRestore && viewing ? (
        <ConfirmDialog
          title={`Restore version ${viewing.info.number}?`}
          confirmLabel="Restore"
          testId="restore-confirm"
          onCancel={() => setConfirmRestore(false)}
          onConfirm={() => {
            setConfirmRestore(false);
            void restoreVersion(viewing.info.number);
          }}
        >
          Restoring makes a new version with the content of version {viewing.info.number}. Your draft has changes that are not
          committed; they are replaced by it. Committed versions are never changed.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
