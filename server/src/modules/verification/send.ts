// Sending an SMS verification code: a 6-digit code, valid CODE_TTL_MINUTES, stored only as its hash. Limits, in the
// order they are checked: 60 s between codes for a number and purpose, codes a number a day, codes an address an
// hour, and the whole system's hourly and daily budget (budget.ts), of which codes anyone may ask for without an
// account use only their share. The commands that send codes (sendVerificationCode, sendLoginCode) decide who may
// ask and for which number; this is the one place that sends.
import { randomInt } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
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
  maskMobile,
  MAX_CODES_PER_ADDRESS_PER_HOUR,
  MAX_CODES_PER_MOBILE_PER_DAY,
  RESEND_COOLDOWN_SECONDS,
} from './codes.ts'

export interface SendCodeInput {
  /** A valid mobile number (the caller checked it). */
  mobile: string
  purpose: VerificationPurpose
  /** Counts in the anonymous share of the budget (asked for by someone who has proved nothing). */
  anonymous: boolean
}

export async function sendCode(ctx: Context, input: SendCodeInput) {
  const { mobile } = input
  const now = new Date()
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)
  try {
    await ctx.prisma.$transaction(
      async (tx) => {
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
            throw appError('TOO_MANY_ATTEMPTS', `验证码发送过于频繁，请 ${retryAfterSeconds} 秒后再试`, {
              retryAfterSeconds,
            })
          }
        }
        const dayStart = startOfBeijingDay(now)
        const sentToday = await tx.verificationCode.count({ where: { mobile, createdAt: { gte: dayStart } } })
        if (sentToday >= MAX_CODES_PER_MOBILE_PER_DAY) {
          const retryAfterSeconds = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000)
          throw appError(
            'TOO_MANY_ATTEMPTS',
            `该手机号今日获取验证码已达 ${MAX_CODES_PER_MOBILE_PER_DAY} 次，请明天再试`,
            {
              retryAfterSeconds,
            },
          )
        }
        const created = await tx.verificationCode.create({
          data: {
            mobile,
            purpose: input.purpose,
            codeHash: hashVerificationCode(code, mobile, input.purpose),
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
        await claimSmsBudget(tx, now, ctx.smsBudget ?? config.smsBudget, input.anonymous)
        await writeAudit(tx, ctx, {
          action: 'verification.send',
          subjectType: 'VerificationCode',
          subjectId: created.id,
          after: { mobile: maskMobile(mobile), purpose: input.purpose, expiresAt },
        })
      },
      { maxWait: 30_000, timeout: 30_000 },
    ) // many sends at once queue on those locks: wait for a turn, do not fail
  } catch (error) {
    if (error instanceof SmsBudgetReachedError) throw await reportSmsBudgetReached(ctx.prisma, ctx, error, now)
    throw error
  }
  return { mobile, purpose: input.purpose, expiresAt, resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
}
