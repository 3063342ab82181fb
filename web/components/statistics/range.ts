// 区域统计's state lives in the URL: ?region=410900&from=2026-01-01&to=2026-12-31. Dates are Beijing calendar days,
// `to` inclusive on screen; the API (and the export) get ISO instants: from at 00:00 +08:00, to the next day's
// 00:00 +08:00 (exclusive). Money is formatted in money.ts.
import { chinaMidnight, chinaNextMidnight } from '../invoiceReports/filters'

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/
const HOUR_MS = 3_600_000

export type SearchParams = Record<string, string | string[] | undefined>

export interface StatisticsParams {
  /** The region in the URL (empty: the viewer's own). */
  region: string
  /** YYYY-MM-DD, Beijing; empty for an open end. */
  from: string
  to: string
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

export function paramsOf(searchParams: SearchParams): StatisticsParams {
  return { region: single(searchParams.region), from: single(searchParams.from), to: single(searchParams.to) }
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false
  const instant = new Date(`${value}T00:00:00+08:00`)
  return !Number.isNaN(instant.getTime()) && beijingDate(instant) === value
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10)
}

/** Why the range in the URL cannot be asked for, or null when it can. */
export function rangeProblem({ from, to }: StatisticsParams): string | null {
  if (from && !isDate(from)) return `起始日期“${from}”不是有效日期，请按 年-月-日 填写`
  if (to && !isDate(to)) return `截止日期“${to}”不是有效日期，请按 年-月-日 填写`
  if (from && to && from > to) return '截止日期不能早于起始日期'
  return null
}

/** The API's variables for the URL's range: [from 00:00, the day after `to` 00:00) Beijing time. */
export function apiRange({ from, to }: StatisticsParams): { from: string | null; to: string | null } {
  return { from: from ? chinaMidnight(from) : null, to: to ? chinaNextMidnight(to) : null }
}

/** The page's own URL with these parameters (empty ones left out). */
export function statisticsHref(basePath: string, params: StatisticsParams): string {
  const search = new URLSearchParams()
  if (params.region) search.set('region', params.region)
  if (params.from) search.set('from', params.from)
  if (params.to) search.set('to', params.to)
  const query = search.toString()
  return query ? `${basePath}?${query}` : basePath
}

/** /exports/region-statistics.<csv|xlsx>?regionCode=&from=&to= for the region shown and the URL's range. */
export function exportHref(extension: 'csv' | 'xlsx', regionCode: string, params: StatisticsParams): string {
  const search = new URLSearchParams({ regionCode })
  const range = apiRange(params)
  if (range.from) search.set('from', range.from)
  if (range.to) search.set('to', range.to)
  return `/exports/region-statistics.${extension}?${search.toString()}`
}

export interface RangePreset {
  label: string
  from: string
  to: string
}

/** [year, month 1-12] of the Beijing month `offset` months from the one `now` falls in. */
function beijingMonthOf(now: Date, offset = 0): [number, number] {
  const today = beijingDate(now)
  const shifted = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + offset, 1))
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1]
}

const monthKey = ([year, month]: [number, number]) => `${year}-${String(month).padStart(2, '0')}`

/** The last calendar day of a month, YYYY-MM-DD. */
function lastDayOf([year, month]: [number, number]): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10)
}

/**
 * 近12个月: the twelve whole months before this one (on 2026-12-06: 2025-12-01 to 2026-11-30), so it never equals
 * 今年 (which covers this month) and compares complete months only. 今年: 1 January to 31 December. 全部时间.
 * Whole months, so the API answers them from its counters (a range cut mid-month is computed the slow way).
 * Months are Beijing months: at 00:30 on 1 December in Beijing, November is already the last whole month.
 */
export function rangePresets(now = new Date()): RangePreset[] {
  const [year] = beijingMonthOf(now)
  return [
    { label: '近12个月', ...lastTwelveMonths(now) },
    { label: '今年', from: `${year}-01-01`, to: `${year}-12-31` },
    { label: '全部时间', from: '', to: '' },
  ]
}

/** 近12个月: the first day of this month a year ago to the last day of last month (Beijing). */
export function lastTwelveMonths(now = new Date()): { from: string; to: string } {
  return { from: `${monthKey(beijingMonthOf(now, -12))}-01`, to: lastDayOf(beijingMonthOf(now, -1)) }
}

/** The Beijing month (YYYY-MM) now: trend charts stop there even when the range runs on. */
export function currentMonth(now = new Date()): string {
  return monthKey(beijingMonthOf(now))
}

/** How many months a trend chart shows at least when no start is chosen (全部时间). */
const MIN_OPEN_RANGE_MONTHS = 12

/** "2026-12" shifted by -11 → "2026-01" */
function shiftMonth(month: string, offset: number): string {
  return monthKey(beijingMonthOf(new Date(`${month}-15T00:00:00+08:00`), offset))
}

/**
 * The months a trend chart draws, one point each: every month of the chosen range up to this one, with or without
 * data. With an open start (全部时间) it starts at the first month with data, but shows at least twelve months, so
 * data in a single month is one point of a line rather than a lone dot. Empty when the range lies wholly after
 * this month.
 */
export function trendMonths({
  dataMonths,
  from,
  to,
  now = new Date(),
}: {
  dataMonths: string[]
  from: string
  to: string
  now?: Date
}): string[] {
  const thisMonth = currentMonth(now)
  const last = to && to.slice(0, 7) < thisMonth ? to.slice(0, 7) : thisMonth
  let first = from ? from.slice(0, 7) : shiftMonth(last, 1 - MIN_OPEN_RANGE_MONTHS)
  if (!from) for (const month of dataMonths) if (month < first) first = month
  return first > last ? [] : monthsBetween(first, last)
}

/** 2.5 → "2.5", 3 → "3", 1.666… → "1.67", null → "—" (working days). */
export function daysText(value: number | null | undefined): string {
  if (value == null) return '—'
  return String(Math.round(value * 100) / 100)
}

/** "2026-03" → "2026年3月" */
export function monthLabel(month: string): string {
  const [year, mm] = month.split('-')
  return `${year}年${Number(mm)}月`
}

/** Every month from `first` to `last` (YYYY-MM), inclusive; at most 240 of them. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = []
  let year = Number(first.slice(0, 4))
  let month = Number(first.slice(5, 7))
  while (months.length < 240) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    if (key > last) break
    months.push(key)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return months
}
