// 区域统计 from the pre-aggregated counters (region_statistics + the not yet folded region_statistic_deltas), kept
// by database triggers in the same transaction as every change (migration 20261122220844_region_statistics). A
// root's numbers are a few hundred rows read by primary key, whatever the size of its subtree.
//
// Counters are kept per Beijing month, so they answer ranges that start and end at 00:00 Beijing time on the 1st
// of a month (or are open). Any other range is answered by the baseline GROUP BY (baseline.ts), exact but slower.
import { queryPrepared } from '../../db/prepared.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import { beijingDay, startOfBeijingDay } from '../../lib/workdays.ts'
import { keptStatisticsRows } from './answerCache.ts'
import { addDays, sqlStatisticsSource } from './baseline.ts'
import {
  type Family,
  type FamilyRows,
  type Grouped,
  type KeyRows,
  type Range,
  type SourceQuery,
  type StatisticsSource,
  SUMMED,
} from './source.ts'

/** Folds the pending deltas into the counters (the scheduler does it every minute); returns how many it folded. */
export async function compactRegionStatistics(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: bigint }[]>`SELECT compact_region_statistics() AS "folded"`
  return Number(row?.folded ?? 0)
}

interface CounterRow {
  root: string
  child: string
  metric: string
  bucket: string
  k1: string
  k2: string
  n: number
  /** Fen (money metrics only; 0 elsewhere). */
  fen: bigint
}

const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The Beijing month (YYYY-MM) an instant starts, or null when it is not 00:00 Beijing time on the 1st. */
function monthStartingAt(instant: Date): string | null {
  const beijing = new Date(instant.getTime() + BEIJING_OFFSET_MS)
  const aligned =
    beijing.getUTCDate() === 1 &&
    beijing.getUTCHours() === 0 &&
    beijing.getUTCMinutes() === 0 &&
    beijing.getUTCSeconds() === 0 &&
    beijing.getUTCMilliseconds() === 0
  return aligned ? beijing.toISOString().slice(0, 7) : null
}

/** The range as months [from, to), or null when the counters cannot answer it. */
export function monthRange(range: Range): { from: string | null; to: string | null } | null {
  const from = range.from ? monthStartingAt(range.from) : null
  const to = range.to ? monthStartingAt(range.to) : null
  if ((range.from && !from) || (range.to && !to)) return null
  return { from, to }
}

/** A metric's buckets for a range: [low, high) in bucket order ('' < '0' < 'YYYY-MM' < 'YYYY-MM-DD' < '9' < '~'). */
interface BucketRange {
  low: string
  high: string
  /** Sum the buckets in the database: one line per child and keys (bucket ''), or with `near` two of them. */
  collapse?: boolean
  /** With collapse: 'near' for the buckets before this one, 'far' for the rest (the expiry windows). */
  near?: string
}

/** The metrics kept as monthly series: also as each child's all-time total (bucket '') and summed over the children ('<metric>:all'). */
const SERIES = ['registrations', 'renewals', 'fees_collected', 'fees_remitted', 'fees_charged']
const ALL_CHILDREN = ':all'

/**
 * The buckets of every metric the families need, for a month-aligned range (open ends: null). `summed`: the
 * series as each child's all-time total and the root's months over all children (all time, no child's series
 * asked; see SourceQuery.childSeries), a province's ~6,000 series rows down to ~850.
 */
function bucketRanges(
  months: { from: string | null; to: string | null },
  now: Date,
  summed: boolean,
): Record<string, BucketRange> {
  const today = startOfBeijingDay(now)
  // Ranged metrics kept per month and all time: the all-time row ('' only) for an open range, else the months.
  const total: BucketRange =
    !months.from && !months.to
      ? { low: '', high: '!' }
      : { low: months.from ?? '0', high: months.to ?? '9', collapse: true }
  // Monthly series (no all-time row): the months of the range.
  const series: BucketRange = { low: months.from ?? '0', high: months.to ?? '9' }
  const all: BucketRange = { low: '', high: '~' }
  return {
    units_type: total,
    units_category: total,
    domains_status: total,
    domains_suffix: total,
    registrations: series,
    renewals: series,
    expiring: {
      low: beijingDay(today),
      high: beijingDay(addDays(today, 90)),
      collapse: true,
      near: beijingDay(addDays(today, 30)),
    },
    site_applications: total,
    badges_issued: total,
    badges_installed: total,
    badges_cancelled: total,
    fees_collected: series,
    fees_remitted: series,
    fees_charged: series,
    invoice_stock: all,
    invoices_issued: total,
    review_days: total,
    waiting: all,
    ...(summed
      ? Object.fromEntries(
          SERIES.flatMap((metric) => [
            [metric, total],
            [metric + ALL_CHILDREN, series],
          ]),
        )
      : {}),
  }
}

