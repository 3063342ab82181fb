'use client'
// One ECharts chart, drawn in the browser (SVG renderer) from plain data the server component passes: a trend
// (lines or bars per month) or a breakdown (horizontal bars). The chart is decoration for sighted readers; the same
// numbers are in the table beside it (Charts.tsx), so the drawing is hidden from screen readers.
// data-chart-state (loading → ready, or error) tells the browser tests when ECharts has finished drawing.
import { useEffect, useRef, useState } from 'react'
import {
  breakdownHeight,
  breakdownOption,
  trendOption,
  type BreakdownChartData,
  type TrendChartData,
} from './chartOptions'
import styles from './statistics.module.css'

type ChartProps = { trend: TrendChartData; breakdown?: never } | { breakdown: BreakdownChartData; trend?: never }

export function EChart(props: ChartProps) {
  const container = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading')
  // The data as one string: the chart is redrawn when it changes, not when the parent re-renders with equal data.
  const data = JSON.stringify(props)

  useEffect(() => {
    const element = container.current
    if (!element) return
    let disposed = false
    let dispose = () => {}
    const { trend, breakdown } = JSON.parse(data) as ChartProps
    // A breakdown is as tall as its rows; set through the CSSOM (the CSP refuses style attributes, not this).
    if (breakdown) element.style.height = `${breakdownHeight(breakdown.labels.length)}px`
    const look = {
      animation: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
      fontFamily: getComputedStyle(element).fontFamily,
    }
    import('./echarts')
      .then(({ echarts }) => {
        if (disposed) return
        const chart = echarts.init(element, null, { renderer: 'svg', locale: 'ZH' })
        chart.on('finished', () => setState('ready'))
        chart.setOption(trend ? trendOption(trend, look) : breakdownOption(breakdown!, look))
        const resize = new ResizeObserver(() => chart.resize())
        resize.observe(element)
        dispose = () => {
          resize.disconnect()
          chart.dispose()
        }
      })
      .catch(() => setState('error'))
    return () => {
      disposed = true
      dispose()
    }
  }, [data])

  return (
    <div className={styles.chartArea} data-chart-state={state} aria-hidden="true">
      <div ref={container} className={props.breakdown ? styles.breakdownCanvas : styles.trendCanvas} />
      {state === 'error' && <p className={styles.chartError}>图表无法显示，数据见下表。</p>}
    </div>
  )
}
