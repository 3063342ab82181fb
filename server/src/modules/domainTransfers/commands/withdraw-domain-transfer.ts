// 撤回: the giving unit takes back a transfer no office has finished; approvals given so far lapse with it, and the
// domain is free for other requests again. The request stays, WITHDRAWN, for history.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { lockPendingRequest } from '../lock.ts'
import { bothUnitsNotices, paramsOf } from '../notices.ts'
import { TRANSFER_REQUESTERS, transferInScope } from '../targets.ts'

export const withdrawDomainTransfer = defineCommand({
  name: 'withdrawDomainTransfer',
  policy: { ...TRANSFER_REQUESTERS, rule: '本单位: the giving unit’s user, for a PENDING request of its own unit' },
  scope: 'domainScope',
  transition: { entity: 'DomainTransferRequest', from: ['PENDING'], to: ['WITHDRAWN'] },
  notices: ['domainTransfer.withdrawn'],

  async run(ctx, input: { id: string | number; version?: number | null }) {
    const unitId = ownUnitOf(ctx.viewer)
    if (unitId == null) throw forbidden(TRANSFER_REQUESTERS.refusal)
    const request = await transferInScope(ctx, input.id)
    // The receiving unit sees the request but it is not its to take back.
    if (request.fromUnitId !== unitId) throw forbidden('只有申请过户的单位可以撤回')
    await ctx.prisma.$transaction(async (tx) => {
      const locked = await lockPendingRequest(tx, request.id)
      if (input.version != null && input.version !== locked.version)
        throw appError('CONFLICT', '该申请已被处理或已变更，请刷新')
      await transition(tx, ctx, 'domainTransferRequest', {
        entity: { id: request.id, status: 'PENDING', version: locked.version },
        from: 'PENDING',
        to: 'WITHDRAWN',
        set: { closedAt: new Date() },
        audit: { action: 'domainTransfer.withdraw', regionPath: request.fromUnit.region.path },
        notify: bothUnitsNotices(
          request.fromUnit,
          request.toUnit,
          'domainTransfer.withdrawn',
          paramsOf(request.domain, request.fromUnit, request.toUnit),
          request.id,
        ),
      })
    })
    return request.id
  },
})
