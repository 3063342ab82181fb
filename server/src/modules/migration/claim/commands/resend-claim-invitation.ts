// 重新发送 (未认领账号): an office's 管理员 sends an imported account in its area a new claim link and SMS code, at most
// once in MIGRATION_CLAIM_RESEND_MINUTES per account (TOO_MANY_ATTEMPTS, reason CLAIM_RESEND_THROTTLED). The older
// link stops working; the SMS limits and budget apply as to every code.
import { defineCommand } from '../../../../commands/define.ts'
import { SEND_TRANSACTION, withSmsBudgetReport } from '../../../verification/issue.ts'
import { findUnclaimedAccount, unclaimedAccountsPolicy } from '../scope.ts'
import { resendInTransaction } from './resend.ts'

export const resendClaimInvitation = defineCommand({
  name: 'resendClaimInvitation',
  policy: unclaimedAccountsPolicy,
  scope: 'migration/claim/scope.ts unclaimedAccountScope',
  effects: [
    'a new ACTIVATION link (older ones consumed) and SMS code (limits and SMS budget apply)',
    'users.claimInvitedAt when it was not yet invited',
    'audit account.claimResend',
  ],
  notices: ['account.claim', 'verification.code'],

  async run(ctx, input: { userId: string }) {
    const user = await findUnclaimedAccount(ctx, input.userId)
    const now = new Date()
    await withSmsBudgetReport(ctx, now, () =>
      ctx.prisma.$transaction((tx) => resendInTransaction(tx, ctx, user, now, { bulk: false }), SEND_TRANSACTION),
    )
    return { userId: user.id }
  },
})
