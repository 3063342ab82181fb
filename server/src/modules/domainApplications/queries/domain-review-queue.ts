// 待审核域名: the queue of the viewer's review level, with its counts (domainReviewQueueSummary).
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES, type Policy } from '../../../commands/policy.ts'
import { reviewQueueCounts, reviewQueuePage } from '../queue.ts'
import { reviewQueueWhere, waitingSinceField } from '../reads.ts'

const policy: Policy = {
  who: ALL_OFFICES,
  tokens: true,
  rule: 'an office: its same-level units’ PENDING_OFFICE_REVIEW domains; CONAC: every OFFICE_APPROVED domain',
}
const scope = 'sameLevelUnits (office) / all (CONAC)'

export const domainReviewQueue = defineQuery({
  name: 'domainReviewQueue',
  policy,
  scope,
  // The page with its unit, region, office and decisions in one statement; other selections through Prisma.
  async run(ctx, query: Record<string, unknown>) {
    const page = await reviewQueuePage(ctx, query)
    if (page) return page as Awaited<ReturnType<typeof ctx.prisma.domain.findMany>>
    return ctx.prisma.domain.findMany({
      ...query,
      where: reviewQueueWhere(ctx),
      orderBy: [{ [waitingSinceField(ctx)]: 'asc' }, { id: 'asc' }],
    })
  },
})

export const domainReviewQueueSummary = defineQuery({
  name: 'domainReviewQueueSummary',
  policy,
  scope,
  run: (ctx) => reviewQueueCounts(ctx),
})
