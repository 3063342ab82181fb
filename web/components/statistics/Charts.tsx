// Charts of the 区域统计 page, drawn as inline SVG on the server (no chart library). Each chart is an image with a
// <title> and <desc> for screen readers, and its numbers are also in a table that only screen readers read.
import { monthLabel } from './range'
import styles from './statistics.module.css'

export const EMPTY_TEXT = '该时间范围内暂无数据'

const SERIES_COLORS = ['#1d4e89', '#b8202a', '#15803d', '#b7791f']

/** Four equal, round steps (1, 2 or 5 × 10^n; whole numbers for counts) reaching at least `max`. */
function axisSteps(max: number, wholeNumbers: boolean): number[] {
  const raw = Math.max(max, wholeNumbers ? 4 : 0.04) / 4
  const power = 10 ** Math.floor(Math.log10(raw))
  let step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? 10 * power
  if (wholeNumbers) step = Math.max(1, Math.ceil(step))
  return [0, 1, 2, 3, 4].map((index) => index * step)
}

const round1 = (value: number) => Math.round(value * 10) / 10

/** An axis tick as text: whole numbers plainly, small fractions with up to two decimals. */
function tickText(value: number): string {
  if (value >= 10_000) return `${Math.round(value / 1_000) / 10}万`
  return String(Math.round(value * 100) / 100)
}

export interface TrendSeries {
  name: string
  /** One number per month, for the geometry. */
  values: number[]
  /** One text per month, as shown (counts, or yuan with two decimals). */
  texts: string[]
}

/** 趋势图: one line per series over consecutive months. */
export function TrendChart({ id, title, unit, months, series }: { id: string; title: string; unit: string; months: string[]; series: TrendSeries[] }) {
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
          <TrendSvg id={id} title={title} unit={unit} months={months} series={series} />
          <ul className={styles.legend} aria-hidden="true">
            {series.map((line, index) => (
              <li key={line.name}>
                {/* An SVG swatch: its colour is a presentation attribute, which the CSP allows (style attributes it refuses). */}
                <svg className={styles.swatch} viewBox="0 0 12 3" aria-hidden="true">
                  <rect width="12" height="3" fill={SERIES_COLORS[index % SERIES_COLORS.length]} />
                </svg>
                {line.name}
              </li>
            ))}
          </ul>
          <table className={styles.srOnly}>
            <caption>{title}（单位：{unit}）</caption>
            <thead>
              <tr>
                <th scope="col">月份</th>
                {series.map((line) => (
                  <th key={line.name} scope="col">{line.name}</th>
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

function TrendSvg({ id, title, unit, months, series }: { id: string; title: string; unit: string; months: string[]; series: TrendSeries[] }) {
  const width = 760
  const height = 260
  const left = 64
  const right = 16
  const top = 16
  const bottom = 40
  const plotWidth = width - left - right
  const plotHeight = height - top - bottom
  const ticks = axisSteps(Math.max(0, ...series.flatMap((line) => line.values)), unit !== '元')
  const max = ticks[ticks.length - 1]
  const x = (index: number) => round1(left + (months.length === 1 ? plotWidth / 2 : (index * plotWidth) / (months.length - 1)))
  const y = (value: number) => round1(top + plotHeight - (Math.max(0, value) / max) * plotHeight)
  // At most ~12 month labels along the axis.
  const labelEvery = Math.max(1, Math.ceil(months.length / 12))
  const summary = series
    .map((line) => `${line.name}：${months.map((month, index) => `${monthLabel(month)} ${line.texts[index]}`).join('，')}`)
    .join('；')
  return (
    <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
      <title id={`${id}-title`}>{`${title}（单位：${unit}）`}</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={width - right} y1={y(tick)} y2={y(tick)} stroke="#e5e9ef" />
          <text x={left - 8} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#6b7280">
            {tickText(tick)}
          </text>
        </g>
      ))}
      <line x1={left} x2={width - right} y1={top + plotHeight} y2={top + plotHeight} stroke="#9aa4b2" />
      {months.map((month, index) =>
        index % labelEvery === 0 || index === months.length - 1 ? (
          <text key={month} x={x(index)} y={height - bottom + 18} textAnchor="middle" fontSize="11" fill="#6b7280">
            {month}
          </text>
        ) : null,
      )}
      {series.map((line, seriesIndex) => {
        const color = SERIES_COLORS[seriesIndex % SERIES_COLORS.length]
        return (
          <g key={line.name}>
            {months.length > 1 && (
              <polyline fill="none" stroke={color} strokeWidth="2" points={line.values.map((value, index) => `${x(index)},${y(value)}`).join(' ')} />
            )}
            {line.values.map((value, index) => (
              <circle key={months[index]} cx={x(index)} cy={y(value)} r={months.length > 36 ? 1.5 : 3} fill={color}>
                <title>{`${line.name} ${monthLabel(months[index])}：${line.texts[index]}`}</title>
              </circle>
            ))}
          </g>
        )
      })}
    </svg>
  )
}

export interface BarEntry {
  key: string
  label: string
  count: number
}

/** 分布图: one horizontal bar per key, with its count. */
export function BarBreakdown({ id, title, entries, unit = '个' }: { id: string; title: string; entries: BarEntry[]; unit?: string }) {
  const total = entries.reduce((sum, entry) => sum + entry.count, 0)
  const width = 520
  const labelWidth = 170
  const valueWidth = 56
  const rowHeight = 26
  const height = entries.length * rowHeight + 8
  const max = Math.max(1, ...entries.map((entry) => entry.count))
  const barSpace = width - labelWidth - valueWidth
  return (
    <figure className={styles.chart} aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} className={styles.chartTitle}>
        {title}
        <span className="muted">（合计 {total} {unit}）</span>
      </figcaption>
      {total === 0 ? (
        <p className="empty">{EMPTY_TEXT}</p>
      ) : (
        <>
          <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>{entries.map((entry) => `${entry.label} ${entry.count}`).join('，')}</desc>
            {entries.map((entry, index) => {
              const barWidth = entry.count === 0 ? 0 : round1(Math.max(2, (entry.count / max) * barSpace))
              const rowY = 4 + index * rowHeight
              return (
                <g key={entry.key}>
                  <text x={labelWidth - 8} y={rowY + rowHeight / 2 + 4} textAnchor="end" fontSize="12" fill="#1f2937">
                    {entry.label}
                  </text>
                  <rect x={labelWidth} y={rowY + 4} width={barWidth} height={rowHeight - 8} rx="2" fill="#1d4e89" opacity={entry.count === 0 ? 0 : 0.85} />
                  <text x={labelWidth + barWidth + 6} y={rowY + rowHeight / 2 + 4} fontSize="12" fill="#1f2937">
                    {entry.count}
                  </text>
                </g>
              )
            })}
          </svg>
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
