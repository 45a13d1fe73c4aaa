//! A chart loaded on demand: ECharts (`Chart.tsx`) is fetched the first time a panel draws one, so
//! the editor starts without it; until then a box of the chart's height holds its place.

import { lazy, Suspense } from 'react';
import type { ChartOption } from '../chartOptions';

const Chart = lazy(() => import('./Chart'));

export function LazyChart(props: { option: ChartOption; height: number; label: string; testId?: string }) {
  return (
    <Suspense fallback={<div className="wm-chart" style={{ height: props.height }} aria-busy="true" />}>
      <Chart {...props} />
    </Suspense>
  );
}
