// 单位用户 / 单位账号管理: the accounts of units. A unit's primary account lists its own unit's accounts; an office
// (管理员 or 审核员) the unit accounts of its region subtree, CONAC all. Returns the filter that the connection pages
// through (schema.ts).
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import type { UserStatus } from '../../../generated/prisma/enums.ts'
import { unitScope } from '../../../lib/scope.ts'
import { accountSearch } from '../search.ts'
import { sessionViewerOf } from '../staff.ts'

export interface UnitUsersInput {
  unitId?: string | null
  search?: string | null
  status?: UserStatus | null
}

export const unitUsers = defineQuery({
  name: 'unitUsers',
  policy: {
    who: SIGNED_IN,
    tokens: false,
    roles: ['ADMIN', 'REVIEWER'],
    unitPrimary: true,
    rule: 'a unit’s primary account: its own unit; an office: the units of its subtree (lib/scope.ts unitScope)',
  },
  scope: 'lib/scope.ts unitScope',
  run(ctx, input: UnitUsersInput): Prisma.UserWhereInput {
    const viewer = sessionViewerOf(ctx)
    return {
      AND: [
        { unitId: { not: null }, unit: unitScope(viewer) },
        input.unitId ? { unitId: Number(input.unitId) || -1 } : {},
        input.status ? { status: input.status } : {},
        accountSearch(input.search, { unitName: true }),
      ],
    }
  },
})