/** Per request (its `now`): the counters already asked for, by roots and range; every family reads the one answer. */
const readsOfRequest = new WeakMap<Date, Map<string, Promise<Rows>>>()

/** Counter rows by metric. */
type Rows = Map<string, CounterRow[]>
const MONEY = new Set(['fees_collected', 'fees_remitted', 'fees_charged', 'invoices_issued'])

/**
 * The summed counters of every metric for the query's roots, as (root, child) of the roots asked: one statement
 * for all the families. A county is never a root in the counters (it has no children): its rows are its city's
 * rows with child = the county.
 */
function read(query: SourceQuery, months: { from: string | null; to: string | null }): Promise<Rows> {
  const key = `${query.roots.map((root) => root.code).join(',')}|${months.from}|${months.to}|${query.childSeries}`
  let reads = readsOfRequest.get(query.now)
  if (!reads) readsOfRequest.set(query.now, (reads = new Map()))
  let rows = reads.get(key)
  // Between requests, the same rows while the counters' version stays (answerCache.ts); the expiry windows'
  // buckets follow the Beijing day.
  if (!rows)
    reads.set(
      key,
      (rows = keptStatisticsRows(query.prisma, query.now, `${key}|${beijingDay(query.now)}`, () =>
        readRows(query, months),
      )),
    )
  return rows
}

async function readRows(query: SourceQuery, months: { from: string | null; to: string | null }): Promise<Rows> {
  const counties = query.roots.filter((root) => root.depth >= 4)
  const roots = counties.length
    ? counties.map((root) => root.path.split('/').filter(Boolean).at(-2)!)
    : query.roots.map((root) => root.code)
  const summed = !query.childSeries && !counties.length && !months.from && !months.to
  const ranges = Object.entries(bucketRanges(months, query.now, summed))
  // region_statistics_read (migration 20261122220844_region_statistics) returns a line per row: thousands of small
  // rows decode much faster as one text value than one by one. The series' summed forms ('' totals, '<metric>:all')
  // come from migration 20261123020000_statistics_series_totals, the collapsed buckets from 20261123030000.
  // A named prepared statement on PostgreSQL (db/prepared.ts): the text is the same for every dashboard.
  const [result] = await queryPrepared<{ rows: string | null }>(
    query.prisma,
    Prisma.sql`
    SELECT region_statistics_read(
      ${roots}::text[], ${counties.length ? counties.map((root) => root.code) : null}::text[],
      ${ranges.map(([metric]) => metric)}::text[], ${ranges.map(([, range]) => range.low)}::text[],
      ${ranges.map(([, range]) => range.high)}::text[], ${ranges.map(([, range]) => range.near ?? null)}::text[],
      ${ranges.map(([, range]) => range.collapse ?? false)}::boolean[]
    ) AS "rows"`,
  )
  // A key may come twice (a compacted row and pending deltas): every use of the rows sums them.
  const rows: Rows = new Map()
  const countyCodes = new Set(counties.map((root) => root.code))
  const text = result?.rows ?? ''
  const fields: string[] = []
  // By hand with indexOf: split('\n') and a split(',') per line took twice as long (a province has ~9,000 lines).
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start)
    const end = newline < 0 ? text.length : newline
    fields.length = 0
    for (let at = start; ;) {
      const comma = text.indexOf(',', at)
      if (comma < 0 || comma > end) {
        fields.push(text.slice(at, end))
        break
      }
      fields.push(text.slice(at, comma))
      at = comma + 1
    }
    start = end + 1
    const [root, child, stored, bucket, k1, k2, n, fen] = fields as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ]
    // '<metric>:all' rows are the metric's months summed over the root's children.
    const summedRow = stored.endsWith(ALL_CHILDREN)
    const metric = summedRow ? stored.slice(0, -ALL_CHILDREN.length) : stored
    let list = rows.get(metric)
    if (!list) rows.set(metric, (list = []))
    list.push({
      root: countyCodes.has(child) ? child : root,
      child: summedRow ? SUMMED : child,
      metric,
      bucket,
      k1,
      k2,
      n: Number(n),
      fen: MONEY.has(metric) ? BigInt(fen) : 0n,
    })
  }
  return rows
}

