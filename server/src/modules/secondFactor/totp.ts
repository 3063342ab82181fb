// 身份验证器 (TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps, one step either side for clock drift). A code is
// accepted at most once: the step it belongs to must be later than the last one accepted (users.totpLastStep), and
// that is claimed by a conditional update, so two requests with the same code cannot both pass.
import { Secret, TOTP } from 'otpauth'
import { config } from '../../config.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { openTotpSecret } from './totpSecret.ts'

type Db = PrismaClient | Prisma.TransactionClient

const TOTP_FORMAT = /^[0-9]{6}$/

function totpOf(secretBase32: string, label = '') {
  return new TOTP({
    issuer: config.secondFactor.totpIssuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  })
}

/** A new secret and the otpauth:// URI an authenticator app scans. */
export function newTotpSecret(label: string): { secretBase32: string; uri: string } {
  const secretBase32 = new Secret({ size: 20 }).base32
  return { secretBase32, uri: totpOf(secretBase32, label).toString() }
}

/** The 30-second step the code belongs to (now, or one step either side), or null for a wrong code. */
export function totpStepOf(secretBase32: string, code: string, now = Date.now()): bigint | null {
  if (!TOTP_FORMAT.test(code)) return null
  const totp = totpOf(secretBase32)
  const delta = totp.validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : BigInt(totp.counter({ timestamp: now }) + delta)
}

/** The current code of a secret (tests and the dev tools only ever need it). */
export function currentTotpCode(secretBase32: string, now = Date.now()): string {
  return totpOf(secretBase32).generate({ timestamp: now })
}

/**
 * Checks a code against the user's enabled secret and claims its step. False for a wrong code, a user without an
 * enabled authenticator, and a code (or an earlier one) already used.
 */
export async function acceptTotpCode(
  db: Db,
  user: { id: number; totpSecretEnc: string | null; totpEnabledAt: Date | null },
  code: string,
): Promise<boolean> {
  if (!user.totpSecretEnc || !user.totpEnabledAt) return false
  const step = totpStepOf(openTotpSecret(user.id, user.totpSecretEnc), code)
  if (step === null) return false
  return claimTotpStep(db, user.id, step)
}

/** Records the step as used unless it (or a later one) already is. */
export async function claimTotpStep(db: Db, userId: number, step: bigint): Promise<boolean> {
  const claimed = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  })
  return claimed.count === 1
}
