//! The journey canvas: React Flow with the node components, the palette, and the banners that
//! say what mode the canvas is in (an old version read-only, a document it cannot fully draw, a
//! comparison of two versions: then it draws the compare store's marked nodes, read-only).

import { ConnectionLineType, ControlButton, Controls, getNodesBounds, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type IsValidConnection } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCompareStore } from '../compareStore';
import type { FlowEdge, FlowNode } from '../flow';
import { useSimulationStore } from '../simulationStore';
import { shownDocument, useEditorStore } from '../store';
import { FIT_VIEW } from './viewport';
import { Icon } from './icons';
import { edgeTypes, nodeTypes } from './nodes';
import { Palette } from './Palette';
import { CompareBar } from './CompareBar';
import { ConfirmDialog } from './ConfirmDialog';

const BIG_GRAPH = 300;
/** The palette floats over the canvas's left edge; the first view keeps the journey clear of it. */
const PALETTE_SPACE = 190;
/** The compare bar floats over the canvas's top edge; a comparison's first view starts below it. */
const COMPARE_BAR_SPACE = 104;
/** Below this zoom a journey's text is unreadable, so a first view does not zoom out further… */
const READABLE_ZOOM = 0.6;
/** A whole journey is shown at first if it fits at this zoom or more. */
const OVERVIEW_ZOOM = 0.5;
/** …unless the journey is big, when seeing all of it matters more. */
const READABLE_LIMIT = 150;

function minimapClass(node: FlowNode): string {
  return `wm-mini wm-kind-${node.type ?? 'wait'}${node.data.mark ? ` is-diff-${node.data.mark}` : ''}`;
}

const ignoreEdgeChanges = () => undefined;

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
  const { fitView, setViewport, getViewport } = useReactFlow();
  // The overview map redraws on every pan frame (measured: about half of a pan frame under
  // software rendering), so it starts hidden, one click away in the controls.
  const [showMinimap, setMinimap] = useState(false);
  const initialized = useNodesInitialized();

  // Performance measurements move the viewport frame by frame through this (test builds only:
  // see main.tsx).
  useEffect(() => {
    if ((import.meta.env.DEV || import.meta.env.MODE === 'e2e') && window.__waymark) window.__waymark.viewport = { get: getViewport, set: (v) => void setViewport(v) };
  }, [getViewport, setViewport]);
  const handled = useRef(-1);
  const pane = useRef<HTMLDivElement>(null);

  // A first view of a journey: all of it if it is readable that way (or compared); otherwise its
  // start, at a zoom where the text can be read, to the right of the palette.
  useEffect(() => {
    if (fitRequest === handled.current) return;
    if (!initialized && nodes.length > 0) return;
    handled.current = fitRequest;
    requestAnimationFrame(() => {
      const el = pane.current;
      const compare = useCompareStore.getState();
      const current = compare.active ? compare.nodes : useEditorStore.getState().nodes;
      if (!el) return;
      // A comparison has no palette on the left, and its bar of two rows over the top.
      const left = compare.active ? 16 : PALETTE_SPACE;
      const top = compare.active ? COMPARE_BAR_SPACE : 24;
      // An empty journey starts at full size, whatever the journey before it was zoomed to.
      if (current.length === 0) return void setViewport({ x: left, y: top, zoom: 1 });
      const bounds = getNodesBounds(current);
      const width = el.clientWidth - left - 32;
      const height = el.clientHeight - top - 24;
      let zoom = Math.min(1.1, width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
      // A comparison is seen whole first: where the marks are matters more than reading every
      // card, and a row of the changes list zooms in on its step.
      if (zoom >= OVERVIEW_ZOOM || compare.active || current.length > READABLE_LIMIT) {
        if (current.length > READABLE_LIMIT) return void fitView({ ...FIT_VIEW, duration: 0 });
        const x = left + (width - bounds.width * zoom) / 2 - bounds.x * zoom;
        const y = top + (height - bounds.height * zoom) / 2 - bounds.y * zoom;
        return void setViewport({ x, y, zoom });
      }
      zoom = READABLE_ZOOM;
      const entry = current.find((n) => n.type === 'entry') ?? current[0];
      const x = left + 16 - bounds.x * zoom;
      const half = height / 2 / zoom;
      const focusY = bounds.height <= 2 * half ? bounds.y + bounds.height / 2 : Math.min(Math.max(entry.position.y + 40, bounds.y + half), bounds.y + bounds.height - half);
      const y = top + height / 2 - focusY * zoom;
      void setViewport({ x, y, zoom });
    });
  }, [fitRequest, initialized, nodes.length, fitView, setViewport]);

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => c.source !== c.target, []);

  return (
    <div className={`wm-canvas${readOnly ? ' is-read-only' : ''}${comparing ? ' is-comparing' : ''}${simStale ? ' is-sim-stale' : ''}`} data-testid="canvas" ref={pane}>
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
        defaultEdgeOptions={{ type: 'port' }}
        proOptions={{ hideAttribution: true }}
        zoomOnDoubleClick={false}
      >
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
      {comparing ? null : <Palette />}
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
