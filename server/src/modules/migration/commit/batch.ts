// What every kind's batch writer shares: the transaction client, the facts of the batch, its counts, raw SQL over a
// JSON array of records (json_to_recordset: one parameter whatever the batch size, on PGlite and PostgreSQL alike)
// and the error that fails a batch cleanly.
import type { Prisma } from '../../../generated/prisma/client.ts'

export type Tx = Prisma.TransactionClient

export interface BatchContext {
  runId: number
  fileName: string
  /** One instant for the whole run's writes (importedAt, updatedAt). */
  now: Date
  /** CONAC staff who started a portal run; null for the CLI. */
  createdById: number | null
  /**
   * Keep the 区域统计 counters batch by batch (the default). False for a bulk import: the batches leave the counters
   * alone and finishImport(prisma, { rebuildStatistics: true }) recomputes them all once at the end.
   */
  countStatistics: boolean
}

export interface BatchCounts {
  inserted: number
  updated: number
  unchanged: number
}

export type BatchWriter<R> = (tx: Tx, records: R[], context: BatchContext) => Promise<BatchCounts>

/**
 * A batch that cannot be written as given (a reference that does not resolve, a name another unit holds, a balance
 * that would go negative). Thrown inside the batch's transaction, so nothing of the batch stays.
 */
export class MigrationWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MigrationWriteError'
  }
}

/**
 * A timestamp parameter as text: `'…Z'::timestamp(3)` ignores the zone and keeps the UTC wall time, which is how
 * Prisma stores DateTime (a Date bound as timestamptz would be shifted by the session's time zone).
 */
export const sqlTime = (date: Date | null): string | null => (date ? date.toISOString() : null)

/** Runs one statement whose $1 is the records as JSON (dates become ISO strings, read back as timestamp(3)). */
export async function queryRecords<Row>(tx: Tx, sql: string, records: unknown[], ...params: unknown[]): Promise<Row[]> {
  return tx.$queryRawUnsafe<Row[]>(sql, JSON.stringify(records), ...params)
}

/** count(*) comes back as bigint; the counts are small. */
export const toCount = (value: unknown): number => Number(value ?? 0)

/** The last record of each key: a key twice in one statement would make ON CONFLICT fail ("affect row a second time"). */
export function lastOfEachKey<R>(records: R[], keyOf: (record: R) => string): R[] {
  const byKey = new Map<string, R>()
  for (const record of records) {
    const key = keyOf(record)
    byKey.delete(key)
    byKey.set(key, record)
  }
  return [...byKey.values()]
}

/** Counts of a batch from the keys a statement inserted and updated (the rest of the batch was left as it was). */
export function countsOf(total: number, inserted: number, updated: number): BatchCounts {
  return { inserted, updated, unchanged: Math.max(0, total - inserted - updated) }
}

/** Refuses the batch when some records' references do not resolve (validation should have refused those rows). */
export function refuseUnresolved(what: string, rows: { row: number; detail: string }[]): void {
  if (rows.length === 0) return
  const shown = rows
    .slice(0, 5)
    .map((r) => `第 ${r.row} 行（${r.detail}）`)
    .join('、')
  throw new MigrationWriteError(`${what}：${shown}${rows.length > 5 ? ` 等 ${rows.length} 行` : ''}`)
}

/** The tables with 区域统计 rules (stat_<table>) that an import writes. */
export type CountedTable = 'offices' | 'units' | 'domains' | 'badges' | 'site_applications'

/**
 * The 区域统计 facts (region, metric, bucket, k1, k2, n, fen) of the rows of a table that W (a condition on x)
 * selects: the stat_<table> rules written as joins, as rebuild_region_statistics() writes them (a stat_<table>
 * call per row costs about a millisecond; these cost a few for a whole batch). The test of the writer compares the
 * counters it keeps with a rebuild, so the two cannot drift apart unnoticed.
 */
