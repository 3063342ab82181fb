// 区域统计: who may see which subtree, the time range, a per-request loader that asks the StatisticsSource once per
// family and depth (batched across siblings), and the figures of one node computed from the grouped rows.
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { badInput, forbidden, notFound } from '../../errors.ts'
import { DomainStatus, DomainSuffix, ReviewLevel, SiteApplicationStatus, SystemCategory, UnitType } from '../../generated/prisma/enums.ts'
import { isConac } from '../../lib/scope.ts'
import { addWorkingDays, isWorkingDay } from '../../lib/workdays.ts'
import { officeScopeOf } from '../../viewer.ts'
import { counterStatisticsSource } from './counters.ts'
import { type Family, type FamilyRows, type Grouped, type Range, type RegionNode, type SourceQuery, type StatisticsSource, SUMMED } from './source.ts'

/** The longest range a request may ask for. */
export const MAX_RANGE_YEARS = 10

/**
 * A node of the answer: a region, and where its numbers come from. A requested root reads the rows of its own
 * query (all children); a child reads its parent's rows restricted to itself, so drilling down one level costs nothing.
 */
export interface StatisticsNode {
  region: RegionNode
  range: Range
  /** The root whose grouped rows hold this node's numbers. */
  source: RegionNode
  /** null: every row of `source`; else only the rows of this child of `source`. */
  child: string | null
  /** Whether the request asks for a child's monthly series (SourceQuery.childSeries). */
  childSeries: boolean
}

const depthOfPath = (path: string) => path.split('/').filter(Boolean).length

// ---------------------------------------------------------------------------------------------------------------
// Scope and input

/**
 * The subtree a viewer asked for: regionCode (default the viewer's office region; CONAC the country). Offices and
 * their API tokens may ask for their own region and anything below it (FORBIDDEN otherwise), CONAC for any.
 */
export async function statisticsRoot(
  ctx: Context,
  args: { regionCode?: string | null; from?: Date | null; to?: Date | null },
  childSeries = false,
): Promise<StatisticsNode> {
  const office = officeScopeOf(ctx.viewer)
  if (!office) throw forbidden('区域统计仅限编办和 CONAC 工作人员')
  const range = checkedRange(args.from ?? null, args.to ?? null)
  const code = args.regionCode?.trim() || null
  let region: { code: string; path: string } | null
  if (code) {
    if (!/^\d{6}$/.test(code)) throw badInput('区域代码应为 6 位数字', { regionCode: '区域代码应为 6 位数字' })
    region = await ctx.prisma.region.findUnique({ where: { code }, select: { code: true, path: true } })
    if (!region) throw notFound('行政区划')
  } else {
    region = await ctx.prisma.region.findUnique({ where: { path: office.regionPath }, select: { code: true, path: true } })
    if (!region) throw notFound('行政区划')
  }
  if (!isConac(ctx.viewer) && !region.path.startsWith(office.regionPath)) throw forbidden('只能查看本编办辖区内的统计')
  const node = { code: region.code, path: region.path, depth: depthOfPath(region.path) }
  return { region: node, range, source: node, child: null, childSeries }
}

/** [from, to): from before to, and at most MAX_RANGE_YEARS long when both ends are given. */
export function checkedRange(from: Date | null, to: Date | null): Range {
  if (from && to) {
    if (from.getTime() >= to.getTime()) throw badInput('开始时间应早于结束时间', { to: '应晚于开始时间' })
    const limit = new Date(from)
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_RANGE_YEARS)
    if (to.getTime() > limit.getTime()) throw badInput(`统计时间范围不能超过 ${MAX_RANGE_YEARS} 年`, { to: `距开始时间不能超过 ${MAX_RANGE_YEARS} 年` })
  }
  return { from, to }
}

// ---------------------------------------------------------------------------------------------------------------
// The per-request loader

/**
 * Asks the source once per (family, range, depth) for every root of that depth requested in the same turn of the
 * event loop (siblings and cousins in a nested `children` selection), and caches the answer for the request.
 */
export class StatisticsLoader {
  readonly now = new Date()
  private readonly perRoot = new Map<string, Promise<unknown>>()
  /** A root's rows split by child once, for all its child nodes (a province has ~9,000 rows and 19 children). */
  private readonly perChild = new Map<string, Promise<(child: string) => unknown>>()
  private readonly batches = new Map<string, { roots: Map<string, RegionNode>; result: Promise<unknown> }>()
  private readonly childRegions = new Map<string, Promise<RegionNode[]>>()

  constructor(
    private readonly ctx: Context,
    private readonly source: StatisticsSource = counterStatisticsSource,
  ) {}

