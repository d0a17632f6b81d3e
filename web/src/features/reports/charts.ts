// The dashboards' chart options, built from the API's figures: pure, so the
// tests read exactly what the reader sees. Long names sit on a vertical
// category axis (horizontal bars) and wrap there, never rotated or cut.
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { numeric } from './kpi';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

export const GREEN = '#389e0d';
export const RED = '#cf1322';
export const BLUE = '#1677ff';
export const GOLD = '#d48806';

/** Height of a horizontal bar chart: room for every row and the legend. */
export function barChartHeight(rows: number, phone: boolean): number {
  return Math.max(240, (phone ? 170 : 120) + rows * (phone ? 34 : 30));
}

/** The category axis' labels: wrapped within `width` pixels, all shown. */
function nameAxisLabel(phone: boolean) {
  return { interval: 0, width: phone ? 96 : 180, overflow: 'break' as const, lineHeight: 14 };
}

/**
 * The plot area, below the title and the legend: on a phone the legend
 * wraps two entries to a line, so the plot starts lower.
 */
const GRID = (phone: boolean, legendItems: number, axisOnTop = false): GridComponentOption => ({
  left: 8,
  right: phone ? 28 : 48,
  top: 46 + (phone ? Math.ceil(legendItems / 2) : 1) * 24 + (axisOnTop ? 24 : 8),
  bottom: 8,
  outerBoundsMode: 'same',
  outerBoundsContain: 'axisLabel',
});

/**
 * A target or limit as its own legend entry: a dashed red line across the
 * bars at `value` of the value axis, named in the legend (a label on the
 * line itself would sit on the axis' ticks).
 */
function limitSeries(name: string, axis: 'xAxis' | 'yAxis', value: number): LineSeriesOption {
  return {
    name,
    type: 'line',
    data: [],
    itemStyle: { color: RED },
    lineStyle: { color: RED, type: 'dashed', width: 2 },
    symbol: 'none',
    markLine: {
      symbol: 'none',
      silent: true,
      lineStyle: { color: RED, type: 'dashed', width: 2 },
      label: { show: false },
      data: [axis === 'xAxis' ? { name, xAxis: value } : { name, yAxis: value }],
    },
  };
}

export interface ParetoCause {
  code: string;
  name?: string | null;
  occurrences: number;
  previousOccurrences: number;
  tooFrequent: boolean;
  tooManyParts: boolean;
  paretoShare: string;
}

export interface ParetoWords {
  title: string;
  withinLimit: string;
  overLimit: string;
  cumulative: string;
  previous: string;
  limitLine: string;
}

/** The cause's name, or its code where the catalogue has none. */
export function causeName(cause: Pick<ParetoCause, 'code' | 'name'>): string {
  return cause.name?.trim() || cause.code;
}

/**
 * The quarter's Pareto: one bar per cause (most frequent on top), red past
 * the occurrences limit, the cumulative share as a line, and the limit as
 * a dashed line across the bars.
 */
export function paretoOption(causes: ParetoCause[], limit: number, words: ParetoWords, phone: boolean): ChartOption {
  const names = causes.map(causeName);
  const within = causes.map((c) => (c.tooFrequent ? null : c.occurrences));
  const over = causes.map((c) => (c.tooFrequent ? c.occurrences : null));
  const most = Math.max(limit, ...causes.map((c) => Math.max(c.occurrences, c.previousOccurrences)));
  return {
    title: { text: words.title, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 36, data: [words.withinLimit, words.overLimit, words.previous, words.cumulative, words.limitLine] },
    grid: GRID(phone, 5, true),
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: nameAxisLabel(phone), axisTick: { alignWithLabel: true } },
    xAxis: [
      { type: 'value', position: 'bottom', minInterval: 1, max: Math.ceil(most * 1.1) },
      {
        type: 'value',
        position: 'top',
        min: 0,
        max: 100,
        axisLabel: { formatter: '{value} %' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: words.withinLimit,
        type: 'bar',
        barMaxWidth: 28,
        stack: 'occurrences',
        data: within,
        itemStyle: { color: BLUE },
        label: { show: true, position: 'right' },
      },
      {
        name: words.overLimit,
        type: 'bar',
        barMaxWidth: 28,
        stack: 'occurrences',
        data: over,
        itemStyle: { color: RED },
        label: { show: true, position: 'right' },
      },
      {
        // The previous quarter as a mark on each bar: the trend at a glance.
        name: words.previous,
        type: 'line',
        data: causes.map((c) => c.previousOccurrences),
        lineStyle: { width: 0 },
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: '#595959' },
        z: 5,
      },
      {
        name: words.cumulative,
        type: 'line',
        xAxisIndex: 1,
        data: causes.map((c) => numeric(c.paretoShare)),
        itemStyle: { color: GOLD },
        tooltip: { valueFormatter: (v) => `${String(v)} %` },
      },
      limitSeries(words.limitLine, 'xAxis', limit),
    ],
  };
}

