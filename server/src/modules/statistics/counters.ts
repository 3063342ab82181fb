// 区域统计 from the pre-aggregated counters (region_statistics + the not yet folded region_statistic_deltas), kept
// by database triggers in the same transaction as every change (migration 20261122220844_region_statistics). A
// root's numbers are a few hundred rows read by primary key, whatever the size of its subtree.
//
// Counters are kept per Beijing month, so they answer ranges that start and end at 00:00 Beijing time on the 1st
// of a month (or are open). Any other range is answered by the baseline GROUP BY (source.ts), exact but slower.
import { Prisma } from '../../generated/prisma/client.ts'
import {
  addDays,
  beijingMidnight,
  type BadgeRows,
  type DomainRows,
  type FeeRows,
  type Grouped,
  type InvoiceRows,
  type KeyRows,
  type Range,
  type ReviewRows,
  type SiteApplicationRows,
  type SourceQuery,
  sqlStatisticsSource,
  type StatisticsSource,
  type UnitRows,
} from './source.ts'

interface CounterRow {
  root: string
  child: string
  metric: string
  bucket: string
  k1: string
  k2: string
  n: bigint
  fen: bigint
}

const BEIJING_OFFSET_MS = 8 * 3_600_000

/** The Beijing month (YYYY-MM) an instant starts, or null when it is not 00:00 Beijing time on the 1st. */
function monthStartingAt(instant: Date): string | null {
  const beijing = new Date(instant.getTime() + BEIJING_OFFSET_MS)
  const aligned = beijing.getUTCDate() === 1 && beijing.getUTCHours() === 0 && beijing.getUTCMinutes() === 0 && beijing.getUTCSeconds() === 0 && beijing.getUTCMilliseconds() === 0
  return aligned ? beijing.toISOString().slice(0, 7) : null
}

/** The range as months [from, to), or null when the counters cannot answer it. */
export function monthRange(range: Range): { from: string | null; to: string | null } | null {
  const from = range.from ? monthStartingAt(range.from) : null
  const to = range.to ? monthStartingAt(range.to) : null
  if ((range.from && !from) || (range.to && !to)) return null
  return { from, to }
}

const dayKey = (instant: Date) => new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)

/** How a metric's buckets are chosen for a range. */
type Buckets =
  /** Counted per month and all time: the all-time row for an open range, else the months of the range. */
  | 'total'
  /** Counted per month only (shown as a monthly series): the months of the range. */
  | 'series'
  /** Not restricted by the range (current state: invoice stock, waiting items). */
  | 'all'
  /** Days [from, to) (expiry). */
  | { days: [string, string] }
  /** Days [from, to), summed in the database into two buckets: 'near' before `near`, 'far' from it on (expiry windows). */
  | { days: [string, string]; near: string }

function bucketCondition(buckets: Buckets, months: { from: string | null; to: string | null }): Prisma.Sql {
  if (buckets === 'all') return Prisma.sql`TRUE`
  if (typeof buckets === 'object') return Prisma.sql`"bucket" >= ${buckets.days[0]} AND "bucket" < ${buckets.days[1]}`
  if (buckets === 'total' && !months.from && !months.to) return Prisma.sql`"bucket" = ''`
  const parts = [Prisma.sql`"bucket" <> ''`]
  if (months.from) parts.push(Prisma.sql`"bucket" >= ${months.from}`)
  if (months.to) parts.push(Prisma.sql`"bucket" < ${months.to}`)
  return Prisma.join(parts, ' AND ')
}

/**
 * The summed counters of some metrics for the query's roots, as (root, child) of the roots asked. A county is never
 * a root in the counters (it has no children): its rows are its city's rows with child = the county.
 */
