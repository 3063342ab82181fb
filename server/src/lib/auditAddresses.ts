// Per-address limits that count audit rows (SMS codes per address) count every row whose address falls under the
// client's limit key (lib/clientAddress.ts limitKeyOf: an IPv4 address, or an IPv6 /64), while the rows keep the full
// address. The key is written as a CIDR, so PostgreSQL's inet containment tests it; audit addresses are only ever
// written by the API from normalised client addresses (context.ts), so every one casts.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { sqlTimestamp } from './sqlTime.ts'

/** Audit rows of `action` at or after `since` from any address under `addressKey`. */
export async function countAuditRowsUnderAddressKey(
  db: PrismaClient | Prisma.TransactionClient,
  action: string,
  addressKey: string,
  since: Date,
): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "audit_logs"
     WHERE "action" = ${action} AND "at" >= ${sqlTimestamp(since)} AND "ip" IS NOT NULL AND "ip"::inet <<= ${addressKey}::inet`
  return Number(row?.count ?? 0)
}