export interface GroupBar {
  name: string;
  value: number | null;
  met: boolean | null;
}

export interface TargetWords {
  title: string;
  met: string;
  missed: string;
  targetLine: string;
}

/** One KPI per group: green where the target is met, red where not, the target as a line. */
export function groupKpiOption(rows: GroupBar[], target: number, words: TargetWords, phone: boolean): ChartOption {
  const met = rows.map((r) => (r.met === true ? r.value : null));
  const missed = rows.map((r) => (r.met === false ? r.value : null));
  const most = Math.max(target, ...rows.map((r) => r.value ?? 0));
  const label = { show: true, position: 'right' as const, formatter: '{c} %' };
  return {
    title: { text: words.title, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v == null ? '–' : `${String(v)} %`) },
    legend: { top: 36, data: [words.met, words.missed, words.targetLine] },
    grid: GRID(phone, 3),
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: nameAxisLabel(phone) },
    xAxis: { type: 'value', axisLabel: { formatter: '{value} %' }, max: most > 50 ? 100 : Math.ceil(most * 1.25) },
    series: [
      {
        name: words.met,
        type: 'bar',
        barMaxWidth: 28,
        stack: 'kpi',
        data: met,
        itemStyle: { color: GREEN },
        label,
      },
      { name: words.missed, type: 'bar', barMaxWidth: 28, stack: 'kpi', data: missed, itemStyle: { color: RED }, label },
      limitSeries(words.targetLine, 'xAxis', target),
    ],
  };
}

export interface TrendPoint {
  month: string;
  value: number | null;
  met: boolean | null;
}

/** A KPI month by month: the line, each point green or red, the target dashed. */
export function trendOption(points: TrendPoint[], target: number | null, words: TargetWords & { series: string }, phone: boolean): ChartOption {
  const most = Math.max(target ?? 0, ...points.map((p) => p.value ?? 0));
  return {
    title: { text: words.title, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '–' : `${String(v)} %`) },
    legend: { top: 36, data: target == null ? [words.series] : [words.series, words.targetLine] },
    grid: GRID(phone, 2),
    xAxis: { type: 'category', data: points.map((p) => p.month), axisLabel: { interval: phone ? 'auto' : 0, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: most > 50 ? 100 : Math.ceil(most * 1.25) || 5, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: words.series,
        type: 'line',
        connectNulls: false,
        symbolSize: 9,
        lineStyle: { color: BLUE },
        itemStyle: { color: BLUE },
        data: points.map((p) => ({
          value: p.value,
          itemStyle: { color: p.met === false ? RED : p.met === true ? GREEN : BLUE },
        })),
        label: { show: !phone, position: 'top', formatter: '{c} %' },
      },
      ...(target == null ? [] : [limitSeries(words.targetLine, 'yAxis', target)]),
    ],
  };
}

export interface IncidentBar {
  name: string;
  units: number;
  major: boolean;
}

/** Units behind each incident, major ones red, the batch size dashed. */
export function incidentOption(
  rows: IncidentBar[],
  batchSize: number,
  words: { title: string; batch: string; major: string; batchLine: string },
  phone: boolean,
): ChartOption {
  const label = { show: true, position: 'right' as const };
  return {
    title: { text: words.title, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 36, data: [words.batch, words.major, words.batchLine] },
    grid: GRID(phone, 3),
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: nameAxisLabel(phone) },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: words.batch,
        type: 'bar',
        barMaxWidth: 28,
        stack: 'units',
        data: rows.map((r) => (r.major ? null : r.units)),
        itemStyle: { color: GOLD },
        label,
      },
      { name: words.major, type: 'bar', barMaxWidth: 28, stack: 'units', data: rows.map((r) => (r.major ? r.units : null)), itemStyle: { color: RED }, label },
      limitSeries(words.batchLine, 'xAxis', batchSize),
    ],
  };
}
