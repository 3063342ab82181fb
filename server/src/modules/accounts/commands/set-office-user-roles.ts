// 修改角色: an office administrator changes the roles of a member of its own office; CONAC's administrators may only
// add or take away the ADMIN role in another office. The office keeps an active administrator (LAST_ADMINISTRATOR);
// the person's sessions end so the new roles apply from their next login (their tokens narrow at once: a token's
// roles are intersected with its creator's at every request).
import { transition } from '../../../commands/transition.ts'
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { notFound } from '../../../errors.ts'
import type { OfficeRole } from '../../../generated/prisma/enums.ts'
import { endSessions } from '../../auth/passwords.ts'
import { refuseLosingLastAdministrator } from '../lastAdministrator.ts'
import {
  accountChangedMeanwhile,
  findManagedUser,
  normaliseRoles,
  refuseUngrantableRoles,
  regionPathOf,
} from '../reach.ts'
import { staffAdministratorOf } from '../staff.ts'

export interface SetOfficeUserRolesInput {
  userId: string
  roles: OfficeRole[]
  /** The account's version as the administrator saw it. */
  version: number
}

export const setOfficeUserRoles = defineCommand({
  name: 'setOfficeUserRoles',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['ADMIN'],
    rule: 'staff of the own office, any roles; CONAC: another office’s administrators, the ADMIN role only',
  },
  scope: 'accounts/reach.ts isInReach (staff only)',
  effects: [
    'the user’s officeRoles (version-guarded)',
    'the user’s sessions end (ROLES_CHANGED)',
    'audit user.setRoles with the roles before and after',
  ],

  async run(ctx, input: SetOfficeUserRolesInput) {
    const viewer = staffAdministratorOf(ctx)
    const user = await findManagedUser(ctx, input.userId)
    if (user.officeId == null) throw notFound('账号')
    const roles = normaliseRoles(input.roles)
    refuseUngrantableRoles(viewer, user.officeId, user.officeRoles, roles)
    const before = user.officeRoles
    await ctx.prisma.$transaction(
      async (tx) => {
        if (before.includes('ADMIN') && !roles.includes('ADMIN')) await refuseLosingLastAdministrator(tx, user)
        await transition(tx, ctx, 'user', {
          entity: user,
          expectedVersion: input.version,
          set: { officeRoles: roles },
          audit: {
            action: 'user.setRoles',
            regionPath: regionPathOf(user),
            before: { officeRoles: before },
            after: { officeRoles: roles },
          },
          stale: accountChangedMeanwhile,
        })
        await endSessions(tx, user.id, 'ROLES_CHANGED')
      },
      { maxWait: 30_000, timeout: 30_000 },
    )
    return { userId: user.id }
  },
})
