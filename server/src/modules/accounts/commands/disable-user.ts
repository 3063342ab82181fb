// 停用账号: the account stops working at once (its sessions end, its API tokens are refused) and stays, with its
// history, for as long as the records that name it: accounts are disabled, never deleted. Nobody disables
// themself, and an office keeps an active administrator.
import { forgetDevices } from '../../secondFactor/devices.ts'
import { transition } from '../../../commands/transition.ts'
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { endSessions } from '../../auth/passwords.ts'
import { checkDisableReason } from '../form.ts'
import { refuseLosingLastAdministrator } from '../lastAdministrator.ts'
import { accountAdministrationPolicy } from '../policy.ts'
import { accountChangedMeanwhile, findManagedUser, regionPathOf } from '../reach.ts'
import { sessionViewerOf } from '../staff.ts'

export interface DisableUserInput {
  userId: string
  reason: string
  version: number
}

export const disableUser = defineCommand({
  name: 'disableUser',
  policy: accountAdministrationPolicy,
  scope: 'accounts/reach.ts isInReach',
  transition: { entity: 'User', from: ['ACTIVE', 'PENDING_ACTIVATION'], to: ['DISABLED'] },
  effects: ['the user’s sessions end (DISABLED); their API tokens are refused', 'audit user.disable with the reason'],

  async run(ctx, input: DisableUserInput) {
    const viewer = sessionViewerOf(ctx)
    const reason = checkDisableReason(input.reason)
    const user = await findManagedUser(ctx, input.userId)
    if (user.id === viewer.userId) {
      throw appError('FORBIDDEN', '不能停用自己的账号', { reason: 'CANNOT_DISABLE_SELF' })
    }
    if (user.status === 'DISABLED') throw appError('CONFLICT', '该账号已停用')
    await ctx.prisma.$transaction(
      async (tx) => {
        await refuseLosingLastAdministrator(tx, user)
        await transition(tx, ctx, 'user', {
          entity: user,
          from: ['ACTIVE', 'PENDING_ACTIVATION'],
          to: 'DISABLED',
          expectedVersion: input.version,
          set: { disabledAt: new Date(), disabledById: viewer.userId, disabledReason: reason },
          audit: { action: 'user.disable', regionPath: regionPathOf(user), after: { reason } },
          stale: accountChangedMeanwhile,
        })
        await endSessions(tx, user.id, 'DISABLED')
        await forgetDevices(tx, user.id)
      },
      { maxWait: 30_000, timeout: 30_000 },
    )
    return { userId: user.id }
  },
})
