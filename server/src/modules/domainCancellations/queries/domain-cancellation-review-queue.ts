// 域名注销审核: the requests an office reviews (those filed with it as the unit's same-level office), the pending
// ones first. CONAC does not review 注销, so it has no queue.
import { defineQuery } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import type { DomainCancellationStatus } from '../../../generated/prisma/enums.ts'
import { localOfficeOf, sameLevelUnits } from '../../../lib/scope.ts'
import { SAME_LEVEL_ONLY } from '../targets.ts'

export const domainCancellationReviewQueue = defineQuery({
  name: 'domainCancellationReviewQueue',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    rule: '同级编办: the requests of an office’s same-level units; CONAC is refused',
    refusal: SAME_LEVEL_ONLY,
  },
  scope: 'sameLevelUnits',
  /** The rows of the viewer's queue (the resolver orders, pages and counts them). */
  run(
    ctx,
    statuses: readonly DomainCancellationStatus[] | null | undefined,
  ): Prisma.DomainCancellationRequestWhereInput {
    // The policy admitted only staff (or tokens) of an office below CONAC.
    const office = localOfficeOf(ctx.viewer)!
    return {
      reviewOfficeId: office.officeId,
      unit: sameLevelUnits(office),
      ...(statuses?.length ? { status: { in: [...statuses] } } : {}),
    }
  },
})