async function read(query: SourceQuery, metrics: Record<string, Buckets>, months: { from: string | null; to: string | null }): Promise<CounterRow[]> {
  const counties = query.roots.filter((root) => root.depth >= 4)
  const others = query.roots.filter((root) => root.depth < 4)
  const which: Prisma.Sql[] = []
  if (others.length) which.push(Prisma.sql`"root" IN (${Prisma.join(others.map((root) => root.code))})`)
  if (counties.length) {
    const parents = counties.map((root) => root.path.split('/').filter(Boolean).at(-2)!)
    which.push(Prisma.sql`("root" IN (${Prisma.join(parents)}) AND "child" IN (${Prisma.join(counties.map((root) => root.code))}))`)
  }
  // One branch per metric and table, so that each is a range scan of the primary key (root, metric, bucket, ...).
  const roots = Prisma.join(which, ' OR ')
  const branches = Object.entries(metrics).flatMap(([metric, buckets]) => {
    const bucket = typeof buckets === 'object' && 'near' in buckets ? Prisma.sql`CASE WHEN "bucket" < ${buckets.near} THEN 'near' ELSE 'far' END` : Prisma.sql`"bucket"`
    return ['region_statistics', 'region_statistic_deltas'].map(
      (table) => Prisma.sql`SELECT "root", "child", "metric", ${bucket} AS "bucket", "k1", "k2", "n", "fen" FROM ${Prisma.raw(table)}
        WHERE (${roots}) AND "metric" = ${metric} AND ${bucketCondition(buckets, months)}`,
    )
  })
  // The rows travel as one text value, a line per row (summed below, compacted rows with pending deltas): thousands
  // of small rows decode much faster that way than one by one. Without parallel workers: starting them costs more
  // than reading a few thousand rows by key.
  const [, [result]] = await query.prisma.$transaction([
    query.prisma.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`,
    query.prisma.$queryRaw<{ rows: string | null }[]>`
      SELECT string_agg(concat_ws(',', "root", "child", "metric", "bucket", "k1", "k2", "n", "fen"), E'\n') AS "rows"
      FROM (${Prisma.join(branches, ' UNION ALL ')}) s`,
  ])
  const sums = new Map<string, CounterRow>()
  for (const line of result?.rows ? result.rows.split('\n') : []) {
    const [root, child, metric, bucket, k1, k2, n, fen] = line.split(',') as [string, string, string, string, string, string, string, string]
    const key = `${root},${child},${metric},${bucket},${k1},${k2}`
    const row = sums.get(key)
    if (row) {
      row.n += BigInt(n)
      row.fen += BigInt(fen)
    } else sums.set(key, { root, child, metric, bucket, k1, k2, n: BigInt(n), fen: BigInt(fen) })
  }
  const rows = [...sums.values()].filter((row) => row.n !== 0n || row.fen !== 0n)
  if (!counties.length) return rows
  const countyCodes = new Set(counties.map((root) => root.code))
  for (const row of rows) if (countyCodes.has(row.child)) row.root = row.child
  return rows
}

const of = (rows: CounterRow[], metric: string) => rows.filter((row) => row.metric === metric)
const keyed = (rows: CounterRow[], metric: string): KeyRows => of(rows, metric).map((row) => ({ root: row.root, child: row.child, key: row.k1, n: Number(row.n) }))
const monthly = (rows: CounterRow[], metric: string) => of(rows, metric).map((row) => ({ root: row.root, child: row.child, month: row.bucket, n: Number(row.n) }))
const monthlyAmounts = (rows: CounterRow[], metric: string) => of(rows, metric).map((row) => ({ root: row.root, child: row.child, month: row.bucket, n: Number(row.n), fen: row.fen }))

/** Sums of several metrics per (root, child). */
function perChild<K extends string>(rows: CounterRow[], fields: Record<K, (row: CounterRow) => number | bigint>): Grouped<Record<K, number>>[] {
  const sums = new Map<string, Grouped<Record<K, number>>>()
  for (const row of rows) {
    const id = `${row.root}|${row.child}`
    let entry = sums.get(id)
    if (!entry) {
      entry = { root: row.root, child: row.child, ...(Object.fromEntries(Object.keys(fields).map((field) => [field, 0])) as Record<K, number>) }
      sums.set(id, entry)
    }
    for (const [field, value] of Object.entries(fields) as [K, (row: CounterRow) => number | bigint][]) (entry as Record<K, number>)[field] += Number(value(row))
  }
  return [...sums.values()]
}

/**
 * The counters source: each family is one statement over the counters when the range is month-aligned, else the
 * baseline's statements for that family.
 */
export const counterStatisticsSource: StatisticsSource = {
  async units(query): Promise<UnitRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.units(query)
    const rows = await read(query, { units_type: 'total', units_category: 'total' }, months)
    return { byType: keyed(rows, 'units_type'), byCategory: keyed(rows, 'units_category') }
  },

  async domains(query): Promise<DomainRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.domains(query)
    const today = beijingMidnight(query.now)
    const [todayKey, in30Key, in90Key] = [dayKey(today), dayKey(addDays(today, 30)), dayKey(addDays(today, 90))]
    const rows = await read(
      query,
      { domains_status: 'total', domains_suffix: 'total', registrations: 'series', renewals: 'series', expiring: { days: [todayKey, in90Key], near: in30Key } },
      months,
    )
    return {
      byStatus: keyed(rows, 'domains_status'),
      bySuffix: keyed(rows, 'domains_suffix'),
      expiring: perChild(of(rows, 'expiring'), { within30: (row) => (row.bucket === 'near' ? row.n : 0n), within90: (row) => row.n }),
      registrations: monthly(rows, 'registrations'),
      renewals: monthly(rows, 'renewals'),
    }
  },

  async siteApplications(query): Promise<SiteApplicationRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.siteApplications(query)
    const rows = await read(query, { site_applications: 'total' }, months)
    return { counts: of(rows, 'site_applications').map((row) => ({ root: row.root, child: row.child, status: row.k1, n: Number(row.n) })) }
  },

  async badges(query): Promise<BadgeRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.badges(query)
    const rows = await read(query, { badges_issued: 'total', badges_installed: 'total', badges_cancelled: 'total' }, months)
    return {
      counts: perChild(rows, {
        issued: (row) => (row.metric === 'badges_issued' ? row.n : 0n),
        installed: (row) => (row.metric === 'badges_installed' ? row.n : 0n),
        cancelled: (row) => (row.metric === 'badges_cancelled' ? row.n : 0n),
      }),
    }
  },

  async fees(query): Promise<FeeRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.fees(query)
    const rows = await read(query, { fees_collected: 'series', fees_remitted: 'series', fees_charged: 'series' }, months)
    return { collected: monthlyAmounts(rows, 'fees_collected'), remitted: monthlyAmounts(rows, 'fees_remitted'), charged: monthlyAmounts(rows, 'fees_charged') }
  },

  async invoices(query): Promise<InvoiceRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.invoices(query)
    const rows = await read(query, { invoice_stock: 'all', invoices_issued: 'total' }, months)
    return {
      stock: perChild(of(rows, 'invoice_stock'), { stock: (row) => row.n }),
      issued: of(rows, 'invoices_issued').map((row) => ({ root: row.root, child: row.child, sheets: Number(row.n), fen: row.fen })),
    }
  },

  async reviews(query): Promise<ReviewRows> {
    const months = monthRange(query.range)
    if (!months) return sqlStatisticsSource.reviews(query)
    const rows = await read(query, { review_days: 'total', waiting: 'all' }, months)
    return {
      decisions: of(rows, 'review_days').map((row) => ({ root: row.root, child: row.child, level: row.k1, days: Number(row.k2), n: Number(row.n) })),
      waiting: of(rows, 'waiting').map((row) => ({ root: row.root, child: row.child, kind: row.k1 as 'DOMAIN' | 'SITE_APPLICATION', day: row.bucket, n: Number(row.n) })),
    }
  },
}
