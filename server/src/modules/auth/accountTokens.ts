// One-time account links (activation, password reset, handover, expired-password change), sent by email. The link
// carries a random secret; only its SHA-256 is stored. A link works once, until it expires, and only the newest of
// its purpose works: issuing one consumes the older ones.
import { appError } from '../../errors.ts'
import type { AccountTokenPurpose } from '../../generated/prisma/enums.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** The refusal for a link that is unknown, used, expired or superseded: the same words for all four. */
export const tokenInvalid = () => appError('TOKEN_INVALID', '链接已失效，请重新获取')

/** A well-formed link secret (what newSecret('a') makes); anything else is refused before a lookup. */
const SECRET_FORMAT = /^a_[A-Za-z0-9_-]{43}$/

/** Issues a link for the user and returns its secret (to put in the emailed URL, never stored). */
export async function issueAccountToken(
  tx: Db,
  input: { userId: number; purpose: AccountTokenPurpose; validMinutes: number; createdById: number | null },
): Promise<string> {
  const now = new Date()
  await tx.accountToken.updateMany({
    where: { userId: input.userId, purpose: input.purpose, consumedAt: null },
    data: { consumedAt: now },
  })
  const secret = newSecret('a')
  await tx.accountToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: sha256Hex(secret),
      expiresAt: new Date(now.getTime() + input.validMinutes * 60_000),
      createdById: input.createdById,
    },
  })
  return secret
}

/** The live link of that purpose, or null; consumes nothing (for pages that greet the person first). */
export async function findLiveAccountToken(db: Db, secret: string, purpose: AccountTokenPurpose) {
  if (!SECRET_FORMAT.test(secret)) return null
  const row = await db.accountToken.findUnique({ where: { tokenHash: sha256Hex(secret) } })
  if (!row || row.purpose !== purpose || row.consumedAt || row.expiresAt <= new Date()) return null
  return row
}

/**
 * Consumes the link, once: a conditional update, so of two requests racing with the same link exactly one gets
 * the user id and the other TOKEN_INVALID. Call it inside the transaction that acts on the link.
 */
export async function consumeAccountToken(tx: Db, secret: string, purpose: AccountTokenPurpose): Promise<number> {
  const row = await findLiveAccountToken(tx, secret, purpose)
  if (!row) throw tokenInvalid()
  const consumed = await tx.accountToken.updateMany({
    where: { id: row.id, consumedAt: null, expiresAt: { gt: new Date() } },
    data: { consumedAt: new Date() },
  })
  if (consumed.count !== 1) throw tokenInvalid()
  return row.userId
}
