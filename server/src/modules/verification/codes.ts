// SMS verification codes (短信验证码): stored only as a hash, checked against the newest one sent, consumed once.
// Sending is the command commands/send-verification-code.ts; the commands of other modules that need a code
// (registerUnit, updateUnitContacts, the site application) check and consume it here, so this is the module's
// service to them (no command of its own lives here).
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { VerificationPurpose } from '../../generated/prisma/enums.ts'
import { sha256Hex } from '../../lib/tokens.ts'

export const CODE_TTL_MINUTES = 5
export const MAX_CODE_ATTEMPTS = 5
export const RESEND_COOLDOWN_SECONDS = 60
export const MAX_CODES_PER_MOBILE_PER_DAY = 10
/** Against SMS bombing of many numbers from one client: codes one address may request in an hour. */
export const MAX_CODES_PER_ADDRESS_PER_HOUR = 30

type Tx = Prisma.TransactionClient

export function hashVerificationCode(code: string, mobile: string, purpose: VerificationPurpose): string {
  return sha256Hex(`${code}:${mobile}:${purpose}`)
}

/** Registration is for people without an account; every other purpose belongs to a logged-in unit user. */
export function isAnonymousPurpose(purpose: VerificationPurpose): boolean {
  return purpose === 'UNIT_REGISTRATION'
}

/**
 * Codes anyone can make the system send without a login: they may use only the anonymous share of the SMS budget
 * (budget.ts), so a flood of them leaves the rest for signed-in work.
 */
export function countsInAnonymousShare(purpose: VerificationPurpose): boolean {
  return purpose === 'UNIT_REGISTRATION' || purpose === 'PASSWORD_RESET' || purpose === 'ACTIVATION'
}

export interface VerifyCodeInput {
  mobile: string
  purpose: VerificationPurpose
  code: string
  /** The input field that carries the code, for extensions.fields. */
  field?: string
}

/** A code that was guessed right (and the guess counted): spendVerifiedCode consumes it in the caller's transaction. */
export interface MatchedCode {
  id: number
  field: string
  /** Guesses left on the code after this one, for a refusal that follows (the form had another problem). */
  remainingAttempts: number
}

/** A refusal of the code, with the message also under the field that carries it. */
const refusal = (code: 'BAD_USER_INPUT' | 'TOO_MANY_ATTEMPTS', field: string, message: string) =>
  appError(code, message, { fields: { [field]: message } })

/** Why the newest code took no guess: used, out of guesses, or expired. */
async function unusableCode(prisma: PrismaClient, id: number, field: string) {
  const code = await prisma.verificationCode.findUniqueOrThrow({
    where: { id },
    select: { consumedAt: true, attempts: true },
  })
  if (code.consumedAt) return refusal('BAD_USER_INPUT', field, '验证码已使用，请重新获取')
  if (code.attempts >= MAX_CODE_ATTEMPTS) return refusal('TOO_MANY_ATTEMPTS', field, '验证码尝试次数过多，请重新获取')
  return refusal('BAD_USER_INPUT', field, '验证码已过期，请重新获取')
}

/**
 * Checks a code against the newest one sent to the mobile for the purpose. Every guess is claimed before it is
 * compared, by one conditional statement committed on its own (never inside the caller's transaction): however many
 * guesses arrive at once, at most MAX_CODE_ATTEMPTS are ever compared, and a refusal after a right code (a taken
 * name, a stale form) has still used one, so one SMS answers at most that many questions. A wrong code throws
 * (验证码错误 with the guesses left); a right one is returned, not yet consumed.
 */
export async function matchVerificationCode(prisma: PrismaClient, input: VerifyCodeInput): Promise<MatchedCode> {
  const field = input.field ?? 'verificationCode'
  if (!/^[0-9]{6}$/.test(input.code)) throw refusal('BAD_USER_INPUT', field, '请填写 6 位短信验证码')
  // Only the newest code of a number and purpose counts: a new SMS replaces the one before.
  const newest = await prisma.verificationCode.findFirst({
    where: { mobile: input.mobile, purpose: input.purpose },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true },
  })
  if (!newest) throw refusal('BAD_USER_INPUT', field, '请先获取短信验证码')
  const [claimed] = await prisma.verificationCode.updateManyAndReturn({
    where: { id: newest.id, consumedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS }, expiresAt: { gt: new Date() } },
    data: { attempts: { increment: 1 } },
    select: { attempts: true, codeHash: true },
  })
  if (!claimed) throw await unusableCode(prisma, newest.id, field)
  const remainingAttempts = MAX_CODE_ATTEMPTS - claimed.attempts
  if (hashVerificationCode(input.code, input.mobile, input.purpose) !== claimed.codeHash) {
    if (remainingAttempts === 0) throw refusal('TOO_MANY_ATTEMPTS', field, '验证码错误次数过多，请重新获取')
    throw appError('BAD_USER_INPUT', '验证码错误', {
      fields: { [field]: `验证码错误，还可尝试 ${remainingAttempts} 次` },
      remainingAttempts,
    })
  }
  return { id: newest.id, field, remainingAttempts }
}

/**
 * Consumes a matched code inside the caller's transaction, conditionally: of concurrent requests with the right
 * code exactly one gets it; if the caller's transaction rolls back, the code stays usable (its guess stays spent).
 * A claim on a one-use token, not a person's state change: no status or version, so not a transition().
 */
export async function spendVerifiedCode(tx: Tx, matched: MatchedCode): Promise<void> {
  const consumed = await tx.verificationCode.updateMany({
    where: { id: matched.id, consumedAt: null },
    data: { consumedAt: new Date() },
  })
  if (consumed.count !== 1) throw refusal('BAD_USER_INPUT', matched.field, '验证码已使用，请重新获取')
}

/** Checks the code (matchVerificationCode), then runs fn in a transaction that consumes it. */
export async function withVerifiedCode<T>(
  prisma: PrismaClient,
  input: VerifyCodeInput,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const matched = await matchVerificationCode(prisma, input)
  return prisma.$transaction(async (tx) => {
    await spendVerifiedCode(tx, matched)
    return fn(tx)
  })
}
