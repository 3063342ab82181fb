// Whose accounts a viewer administers (用户管理), in one place for every command and query of the module:
//   - an office ADMIN: the staff of its own office, and the unit accounts of its region subtree;
//   - CONAC ADMIN: CONAC's own staff, every other office's administrators, and every unit account;
//   - a unit's primary account: its own unit's other users (DEPUTY).
// Anything else is NOT_FOUND, never FORBIDDEN: a user id outside one's reach says nothing about whether it exists.
import type { Context } from '../../context.ts'
import { appError, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { OfficeRole } from '../../generated/prisma/enums.ts'
import { isConac } from '../../lib/scope.ts'
import { ROLE_TEXT } from '../../permissions/officeRoles.ts'
import type { Viewer } from '../../viewer.ts'

const NOTHING = -1

/** The users whose accounts the viewer administers. */
export function managedUserScope(viewer: Viewer): Prisma.UserWhereInput {
  if (viewer.kind !== 'user') return { id: NOTHING }
  if (!viewer.office) {
    if (viewer.unitRole !== 'PRIMARY' || viewer.unitId == null) return { id: NOTHING }
    return { unitId: viewer.unitId, unitRole: 'DEPUTY' }
  }
  const office = viewer.office
  if (office.officeLevel === 'CENTRAL') {
    return {
      OR: [{ officeId: office.officeId }, { officeRoles: { has: 'ADMIN' } }, { unitId: { not: null } }],
    }
  }
  return {
    OR: [{ officeId: office.officeId }, { unit: { region: { path: { startsWith: office.regionPath } } } }],
  }
}

const managedUserInclude = {
  office: { include: { region: true } },
  unit: { include: { region: true } },
} satisfies Prisma.UserInclude

export type ManagedUser = Prisma.UserGetPayload<{ include: typeof managedUserInclude }>

/** The user if the viewer administers them, else NOT_FOUND. */
export async function findManagedUser(ctx: Context, id: string | number): Promise<ManagedUser> {
  const userId = Number(id)
  if (!Number.isSafeInteger(userId) || userId < 1) throw notFound('账号')
  const user = await ctx.prisma.user.findFirst({
    where: { AND: [{ id: userId }, managedUserScope(ctx.viewer)] },
    include: managedUserInclude,
  })
  if (!user) throw notFound('账号')
  return user
}

/** The region path an account's audit rows are filed under (its office's or its unit's). */
export function regionPathOf(user: ManagedUser): string | null {
  return user.office?.region.path ?? user.unit?.region.path ?? null
}

/**
 * The roles the viewer may grant or take away in that office: every role in its own office; CONAC only ADMIN in
 * another office (it does not hold that office's 审核员/财务 roles).
 */
export function grantableRoles(viewer: Viewer, officeId: number): readonly OfficeRole[] {
  if (viewer.kind !== 'user' || !viewer.office) return []
  if (viewer.office.officeId === officeId) return ['ADMIN', 'REVIEWER', 'FINANCE']
  return isConac(viewer) ? ['ADMIN'] : []
}

/** Refuses (FORBIDDEN, ROLE_NOT_GRANTABLE) a change of roles that adds or removes one the viewer may not grant. */
export function refuseUngrantableRoles(
  viewer: Viewer,
  officeId: number,
  before: readonly OfficeRole[],
  after: readonly OfficeRole[],
): void {
  const grantable = grantableRoles(viewer, officeId)
  const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))]
  const refused = changed.filter((role) => !grantable.includes(role))
  if (refused.length) {
    const names = refused.map((role) => `「${ROLE_TEXT[role]}」`).join('、')
    throw appError('FORBIDDEN', `无权授予或取消${names}角色：中央编办只能管理其他编办的管理员`, {
      reason: 'ROLE_NOT_GRANTABLE',
      roles: refused,
    })
  }
}

/** The roles as given, without repeats, in the canonical order; at least one. */
export function normaliseRoles(roles: readonly OfficeRole[]): OfficeRole[] {
  const order: OfficeRole[] = ['ADMIN', 'REVIEWER', 'FINANCE']
  const chosen = order.filter((role) => roles.includes(role))
  if (!chosen.length)
    throw appError('BAD_USER_INPUT', '请至少选择一个角色', { fields: { roles: '请至少选择一个角色' } })
  return chosen
}

/** The answer when an account changed between the administrator's reading and their decision. */
export const accountChangedMeanwhile = () => appError('CONFLICT', '该账号刚刚已被他人修改，请刷新后重试')
