// 标识变更审核: the PENDING requests of an office's same-level units (同级编办), oldest first. CONAC does not review
// badge requests, so it has no queue.
import { defineQuery } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { localOfficeOf, sameLevelUnits } from '../../../lib/scope.ts'

export const badgeChangeReviewQueue = defineQuery({
  name: 'badgeChangeReviewQueue',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    rule: '同级编办: an office’s same-level units’ PENDING requests; CONAC is refused',
    refusal: '标识变更和注销由单位的同级编办审核',
  },
  scope: 'sameLevelUnits',
  /** The rows of the viewer's queue (the resolver pages and counts them). */
  run(ctx): Prisma.BadgeChangeRequestWhereInput {
    // The policy admitted only staff (or tokens) of an office below CONAC.
    const office = localOfficeOf(ctx.viewer)!
    return { status: 'PENDING', badge: { unit: sameLevelUnits(office) } }
  },
})
