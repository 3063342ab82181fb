// The figures of one node of 区域统计 (what the RegionStatistics fields and the export show), computed from the
// grouped rows the loader hands out: every enum value in declared order, monthly series, sums, review turnaround.
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import {
  DomainStatus,
  DomainSuffix,
  ReviewLevel,
  SiteApplicationStatus,
  SystemCategory,
  UnitType,
} from '../../generated/prisma/enums.ts'
import { loaderOf, type StatisticsNode } from './loader.ts'
import { SUMMED } from './source.ts'
import { histogramPercentile, isOverdueSinceDay } from './turnaround.ts'

export interface KeyCount {
  key: string
  count: number
}
export interface MonthCount {
  month: string
  count: number
}
export interface MonthAmount extends MonthCount {
  amountFen: bigint
}

/** Every value of the enum in its declared order, zeros included. */
function byKey<R>(
  values: Record<string, string>,
  rows: R[],
  keyOf: (row: R) => string,
  countOf: (row: R) => number,
): KeyCount[] {
  const counts = new Map<string, number>(Object.values(values).map((value) => [value, 0]))
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + countOf(row))
  return [...counts].map(([key, count]) => ({ key, count }))
}

// A series may come as the root's months summed over the children plus each child's total (month ''): months
// are summed from the rows that have one, totals from the rows not summed over the children (SourceQuery.childSeries).

/** Months with at least one event, ascending. */
function byMonth(rows: { month: string; n: number }[]): MonthCount[] {
  const counts = new Map<string, number>()
  for (const row of rows) if (row.month !== '') counts.set(row.month, (counts.get(row.month) ?? 0) + row.n)
  // A month whose rows cancel out (a counter and its pending deltas) has no event.
  return [...counts]
    .filter(([, count]) => count !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, count]) => ({ month, count }))
}

function amountsByMonth(rows: { month: string; n: number; fen: bigint }[]): MonthAmount[] {
  const sums = new Map<string, MonthAmount>()
  for (const row of rows) {
    if (row.month === '') continue
    const entry = sums.get(row.month) ?? { month: row.month, count: 0, amountFen: 0n }
    entry.count += row.n
    entry.amountFen += BigInt(row.fen)
    sums.set(row.month, entry)
  }
  return [...sums.values()]
    .filter((entry) => entry.count !== 0 || entry.amountFen !== 0n)
    .sort((a, b) => a.month.localeCompare(b.month))
}

const sum = <R>(rows: R[], of: (row: R) => number) => rows.reduce((total, row) => total + of(row), 0)
const sumFen = (rows: { fen: bigint }[]) => rows.reduce((total, row) => total + BigInt(row.fen), 0n)
const seriesTotalFen = (rows: { child: string; fen: bigint }[]) => sumFen(rows.filter((row) => row.child !== SUMMED))

export async function unitStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('units', node)
  return {
    total: sum(rows.byType, (row) => row.n),
    byType: byKey(
      UnitType,
      rows.byType,
      (row) => row.key,
      (row) => row.n,
    ),
    bySystemCategory: byKey(
      SystemCategory,
      rows.byCategory,
      (row) => row.key,
      (row) => row.n,
    ),
  }
}

export async function domainStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('domains', node)
  return {
    total: sum(rows.byStatus, (row) => row.n),
    byStatus: byKey(
      DomainStatus,
      rows.byStatus,
      (row) => row.key,
      (row) => row.n,
    ),
    bySuffix: byKey(
      DomainSuffix,
      rows.bySuffix,
      (row) => row.key,
      (row) => row.n,
    ),
    expiringWithin30Days: sum(rows.expiring, (row) => row.within30),
    expiringWithin90Days: sum(rows.expiring, (row) => row.within90),
    registrationsByMonth: byMonth(rows.registrations),
    renewalsByMonth: byMonth(rows.renewals),
  }
}

const { DRAFT: _draft, ...SubmittedSiteApplicationStatus } = SiteApplicationStatus

export async function siteApplicationStatistics(ctx: Context, node: StatisticsNode) {
  const { counts } = await loaderOf(ctx).rowsOfNode('siteApplications', node)
  return {
    total: sum(counts, (row) => row.n),
    byStatus: byKey(
      SubmittedSiteApplicationStatus,
      counts,
      (row) => row.status,
      (row) => row.n,
    ),
  }
}

export async function badgeStatistics(ctx: Context, node: StatisticsNode) {
  const { counts } = await loaderOf(ctx).rowsOfNode('badges', node)
  return {
    issued: sum(counts, (row) => row.issued),
    installed: sum(counts, (row) => row.installed),
    cancelled: sum(counts, (row) => row.cancelled),
  }
}

export async function feeStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('fees', node)
  return {
    collectedFen: seriesTotalFen(rows.collected),
    remittedFen: seriesTotalFen(rows.remitted),
    chargedFen: seriesTotalFen(rows.charged),
    collectedByMonth: amountsByMonth(rows.collected),
    remittedByMonth: amountsByMonth(rows.remitted),
    chargedByMonth: amountsByMonth(rows.charged),
  }
}

export async function invoiceStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('invoices', node)
  return {
    stock: sum(rows.stock, (row) => row.stock),
    issued: sum(rows.issued, (row) => row.sheets),
    issuedAmountFen: sumFen(rows.issued),
  }
}

export interface ReviewTurnaround {
  level: string
  decisions: number
  medianWorkingDays: number | null
  p90WorkingDays: number | null
}

export async function reviewStatistics(ctx: Context, node: StatisticsNode) {
  const loader = loaderOf(ctx)
  const rows = await loader.rowsOfNode('reviews', node)
  const turnaround: ReviewTurnaround[] = Object.values(ReviewLevel).map((level) => {
    const histogram = rows.decisions
      .filter((row) => row.level === level)
      .map((row) => ({ value: row.days, count: row.n }))
    return {
      level,
      decisions: sum(histogram, (entry) => entry.count),
      medianWorkingDays: histogramPercentile(histogram, 0.5),
      p90WorkingDays: histogramPercentile(histogram, 0.9),
    }
  })
  // Overdue depends only on the Beijing day the wait started (the deadline is the end of the N-th working day after it).
  const limit = config.jobs.reviewEscalationWorkingDays
  const overdue = rows.waiting.filter((row) => isOverdueSinceDay(row.day, loader.now, limit))
  return {
    turnaround,
    overdueDomainApplications: sum(
      overdue.filter((row) => row.kind === 'DOMAIN'),
      (row) => row.n,
    ),
    overdueSiteApplications: sum(
      overdue.filter((row) => row.kind === 'SITE_APPLICATION'),
      (row) => row.n,
    ),
  }
}
