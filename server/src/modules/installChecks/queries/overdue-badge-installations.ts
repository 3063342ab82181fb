// 逾期未安装: ACTIVE self-built badges past their installation deadline and never found installed. Offices and CONAC.
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { unitScope } from '../../../lib/scope.ts'
import { overdueWhere } from '../runs.ts'

export const overdueBadgeInstallations = defineQuery({
  name: 'overdueBadgeInstallations',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    rule: 'offices only: an office its subtree, CONAC all',
    refusal: '仅限编办或 CONAC 工作人员',
  },
  scope: 'unitScope',
  /** The rows of the list (the resolver pages and counts them). */
  run: (ctx): Prisma.BadgeWhereInput => ({ AND: [overdueWhere(new Date()), { unit: unitScope(ctx.viewer) }] }),
})
