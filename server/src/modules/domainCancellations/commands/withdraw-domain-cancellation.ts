// 撤回: the unit takes back a 注销 the office has not decided yet; the request stays, WITHDRAWN, for history, and the
// domain is free for other requests again.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { DOMAIN_CANCELLERS, requestInScope } from '../targets.ts'

export const withdrawDomainCancellation = defineCommand({
  name: 'withdrawDomainCancellation',
  policy: { ...DOMAIN_CANCELLERS, rule: '本单位: a unit user, for a PENDING request of its own unit' },
  scope: 'unitScope',
  transition: { entity: 'DomainCancellationRequest', from: ['PENDING'], to: ['WITHDRAWN'] },

  async run(ctx, input: { id: string | number; version?: number | null }) {
    if (ownUnitOf(ctx.viewer) == null) throw forbidden(DOMAIN_CANCELLERS.refusal)
    const request = await requestInScope(ctx, input.id)
    if (request.status !== 'PENDING') throw appError('CONFLICT', '该注销申请已审核或已撤回，不能撤回')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'domainCancellationRequest', {
        entity: request,
        from: 'PENDING',
        to: 'WITHDRAWN',
        expectedVersion: input.version ?? undefined,
        audit: {
          action: 'domainCancellation.withdraw',
          regionPath: request.domain.unit.region.path,
          after: { domainId: request.domainId },
        },
      }),
    )
    return request.id
  },
})
