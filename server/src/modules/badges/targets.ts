// The rows a badge command acts on, each read once and only inside the viewer's scope (NOT_FOUND otherwise), with
// what its rules and notices need: the unit (region, type, active users) and the site application's handler.
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { unitScope } from '../../lib/scope.ts'
import type { UnitContact } from '../notifications/drafts.ts'

export const badgeInclude = {
  unit: {
    select: {
      id: true,
      name: true,
      type: true,
      regionCode: true,
      region: { select: { path: true } },
      users: { where: { status: 'ACTIVE' }, select: { id: true } },
    },
  },
  siteApplication: {
    select: { id: true, status: true, version: true, serialNumber: true, handlerMobile: true, handlerEmail: true },
  },
} as const satisfies Prisma.BadgeInclude

/** Who asks for a 变更 or 注销 (and withdraws it): the unit's own users; offices review, they do not ask. */
export const BADGE_HOLDERS: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, for an ACTIVE badge of its own unit',
  refusal: '只有单位用户可以申请标识变更或注销',
}

/** A unit user's account must belong to a unit (the policy admitted the viewer as a unit user). */
export function requireLinkedUnit(ctx: Context): void {
  if (ctx.viewer.kind === 'user' && ctx.viewer.unitId == null) throw forbidden('本账号未关联单位')
}

/** A badge of a unit the viewer may see, with the id of its PENDING request if it has one. */
export async function badgeInScope(ctx: Context, id: string | number) {
  const badgeId = Number(id)
  const badge = Number.isSafeInteger(badgeId)
    ? await ctx.prisma.badge.findFirst({
        where: { id: badgeId, unit: unitScope(ctx.viewer) },
        include: { ...badgeInclude, changeRequests: { where: { status: 'PENDING' }, select: { id: true }, take: 1 } },
      })
    : null
  if (!badge) throw notFound('网站标识')
  return badge
}

/** A change or cancellation request on a badge of a unit the viewer may see, with its badge. */
export async function requestInScope(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.badgeChangeRequest.findFirst({
        where: { id: requestId, badge: { unit: unitScope(ctx.viewer) } },
        include: { badge: { include: badgeInclude } },
      })
    : null
  if (!request) throw notFound('标识变更申请')
  return request
}

export type BadgeWithUnit = Awaited<ReturnType<typeof requestInScope>>['badge']

/** Who hears about the badge: the site application's handler (SMS, email) and the unit's users (in the portal). */
export const contactOf = (badge: BadgeWithUnit): UnitContact => ({
  handlerMobile: badge.siteApplication.handlerMobile,
  handlerEmail: badge.siteApplication.handlerEmail,
  users: badge.unit.users,
})