function factsOf(table: CountedTable, W: string): string {
  switch (table) {
    case 'units':
      return `SELECT x."regionCode" AS region, m.metric, b.bucket, m.k AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
                FROM "units" x,
                     LATERAL (VALUES ('units_type'::varchar, x."type"::varchar), ('units_category', x."systemCategory"::varchar)) m(metric, k),
                     LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
               WHERE ${W}`
    case 'domains':
      return `SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('DOMAIN', x."id", x."createdAt", u."regionCode") END AS region,
                     m.metric, b.bucket, m.k AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
                FROM "domains" x JOIN "units" u ON u."id" = x."unitId",
                     LATERAL (VALUES ('domains_status'::varchar, x."status"::varchar), ('domains_suffix', x."suffix"::varchar)) m(metric, k),
                     LATERAL (VALUES (''::varchar), ("stat_month"(x."createdAt"))) b(bucket)
               WHERE ${W}
              UNION ALL
              SELECT "stat_region_at"('DOMAIN', x."id", x."registeredAt", u."regionCode"), 'registrations', "stat_month"(x."registeredAt"), '', '', 1, 0
                FROM "domains" x JOIN "units" u ON u."id" = x."unitId" WHERE x."registeredAt" IS NOT NULL AND ${W}
              UNION ALL
              SELECT u."regionCode", 'expiring', "stat_day"(x."expiresAt"), '', '', 1, 0
                FROM "domains" x JOIN "units" u ON u."id" = x."unitId"
               WHERE x."status" = 'REGISTERED' AND x."expiresAt" IS NOT NULL AND ${W}
              UNION ALL
              SELECT s.* FROM "domains" x, LATERAL "stat_domains"(x) s
               WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED') AND s.metric = 'waiting' AND ${W}`
    case 'site_applications':
      return `SELECT CASE WHEN b.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('SITE_APPLICATION', x."id", x."submittedAt", u."regionCode") END AS region,
                     'site_applications'::varchar AS metric, b.bucket, x."status"::varchar AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
                FROM "site_applications" x JOIN "units" u ON u."id" = x."unitId",
                     LATERAL (VALUES (''::varchar), ("stat_month"(x."submittedAt"))) b(bucket)
               WHERE x."status" <> 'DRAFT' AND b.bucket IS NOT NULL AND ${W}
              UNION ALL
              SELECT s.* FROM "site_applications" x, LATERAL "stat_site_applications"(x) s
               WHERE x."status" IN ('PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW', 'AWAITING_PAPER') AND s.metric = 'waiting' AND ${W}`
    case 'badges':
      return `SELECT CASE WHEN e.bucket = '' THEN u."regionCode" ELSE "stat_region_at"('BADGE', x."id", e.at, u."regionCode") END AS region,
                     e.metric, e.bucket, ''::varchar AS k1, ''::varchar AS k2, 1::bigint AS n, 0::bigint AS fen
                FROM "badges" x JOIN "units" u ON u."id" = x."unitId",
                     LATERAL (VALUES ('badges_issued'::varchar, ''::varchar, TRUE, x."issuedAt"), ('badges_issued', "stat_month"(x."issuedAt"), TRUE, x."issuedAt"),
                                     ('badges_installed', '', x."installedAt" IS NOT NULL, x."installedAt"), ('badges_installed', "stat_month"(x."installedAt"), x."installedAt" IS NOT NULL, x."installedAt"),
                                     ('badges_cancelled', '', x."status" = 'CANCELLED', x."cancelledAt"), ('badges_cancelled', "stat_month"(x."cancelledAt"), x."status" = 'CANCELLED' AND x."cancelledAt" IS NOT NULL, x."cancelledAt")
                     ) e(metric, bucket, applies, at)
               WHERE e.applies AND ${W}`
    case 'offices':
      return `SELECT s.* FROM "offices" x, LATERAL "stat_offices"(x) s WHERE ${W}`
  }
}

/**
 * The statement appending the 区域统计 counter deltas of the rows `where` selects (a condition on x, the table's row),
 * with the rules and forms of the per-row trigger, times sign. The batch writers use it twice around a write: as a
 * CTE of the upsert itself with sign -1 over the rows it updates (a CTE reads the table as it was before the
 * statement: the old rows), and after it with sign +1 over the rows it inserted or updated. Rows left unchanged
 * cost nothing. The batch's transaction has conac.import_batch on, so the per-row trigger leaves these rows
 * to this (migration 20261207070000_migration_commit).
 */
export function statisticsDeltaSql(table: CountedTable, where: string, sign: 1 | -1): string {
  // The facts summed per region first, and each region's ancestors looked up once (not once per fact).
  return `WITH c AS (
       SELECT c.region, c.metric, c.bucket, c.k1, c.k2, SUM(c.n) AS n, SUM(c.fen) AS fen
         FROM (${factsOf(table, `(${where})`)}) c
        GROUP BY 1, 2, 3, 4, 5
     ), a AS MATERIALIZED (
       SELECT r.region, a.root, a.child
         FROM (SELECT DISTINCT c.region FROM c) r CROSS JOIN LATERAL "region_statistics_ancestors"(r.region) a
     )
     INSERT INTO "region_statistic_deltas" ("root", "child", "metric", "bucket", "k1", "k2", "n", "fen")
     SELECT a.root, f.child, f.metric, f.bucket, c.k1, c.k2, ${sign} * SUM(c.n), ${sign} * SUM(c.fen)
       FROM c JOIN a ON a.region = c.region
       CROSS JOIN LATERAL "region_statistics_forms"(a.root, a.child, c.metric, c.bucket) f
      GROUP BY 1, 2, 3, 4, 5, 6
     HAVING SUM(c.n) <> 0 OR SUM(c.fen) <> 0`
}

/**
 * Moves both zones' SOA serial once for a batch that changed domains or DNS records (dns_zone_bump_serial leaves
 * the rows of an import batch to this: one update per batch, not one per row).
 */
export async function bumpZoneSerials(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE "dns_zones" SET "serial" = CASE WHEN "serial" >= 4294967295 THEN 1 ELSE "serial" + 1 END, "updated_at" = now()`,
  )
}

/**
 * The CTE (`, name AS (...)`) of an upsert that subtracts the counters of the rows it updates as they were; empty
 * when the run leaves the counters to a rebuild.
 */
export function uncountedCte(context: BatchContext, name: string, table: CountedTable, where: string): string {
  return context.countStatistics ? `, ${name} AS (${statisticsDeltaSql(table, where, -1)})` : ''
}

/** Adds the counters of the rows with these ids as they are now (after the batch's write). */
export async function countStatistics(
  tx: Tx,
  context: BatchContext,
  table: CountedTable,
  ids: number[],
): Promise<void> {
  if (!context.countStatistics || ids.length === 0) return
  await tx.$executeRawUnsafe(statisticsDeltaSql(table, `x."id" = ANY($1::int[])`, 1), ids)
}
