// What a new (or still pending) account is sent so its holder can set the first password: an email with a
// one-time link (AccountToken ACTIVATION, ACTIVATION_HOURS) and an SMS code (VerificationCode ACTIVATION, issued like
// every other code, so its limits and the SMS budget apply). Either one activates the account (activate-account.ts).
// An account imported from the old system (importedAt set) is told so: the account.claim text (账号认领).
import type { Context } from '../../context.ts'
import { config } from '../../config.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { actingUserId } from '../../viewer.ts'
import { issueAccountToken } from '../auth/accountTokens.ts'
import { renderNotification } from '../notifications/templates.ts'
import { issueCodeInTransaction } from '../verification/issue.ts'

/** The portal page the activation link opens. */
export function activationLink(secret: string): string {
  return `${config.publicPortalUrl}/activate?token=${encodeURIComponent(secret)}`
}

/** Sends the link and the code inside the caller's transaction (older links of the account stop working). */
export async function sendActivation(
  tx: Prisma.TransactionClient,
  ctx: Pick<Context, 'viewer' | 'ip' | 'smsBudget'>,
  user: {
    id: number
    username: string
    displayName: string
    mobile: string
    email: string
    importedAt?: Date | null
  },
  organisation: string,
  now: Date,
): Promise<void> {
  const hours = config.accounts.activationHours
  const secret = await issueAccountToken(tx, {
    userId: user.id,
    purpose: 'ACTIVATION',
    validMinutes: hours * 60,
    createdById: actingUserId(ctx.viewer),
  })
  const template = user.importedAt ? 'account.claim' : 'account.activation'
  const { subject, body } = renderNotification(template, {
    displayName: user.displayName,
    username: user.username,
    organisation,
    hours,
    link: activationLink(secret),
  })
  await enqueueNotifications(tx, [
    {
      channel: 'EMAIL',
      userId: user.id,
      address: user.email,
      template,
      subject,
      body,
      // The link's secret stays out of the payload: only the email body carries it.
      payload: { userId: user.id },
    },
  ])
  await issueCodeInTransaction(tx, ctx, { mobile: user.mobile, purpose: 'ACTIVATION', now })
}
