// 重发激活: a pending account gets a new activation link and SMS code (the older link stops working; the SMS limits
// apply, so a second resend within a minute is refused by the cooldown).
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { withSmsBudgetReport } from '../../verification/issue.ts'
import { sendActivation } from '../activation.ts'
import { accountAdministrationPolicy } from '../policy.ts'
import { findManagedUser, regionPathOf } from '../reach.ts'

export const resendActivation = defineCommand({
  name: 'resendActivation',
  policy: accountAdministrationPolicy,
  scope: 'accounts/reach.ts isInReach',
  effects: [
    'a new ACTIVATION link (older ones consumed) and SMS code (limits and SMS budget apply)',
    'audit user.resendActivation',
  ],
  notices: ['account.activation', 'account.claim', 'verification.code'],

  async run(ctx, input: { userId: string }) {
    const user = await findManagedUser(ctx, input.userId)
    if (user.status !== 'PENDING_ACTIVATION') throw appError('CONFLICT', '该账号不是待激活状态，无需重发激活')
    if (!user.mobile || !user.email) throw appError('CONFLICT', '该账号没有登记手机号码或电子邮箱')
    const contact = { ...user, mobile: user.mobile, email: user.email }
    const organisation = user.office?.name ?? user.unit?.name ?? ''
    const now = new Date()
    await withSmsBudgetReport(ctx, now, () =>
      ctx.prisma.$transaction(
        async (tx) => {
          await sendActivation(tx, ctx, contact, organisation, now)
          await writeAudit(tx, ctx, {
            action: 'user.resendActivation',
            subjectType: 'User',
            subjectId: user.id,
            regionPath: regionPathOf(user),
            after: { mobile: maskMobile(contact.mobile) },
          })
        },
        { maxWait: 30_000, timeout: 30_000 },
      ),
    )
    return { userId: user.id }
  },
})
