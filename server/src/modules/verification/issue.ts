// Sending one SMS verification code, with every limit: 60 s between codes for a number and purpose, codes a number
// a day, codes an address an hour, and the whole system's hourly and daily budget (budget.ts) with the anonymous
// codes' share of it. sendVerificationCode sends through it, and so do commands that send a code as one step of
// their own (经办人交接 sends the HANDOVER code to the new handler's mobile in the transaction that starts it).
import { randomInt } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { VerificationPurpose } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { countAuditRowsUnderAddressKey } from '../../lib/auditAddresses.ts'
import { limitKeyOf } from '../../lib/clientAddress.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { startOfBeijingDay } from '../../lib/workdays.ts'
import { renderNotification } from '../notifications/templates.ts'
import { claimSmsBudget, reportSmsBudgetReached, SmsBudgetReachedError } from './budget.ts'
import {
  CODE_TTL_MINUTES,
  hashVerificationCode,
  isAnonymousPurpose,
  maskMobile,
  MAX_CODES_PER_ADDRESS_PER_HOUR,
  MAX_CODES_PER_MOBILE_PER_DAY,
  RESEND_COOLDOWN_SECONDS,
} from './codes.ts'

/** Options for the transaction of a send: many sends at once queue on its locks, so wait for a turn, do not fail. */
export const SEND_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const

/**
 * Creates a code for the mobile and purpose and queues its SMS, inside the caller's transaction (a refusal throws
 * and the caller's transaction rolls back, so nothing is sent). Run the transaction through reportingSmsBudget.
 */
export async function issueVerificationCode(
  tx: Prisma.TransactionClient,
  ctx: Context,
  input: { mobile: string; purpose: VerificationPurpose; now: Date },
): Promise<{ expiresAt: Date; resendAfterSeconds: number }> {
  const { mobile, purpose, now } = input
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)
  // Serialise sends for one number so two concurrent requests cannot both pass the cooldown and daily limit.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verification:${mobile}`}))`
  const latest = await tx.verificationCode.findFirst({
    where: { mobile, purpose: purpose },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  if (latest) {
    const waitMs = latest.createdAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000)
      throw appError('TOO_MANY_ATTEMPTS', `验证码发送过于频繁，请 ${retryAfterSeconds} 秒后再试`, {
        retryAfterSeconds,
      })
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
    data: {
      mobile,
      purpose: purpose,
      codeHash: hashVerificationCode(code, mobile, purpose),
      expiresAt,
    },
  })
  const { sms } = renderNotification('verification.code', { code, minutes: CODE_TTL_MINUTES })
  await enqueueNotifications(tx, [
    {
      channel: 'SMS',
      address: mobile,
      template: 'verification.code',
      body: sms,
      // The code itself stays out of the payload: only the SMS body carries it.
      payload: { purpose: purpose, expiresAt: expiresAt.toISOString() },
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
    const fromAddress = await countAuditRowsUnderAddressKey(
      tx,
      'verification.send',
      addressKey,
      new Date(now.getTime() - 3_600_000),
    )
    if (fromAddress >= MAX_CODES_PER_ADDRESS_PER_HOUR) {
      throw appError('TOO_MANY_ATTEMPTS', '获取验证码过于频繁，请 1 小时后再试', { retryAfterSeconds: 3600 })
    }
  }
  await claimSmsBudget(tx, now, ctx.smsBudget ?? config.smsBudget, isAnonymousPurpose(purpose))
  await writeAudit(tx, ctx, {
    action: 'verification.send',
    subjectType: 'VerificationCode',
    subjectId: created.id,
    after: { mobile: maskMobile(mobile), purpose: purpose, expiresAt },
  })
  return { expiresAt, resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
}

/** Runs a transaction that sends codes; a reached SMS budget is reported (alert, audit) after its rollback. */
export async function reportingSmsBudget<T>(ctx: Context, now: Date, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof SmsBudgetReachedError) throw await reportSmsBudgetReached(ctx.prisma, ctx, error, now)
    throw error
  }
}
