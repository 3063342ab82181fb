// After every kind of a run is committed.
//
// The 区域统计 counters need no rebuild after an ordinary run: each batch appended its counter deltas
// (region_statistic_deltas) in its own transaction, as the portal's writes do. After a bulk run (writeRecords with
// countStatistics: false) they are rebuilt here from the tables. What is left once per run otherwise:
// fold those deltas in now (a national import leaves millions, which the scheduler's minute-by-minute compaction
// would otherwise fold while people already read the statistics), and refresh the planner's statistics of the
// tables that just grew, so the portal's first queries after a large import get good plans.
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import { announce } from '../../../db/crossProcess.ts'
import { compactRegionStatistics } from '../../statistics/counters.ts'

/** The tables an import writes into. */
const IMPORTED_TABLES = [
  'offices',
  'users',
  'units',
  'domains',
  'domain_names',
  'dns_records',
  'site_applications',
  'site_application_domains',
  'badges',
  'accounts',
  'ledger_transactions',
  'ledger_entries',
  'invoice_stock_movements',
]

export async function finishImport(
  prisma: PrismaClient,
  options: {
    /** After a bulk import (writeRecords with countStatistics: false): recompute every counter from the tables. */
    rebuildStatistics?: boolean
  } = {},
): Promise<void> {
  if (options.rebuildStatistics) {
    // Locks the counters while it recomputes them; concurrent writers' rows land as deltas after it.
    await prisma.$queryRawUnsafe(`SELECT rebuild_region_statistics()::int AS "written"`)
    // The rebuild writes no deltas, so the counters' version (statistics/answerCache.ts) cannot see it: every API
    // process drops its kept answers (db/crossProcess.ts; this one at once, the others when they hear it).
    await announce(prisma, 'statistics')
  } else {
    // Folds every pending delta in one statement; it serialises itself against the scheduler's compaction.
    await compactRegionStatistics(prisma)
  }
  await prisma.$executeRawUnsafe(`ANALYZE ${IMPORTED_TABLES.map((table) => `"${table}"`).join(', ')}`)
}
