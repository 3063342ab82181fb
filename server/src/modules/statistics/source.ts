// Where the regional statistics (区域统计) come from. One method per family; each answers for several subtree roots
// of the same depth at once and returns rows grouped by (root, child): `child` is the region one level below the
// root that the row's unit (or office) lies in, or the root itself for rows sitting at the root's own level. So a
// region and all its children come from the same few statements, never a statement per child.
//
// This file holds the interface. Two sources implement it: baseline.ts, plain GROUP BY over the base tables (also
// the fallback for ranges that do not start and end on month boundaries), and counters.ts, the same from the
// pre-aggregated counters (region_statistics); nothing above these files knows how the numbers are obtained.
import type { PrismaClient } from '../../generated/prisma/client.ts'

/** A subtree root: a region and its materialised path (/100000/410000/410900/). */
export interface RegionNode {
  code: string
  path: string
  /** Number of codes on the path: 1 for the country, 2 for a province, 3 for a city, 4 for a county. */
  depth: number
}

/** A half-open time range [from, to); a missing end is open. */
export interface Range {
  from: Date | null
  to: Date | null
}

export interface SourceQuery {
  prisma: PrismaClient
  /** Roots of the same depth. */
  roots: RegionNode[]
  range: Range
  /** The instant "now" of the request (expiry windows, overdue reviews). */
  now: Date
  /**
   * Whether the request asks for a child's monthly series. When it does not, a source may answer a series as the
   * root's months summed over all children (rows with child = SUMMED) plus each child's total over the range
   * (rows with month = ''), instead of a row per child and month; the figures take the months from rows with a
   * month and the totals from rows without child = SUMMED (figures.ts), so both answers give the same numbers.
   */
  childSeries: boolean
}

/** The child of a series row summed over all the root's children (see SourceQuery.childSeries). */
export const SUMMED = '*'

/** A row attributed to one child of one root (child = root for rows at the root's own level). */
export type Grouped<T> = T & { root: string; child: string }

/** One count per key (an enum value). */
export type KeyRows = Grouped<{ key: string; n: number }>[]

export interface UnitRows {
  byType: KeyRows
  byCategory: KeyRows
}

export interface DomainRows {
  byStatus: KeyRows
  bySuffix: KeyRows
  /** Registered domains whose expiry falls on a Beijing day in [today, today + 30) and [today, today + 90). */
  expiring: Grouped<{ within30: number; within90: number }>[]
  registrations: Grouped<{ month: string; n: number }>[]
  renewals: Grouped<{ month: string; n: number }>[]
}

export interface SiteApplicationRows {
  counts: Grouped<{ status: string; n: number }>[]
}

export interface BadgeRows {
  counts: Grouped<{ issued: number; installed: number; cancelled: number }>[]
}

export interface FeeRows {
  collected: Grouped<{ month: string; n: number; fen: bigint }>[]
  remitted: Grouped<{ month: string; n: number; fen: bigint }>[]
  charged: Grouped<{ month: string; n: number; fen: bigint }>[]
}

export interface InvoiceRows {
  stock: Grouped<{ stock: number }>[]
  issued: Grouped<{ sheets: number; fen: bigint }>[]
}

export interface ReviewRows {
  /** Decisions in the range by level and turnaround in working days (waitStartedAt to decidedAt): a histogram. */
  decisions: Grouped<{ level: string; days: number; n: number }>[]
  /** Items now waiting for a review, by the Beijing day (YYYY-MM-DD) since which they wait at their current level. */
  waiting: Grouped<{ kind: 'DOMAIN' | 'SITE_APPLICATION'; day: string; n: number }>[]
}

export interface StatisticsSource {
  units(query: SourceQuery): Promise<UnitRows>
  domains(query: SourceQuery): Promise<DomainRows>
  siteApplications(query: SourceQuery): Promise<SiteApplicationRows>
  badges(query: SourceQuery): Promise<BadgeRows>
  fees(query: SourceQuery): Promise<FeeRows>
  invoices(query: SourceQuery): Promise<InvoiceRows>
  reviews(query: SourceQuery): Promise<ReviewRows>
}

export type Family = keyof StatisticsSource
export type FamilyRows<F extends Family> = Awaited<ReturnType<StatisticsSource[F]>>
