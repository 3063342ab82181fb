// 本办用户 / 编办管理员: the accounts of an office. An office administrator lists its own office; CONAC's lists its
// own staff or, for another office, that office's administrators (what CONAC manages there). Returns the filter
// that the connection pages through (schema.ts).
import { defineQuery } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import type { UserStatus } from '../../../generated/prisma/enums.ts'
import { isConac } from '../../../lib/scope.ts'
import { administratorIdsOf } from '../reach.ts'
import { accountSearch } from '../search.ts'
import { staffAdministratorOf } from '../staff.ts'

export interface OfficeUsersInput {
  officeId?: string | null
  search?: string | null
  status?: UserStatus | null
}

export const officeUsers = defineQuery({
  name: 'officeUsers',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['ADMIN'],
    rule: 'own office; CONAC also another office (its administrators only)',
  },
  scope: 'accounts/reach.ts isInReach, staff of the one office',
  async run(ctx, input: OfficeUsersInput): Promise<Prisma.UserWhereInput> {
    const viewer = staffAdministratorOf(ctx)
    const officeId = input.officeId ? Number(input.officeId) : viewer.office.officeId
    if (officeId !== viewer.office.officeId && !isConac(viewer)) {
      throw appError('FORBIDDEN', '只能查看本办的用户', { reason: 'OUTSIDE_OFFICE' })
    }
    const own = officeId === viewer.office.officeId
    // Another office (CONAC only): its administrators, found by raw SQL (reach.ts says why).
    const inOffice = own
      ? { officeId }
      : { id: { in: Number.isSafeInteger(officeId) ? await administratorIdsOf(ctx.prisma, officeId) : [] } }
    return {
      AND: [inOffice, input.status ? { status: input.status } : {}, accountSearch(input.search)],
    }
  },
})
