// The ECharts options of the 区域统计 charts, built from plain data (so a server component can hand the data to
// the client chart, which builds the options there: formatters are functions and cannot cross that boundary).
// Tooltips are drawn by ECharts itself (renderMode 'richText'): its HTML tooltips carry style attributes, which the
// portal's Content-Security-Policy refuses.
import type { EChartsCoreOption } from 'echarts/core'

export const SERIES_COLORS = ['#1d4e89', '#b8202a', '#15803d', '#b7791f']

const TEXT_COLOR = '#1f2937'
const MUTED_COLOR = '#6b7280'
const GRID_COLOR = '#e5e9ef'
const AXIS_COLOR = '#9aa4b2'
const FONT = { fontSize: 12, color: MUTED_COLOR }

export interface TrendSeries {
  name: string
  /** One number per month, for the geometry (counts, or yuan as a float). */
  values: number[]
  /** One text per month, as shown, without the unit (3, or 1,800.00). */
  texts: string[]
}

export interface TrendChartData {
  /** 'line' for counts over time, 'bar' for sums of money per month. */
  kind: 'line' | 'bar'
  /** Axis labels, one per month: "2026-03". */
  months: string[]
  /** Tooltip titles, one per month: "2026年3月". */
  monthLabels: string[]
  series: TrendSeries[]
  /** 个 or 元: counts get whole-number ticks. */
  unit: string
}

export interface BreakdownChartData {
  labels: string[]
  counts: number[]
}

/** An axis tick: 12,000 → "1.2万", 1,500 → "1,500", 0.25 → "0.25". */
export function tickText(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1_000) / 10}万`
  return (Math.round(value * 100) / 100).toLocaleString('zh-CN')
}

interface AxisTooltipParam {
  dataIndex: number
  seriesIndex: number
  seriesName: string
  marker?: unknown
}

interface ItemTooltipParam {
  dataIndex: number
  name: string
  value: number
}

/** How a chart is drawn on this page: animated unless the reader asked for reduced motion, in the page's font. */
export interface ChartLook {
  animation: boolean
  /** The computed font-family of the chart's box (ECharts measures text itself, so it needs the real list). */
  fontFamily: string
}

export function trendOption(
  { kind, months, monthLabels, series, unit }: TrendChartData,
  { animation, fontFamily }: ChartLook,
): EChartsCoreOption {
  return {
    animation,
    animationDuration: 400,
    color: SERIES_COLORS,
    textStyle: { fontFamily },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 16, itemHeight: 8, textStyle: { color: TEXT_COLOR, fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
      formatter: (params: AxisTooltipParam | AxisTooltipParam[]) => {
        const list = Array.isArray(params) ? params : [params]
        const index = list[0]?.dataIndex ?? 0
        return [
          monthLabels[index],
          ...list.map((entry) => `${entry.seriesName}：${series[entry.seriesIndex]?.texts[index] ?? ''} ${unit}`),
        ].join('\n')
      },
    },
    xAxis: {
      type: 'category',
      data: months,
      boundaryGap: kind === 'bar',
      axisLine: { lineStyle: { color: AXIS_COLOR } },
      axisTick: { alignWithLabel: true },
      axisLabel: { ...FONT, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      minInterval: unit === '元' ? 0 : 1,
      splitLine: { lineStyle: { color: GRID_COLOR } },
      axisLabel: { ...FONT, formatter: tickText },
    },
    series: series.map((line) =>
      kind === 'line'
        ? {
            name: line.name,
            type: 'line',
            data: line.values,
            symbol: 'circle',
            symbolSize: 6,
            showSymbol: true,
            showAllSymbol: true,
            lineStyle: { width: 2 },
          }
        : { name: line.name, type: 'bar', data: line.values, barMaxWidth: 18 },
    ),
  }
}

/** 分布图: one horizontal bar per label, its count at the end of the bar. */
export function breakdownOption(
  { labels, counts }: BreakdownChartData,
  { animation, fontFamily }: ChartLook,
): EChartsCoreOption {
  return {
    animation,
    animationDuration: 400,
    color: SERIES_COLORS.slice(0, 1),
    textStyle: { fontFamily },
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      formatter: (param: ItemTooltipParam) => `${param.name}：${param.value}`,
    },
    xAxis: { type: 'value', minInterval: 1, show: false },
    yAxis: {
      type: 'category',
      data: labels,
      inverse: true,
      axisLine: { lineStyle: { color: AXIS_COLOR } },
      axisTick: { show: false },
      axisLabel: { fontSize: 12, color: TEXT_COLOR },
    },
    series: [
      {
        type: 'bar',
        data: counts,
        barMaxWidth: 16,
        label: { show: true, position: 'right', color: TEXT_COLOR, fontSize: 12 },
      },
    ],
  }
}

/** Pixels of height a breakdown chart needs for its rows. */
export function breakdownHeight(rows: number): number {
  return Math.max(2, rows) * 26 + 12
}
