//! A chart (`charts.ts`) drawn as SVG at the width of its box: `ChartSvg` draws the marks of one
//! size, `Chart` measures its box and redraws when it changes.

import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutChart, type ChartSpec } from '../charts';

export interface ChartProps {
  spec: ChartSpec;
  height: number;
  label: string;
  testId?: string;
}

export function Chart({ spec, height, label, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const el = box.current!;
    setWidth(Math.floor(el.clientWidth));
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div ref={box} className="wm-chart" style={{ height }} data-testid={testId}>
      {width > 0 ? <ChartSvg spec={spec} width={width} height={height} label={label} /> : null}
    </div>
  );
}

export function ChartSvg({ spec, width, height, label }: { spec: ChartSpec; width: number; height: number; label: string }) {
  const layout = useMemo(() => layoutChart(spec, width, height), [spec, width, height]);
  return (
    <svg className={`wm-chart__${spec.kind}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {layout.marks.map((m, i) => {
        switch (m.kind) {
          case 'rect':
            return (
              <rect key={i} x={m.x} y={m.y} width={m.width} height={m.height} rx={m.radius} fill={m.fill} className={m.hover ? 'wm-chart__hover' : undefined}>
                {m.title ? <title>{m.title}</title> : null}
              </rect>
            );
          case 'line':
            return <line key={i} x1={m.x1} y1={m.y1} x2={m.x2} y2={m.y2} stroke={m.stroke} strokeWidth={1} shapeRendering="crispEdges" />;
          case 'text':
            return (
              <text key={i} x={m.x} y={m.y} fill={m.fill} fontSize={m.size} textAnchor={m.anchor} dominantBaseline={m.baseline === 'hanging' ? 'hanging' : m.baseline === 'middle' ? 'central' : undefined}>
                {m.text}
              </text>
            );
        }
      })}
    </svg>
  );
}
