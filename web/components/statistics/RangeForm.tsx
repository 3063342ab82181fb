// 时间范围: 起始日期 / 截止日期 (Beijing calendar days, 截止日期 inclusive) and the presets. Submitting navigates to the
// same page with ?region=&from=&to= (next/form: a client-side navigation, a plain GET without JavaScript).
import Form from 'next/form'
import Link from 'next/link'
import { lastTwelveMonths, rangePresets, statisticsHref, type StatisticsParams } from './range'
import styles from './statistics.module.css'

export function RangeForm({ basePath, params }: { basePath: string; params: StatisticsParams }) {
  const presets = rangePresets()
  const recent = lastTwelveMonths()
  return (
    // Keyed by the URL, so the inputs show the range of the page after a preset or a drill-down.
    <Form
      key={statisticsHref(basePath, params)}
      action={basePath}
      className={`filters ${styles.rangeForm}`}
      aria-label="时间范围"
      data-testid="statistics-range"
    >
      {params.region && <input type="hidden" name="region" value={params.region} />}
      <div className="field">
        <label htmlFor="statistics-from">起始日期</label>
        <input id="statistics-from" name="from" type="date" defaultValue={params.from} />
      </div>
      <div className="field">
        <label htmlFor="statistics-to">截止日期</label>
        <input id="statistics-to" name="to" type="date" defaultValue={params.to} />
      </div>
      <p className={styles.rangeHint}>
        近12个月为本月之前的 12 个整月（{recent.from} 至 {recent.to}），本月的数字见“今年”。按整月（每月 1
        日至月末）查询最快；其他日期范围同样准确，但全国范围需要较长时间。
      </p>
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          查询
        </button>
        {presets.map((preset) => {
          const current = preset.from === params.from && preset.to === params.to
          return (
            <Link
              key={preset.label}
              href={statisticsHref(basePath, { region: params.region, from: preset.from, to: preset.to })}
              className="button button-light"
              aria-current={current ? 'true' : undefined}
            >
              {preset.label}
            </Link>
          )
        })}
      </div>
    </Form>
  )
}
