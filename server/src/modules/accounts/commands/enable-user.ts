// 启用账号: a disabled account works again: ACTIVE if it has a password, else back to PENDING_ACTIVATION (its holder
// never set one; 重发激活 sends a new link). The disable facts are cleared from the row; the audit keeps them.
import { transition } from '../../../commands/transition.ts'
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { accountAdministrationPolicy } from '../policy.ts'
import { accountChangedMeanwhile, findManagedUser, regionPathOf } from '../reach.ts'

export interface EnableUserInput {
  userId: string
  version: number
}

export const enableUser = defineCommand({
  name: 'enableUser',
  policy: accountAdministrationPolicy,
  scope: 'accounts/reach.ts isInReach',
  transition: { entity: 'User', from: ['DISABLED'], to: ['ACTIVE', 'PENDING_ACTIVATION'] },
  effects: ['audit user.enable'],

  async run(ctx, input: EnableUserInput) {
    const user = await findManagedUser(ctx, input.userId)
    if (user.status !== 'DISABLED') throw appError('CONFLICT', '该账号未停用')
    const to = user.passwordHash ? 'ACTIVE' : 'PENDING_ACTIVATION'
    await ctx.prisma.$transaction(async (tx) => {
      await transition(tx, ctx, 'user', {
        entity: user,
        from: 'DISABLED',
        to,
        expectedVersion: input.version,
        set: { disabledAt: null, disabledById: null, disabledReason: null },
        audit: { action: 'user.enable', regionPath: regionPathOf(user), before: { reason: user.disabledReason } },
        stale: accountChangedMeanwhile,
      })
    })
    return { userId: user.id }
  },
})
