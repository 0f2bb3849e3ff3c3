import { Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { ChartProps } from '../../../components/chart';

const Chart = lazy(() => import('../../../components/chart').then((m) => ({ default: m.Chart })));

/**
 * The chart component, with ECharts (≈190 KB gzipped) fetched only when a chart is first drawn:
 * the page, its figures and empty states show without waiting for it, and a scoring page without
 * a trained model never downloads it.
 */
export function LazyChart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton height={props.height ?? 300} aria-label="Loading chart" />}>
      <Chart {...props} />
    </Suspense>
  );
}
