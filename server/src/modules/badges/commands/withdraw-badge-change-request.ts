// 撤回: the unit takes back a request the office has not decided yet; the request stays, WITHDRAWN, for history.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import { BADGE_HOLDERS, requestInScope, requireLinkedUnit } from '../targets.ts'

export const withdrawBadgeChangeRequest = defineCommand({
  name: 'withdrawBadgeChangeRequest',
  policy: { ...BADGE_HOLDERS, rule: '本单位: a unit user, for a PENDING request of its own unit' },
  scope: 'unitScope',
  transition: { entity: 'BadgeChangeRequest', from: ['PENDING'], to: ['WITHDRAWN'] },

  /** Returns the badge's id (the mutation answers with the badge). */
  async run(ctx, input: { id: string | number; version: number }) {
    requireLinkedUnit(ctx)
    const request = await requestInScope(ctx, input.id)
    if (request.status !== 'PENDING') throw appError('CONFLICT', '该申请已审核，不能撤回')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'badgeChangeRequest', {
        entity: request,
        from: 'PENDING',
        to: 'WITHDRAWN',
        expectedVersion: input.version,
        audit: { action: 'badgeChange.withdraw', regionPath: request.badge.unit.region.path },
      }),
    )
    return request.badgeId
  },
})
