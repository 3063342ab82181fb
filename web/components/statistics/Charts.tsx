// Charts of the 区域统计 page: a figure with its caption, the ECharts drawing (EChart.tsx, in the browser) and, beside
// it, the same numbers as a table that screen readers read (the drawing itself is hidden from them).
import type { TrendSeries } from './chartOptions'
import { EChart } from './EChart'
import { monthLabel } from './range'
import styles from './statistics.module.css'

export type { TrendSeries } from './chartOptions'

export const EMPTY_TEXT = '该时间范围内暂无数据'

/** 趋势图: one point (a line's vertex, or a bar) per month for every series. */
export function TrendChart({
  id,
  title,
  unit,
  kind,
  months,
  series,
}: {
  id: string
  title: string
  unit: string
  kind: 'line' | 'bar'
  months: string[]
  series: TrendSeries[]
}) {
  const hasData = months.length > 0 && series.some((line) => line.values.some((value) => value !== 0))
  return (
    <figure className={styles.chart} aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} className={styles.chartTitle}>
        {title}
        <span className="muted">（单位：{unit}）</span>
      </figcaption>
      {!hasData ? (
        <p className="empty">{EMPTY_TEXT}</p>
      ) : (
        <>
          <EChart trend={{ kind, months, monthLabels: months.map(monthLabel), series, unit }} />
          <table className={styles.srOnly}>
            <caption>
              {title}（单位：{unit}）
            </caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                {series.map((line) => (
                  <th key={line.name} scope="col">
                    {line.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month, index) => (
                <tr key={month}>
                  <th scope="row">{monthLabel(month)}</th>
                  {series.map((line) => (
                    <td key={line.name}>{line.texts[index]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  )
}

export interface BarEntry {
  key: string
  label: string
  count: number
}

/** 分布图: one horizontal bar per key, with its count. */
export function BarBreakdown({
  id,
  title,
  entries,
  unit = '个',
}: {
  id: string
  title: string
  entries: BarEntry[]
  unit?: string
}) {
  const total = entries.reduce((sum, entry) => sum + entry.count, 0)
  return (
    <figure className={styles.chart} aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} className={styles.chartTitle}>
        {title}
        <span className="muted">
          （合计 {total} {unit}）
        </span>
      </figcaption>
      {total === 0 ? (
        <p className="empty">{EMPTY_TEXT}</p>
      ) : (
        <>
          <EChart
            breakdown={{ labels: entries.map((entry) => entry.label), counts: entries.map((entry) => entry.count) }}
          />
          <table className={styles.srOnly}>
            <caption>{title}</caption>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.key}>
                  <th scope="row">{entry.label}</th>
                  <td>{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  )
}
