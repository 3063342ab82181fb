// SMS verification codes (短信验证码): sent through the outbox, stored only as a hash, consumed once.
import { randomInt } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { VerificationPurpose } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { countAuditRowsUnderAddressKey } from '../../lib/auditAddresses.ts'
import { limitKeyOf } from '../../lib/clientAddress.ts'
import { isValidMobile } from '../../lib/identifiers.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { sha256Hex } from '../../lib/tokens.ts'
import { startOfBeijingDay } from '../../lib/workdays.ts'
import { claimSmsBudget, reportSmsBudgetReached, SmsBudgetReachedError } from './budget.ts'

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

/** 138****1234, for audit rows and messages: the full number is not needed to tell sends apart. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile
}

export interface SendVerificationCodeInput {
  mobile: string
  purpose: VerificationPurpose
}

/** Registration is for people without an account; every other purpose belongs to a logged-in unit user. */
export function isAnonymousPurpose(purpose: VerificationPurpose): boolean {
  return purpose === 'UNIT_REGISTRATION'
}

export async function sendVerificationCode(ctx: Context, input: SendVerificationCodeInput) {
  const mobile = input.mobile.trim()
  if (!isAnonymousPurpose(input.purpose)) {
    const { viewer } = ctx
    if (viewer.kind === 'anonymous') {
      throw viewer.authError ? appError(viewer.authError.code, viewer.authError.message) : appError('UNAUTHENTICATED', '请先登录')
    }
    if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER') throw forbidden('仅限单位用户获取此类验证码')
  }
  if (!isValidMobile(mobile)) throw badInput('手机号码格式不正确', { mobile: '请输入 11 位手机号码' })

  const now = new Date()
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)
  try {
    await ctx.prisma.$transaction(async (tx) => {
      // Serialise sends for one number so two concurrent requests cannot both pass the cooldown and daily limit.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verification:${mobile}`}))`
      const latest = await tx.verificationCode.findFirst({
        where: { mobile, purpose: input.purpose },
        orderBy: { createdAt: 'desc' },
        select: { createdAt: true },
      })
      if (latest) {
        const waitMs = latest.createdAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()
        if (waitMs > 0) {
          const retryAfterSeconds = Math.ceil(waitMs / 1000)
          throw appError('TOO_MANY_ATTEMPTS', `验证码发送过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds })
        }
      }
      const dayStart = startOfBeijingDay(now)
      const sentToday = await tx.verificationCode.count({ where: { mobile, createdAt: { gte: dayStart } } })
      if (sentToday >= MAX_CODES_PER_MOBILE_PER_DAY) {
        const retryAfterSeconds = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000)
        throw appError('TOO_MANY_ATTEMPTS', `该手机号今日获取验证码已达 ${MAX_CODES_PER_MOBILE_PER_DAY} 次，请明天再试`, {
          retryAfterSeconds,
        })
      }
      const created = await tx.verificationCode.create({
        data: { mobile, purpose: input.purpose, codeHash: hashVerificationCode(code, mobile, input.purpose), expiresAt },
      })
      await enqueueNotifications(tx, [
        {
          channel: 'SMS',
          address: mobile,
          template: 'verification.code',
          body: `您的验证码为${code}，${CODE_TTL_MINUTES}分钟内有效。请勿泄露。`,
          // The code itself stays out of the payload: only the SMS body carries it.
          payload: { purpose: input.purpose, expiresAt: expiresAt.toISOString() },
          dedupeKey: `verification.code:${created.id}`,
        },
      ])
      // What many requests contend for comes last, so its locks are held only until the commit just after: the
      // address's count (serialised per address, so concurrent sends from one address cannot all read the same
      // count; the audit rows of earlier sends carry the address, VerificationCode itself does not), then the
      // global budget. A refusal rolls back the inserts above.
      const addressKey = limitKeyOf(ctx.ip) // an IPv6 client by its /64: it holds every address in it
      if (addressKey) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verification-address:${addressKey}`}))`
        const fromAddress = await countAuditRowsUnderAddressKey(tx, 'verification.send', addressKey, new Date(now.getTime() - 3_600_000))
        if (fromAddress >= MAX_CODES_PER_ADDRESS_PER_HOUR) {
          throw appError('TOO_MANY_ATTEMPTS', '获取验证码过于频繁，请 1 小时后再试', { retryAfterSeconds: 3600 })
        }
      }
      await claimSmsBudget(tx, now, ctx.smsBudget ?? config.smsBudget, isAnonymousPurpose(input.purpose))
      await writeAudit(tx, ctx, {
        action: 'verification.send',
        subjectType: 'VerificationCode',
        subjectId: created.id,
        after: { mobile: maskMobile(mobile), purpose: input.purpose, expiresAt },
      })
    }, { maxWait: 30_000, timeout: 30_000 }) // many sends at once queue on those locks: wait for a turn, do not fail
  } catch (error) {
    if (error instanceof SmsBudgetReachedError) throw await reportSmsBudgetReached(ctx.prisma, ctx, error, now)
    throw error
  }
  return { mobile, purpose: input.purpose, expiresAt, resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
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
const refusal = (code: 'BAD_USER_INPUT' | 'TOO_MANY_ATTEMPTS', field: string, message: string) => appError(code, message, { fields: { [field]: message } })

/** Why the newest code took no guess: used, out of guesses, or expired. */
async function unusableCode(prisma: PrismaClient, id: number, field: string) {
  const code = await prisma.verificationCode.findUniqueOrThrow({ where: { id }, select: { consumedAt: true, attempts: true } })
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
    throw appError('BAD_USER_INPUT', '验证码错误', { fields: { [field]: `验证码错误，还可尝试 ${remainingAttempts} 次` }, remainingAttempts })
  }
  return { id: newest.id, field, remainingAttempts }
}

/**
 * Consumes a matched code inside the caller's transaction, conditionally: of concurrent requests with the right
 * code exactly one gets it; if the caller's transaction rolls back, the code stays usable (its guess stays spent).
 */
export async function spendVerifiedCode(tx: Tx, matched: MatchedCode): Promise<void> {
  const consumed = await tx.verificationCode.updateMany({ where: { id: matched.id, consumedAt: null }, data: { consumedAt: new Date() } })
  if (consumed.count !== 1) throw refusal('BAD_USER_INPUT', matched.field, '验证码已使用，请重新获取')
}

/** Checks the code (matchVerificationCode), then runs fn in a transaction that consumes it. */
export async function withVerifiedCode<T>(prisma: PrismaClient, input: VerifyCodeInput, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const matched = await matchVerificationCode(prisma, input)
  return prisma.$transaction(async (tx) => {
    await spendVerifiedCode(tx, matched)
    return fn(tx)
  })
}
