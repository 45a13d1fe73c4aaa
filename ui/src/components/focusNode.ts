//! Showing one step on the canvas: select it and centre the view on it. The Problems list and a
//! simulated customer's timeline both use it.

import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { NODE_WIDTH } from '../geometry';
import { useEditorStore } from '../store';

export function useFocusNode() {
  const { setCenter, getInternalNode, getZoom } = useReactFlow();
  const select = useEditorStore((s) => s.select);
  return useCallback(
    (id: string) => {
      select([id]);
      const node = getInternalNode(id);
      if (!node) return;
      const p = node.internals.positionAbsolute;
      const w = node.measured.width ?? NODE_WIDTH;
      const h = node.measured.height ?? 80;
      void setCenter(p.x + w / 2, p.y + h / 2, { zoom: Math.max(getZoom(), 0.9), duration: 350 });
    },
    [getInternalNode, getZoom, select, setCenter],
  );
}
