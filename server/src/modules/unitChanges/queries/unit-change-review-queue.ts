// 单位信息变更审核: the requests an office reviews (those filed with it as the unit's same-level office), the
// pending ones first. CONAC does not review unit changes, so it has no queue.
import { defineQuery } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import type { UnitChangeStatus } from '../../../generated/prisma/enums.ts'
import { localOfficeOf, sameLevelUnits } from '../../../lib/scope.ts'

export const unitChangeReviewQueue = defineQuery({
  name: 'unitChangeReviewQueue',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    rule: '同级编办: the requests of an office’s same-level units; CONAC is refused',
    refusal: '单位信息变更由单位的同级编办审核',
  },
  // roles: REVIEWER (added with roles)
  scope: 'sameLevelUnits',
  /** The rows of the viewer's queue (the resolver orders, pages and counts them). */
  run(ctx, statuses: readonly UnitChangeStatus[] | null | undefined): Prisma.UnitChangeRequestWhereInput {
    // The policy admitted only staff (or tokens) of an office below CONAC.
    const office = localOfficeOf(ctx.viewer)!
    return {
      reviewOfficeId: office.officeId,
      unit: sameLevelUnits(office),
      ...(statuses?.length ? { status: { in: [...statuses] } } : {}),
    }
  },
})