  /** The family's rows of one root (all its children). */
  rowsOf<F extends Family>(family: F, root: RegionNode, range: Range, childSeries: boolean): Promise<FamilyRows<F>> {
    const rangeKey = `${rangeKeyOf(range)}|${childSeries}`
    const key = `${family}|${rangeKey}|${root.code}`
    const cached = this.perRoot.get(key)
    if (cached) return cached as Promise<FamilyRows<F>>
    const batchKey = `${family}|${rangeKey}|${root.depth}`
    let batch = this.batches.get(batchKey)
    if (!batch) {
      const roots = new Map<string, RegionNode>()
      const result = new Promise<void>((resolve) => setImmediate(resolve)).then((): Promise<unknown> => {
        this.batches.delete(batchKey)
        const load = this.source[family] as (query: SourceQuery) => Promise<unknown>
        return load.call(this.source, { prisma: this.ctx.prisma, roots: [...roots.values()], range, now: this.now, childSeries })
      })
      batch = { roots, result }
      this.batches.set(batchKey, batch)
    }
    batch.roots.set(root.code, root)
    const mine = batch.result.then((rows) => onlyRows(rows as FamilyRows<F>, (row) => row.root === root.code))
    this.perRoot.set(key, mine)
    return mine
  }

  /** The family's rows of one node. */
  async rowsOfNode<F extends Family>(family: F, node: StatisticsNode): Promise<FamilyRows<F>> {
    if (node.child === null) return this.rowsOf(family, node.source, node.range, node.childSeries)
    const key = `${family}|${rangeKeyOf(node.range)}|${node.childSeries}|${node.source.code}`
    let split = this.perChild.get(key)
    if (!split) this.perChild.set(key, (split = this.rowsOf(family, node.source, node.range, node.childSeries).then(byChild)))
    return (await split)(node.child) as FamilyRows<F>
  }

  /** The regions directly below `region`, in code order (one statement for all the regions asked in a turn). */
  children(region: RegionNode): Promise<RegionNode[]> {
    const cached = this.childRegions.get(region.code)
    if (cached) return cached
    const promise = this.childBatch(region.code).then((byParent) => byParent.get(region.code) ?? [])
    this.childRegions.set(region.code, promise)
    return promise
  }

  private pendingParents: Set<string> | null = null
  private pendingResult: Promise<Map<string, RegionNode[]>> | null = null

  private childBatch(code: string): Promise<Map<string, RegionNode[]>> {
    if (!this.pendingParents || !this.pendingResult) {
      const parents = new Set<string>()
      this.pendingParents = parents
      this.pendingResult = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        this.pendingParents = null
        this.pendingResult = null
        const rows = await this.ctx.prisma.region.findMany({
          where: { parentCode: { in: [...parents] } },
          select: { code: true, path: true, parentCode: true },
          orderBy: { code: 'asc' },
        })
        const byParent = new Map<string, RegionNode[]>()
        for (const row of rows) {
          const list = byParent.get(row.parentCode!) ?? []
          list.push({ code: row.code, path: row.path, depth: depthOfPath(row.path) })
          byParent.set(row.parentCode!, list)
        }
        return byParent
      })
    }
    this.pendingParents.add(code)
    return this.pendingResult
  }
}

const rangeKeyOf = (range: Range) => `${range.from?.toISOString() ?? ''}|${range.to?.toISOString() ?? ''}`

function onlyRows<R>(rows: R, keep: (row: { root: string; child: string }) => boolean): R {
  const out: Record<string, unknown[]> = {}
  for (const [part, list] of Object.entries(rows as Record<string, Grouped<object>[]>)) out[part] = list.filter(keep)
  return out as R
}

/** Family rows split by child: each child's rows with every part of the family (empty parts included). */
function byChild(rows: unknown): (child: string) => unknown {
  const parts = Object.entries(rows as Record<string, Grouped<object>[]>)
  const empty = () => Object.fromEntries(parts.map(([name]) => [name, [] as unknown[]]))
  const out = new Map<string, Record<string, unknown[]>>()
  for (const [part, list] of parts) {
    for (const row of list) {
      let entry = out.get(row.child)
      if (!entry) out.set(row.child, (entry = empty()))
      entry[part]!.push(row)
    }
  }
  return (child) => out.get(child) ?? empty()
}

const loaders = new WeakMap<Context, StatisticsLoader>()
let activeSource: StatisticsSource = counterStatisticsSource

/** Which source answers from now on (the counters unless swapped, e.g. by a test or the benchmark); returns the previous one. */
export function useStatisticsSource(source: StatisticsSource): StatisticsSource {
  const previous = activeSource
  activeSource = source
  return previous
}

export function loaderOf(ctx: Context): StatisticsLoader {
  let loader = loaders.get(ctx)
  if (!loader) {
    loader = new StatisticsLoader(ctx, activeSource)
    loaders.set(ctx, loader)
  }
  return loader
}

/** The child nodes of a node: each reads this node's region's rows restricted to itself. */
export async function childNodes(ctx: Context, node: StatisticsNode): Promise<StatisticsNode[]> {
  const regions = await loaderOf(ctx).children(node.region)
  return regions.map((region) => ({ region, range: node.range, source: node.region, child: region.code, childSeries: node.childSeries }))
}

// ---------------------------------------------------------------------------------------------------------------
// Figures of one node

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
function byKey<R>(values: Record<string, string>, rows: R[], keyOf: (row: R) => string, countOf: (row: R) => number): KeyCount[] {
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
  return [...counts].filter(([, count]) => count !== 0).sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count }))
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
  return [...sums.values()].filter((entry) => entry.count !== 0 || entry.amountFen !== 0n).sort((a, b) => a.month.localeCompare(b.month))
}

