// 撤回: the unit takes back a request the office has not decided yet; the request stays, WITHDRAWN, for history.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { requestInScope, UNIT_CHANGE_REQUESTERS } from '../targets.ts'

export const withdrawUnitChange = defineCommand({
  name: 'withdrawUnitChange',
  policy: { ...UNIT_CHANGE_REQUESTERS, rule: '本单位: a unit user, for a PENDING request of its own unit' },
  scope: 'unitScope',
  transition: { entity: 'UnitChangeRequest', from: ['PENDING'], to: ['WITHDRAWN'] },

  async run(ctx, input: { id: string | number; version?: number | null }) {
    if (ownUnitOf(ctx.viewer) == null) throw forbidden(UNIT_CHANGE_REQUESTERS.refusal)
    const request = await requestInScope(ctx, input.id)
    if (request.status !== 'PENDING') throw appError('CONFLICT', '该申请已审核或已撤回，不能撤回')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'unitChangeRequest', {
        entity: request,
        from: 'PENDING',
        to: 'WITHDRAWN',
        expectedVersion: input.version ?? undefined,
        audit: { action: 'unitChange.withdraw', regionPath: request.unit.region.path },
      }),
    )
    return request.id
  },
})