const of = (rows: Rows, metric: string) => rows.get(metric) ?? []
const keyed = (rows: Rows, metric: string): KeyRows =>
  of(rows, metric).map((row) => ({ root: row.root, child: row.child, key: row.k1, n: row.n }))
const monthly = (rows: Rows, metric: string) =>
  of(rows, metric).map((row) => ({ root: row.root, child: row.child, month: row.bucket, n: row.n }))
const monthlyAmounts = (rows: Rows, metric: string) =>
  of(rows, metric).map((row) => ({ root: row.root, child: row.child, month: row.bucket, n: row.n, fen: row.fen }))

/** Sums of several metrics per (root, child). */
function perChild<K extends string>(
  rows: CounterRow[],
  fields: Record<K, (row: CounterRow) => number>,
): Grouped<Record<K, number>>[] {
  const sums = new Map<string, Grouped<Record<K, number>>>()
  for (const row of rows) {
    const id = `${row.root}|${row.child}`
    let entry = sums.get(id)
    if (!entry) {
      entry = {
        root: row.root,
        child: row.child,
        ...(Object.fromEntries(Object.keys(fields).map((field) => [field, 0])) as Record<K, number>),
      }
      sums.set(id, entry)
    }
    for (const [field, value] of Object.entries(fields) as [K, (row: CounterRow) => number][])
      (entry as Record<K, number>)[field] += value(row)
  }
  return [...sums.values()]
}

/** A family from the counters when the range is month-aligned, else from the baseline's statements. */
function counted<F extends Family>(family: F, shape: (rows: Rows) => FamilyRows<F>) {
  return async (query: SourceQuery): Promise<FamilyRows<F>> => {
    const months = monthRange(query.range)
    if (!months) return (sqlStatisticsSource[family] as (query: SourceQuery) => Promise<FamilyRows<F>>)(query)
    return shape(await read(query, months))
  }
}

/** The counters source: one statement for every family of a request and tree level (see read). */
export const counterStatisticsSource: StatisticsSource = {
  units: counted('units', (rows) => ({ byType: keyed(rows, 'units_type'), byCategory: keyed(rows, 'units_category') })),

  domains: counted('domains', (rows) => ({
    byStatus: keyed(rows, 'domains_status'),
    bySuffix: keyed(rows, 'domains_suffix'),
    expiring: perChild(of(rows, 'expiring'), {
      within30: (row) => (row.bucket === 'near' ? row.n : 0),
      within90: (row) => row.n,
    }),
    registrations: monthly(rows, 'registrations'),
    renewals: monthly(rows, 'renewals'),
  })),

  siteApplications: counted('siteApplications', (rows) => ({
    counts: of(rows, 'site_applications').map((row) => ({
      root: row.root,
      child: row.child,
      status: row.k1,
      n: row.n,
    })),
  })),

  badges: counted('badges', (rows) => ({
    counts: perChild([...of(rows, 'badges_issued'), ...of(rows, 'badges_installed'), ...of(rows, 'badges_cancelled')], {
      issued: (row) => (row.metric === 'badges_issued' ? row.n : 0),
      installed: (row) => (row.metric === 'badges_installed' ? row.n : 0),
      cancelled: (row) => (row.metric === 'badges_cancelled' ? row.n : 0),
    }),
  })),

  fees: counted('fees', (rows) => ({
    collected: monthlyAmounts(rows, 'fees_collected'),
    remitted: monthlyAmounts(rows, 'fees_remitted'),
    charged: monthlyAmounts(rows, 'fees_charged'),
  })),

  invoices: counted('invoices', (rows) => ({
    stock: perChild(of(rows, 'invoice_stock'), { stock: (row) => row.n }),
    issued: of(rows, 'invoices_issued').map((row) => ({
      root: row.root,
      child: row.child,
      sheets: row.n,
      fen: row.fen,
    })),
  })),

  reviews: counted('reviews', (rows) => ({
    decisions: of(rows, 'review_days').map((row) => ({
      root: row.root,
      child: row.child,
      level: row.k1,
      days: Number(row.k2),
      n: row.n,
    })),
    waiting: of(rows, 'waiting').map((row) => ({
      root: row.root,
      child: row.child,
      kind: row.k1 as 'DOMAIN' | 'SITE_APPLICATION',
      day: row.bucket,
      n: row.n,
    })),
  })),
}
