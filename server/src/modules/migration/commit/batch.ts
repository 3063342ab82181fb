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
