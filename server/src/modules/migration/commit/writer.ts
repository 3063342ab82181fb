// Commits one file's valid records in batches. Each batch is ONE transaction: its upserts, its migration_batches
// row and its audit row (migration.batch) commit together or not at all. A batch already recorded for (run, file,
// batch index) with the same first and last row is skipped with its recorded counts, so a run killed half-way and
// resumed with the same runId writes only what is missing. Every upsert is keyed on the record's natural key and
// changes only what differs, so a resumed batch that is written again (the rows shifted) still writes no duplicate.
//
// This writes into a live system, so nothing is switched off for other writers: the ledger and invoice-stock
// triggers, the constraints and the unique indexes all apply. Three per-row triggers would cost hours at national
// scale; a batch transaction marked conac.import_batch does their work set-based instead, in the same transaction
// (migration 20261207070000_migration_commit): the 区域统计 counters (batch.ts statisticsDeltaSql), new domains'
// PRIMARY names (domains.ts) and one zone serial bump per batch (batch.ts bumpZoneSerials).
import type { PrismaClient } from '../../../generated/prisma/client.ts'
import type { FileKind, KindCounts, RecordOf } from '../templates.ts'
import { type BatchContext, type BatchCounts, type BatchWriter, MigrationWriteError } from './batch.ts'
import { writeDnsRecords, writeDomains } from './domains.ts'
import { writeOffices, writeOfficeStaff } from './offices.ts'
import { writeBalances, writeInvoiceStock } from './openings.ts'
import { writeBadges, writeSiteApplications } from './sites.ts'
import { writeUnits } from './units.ts'
import { currentRequestId } from '../../../observability/requestContext.ts'

export { MigrationWriteError } from './batch.ts'

export const DEFAULT_BATCH_SIZE = 5000

const WRITERS: { [K in FileKind]: BatchWriter<RecordOf[K]> } = {
  offices: writeOffices,
  officeStaff: writeOfficeStaff,
  units: writeUnits,
  domains: writeDomains,
  dnsRecords: writeDnsRecords,
  badges: writeBadges,
  siteApplications: writeSiteApplications,
  balances: writeBalances,
  invoiceStock: writeInvoiceStock,
}

export interface WriteOptions {
  runId: number
  fileName: string
  batchSize?: number
  createdById?: number | null
  now?: Date
  /**
   * False for a bulk import into a database nobody is reading statistics from meanwhile: the batches skip the
   * 区域统计 counters (about half of a domain batch's time) and finishImport(prisma, { rebuildStatistics: true })
   * rebuilds them at the end. Default true: the counters stay exact batch by batch.
   */
  countStatistics?: boolean
  /** After each batch (written or skipped as already committed): the number of records in that batch. */
  onBatch?: (rowsWritten: number) => void
  /**
   * Batches written at the same time, each in its own transaction on its own connection (default 1). Two let
   * PostgreSQL use both cores of a small server. Only on PostgreSQL with a pool of at least this many connections
   * (PGlite has one connection). Safe because validation lets no natural key into a run twice (validate/context.ts):
   * concurrent batches of one file write disjoint rows, and each batch is still all-or-nothing and recorded in
   * migration_batches, so a resumed run rewrites exactly the batches that did not commit, whatever their order.
   */
  parallelBatches?: number
}

/**
 * The tables each kind's batches write (and then look up by key in later batches). The planner's statistics of a
 * table that grows from nothing lag behind it: a national import measured a batch planned while units looked empty
 * joining the file's 5,000 records to 150,000 rows by a nested loop over whole-table scans, minutes a batch. So the
 * writer has these tables analysed after its 1st, 2nd, 4th, 8th … batch of a file: a few ANALYZEs a file (a sample,
 * a second or so each at national size), and the estimates are never off by more than the table's doubling.
 */
const WRITTEN_TABLES: { [K in FileKind]: string[] } = {
  offices: ['offices'],
  officeStaff: ['users'],
  units: ['units', 'users'],
  domains: ['domains', 'domain_names'],
  dnsRecords: ['dns_records'],
  badges: ['site_applications', 'site_application_domains', 'badges'],
  siteApplications: ['site_applications', 'site_application_domains'],
  balances: ['accounts', 'ledger_transactions', 'ledger_entries'],
  invoiceStock: ['invoice_stock_movements'],
}

/** One batch's transaction may take a while on a busy server (5000 units with their accounts, triggers). */
const BATCH_TRANSACTION = { maxWait: 60_000, timeout: 15 * 60_000 }

