// 撤回: the filing office takes back a request not yet decided; its domains are free for other requests again. The
// request stays, WITHDRAWN, for history.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { localOfficeOf } from '../../../lib/scope.ts'
import { requestInScope } from '../targets.ts'
import { REORGANISATION_STAFF } from './propose-reorganisation.ts'

export const withdrawReorganisation = defineCommand({
  name: 'withdrawReorganisation',
  policy: {
    who: LOCAL_OFFICES,
    tokens: false,
    roles: ['REVIEWER'],
    rule: '提交的编办: staff of the office that filed it; the reviewing office above is refused once the request is found',
    refusal: REORGANISATION_STAFF,
  },
  scope: 'reorganisationScope',
  transition: { entity: 'UnitReorganisation', from: ['PENDING'], to: ['WITHDRAWN'] },

  async run(ctx, input: { id: string | number; version?: number | null }) {
    const request = await requestInScope(ctx, input.id)
    if (localOfficeOf(ctx.viewer)?.officeId !== request.initiatingOfficeId)
      throw forbidden('只有提交申请的编办可以撤回')
    if (request.status !== 'PENDING') throw appError('CONFLICT', '该申请已审核或已撤回，不能撤回')
    await ctx.prisma.$transaction((tx) =>
      transition(tx, ctx, 'unitReorganisation', {
        entity: request,
        from: 'PENDING',
        to: 'WITHDRAWN',
        expectedVersion: input.version ?? undefined,
        audit: { action: 'reorganisation.withdraw', regionPath: request.initiatingOffice.region.path },
      }),
    )
    return request.id
  },
})
