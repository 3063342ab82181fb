// After every kind of a run is committed.
//
// The 区域统计 counters need no rebuild: the writer keeps the triggers on, so each batch appended its counter deltas
// (region_statistic_deltas) in its own transaction, exactly as the portal's writes do. What is left once per run:
// fold those deltas in now (a national import leaves millions, which the scheduler's minute-by-minute compaction
// would otherwise fold while people already read the statistics), and refresh the planner's statistics of the
// tables that just grew, so the portal's first queries after a large import get good plans.
import type { PrismaClient } from '../../../generated/prisma/client.ts'
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

export async function finishImport(prisma: PrismaClient): Promise<void> {
  // Folds every pending delta in one statement; it serialises itself against the scheduler's compaction.
  await compactRegionStatistics(prisma)
  await prisma.$executeRawUnsafe(`ANALYZE ${IMPORTED_TABLES.map((table) => `"${table}"`).join(', ')}`)
}