const sum = <R>(rows: R[], of: (row: R) => number) => rows.reduce((total, row) => total + of(row), 0)
const sumFen = (rows: { fen: bigint }[]) => rows.reduce((total, row) => total + BigInt(row.fen), 0n)
const seriesTotalFen = (rows: { child: string; fen: bigint }[]) => sumFen(rows.filter((row) => row.child !== SUMMED))

export async function unitStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('units', node)
  return {
    total: sum(rows.byType, (row) => row.n),
    byType: byKey(UnitType, rows.byType, (row) => row.key, (row) => row.n),
    bySystemCategory: byKey(SystemCategory, rows.byCategory, (row) => row.key, (row) => row.n),
  }
}

export async function domainStatistics(ctx: Context, node: StatisticsNode) {
  const rows = await loaderOf(ctx).rowsOfNode('domains', node)
  return {
    total: sum(rows.byStatus, (row) => row.n),
    byStatus: byKey(DomainStatus, rows.byStatus, (row) => row.key, (row) => row.n),
    bySuffix: byKey(DomainSuffix, rows.bySuffix, (row) => row.key, (row) => row.n),
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
    byStatus: byKey(SubmittedSiteApplicationStatus, counts, (row) => row.status, (row) => row.n),
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
    const histogram = rows.decisions.filter((row) => row.level === level).map((row) => ({ value: row.days, count: row.n }))
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
    overdueDomainApplications: sum(overdue.filter((row) => row.kind === 'DOMAIN'), (row) => row.n),
    overdueSiteApplications: sum(overdue.filter((row) => row.kind === 'SITE_APPLICATION'), (row) => row.n),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Working days and percentiles

const DAY_MS = 86_400_000
const BEIJING_OFFSET_MS = 8 * 3_600_000
const beijingDayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)
const workingDayCache = new Map<number, boolean>()

function isWorkingDayNumber(day: number): boolean {
  let working = workingDayCache.get(day)
  if (working === undefined) {
    working = isWorkingDay(new Date(day * DAY_MS - BEIJING_OFFSET_MS))
    workingDayCache.set(day, working)
  }
  return working
}

/**
 * Working days from `start` to `end`: the working days after the Beijing day of `start` up to and including the
 * Beijing day of `end` — the smallest n with end <= addWorkingDays(start, n), the count the escalation job's
 * deadlines use. Decided the same day: 0; submitted on a Friday and decided on the Monday: 1.
 */
export function workingDaysBetween(start: Date, end: Date): number {
  let count = 0
  for (let day = beijingDayNumber(start) + 1, last = beijingDayNumber(end); day <= last; day += 1) {
    if (isWorkingDayNumber(day)) count += 1
  }
  return count
}

/** The escalation job's test (jobs/escalation.ts): waiting past the end of the N-th working day after `since`. */
export function isOverdue(since: Date, now: Date, workingDays: number): boolean {
  if (!Number.isInteger(workingDays) || workingDays < 1) return false
  return now.getTime() > addWorkingDays(since, workingDays).getTime()
}

/** percentile() of the values a histogram stands for (value, how many times), without expanding it. */
export function histogramPercentile(histogram: { value: number; count: number }[], p: number): number | null {
  const counts = new Map<number, number>()
  for (const entry of histogram) counts.set(entry.value, (counts.get(entry.value) ?? 0) + entry.count)
  const entries = [...counts].map(([value, count]) => ({ value, count })).filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value)
  const total = entries.reduce((n, entry) => n + entry.count, 0)
  if (!total) return null
  const valueAtRank = (rank: number) => {
    let seen = 0
    for (const entry of entries) {
      seen += entry.count
      if (rank < seen) return entry.value
    }
    return entries.at(-1)!.value
  }
  const position = (total - 1) * p
  const lower = Math.floor(position)
  const low = valueAtRank(lower)
  const high = valueAtRank(Math.ceil(position))
  return Math.round((low + (high - low) * (position - lower)) * 1e6) / 1e6
}

/** Deadlines by the Beijing day a wait started and the working days allowed (they never change). */
const deadlines = new Map<string, number>()

/** isOverdue for a wait that started on a Beijing day (YYYY-MM-DD): the deadline depends only on the day. */
export function isOverdueSinceDay(day: string, now: Date, workingDays: number): boolean {
  if (!Number.isInteger(workingDays) || workingDays < 1) return false
  const key = `${day}|${workingDays}`
  let deadline = deadlines.get(key)
  if (deadline === undefined) {
    deadline = addWorkingDays(new Date(`${day}T00:00:00+08:00`), workingDays).getTime()
    deadlines.set(key, deadline)
  }
  return now.getTime() > deadline
}

/** Percentile by linear interpolation between closest ranks (PostgreSQL percentile_cont), rounded to 6 decimals; null for no values. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * p
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const value = sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
  return Math.round(value * 1e6) / 1e6
}
