import type { ChartOption } from '../../../components/chart';
import type { ActivityByOwner, DealsByStage, Forecast, LeadConversion, WinRate } from './tools-api';

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export const money = (n: number) => compact.format(n);
export const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10} %`);

const grid = { left: 8, right: 8, top: 48, bottom: 8, containLabel: true };
/**
 * Category labels all shown: side by side (long names wrapped at spaces) where every category has
 * room for its longest word, else turned and shortened (phones). `width`: the chart's, in pixels.
 */
const labels = (names: string[], width: number) => {
  const room = Math.floor(((width || 440) - 90) / Math.max(names.length, 1));
  const longest = Math.max(0, ...names.flatMap((n) => n.split(/\s+/)).map((w) => w.length));
  return room >= longest * 6.5 + 6
    ? { interval: 0, width: room - 4, overflow: 'break' as const }
    : { interval: 0, rotate: 35, width: 90, overflow: 'truncate' as const };
};
const legend = { top: 0, left: 0 };

/** Count (bars, left axis) and amount (bars, right axis) in every stage of one pipeline. */
export function stageOption(p: DealsByStage['items'][number], width: number): ChartOption {
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: p.stages.map((s) => s.name),
      axisLabel: labels(
        p.stages.map((s) => s.name),
        width,
      ),
    },
    yAxis: [
      { type: 'value', name: 'Deals', minInterval: 1 },
      {
        type: 'value',
        name: 'Amount',
        axisLabel: { formatter: (v: number) => money(v) },
        splitLine: { show: false },
      },
    ],
    series: [
      { type: 'bar', name: 'Deals', data: p.stages.map((s) => s.count), barMaxWidth: 28 },
      {
        type: 'bar',
        name: 'Amount',
        yAxisIndex: 1,
        data: p.stages.map((s) => s.amount),
        barMaxWidth: 28,
        tooltip: { valueFormatter: (v) => money(Number(v)) },
      },
    ],
  };
}

/** Won against lost deals as a ring, the rate in the middle. */
export function winRateOption(w: WinRate): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: 'Closed deals',
        radius: ['55%', '78%'],
        center: ['50%', '45%'],
        label: { show: false },
        labelLine: { show: false },
        emphasis: { scale: false },
        data: [
          {
            name: 'Won',
            value: w.won,
            itemStyle: { color: '#12b886' },
            // One label in the middle of the ring: the rate.
            label: {
              show: true,
              position: 'center',
              formatter: () => pct(w.winRate),
              fontSize: 22,
              fontWeight: 700,
              // The won colour reads on light and dark backgrounds alike.
              color: '#12b886',
              textBorderWidth: 0,
            },
          },
          { name: 'Lost', value: w.lost, itemStyle: { color: '#fa5252' } },
        ],
      },
    ],
  };
}

/** Leads and converted leads by source (bars) with the conversion rate (line, right axis). */
export function conversionOption(c: LeadConversion, width: number): ChartOption {
  const names = c.items.map((i) => i.source ?? '(no source)');
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: labels(names, width) },
    yAxis: [
      { type: 'value', name: 'Leads', minInterval: 1 },
      {
        type: 'value',
        name: 'Rate',
        max: 100,
        axisLabel: { formatter: '{value} %' },
        splitLine: { show: false },
      },
    ],
    series: [
      { type: 'bar', name: 'Leads', data: c.items.map((i) => i.leads), barMaxWidth: 28 },
      { type: 'bar', name: 'Converted', data: c.items.map((i) => i.converted), barMaxWidth: 28 },
      {
        type: 'line',
        name: 'Conversion rate',
        yAxisIndex: 1,
        data: c.items.map((i) => (i.rate === null ? null : Math.round(i.rate * 1000) / 10)),
        tooltip: { valueFormatter: (v) => `${v} %` },
      },
    ],
  };
}

const monthLabel = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });

/** Open pipeline by expected close month: the amount, and the amount weighted by stage probability. */
export function forecastOption(f: Forecast): ChartOption {
  return {
    grid,
    legend,
    tooltip: { trigger: 'axis', valueFormatter: (v) => money(Number(v)) },
    xAxis: { type: 'category', data: f.items.map((i) => monthLabel(i.month)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money(v) } },
    series: [
      {
        type: 'bar',
        name: 'Open amount',
        data: f.items.map((i) => i.amount),
        barMaxWidth: 32,
        itemStyle: { opacity: 0.45 },
      },
      {
        type: 'bar',
        name: 'Weighted',
        data: f.items.map((i) => i.weighted),
        barMaxWidth: 32,
        barGap: '-100%',
      },
    ],
  };
}

const TYPES = ['call', 'email', 'meeting', 'task', 'note'] as const;
const TYPE_LABELS = { call: 'Calls', email: 'E-mails', meeting: 'Meetings', task: 'Tasks', note: 'Notes' };

/** Activities per owner, stacked by type (horizontal bars, busiest on top). */
export function activityOption(a: ActivityByOwner, names: Map<string, string>): ChartOption {
  const rows = [...a.items].reverse();
  return {
    grid: { ...grid, top: 32 },
    legend,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((r) => (r.userId ? (names.get(r.userId) ?? `${r.userId.slice(0, 8)}…`) : 'Unassigned')),
    },
    series: TYPES.map((t) => ({
      type: 'bar' as const,
      name: TYPE_LABELS[t],
      stack: 'total',
      barMaxWidth: 26,
      data: rows.map((r) => r[t]),
    })),
  };
}
