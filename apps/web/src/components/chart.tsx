import { useComputedColorScheme } from '@mantine/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import { init, registerTheme, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';

/*
 * Apache ECharts with only what the console draws registered (bar, line and pie charts, grid,
 * tooltip, legend, the SVG renderer): measured with esbuild, 191 KB gzipped instead of 375 KB for
 * the whole library. Pages without charts load none of it: import this file from lazy pages only.
 */
use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

/** The options a chart may use: the registered series and components only. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

/** Mantine's blue, teal, orange, grape, yellow, cyan, red, indigo (shade 6). */
export const CHART_COLORS = [
  '#228be6',
  '#12b886',
  '#fd7e14',
  '#be4bdb',
  '#fab005',
  '#15aabf',
  '#fa5252',
  '#4c6ef5',
];

function theme(dark: boolean) {
  const text = dark ? '#c9c9c9' : '#495057';
  const line = dark ? '#424242' : '#dee2e6';
  const axis = {
    axisLine: { lineStyle: { color: line } },
    axisTick: { lineStyle: { color: line } },
    axisLabel: { color: text },
    splitLine: { lineStyle: { color: dark ? '#2e2e2e' : '#f1f3f5' } },
    nameTextStyle: { color: text },
  };
  return {
    color: CHART_COLORS,
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    legend: { textStyle: { color: text } },
    tooltip: {
      backgroundColor: dark ? '#2e2e2e' : '#ffffff',
      borderColor: line,
      textStyle: { color: dark ? '#e9ecef' : '#212529' },
    },
    categoryAxis: axis,
    valueAxis: axis,
  };
}
registerTheme('bizosaas-light', theme(false));
registerTheme('bizosaas-dark', theme(true));

export interface ChartProps {
  /** The option, or a function of the chart's width in pixels (e.g. to rotate crowded labels). */
  option: ChartOption | ((width: number) => ChartOption);
  /** What the chart shows, for screen readers (the figures should also be in text nearby). */
  label: string;
  height?: number;
}

/**
 * One ECharts chart that fills its container's width and follows it when it resizes, drawn in
 * the Mantine colour scheme (light or dark; switching re-creates the chart in the other theme).
 */
export function Chart({ option, label, height = 300 }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const scheme = useComputedColorScheme('light');
  const [width, setWidth] = useState(0);
  const resolved = typeof option === 'function' ? option(width) : option;
  const latest = useRef(resolved);
  latest.current = resolved;

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = init(node, `bizosaas-${scheme}`, { renderer: 'svg' });
    chart.current = c;
    c.setOption(latest.current);
    const observer = new ResizeObserver(() => {
      c.resize();
      setWidth(Math.round(node.clientWidth));
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [scheme]);

  useEffect(() => {
    chart.current?.setOption(resolved, { notMerge: true });
  }, [resolved]);

  return <div ref={el} role="img" aria-label={label} data-chart="" style={{ width: '100%', height }} />;
}
