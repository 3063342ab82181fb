// Named prepared statements for the hot read-only raw SQL (the review queue's page and counts, the statistics read).
// Prisma's pg adapter sends every statement unnamed, so PostgreSQL parses, analyses and plans it again on each
// request. node-postgres prepares a statement once per connection when it is given a name and then only binds and
// executes it, so the repeated requests skip that work.
//
// Only for a PrismaClient whose pg pool was registered (openDatabase on PostgreSQL; a benchmark with its own pool):
// anything else, PGlite (the embedded default) and a transaction client alike, goes through Prisma's $queryRaw
// as before, so a statement inside an interactive transaction stays on the transaction's connection.
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'

const pools = new WeakMap<object, pg.Pool>()

/** Lets queryPrepared send `prisma`'s hot statements through `pool` (the pool its PrismaPg adapter uses). */
export function usePreparedStatements(prisma: PrismaClient, pool: pg.Pool): void {
  pools.set(prisma, pool)
}

/** Statement text → its name; a name is derived from the text, so one name never stands for two texts. */
const names = new Map<string, string>()

function nameOf(text: string): string {
  let name = names.get(text)
  if (!name) {
    name = `conac_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
    names.set(text, name)
  }
  return name
}

/**
 * A statement written with $1, $2 … placeholders, for text that uses a value more than once (a Prisma.sql template
 * makes every use a parameter of its own).
 */
export interface PositionalStatement {
  text: string
  values: unknown[]
}

/**
 * `sql` as a named prepared statement when `prisma` has a registered pool, else through $queryRaw. Meant for
 * statements whose text comes from a small fixed set (the values vary, not the text): each distinct text is
 * prepared once on every connection that runs it. Rows come as node-postgres types them (json/jsonb parsed, bigint
 * and numeric as text), which may differ from Prisma's: callers select values that read the same either way (json
 * through parseJsonColumn, text).
 */
export async function queryPrepared<Row>(
  prisma: PrismaClient | Prisma.TransactionClient,
  sql: Prisma.Sql | PositionalStatement,
) {
  const pool = pools.get(prisma)
  if (!pool)
    return 'strings' in sql ? prisma.$queryRaw<Row[]>(sql) : prisma.$queryRawUnsafe<Row[]>(sql.text, ...sql.values)
  const result = await pool.query<Row & pg.QueryResultRow>({
    name: nameOf(sql.text),
    text: sql.text,
    values: sql.values,
  })
  return result.rows as Row[]
}

/** The pg pool registered for `prisma` (its connection counts for /metrics), if any. */
export function registeredPool(prisma: PrismaClient): pg.Pool | undefined {
  return pools.get(prisma)
}
