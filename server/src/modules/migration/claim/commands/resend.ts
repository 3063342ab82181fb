// What 重新发送 does for one account, for the single and the bulk command: under the account's row lock, it checks
// that the account still waits for its holder and that its last link is older than MIGRATION_CLAIM_RESEND_MINUTES,
// then sends a new link and code (the older link stops working) and writes the audit row.
import { config } from '../../../../config.ts'
import { appError } from '../../../../errors.ts'
import type { Prisma } from '../../../../generated/prisma/client.ts'
import { writeAudit } from '../../../../lib/audit.ts'
import { maskMobile } from '../../../../lib/masking.ts'
import { sendClaimInvitation, regionPathOfAccount, type ClaimAccount, type ClaimActor } from '../invite.ts'
import { latestActivationLink } from '../scope.ts'

/** The refusal of a re-send within the throttle window. */
export function resendThrottled(retryAfterSeconds: number) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return appError('TOO_MANY_ATTEMPTS', `该账号的认领通知刚刚发送过，请 ${minutes} 分钟后再重新发送`, {
    reason: 'CLAIM_RESEND_THROTTLED',
    retryAfterSeconds,
  })
}

export const noContact = () =>
  appError('CONFLICT', '该账号没有登记手机号码或电子邮箱，无法发送认领通知，请先核实联系方式', {
    reason: 'CLAIM_NO_CONTACT',
  })

export const alreadyClaimed = () =>
  appError('CONFLICT', '该账号已经认领（已设置密码），无需重新发送', { reason: 'CLAIM_ALREADY_DONE' })

/** Re-sends inside the caller's transaction; throws the refusal (throttle, claimed meanwhile, code limits, budget). */
export async function resendInTransaction(
  tx: Prisma.TransactionClient,
  actor: ClaimActor,
  user: ClaimAccount,
  now: Date,
  how: { bulk: boolean },
): Promise<void> {
  if (!user.mobile || !user.email) throw noContact()
  // Two re-sends of one account at once: the second waits here and then sees the first one's link.
  const [row] = await tx.$queryRaw<{ status: string; passwordHash: string | null }[]>`
    SELECT status, "passwordHash" FROM users WHERE id = ${user.id} FOR UPDATE`
  if (!row || row.status !== 'PENDING_ACTIVATION' || row.passwordHash) throw alreadyClaimed()
  const latest = await latestActivationLink(tx, user.id)
  if (latest) {
    const waitMs = latest.createdAt.getTime() + config.migrationClaim.resendMinutes * 60_000 - now.getTime()
    if (waitMs > 0) throw resendThrottled(Math.ceil(waitMs / 1000))
  }
  await sendClaimInvitation(tx, actor, user, now)
  await writeAudit(tx, actor, {
    action: 'account.claimResend',
    subjectType: 'User',
    subjectId: user.id,
    regionPath: regionPathOfAccount(user),
    after: { mobile: maskMobile(user.mobile), ...(how.bulk ? { bulk: true } : {}) },
  })
}