export async function writeRecords<K extends FileKind>(
  prisma: PrismaClient,
  kind: K,
  records: AsyncIterable<RecordOf[K]>,
  options: WriteOptions,
): Promise<KindCounts> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE)
  const context: BatchContext = {
    runId: options.runId,
    fileName: options.fileName,
    now: options.now ?? new Date(),
    createdById: options.createdById ?? null,
    countStatistics: options.countStatistics ?? true,
  }
  const writer = WRITERS[kind] as BatchWriter<RecordOf[K]>
  const recorded = new Map(
    (
      await prisma.migrationBatch.findMany({
        where: { runId: options.runId, fileName: options.fileName },
        select: { batchIndex: true, firstRow: true, lastRow: true, inserted: true, updated: true, unchanged: true },
      })
    ).map((batch) => [batch.batchIndex, batch]),
  )
  const counts: KindCounts = { inserted: 0, updated: 0, unchanged: 0, refused: 0 }
  let batchIndex = 0
  let batchesDone = 0
  let batch: RecordOf[K][] = []

  const flush = async () => {
    if (batch.length === 0) return
    const records = batch
    batch = []
    const index = batchIndex++
    const firstRow = records[0]!.row
    const lastRow = records[records.length - 1]!.row
    const done = recorded.get(index)
    const result: BatchCounts =
      done && done.firstRow === firstRow && done.lastRow === lastRow
        ? done
        : await writeBatch(prisma, writer, records, context, { index, firstRow, lastRow, kind })
    counts.inserted += result.inserted
    counts.updated += result.updated
    counts.unchanged += result.unchanged
    // After the 1st, 2nd, 4th, 8th … batch (see WRITTEN_TABLES): outside the batches' transactions, beside them.
    const written = ++batchesDone
    if ((written & (written - 1)) === 0)
      await prisma.$executeRawUnsafe(`ANALYZE ${WRITTEN_TABLES[kind].map((table) => `"${table}"`).join(', ')}`)
    options.onBatch?.(records.length)
  }

  // Batches in flight while the next one is read and validated: PostgreSQL writes while Node parses. With one
  // (the default) batches commit one after another, in order; with more, a new batch starts when the oldest in
  // flight has committed. A failure is thrown when its batch is next awaited; the others are let finish first.
  const limit = Math.max(1, options.parallelBatches ?? 1)
  const inFlight: Promise<void>[] = []
  const start = () => {
    // flush takes the batch before its first await.
    const written = flush()
    written.catch(() => {})
    inFlight.push(written)
  }
  try {
    for await (const record of records) {
      batch.push(record)
      if (batch.length >= batchSize) {
        while (inFlight.length >= limit) await inFlight.shift()
        start()
      }
    }
    while (inFlight.length) await inFlight.shift()
    await flush()
  } finally {
    // Reading or a batch failed while others were being written: let them finish (each records itself) first.
    await Promise.allSettled(inFlight)
  }
  return counts
}

async function writeBatch<R>(
  prisma: PrismaClient,
  writer: BatchWriter<R>,
  records: R[],
  context: BatchContext,
  batch: { index: number; firstRow: number; lastRow: number; kind: FileKind },
): Promise<BatchCounts> {
  try {
    return await prisma.$transaction(async (tx) => {
      // The per-row bookkeeping of this transaction is the batch writers' (see the top of this file).
      await tx.$queryRawUnsafe(`SELECT set_config('conac.import_batch', 'on', true)`)
      // The counters of a batch aggregate some 10 rows per record: in memory, not in a sort spilled to disk.
      await tx.$queryRawUnsafe(`SELECT set_config('work_mem', '64MB', true)`)
      const counts = await writer(tx, records, context)
      // A resumed batch whose rows shifted is written again: its new facts replace the old record.
      await tx.migrationBatch.upsert({
        where: {
          runId_fileName_batchIndex: { runId: context.runId, fileName: context.fileName, batchIndex: batch.index },
        },
        create: {
          runId: context.runId,
          fileName: context.fileName,
          batchIndex: batch.index,
          firstRow: batch.firstRow,
          lastRow: batch.lastRow,
          ...counts,
          committedAt: context.now,
        },
        update: { firstRow: batch.firstRow, lastRow: batch.lastRow, ...counts },
      })
      await tx.auditLog.create({
        data: {
          actorUserId: context.createdById,
          action: 'migration.batch',
          subjectType: 'MigrationRun',
          // The request that started the commit, when one did (a resumed commit has none).
          requestId: currentRequestId(),
          subjectId: String(context.runId),
          after: {
            runId: context.runId,
            fileName: context.fileName,
            kind: batch.kind,
            batchIndex: batch.index,
            firstRow: batch.firstRow,
            lastRow: batch.lastRow,
            inserted: counts.inserted,
            updated: counts.updated,
          },
        },
      })
      return counts
    }, BATCH_TRANSACTION)
  } catch (error) {
    const where = `${context.fileName} 第 ${batch.firstRow}–${batch.lastRow} 行（第 ${batch.index + 1} 批）未写入`
    if (error instanceof MigrationWriteError)
      throw new MigrationWriteError(`${where}：${error.message}`, { cause: error })
    throw new MigrationWriteError(`${where}：${databaseReason(error)}`, { cause: error })
  }
}

/** The database's reason in words an operator can act on (the constraint or index named), not a stack. */
function databaseReason(error: unknown): string {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`
  if (/domain_names_live_unique|domains_live_name_unique/.test(text)) return '域名（或其简繁变体）已被占用'
  if (/site_applications_one_live_per_domain/.test(text)) return '该中文域名已有进行中的网站开办申请或有效标识'
  if (/units_name_key|units_name/.test(text)) return '单位名称已被其他单位使用'
  if (/offices_name_key/.test(text)) return '编办名称已被其他编办使用'
  if (/users_username_key/.test(text)) return '登录名已被其他账号使用'
  if (/accounts_balance_sign/.test(text)) return '编办余额不能为负'
  if (/offices_invoice_stock_not_negative/.test(text)) return '发票余量不能为负'
  const constraint = /constraint "([^"]+)"/.exec(text)?.[1]
  return constraint
    ? `数据库拒绝（${constraint}）`
    : `数据库错误：${(error as Error)?.message ?? String(error)}`.slice(0, 500)
}
