// Who starts, sees and cancels a 经办人交接, and the rows each of them reaches. A unit's primary account hands over its
// own unit; when the old handler has left and nobody can sign in, the unit's same-level office (同级编办: the office
// of the unit's own region) helps, through its 管理员 only: the starter names the mobile that receives the code and
// so who takes over the unit's primary account, which a 审核员 must not be able to give themself.
import type { Policy } from '../../../commands/policy.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import type { Context } from '../../../context.ts'
import { appError, forbidden, notFound } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { parseId } from '../../../lib/rowId.ts'
import { localOfficeOf, ownUnitOf, unitScope } from '../../../lib/scope.ts'
import { hasOfficeRole, type Viewer } from '../../../viewer.ts'

/** startHandover and cancelHandover: the unit's primary account, or staff of a local office by session. */
export const handoverStarters: Pick<Policy, 'who' | 'tokens' | 'roles' | 'unitPrimary'> = {
  who: ['unit', ...LOCAL_OFFICES],
  // The new handler's personal data and a password-setting link: a person does this, not an integration.
  tokens: false,
  roles: ['ADMIN'],
  unitPrimary: true,
}

/**
 * Whether office staff may start a handover for a unit of this region: a signed-in person (not a token) of its
 * same-level office holding a role of the policy. The portal asks it per row of 单位账号管理 (ManagedAccount
 * canStartHandover); startHandover itself enforces the same through its policy and handoverUnitId.
 */
export function officeMayStartHandover(viewer: Viewer, unitRegionPath: string): boolean {
  const office = localOfficeOf(viewer)
  if (viewer.kind !== 'user' || !office || !handoverStarters.roles) return false
  return office.regionPath === unitRegionPath && hasOfficeRole(viewer, handoverStarters.roles)
}

/** Handovers the viewer may see: those of the units it may see (a unit its own, an office its subtree, CONAC all). */
export function handoverScope(ctx: Context): Prisma.UnitHandoverWhereInput {
  return { unit: unitScope(ctx.viewer) }
}

export const HANDOVER_NOT_FOUND = '经办人交接记录'

/**
 * The unit a handover is started for: a unit user's own unit (any unitId given must be it); for office staff the
 * unit named, which must be one of the office's same-level units (NOT_FOUND outside its subtree, FORBIDDEN below
 * its own level: that unit's own office helps it).
 */
export async function handoverUnitId(ctx: Context, unitId: string | null | undefined): Promise<number> {
  const own = ownUnitOf(ctx.viewer)
  if (own != null) {
    if (unitId != null && unitId !== '' && parseId(unitId, '单位') !== own) throw notFound('单位')
    return own
  }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden()
  if (unitId == null || unitId === '')
    throw appError('BAD_USER_INPUT', '请选择要办理交接的单位', { fields: { unitId: '请选择单位' } })
  const id = parseId(unitId, '单位')
  const unit = await ctx.prisma.unit.findFirst({
    where: { AND: [{ id }, unitScope(ctx.viewer)] },
    select: { region: { select: { path: true } } },
  })
  if (!unit) throw notFound('单位')
  if (unit.region.path !== office.regionPath) throw forbidden('经办人交接由该单位的同级编办协助办理')
  return id
}

/** The acting staff member's or unit user's id (the policies admit sessions only). */
export function actingUser(ctx: Context): number {
  if (ctx.viewer.kind !== 'user') throw forbidden()
  return ctx.viewer.userId
}

/** 清丰***公室: enough for the new handler to recognise the unit, not enough to learn it from a stray link. */
export function maskUnitName(name: string): string {
  const chars = [...name]
  const keep = Math.max(1, Math.floor(chars.length / 4))
  return `${chars.slice(0, keep).join('')}***${chars.slice(-keep).join('')}`
}
