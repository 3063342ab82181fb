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

export async function sendVerificationCode(ctx: Context, input: SendVerificationCodeInput) {
  const mobile = input.mobile.trim()
  // Registration is for people without an account; every other purpose belongs to a logged-in unit user.
  if (input.purpose !== 'UNIT_REGISTRATION') {
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
      await claimSmsBudget(tx, now, ctx.smsBudget ?? config.smsBudget)
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

/** Thrown inside the transaction for a wrong code; withVerifiedCode counts the attempt after the rollback. */
class WrongCodeError extends Error {
  constructor(readonly codeId: number) {
    super('wrong verification code')
  }
}

export interface VerifyCodeInput {
  mobile: string
  purpose: VerificationPurpose
  code: string
  /** The input field that carries the code, for extensions.fields. */
  field?: string
}

/**
 * Consumes the newest code sent to the mobile for the purpose, inside the caller's transaction (so a failed
 * registration leaves the code usable). A wrong code throws WrongCodeError: run this through withVerifiedCode,
 * which records the failed attempt outside the rolled-back transaction.
 */
export async function verifyCode(tx: Tx, input: VerifyCodeInput): Promise<void> {
  const field = input.field ?? 'verificationCode'
  const now = new Date()
  const latest = await tx.verificationCode.findFirst({
    where: { mobile: input.mobile, purpose: input.purpose, consumedAt: null },
    orderBy: { createdAt: 'desc' },
  })
  if (!latest) throw badInput('请先获取短信验证码', { [field]: '请先获取短信验证码' })
  if (latest.attempts >= MAX_CODE_ATTEMPTS) {
    throw appError('TOO_MANY_ATTEMPTS', '验证码尝试次数过多，请重新获取', { fields: { [field]: '验证码尝试次数过多，请重新获取' } })
  }
  if (latest.expiresAt <= now) throw badInput('验证码已过期，请重新获取', { [field]: '验证码已过期，请重新获取' })
  if (!/^[0-9]{6}$/.test(input.code) || hashVerificationCode(input.code, input.mobile, input.purpose) !== latest.codeHash) {
    throw new WrongCodeError(latest.id)
  }
  // Conditional consume: two concurrent requests with the same code cannot both use it.
  const consumed = await tx.verificationCode.updateMany({
    where: { id: latest.id, consumedAt: null, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { consumedAt: now },
  })
  if (consumed.count !== 1) throw badInput('验证码已使用，请重新获取', { [field]: '验证码已使用，请重新获取' })
}

/**
 * Runs fn in a transaction after verifyCode. A wrong code rolls the transaction back, then the attempt is counted
 * (its own write, so the count survives) and the person learns how many tries remain.
 */
export async function withVerifiedCode<T>(
  prisma: PrismaClient,
  input: VerifyCodeInput,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(async (tx) => {
      await verifyCode(tx, input)
      return fn(tx)
    })
  } catch (error) {
    if (!(error instanceof WrongCodeError)) throw error
    const field = input.field ?? 'verificationCode'
    const updated = await prisma.verificationCode.update({
      where: { id: error.codeId },
      data: { attempts: { increment: 1 } },
      select: { attempts: true },
    })
    const remainingAttempts = Math.max(0, MAX_CODE_ATTEMPTS - updated.attempts)
    if (remainingAttempts === 0) {
      throw appError('TOO_MANY_ATTEMPTS', '验证码错误次数过多，请重新获取', { fields: { [field]: '验证码错误次数过多，请重新获取' } })
    }
    throw appError('BAD_USER_INPUT', '验证码错误', {
      fields: { [field]: `验证码错误，还可尝试 ${remainingAttempts} 次` },
      remainingAttempts,
    })
  }
}
