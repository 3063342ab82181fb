// 待审核网站开办申请: the queue of the viewer's review level.
import type { Context } from '../../../context.ts'
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { forbidden } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { isConac, localOfficeOf, sameLevelUnits } from '../../../lib/scope.ts'

/**
 * An office: its same-level units' applications waiting for 初审 or for their paper materials; CONAC: those
 * waiting for 复审. Anyone else has no queue.
 */
export function reviewQueueWhere(ctx: Context): Prisma.SiteApplicationWhereInput {
  if (isConac(ctx.viewer)) return { status: 'PENDING_CONAC_REVIEW' }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden('只有编办或 CONAC 工作人员有待审核队列')
  return { status: { in: ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'] }, unit: sameLevelUnits(office) }
}

export const siteApplicationReviewQueue = defineQuery({
  name: 'siteApplicationReviewQueue',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    rule: 'an office: its same-level units’ PENDING_OFFICE_REVIEW and AWAITING_PAPER; CONAC: PENDING_CONAC_REVIEW',
    refusal: '只有编办或 CONAC 工作人员有待审核队列',
  },
  scope: 'sameLevelUnits (office) / all (CONAC)',
  // Oldest submission first; `query` is Pothos' selection of the page.
  run: (ctx, query: object) =>
    ctx.prisma.siteApplication.findMany({
      ...query,
      where: reviewQueueWhere(ctx),
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    }),
})
