// Per-address limits that count audit rows (SMS codes per address) count every row whose address falls under the
// client's limit key (lib/clientAddress.ts limitKeyOf: an IPv4 address, or an IPv6 /64), while the rows keep the full
// address. Rows written before issue 14 may hold whatever a client put in X-Forwarded-For, so nothing here casts a
// stored address to inet (one bad row would fail every send): an IPv4 key is compared as text, and the IPv6 rows of
// the window are keyed in JS. Callers only count actions that are themselves limited per hour (verification.send
// stays under the SMS budget), so the rows read are bounded.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { limitKeyOf } from './clientAddress.ts'

/** Audit rows of `action` at or after `since` from any address under `addressKey`. */
export async function countAuditRowsUnderAddressKey(
  db: PrismaClient | Prisma.TransactionClient,
  action: string,
  addressKey: string,
  since: Date,
): Promise<number> {
  if (!addressKey.includes(':')) return db.auditLog.count({ where: { action, ip: addressKey, at: { gte: since } } })
  const rows = await db.auditLog.findMany({
    where: { action, ip: { contains: ':' }, at: { gte: since } },
    select: { ip: true },
  })
  return rows.filter((row) => limitKeyOf(row.ip) === addressKey).length
}
