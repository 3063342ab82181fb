// The step between a right password and the second factor (login_challenges): a random secret handed to the
// client, only its SHA-256 kept. It opens no session by itself. It is single use, expires after
// LOGIN_CHALLENGE_MINUTES, and takes at most MAX_CHALLENGE_ATTEMPTS codes: each is claimed before it is checked (a
// conditional update), so parallel guesses cannot exceed that, and the last wrong one consumes the challenge.
//
// Whoever has the password opens a new challenge with every login, and an authenticator code is not spent by wrong
// guesses the way an SMS code is: 5 guesses a challenge would add up, login after login, until one of the three codes
// valid at any moment is hit. So a person's challenges also share MAX_SECOND_FACTOR_FAILURES wrong codes in the
// login window (LOGIN_WINDOW_MINUTES); past it no code is checked for them until the oldest guess leaves the window.
// `attempts` counts wrong codes only: a right one is taken back when it consumes the challenge.
import { config } from '../../config.ts'
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

type Db = PrismaClient | Prisma.TransactionClient

export const MAX_CHALLENGE_ATTEMPTS = 5

/** Wrong codes one person's challenges take together within the login window. */
export const MAX_SECOND_FACTOR_FAILURES = 10

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

/**
 * Claims one code attempt on the challenge (committed on its own); returns the attempts left after it. The person's
 * wrong codes are counted and the attempt claimed under one lock per person, so guesses sent at once on many
 * challenges cannot all read a count under the limit.
 */
export async function claimChallengeAttempt(
  prisma: PrismaClient,
  challenge: { id: number; userId: number },
): Promise<number> {
  const now = new Date()
  const claimed = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`second-factor:${challenge.userId}`}))`
    await refuseWhenGuessedTooOften(tx, challenge.userId, now)
    const [row] = await tx.loginChallenge.updateManyAndReturn({
      where: {
        id: challenge.id,
        consumedAt: null,
        attempts: { lt: MAX_CHALLENGE_ATTEMPTS },
        expiresAt: { gt: now },
      },
      data: { attempts: { increment: 1 } },
      select: { attempts: true },
    })
    return row
  })
  if (!claimed) throw challengeInvalid()
  const left = MAX_CHALLENGE_ATTEMPTS - claimed.attempts
  // The last attempt was claimed: whatever it brings, the challenge is finished (a right code consumes it anyway).
  if (left === 0)
    await prisma.loginChallenge.updateMany({
      where: { id: challenge.id, consumedAt: null },
      data: { consumedAt: new Date() },
    })
  return left
}

/** TOO_MANY_ATTEMPTS when the person's challenges in the window already took MAX_SECOND_FACTOR_FAILURES codes. */
async function refuseWhenGuessedTooOften(db: Db, userId: number, now: Date): Promise<void> {
  const windowMs = config.login.windowMinutes * 60_000
  const guessed = await db.loginChallenge.findMany({
    where: { userId, attempts: { gt: 0 }, createdAt: { gte: new Date(now.getTime() - windowMs) } },
    orderBy: { createdAt: 'asc' },
    select: { attempts: true, createdAt: true },
  })
  const wrong = guessed.reduce((sum, row) => sum + row.attempts, 0)
  if (wrong < MAX_SECOND_FACTOR_FAILURES) return
  const retryAfterSeconds = Math.max(1, Math.ceil((guessed[0]!.createdAt.getTime() + windowMs - now.getTime()) / 1000))
  throw appError('TOO_MANY_ATTEMPTS', `验证码错误次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, {
    retryAfterSeconds,
  })
}

/**
 * Consumes the challenge inside the transaction that opens the session: of two racing completions one wins. The
 * right code's attempt is taken back, so `attempts` keeps counting wrong codes only.
 */
export async function consumeChallenge(tx: Db, challengeId: number, lastAttempt: boolean): Promise<void> {
  // The last attempt already consumed it in claimChallengeAttempt (so a wrong last code leaves nothing open).
  const consumed = await tx.loginChallenge.updateMany({
    where: { id: challengeId, ...(lastAttempt ? {} : { consumedAt: null }) },
    data: { attempts: { decrement: 1 }, ...(lastAttempt ? {} : { consumedAt: new Date() }) },
  })
  if (consumed.count !== 1) throw challengeInvalid()
}
