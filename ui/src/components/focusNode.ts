//! Showing one step on the canvas: select it and centre the view on it. The Problems list, a
//! simulated customer's timeline and compare mode's changes list use it.

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { NODE_WIDTH } from '../geometry';
import { useEditorStore } from '../store';

/** Centres the canvas on a step, zoomed in enough to read it. */
export function useCentreOnNode() {
  const { setCenter, getInternalNode, getZoom } = useReactFlow();
  return useCallback(
    (id: string) => {
      const node = getInternalNode(id);
      if (!node) return;
      const p = node.internals.positionAbsolute;
      const w = node.measured.width ?? NODE_WIDTH;
      const h = node.measured.height ?? 80;
      void setCenter(p.x + w / 2, p.y + h / 2, { zoom: Math.max(getZoom(), 0.9), duration: 350 });
    },
    [getInternalNode, getZoom, setCenter],
  );
}

/** Selects a step of the open journey and centres the canvas on it. */
export function useFocusNode() {
  const centre = useCentreOnNode();
  const select = useEditorStore((s) => s.select);
  return useCallback(
    (id: string) => {
      select([id]);
      centre(id);
    },
    [centre, select],
  );
}
