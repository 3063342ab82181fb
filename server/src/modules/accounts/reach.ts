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

// Whether a role is held is decided in memory or in raw SQL ('ADMIN' = ANY("officeRoles")), never by Prisma's
// array filters: through the embedded database's driver adapter they fail (malformed array literal) although the
// tests' database accepts them.

/** Whether the viewer administers this account (reach rules above). */
export function isInReach(viewer: Viewer, user: ManagedUser): boolean {
  if (viewer.kind !== 'user') return false
  if (!viewer.office) {
    return viewer.unitRole === 'PRIMARY' && user.unitId === viewer.unitId && user.unitRole === 'DEPUTY'
  }
  const office = viewer.office
  if (user.officeId === office.officeId) return true
  const conac = office.officeLevel === 'CENTRAL'
  if (user.officeId != null) return conac && user.officeRoles.includes('ADMIN')
  return !!user.unit && (conac || user.unit.region.path.startsWith(office.regionPath))
}

/** The administrators (ADMIN role) of an office, any status: what CONAC manages there. */
export async function administratorIdsOf(db: Prisma.TransactionClient | Context['prisma'], officeId: number) {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM users WHERE "officeId" = ${officeId} AND 'ADMIN' = ANY("officeRoles")`
  return rows.map((row) => row.id)
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
  const user = await ctx.prisma.user.findUnique({ where: { id: userId }, include: managedUserInclude })
  if (!user || !isInReach(ctx.viewer, user)) throw notFound('账号')
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
