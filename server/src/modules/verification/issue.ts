// Issuing an SMS verification code: the one path every purpose takes (发送短信验证码, 忘记密码, 协助重置密码, 账号激活,
// 登录验证码, 经办人交接 …), so the limits hold for all of them. In the order they are checked: 60 s between codes
// for a number and purpose, codes a number a day (the anonymous purposes together, each other purpose on its own:
// purposesCountedWith), codes an address an hour, and the whole system's hourly and daily budget (budget.ts) with
// the anonymous codes' share of it.
import { randomInt } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { appError } from '../../errors.ts'
import { VerificationPurpose } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { countAuditRowsUnderAddressKey } from '../../lib/auditAddresses.ts'
import { limitKeyOf } from '../../lib/clientAddress.ts'
import { maskMobile } from '../../lib/masking.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { startOfBeijingDay } from '../../lib/workdays.ts'
import { renderNotification } from '../notifications/templates.ts'
import { claimSmsBudget, reportSmsBudgetReached, SmsBudgetReachedError } from './budget.ts'
import {
  CODE_TTL_MINUTES,
  countsInAnonymousShare,
  hashVerificationCode,
  MAX_CODES_PER_ADDRESS_PER_HOUR,
  MAX_CODES_PER_MOBILE_PER_DAY,
  RESEND_COOLDOWN_SECONDS,
} from './codes.ts'

export interface IssueVerificationCodeInput {
  mobile: string
  purpose: VerificationPurpose
  /**
   * What the number's own limits (cooldown, codes a day) do: 'refuse' (the default) answers TOO_MANY_ATTEMPTS as
   * 发送短信验证码 always has; 'skip' sends nothing and says nothing, for answers that must not tell whether the
   * number belongs to an account (忘记密码).
   */
  numberLimits?: 'refuse' | 'skip'
  /**
   * False stores the code (and spends the limits and the budget, so the answer is the same) without sending an SMS:
   * the decoy that 忘记密码 keeps for a login that has no account, so that guessing its code answers like any code.
   */
  deliver?: boolean
}

/** Who the code is issued for: the audit row and the address limit are theirs. */
type Actor = Pick<Context, 'viewer' | 'ip' | 'smsBudget'>

/**
 * Issues a code inside the caller's transaction (an account created and its activation code sent commit together):
 * checks every limit, stores the hash, queues the SMS and claims the budget. Returns the code's expiry, or null when
 * a number limit skipped it (numberLimits 'skip'). A refusal throws, rolling the caller's transaction back; a reached
 * budget throws SmsBudgetReachedError, which withSmsBudgetReport turns into the alert and the refusal.
 */
export async function issueCodeInTransaction(
  tx: Prisma.TransactionClient,
  actor: Actor,
  input: IssueVerificationCodeInput & { now: Date },
): Promise<{ expiresAt: Date } | null> {
  const { mobile, purpose, now } = input
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000)
  const numberLimitReached = (error: ReturnType<typeof appError>) => {
    if (input.numberLimits === 'skip') return null
    throw error
  }
  // Serialise sends for one number so two concurrent requests cannot both pass the cooldown and daily limit.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verification:${mobile}`}))`
  const latest = await tx.verificationCode.findFirst({
    where: { mobile, purpose },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  if (latest) {
    const waitMs = latest.createdAt.getTime() + RESEND_COOLDOWN_SECONDS * 1000 - now.getTime()
    if (waitMs > 0) {
      const retryAfterSeconds = Math.ceil(waitMs / 1000)
      return numberLimitReached(
        appError('TOO_MANY_ATTEMPTS', `验证码发送过于频繁，请 ${retryAfterSeconds} 秒后再试`, { retryAfterSeconds }),
      )
    }
  }
  const dayStart = startOfBeijingDay(now)
  const sentToday = await tx.verificationCode.count({
    where: { mobile, purpose: { in: purposesCountedWith(purpose) }, createdAt: { gte: dayStart } },
  })
  if (sentToday >= MAX_CODES_PER_MOBILE_PER_DAY) {
    const retryAfterSeconds = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000)
    return numberLimitReached(
      appError('TOO_MANY_ATTEMPTS', `该手机号今日获取验证码已达 ${MAX_CODES_PER_MOBILE_PER_DAY} 次，请明天再试`, {
        retryAfterSeconds,
      }),
    )
  }
  const created = await tx.verificationCode.create({
    data: { mobile, purpose, codeHash: hashVerificationCode(code, mobile, purpose), expiresAt },
  })
  if (input.deliver !== false) {
    const { sms } = renderNotification('verification.code', { code, minutes: CODE_TTL_MINUTES })
    await enqueueNotifications(tx, [
      {
        channel: 'SMS',
        address: mobile,
        template: 'verification.code',
        body: sms,
        // The code itself stays out of the payload: only the SMS body carries it.
        payload: { purpose, expiresAt: expiresAt.toISOString() },
        dedupeKey: `verification.code:${created.id}`,
      },
    ])
  }
  // What many requests contend for comes last, so its locks are held only until the commit just after: the
  // address's count (serialised per address, so concurrent sends from one address cannot all read the same
  // count; the audit rows of earlier sends carry the address, VerificationCode itself does not), then the
  // global budget. A refusal rolls back the inserts above.
  const addressKey = limitKeyOf(actor.ip) // an IPv6 client by its /64: it holds every address in it
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
  await claimSmsBudget(tx, now, actor.smsBudget ?? config.smsBudget, countsInAnonymousShare(purpose))
  await writeAudit(tx, actor, {
    action: 'verification.send',
    subjectType: 'VerificationCode',
    subjectId: created.id,
    after: { mobile: maskMobile(mobile), purpose, expiresAt },
  })
  return { expiresAt }
}

/**
 * The purposes whose codes count toward a number's daily limit together with a code of this purpose. The codes that
 * anyone may have sent without proving anything (registration, 忘记密码, activation) share one count; every other
 * purpose, asked for by someone who signed in or passed the password, counts on its own. Otherwise an outsider who
 * knows a staff member's login could use up the number's day with 忘记密码, and with it their login codes.
 */
function purposesCountedWith(purpose: VerificationPurpose): VerificationPurpose[] {
  if (!countsInAnonymousShare(purpose)) return [purpose]
  return Object.values(VerificationPurpose).filter(countsInAnonymousShare)
}

/** A transaction that issues a code: many sends at once queue on its locks, so it waits for a turn, not fails. */
export const SEND_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const

/** Issues a code in a transaction of its own; see issueCodeInTransaction. */
export function issueVerificationCode(
  ctx: Context,
  input: IssueVerificationCodeInput,
): Promise<{ expiresAt: Date } | null> {
  const now = new Date()
  return withSmsBudgetReport(ctx, now, () =>
    ctx.prisma.$transaction((tx) => issueCodeInTransaction(tx, ctx, { ...input, now }), SEND_TRANSACTION),
  )
}

/** Runs a transaction that issues a code; a reached SMS budget becomes its alert and a TOO_MANY_ATTEMPTS refusal. */
export async function withSmsBudgetReport<T>(ctx: Context, now: Date, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof SmsBudgetReachedError) throw await reportSmsBudgetReached(ctx.prisma, ctx, error, now)
    throw error
  }
}
