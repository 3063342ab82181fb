// 经办人交接: 重新发送 on the new handler's page. The code goes only to the new mobile the handover holds, with
// every SMS limit (60 s apart, 10 a number a day, 30 an address an hour, the budget); the link is not consumed.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { tokenInvalid } from '../../auth/accountTokens.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { RESEND_COOLDOWN_SECONDS } from '../../verification/codes.ts'
import { issueCodeInTransaction, SEND_TRANSACTION, withSmsBudgetReport } from '../../verification/issue.ts'
import { handoverOfLink } from '../handover/pending.ts'

export const resendHandoverCode = defineCommand({
  name: 'resendHandoverCode',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'none: whoever holds the live emailed link; the code goes only to the handover’s new mobile',
  },
  scope: 'the PENDING handover of the link',
  effects: ['a HANDOVER verification code to the new mobile (every SMS limit and the budget apply)'],
  notices: ['verification.code'],

  async run(ctx, input: { token: string }) {
    const found = await handoverOfLink(ctx.prisma, input.token.trim())
    if (!found) throw tokenInvalid()
    const mobile = found.handover.newMobile
    const now = new Date()
    await withSmsBudgetReport(ctx, now, () =>
      ctx.prisma.$transaction(
        (tx) => issueCodeInTransaction(tx, ctx, { mobile, purpose: 'HANDOVER', now }),
        SEND_TRANSACTION,
      ),
    )
    return { maskedMobile: maskMobile(mobile), resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
  },
})
