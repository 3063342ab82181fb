// The step between a right password and the second factor (login_challenges): a random secret handed to the
// client, only its SHA-256 kept. It opens no session by itself. It is single use, expires after
// LOGIN_CHALLENGE_MINUTES, and takes at most MAX_CHALLENGE_ATTEMPTS codes: each is claimed before it is checked (a
// conditional update), so parallel guesses cannot exceed that, and the last wrong one consumes the challenge.
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

type Db = PrismaClient | Prisma.TransactionClient

export const MAX_CHALLENGE_ATTEMPTS = 5

const SECRET_FORMAT = /^c_[A-Za-z0-9_-]{43}$/

/** Unknown, used, expired or out of attempts: the same words, and the person starts again with the password. */
export const challengeInvalid = () => appError('TOKEN_INVALID', '登录验证已失效，请重新输入用户名和密码')

export async function openChallenge(
  db: Db,
  input: { userId: number; ip: string | null; validMinutes: number },
): Promise<string> {
  const secret = newSecret('c')
  await db.loginChallenge.create({
    data: {
      tokenHash: sha256Hex(secret),
      userId: input.userId,
      ip: input.ip,
      expiresAt: new Date(Date.now() + input.validMinutes * 60_000),
    },
  })
  return secret
}

/** The live challenge (not consumed, not expired, attempts left), or TOKEN_INVALID. Consumes nothing. */
export async function liveChallenge(db: Db, secret: string) {
  if (!SECRET_FORMAT.test(secret)) throw challengeInvalid()
  const row = await db.loginChallenge.findUnique({ where: { tokenHash: sha256Hex(secret) } })
  if (!row || row.consumedAt || row.expiresAt <= new Date() || row.attempts >= MAX_CHALLENGE_ATTEMPTS)
    throw challengeInvalid()
  return row
}

/** Claims one code attempt on the challenge (committed on its own); returns the attempts left after it. */
export async function claimChallengeAttempt(prisma: PrismaClient, challengeId: number): Promise<number> {
  const [claimed] = await prisma.loginChallenge.updateManyAndReturn({
    where: {
      id: challengeId,
      consumedAt: null,
      attempts: { lt: MAX_CHALLENGE_ATTEMPTS },
      expiresAt: { gt: new Date() },
    },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  })
  if (!claimed) throw challengeInvalid()
  const left = MAX_CHALLENGE_ATTEMPTS - claimed.attempts
  // The last attempt was claimed: whatever it brings, the challenge is finished (a right code consumes it anyway).
  if (left === 0)
    await prisma.loginChallenge.updateMany({
      where: { id: challengeId, consumedAt: null },
      data: { consumedAt: new Date() },
    })
  return left
}

/** Consumes the challenge inside the transaction that opens the session: of two racing completions one wins. */
export async function consumeChallenge(tx: Db, challengeId: number, lastAttempt: boolean): Promise<void> {
  // The last attempt already consumed it in claimChallengeAttempt (so a wrong last code leaves nothing open).
  if (lastAttempt) return
  const consumed = await tx.loginChallenge.updateMany({
    where: { id: challengeId, consumedAt: null },
    data: { consumedAt: new Date() },
  })
  if (consumed.count !== 1) throw challengeInvalid()
}
