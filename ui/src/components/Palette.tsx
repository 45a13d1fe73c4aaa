//! The palette of node kinds, in the core's order and with its titles and descriptions, docked
//! along the canvas's left edge so it never covers a step. A kind is added by dragging it onto the
//! canvas with pointer events (not HTML5 drag and drop, so the gesture works with touch and over
//! WebDriver pointer actions): a ghost follows the pointer, and releasing over the canvas adds the
//! node there, or into the arrow under (or right next to) the pointer, making room below it.
//! Clicking a kind adds it in the middle of the view.

import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Kind } from '../bindings';
import { kindInfo, nodeKinds } from '../core';
import { useEditorStore } from '../store';
import { NODE_WIDTH, nodeHeight } from '../geometry';
import type { FlowEdge } from '../flow';
import { Icon, KIND_ICON } from './icons';

const COLLAPSED_KEY = 'waymark.paletteCollapsed';

interface DragState {
  kind: Kind;
  x: number;
  y: number;
  moved: boolean;
  overCanvas: boolean;
}

/** How near an arrow (in screen pixels) a drop goes into it. */
const EDGE_REACH = 12;

/**
 * The edge under a screen point, or within `EDGE_REACH` of it. WebKitGTK does not hit-test the
 * wide invisible stroke React Flow draws for picking edges, so besides what the pointer is over,
 * the arrows near the point (in flow coordinates `at`, at `zoom`) are measured along their paths.
 */
function edgeAt(x: number, y: number, at: { x: number; y: number }, zoom: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const edge = el.closest('.react-flow__edge');
    if (edge) return edge.getAttribute('data-id');
  }
  const reach = EDGE_REACH / zoom;
  let best: string | null = null;
  let bestDistance = reach;
  for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
    const box = path.getBBox();
    if (at.x < box.x - reach || at.x > box.x + box.width + reach || at.y < box.y - reach || at.y > box.y + box.height + reach) continue;
    const length = path.getTotalLength();
    const samples = Math.min(64, Math.max(8, Math.ceil((length * zoom) / 4)));
    for (let i = 0; i <= samples; i++) {
      const p = path.getPointAtLength((length * i) / samples);
      const distance = Math.hypot(p.x - at.x, p.y - at.y);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = path.closest('.react-flow__edge')?.getAttribute('data-id') ?? null;
      }
    }
  }
  return best;
}

function overPane(x: number, y: number): boolean {
  const el = document.elementFromPoint(x, y);
  return !!el?.closest('.react-flow') && !el.closest('.react-flow__panel, .wm-palette');
}

export function Palette() {
  const readOnly = useEditorStore((s) => !!s.viewing);
  const addNodeAt = useEditorStore((s) => s.addNodeAt);
  const { screenToFlowPosition, getZoom } = useReactFlow();
  const edgeNear = useCallback((x: number, y: number) => edgeAt(x, y, screenToFlowPosition({ x, y }), getZoom()), [getZoom, screenToFlowPosition]);
  const [drag, setDrag] = useState<DragState | null>(null);
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');
  const highlighted = useRef<Element | null>(null);
  // Set when a drag ends, so that the click that may follow it does not add a second node.
  const justDragged = useRef(false);

  const highlight = useCallback((edgeId: string | null) => {
    const el = edgeId ? document.querySelector(`.react-flow__edge[data-id="${CSS.escape(edgeId)}"]`) : null;
    if (highlighted.current === el) return;
    highlighted.current?.classList.remove('is-drop-target');
    el?.classList.add('is-drop-target');
    highlighted.current = el;
  }, []);

  const drop = useCallback(
    (kind: Kind, x: number, y: number) => {
      const flow = screenToFlowPosition({ x, y });
      const position = { x: Math.round(flow.x - NODE_WIDTH / 2), y: Math.round(flow.y - nodeHeight() / 2) };
      const edgeId = edgeNear(x, y);
      const edge: FlowEdge | undefined = edgeId ? useEditorStore.getState().edges.find((e) => e.id === edgeId) : undefined;
      addNodeAt(kind, position, edge ? { from: edge.source, port: edge.data?.port ?? edge.sourceHandle ?? '', to: edge.target } : null);
    },
    [addNodeAt, edgeNear, screenToFlowPosition],
  );

  const dragRef = useRef<DragState | null>(null);
  const update = (next: DragState | null) => {
    dragRef.current = next;
    setDrag(next);
  };
  const dragging = drag !== null;

  useEffect(() => {
    if (!dragging) return;
    const move = (e: PointerEvent) => {
      const d = dragRef.current;
      if (!d) return;
      const over = overPane(e.clientX, e.clientY);
      highlight(over ? edgeNear(e.clientX, e.clientY) : null);
      update({ ...d, x: e.clientX, y: e.clientY, moved: d.moved || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 3, overCanvas: over });
    };
    const up = (e: PointerEvent) => {
      const d = dragRef.current;
      highlight(null);
      update(null);
      if (d?.moved) {
        justDragged.current = true;
        setTimeout(() => (justDragged.current = false), 0);
        if (overPane(e.clientX, e.clientY)) drop(d.kind, e.clientX, e.clientY);
      }
    };
    const cancel = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        highlight(null);
        update(null);
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('keydown', cancel);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', cancel);
    };
  }, [dragging, drop, edgeNear, highlight]);

  const addInView = (kind: Kind) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return;
    drop(kind, pane.left + pane.width / 2, pane.top + pane.height / 2);
  };

  if (readOnly) return null;
  return (
    <>
      <div className={`wm-palette${collapsed ? ' is-collapsed' : ''}`} aria-label="Steps">
        <button
          type="button"
          className="wm-palette__title"
          title={collapsed ? 'Show step names' : 'Hide step names'}
          onClick={() => {
            localStorage.setItem(COLLAPSED_KEY, collapsed ? '0' : '1');
            setCollapsed(!collapsed);
          }}
        >
          {collapsed ? null : <span>Add steps</span>}
          <Icon name={collapsed ? 'chevron' : 'x'} size={12} />
        </button>
        {nodeKinds().map((info) => {
          const kind = info.kind;
          return (
            <button
              key={kind}
              type="button"
              className={`wm-palette__item wm-kind-${kind}`}
              data-testid={`palette-${kind}`}
              title={`${info.title}: ${info.description}\nDrag onto the canvas or onto an arrow; click to add in the middle.`}
              disabled={readOnly}
              onPointerDown={(e) => {
                if (e.button !== 0 || readOnly) return;
                e.preventDefault();
                update({ kind, x: e.clientX, y: e.clientY, moved: false, overCanvas: false });
              }}
              onClick={() => {
                // A click without a drag adds the node in the middle of the view.
                if (!justDragged.current) addInView(kind);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  addInView(kind);
                }
              }}
            >
              <span className="wm-palette__icon">
                <Icon name={KIND_ICON[kind]} size={15} />
              </span>
              {collapsed ? null : <span className="wm-palette__name">{info.title}</span>}
            </button>
          );
        })}
      </div>
      {drag && drag.moved ? (
        <div className={`wm-ghost wm-kind-${drag.kind}${drag.overCanvas ? '' : ' is-outside'}`} style={{ transform: `translate(${drag.x + 8}px, ${drag.y + 8}px)` }} data-testid="palette-ghost">
          <span className="wm-palette__icon">
            <Icon name={KIND_ICON[drag.kind]} size={15} />
          </span>
          {kindInfo(drag.kind).title}
        </div>
      ) : null}
    </>
  );
}
