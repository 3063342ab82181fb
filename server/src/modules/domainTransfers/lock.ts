// Every decision on a transfer (an approval, a rejection, the withdrawal) first locks the request row, so they run
// one after the other: two offices approving at once both count, each exactly once, and the last approval and a
// withdrawal at the same moment cannot both succeed (the second finds the request no longer PENDING: CONFLICT).
import type { Prisma } from '../../generated/prisma/client.ts'
import { appError } from '../../errors.ts'

type Tx = Prisma.TransactionClient

export const NO_LONGER_PENDING = '该过户申请已办结或已撤回，请刷新'

/** The request's status and version under a row lock; CONFLICT unless it is still PENDING. */
export async function lockPendingRequest(tx: Tx, requestId: number): Promise<{ status: 'PENDING'; version: number }> {
  const [row] = await tx.$queryRaw<{ status: string; version: number }[]>`
    SELECT "status"::text AS "status", "version" FROM "domain_transfer_requests" WHERE "id" = ${requestId} FOR UPDATE`
  if (!row || row.status !== 'PENDING') throw appError('CONFLICT', NO_LONGER_PENDING, { reason: 'TRANSFER_CLOSED' })
  return { status: 'PENDING', version: row.version }
}
