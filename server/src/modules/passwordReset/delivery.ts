// What 忘记密码 and 协助重置密码 send, and to whom: an SMS code (VerificationCode, purpose PASSWORD_RESET) to the
// account's REGISTERED mobile and a one-time link (AccountToken PASSWORD_RESET) to its registered email. Nobody who
// asks ever learns the code, the link, or whether the login names an account.
import { createHash } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import type { User } from '../../generated/prisma/client.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { issueAccountToken } from '../auth/accountTokens.ts'
import { renderNotification } from '../notifications/templates.ts'
import { issueVerificationCode } from '../verification/issue.ts'

export const RESET_PURPOSE = 'PASSWORD_RESET' as const

/** An account that may reset its password: active, with a password already (a pending one activates instead). */
export function canResetPassword(user: Pick<User, 'status' | 'passwordHash'> | null): boolean {
  return !!user && user.status === 'ACTIVE' && user.passwordHash != null
}

/**
 * The number a login's reset codes are kept under when it has no account that can reset (missing, pending,
 * disabled, or without a mobile): never a real mobile (those start with 1), derived from the login so that asking
 * for and guessing its code answer exactly as for an account's.
 */
export function decoyMobile(username: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(`password-reset:${username}`).digest('hex').slice(0, 15)}`)
  return `0${(digits % 10_000_000_000n).toString().padStart(10, '0')}`
}

/** The number whose newest PASSWORD_RESET code a reset by code is checked against. */
export function resetCodeMobile(username: string, user: Pick<User, 'status' | 'passwordHash' | 'mobile'> | null) {
  return canResetPassword(user) && user!.mobile ? user!.mobile : decoyMobile(username)
}

export function resetLink(secret: string): string {
  return `${config.publicPortalUrl}/reset-password?token=${encodeURIComponent(secret)}`
}

/**
 * Sends the code and the link for the user (null: a login without such an account, for which only a decoy code is
 * stored, through the same limits). numberLimits 'skip' drops a send the number's own limits refuse, silently: the
 * code and the link both.
 */
export async function sendResetCodeAndLink(
  ctx: Context,
  input: {
    username: string
    user: Pick<User, 'id' | 'username' | 'status' | 'passwordHash' | 'mobile' | 'email'> | null
    numberLimits: 'refuse' | 'skip'
    createdById: number | null
  },
): Promise<void> {
  const { user } = input
  const eligible = canResetPassword(user)
  const issued = await issueVerificationCode(ctx, {
    mobile: resetCodeMobile(input.username, user),
    purpose: RESET_PURPOSE,
    numberLimits: input.numberLimits,
    deliver: eligible && !!user!.mobile,
  })
  // The link goes out only with a code the number's limits let through (a decoy number's, for an account without a
  // mobile): a dropped code counts against nobody's address, so a link sent anyway would let anyone mail the
  // holder without limit.
  if (!issued || !eligible || !user!.email) return
  const minutes = config.accounts.passwordResetMinutes
  await ctx.prisma.$transaction(async (tx) => {
    const secret = await issueAccountToken(tx, {
      userId: user!.id,
      purpose: RESET_PURPOSE,
      validMinutes: minutes,
      createdById: input.createdById,
    })
    const { subject, body } = renderNotification('password.resetLink', {
      login: user!.username,
      minutes,
      link: resetLink(secret),
    })
    // No dedupeKey: each request is its own message, and the link in it supersedes the one before.
    await enqueueNotifications(tx, [
      { channel: 'EMAIL', userId: user!.id, address: user!.email, template: 'password.resetLink', subject, body },
    ])
  })
}
