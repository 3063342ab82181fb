// The rows a site application command acts on, each read once and only inside the viewer's scope (NOT_FOUND
// otherwise), and the rules on who acts: the unit user for its own unit, the unit's same-level office (同级编办).
import type { Context } from '../../context.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { localOfficeOf, siteApplicationScope } from '../../lib/scope.ts'
import { actingUserId } from '../../viewer.ts'
import type { UnitContact } from '../notifications/drafts.ts'

/** What the rules, the unit's facts on the form and the notices need of the unit. */
export const unitSelect = {
  id: true,
  name: true,
  type: true,
  status: true,
  regionCode: true,
  superiorUnitName: true,
  functions: true,
  systemCategory: true,
  address: true,
  postcode: true,
  region: { select: { path: true } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

/** What a unit user is told when it is not one (the unit applies; offices and CONAC review). */
export const UNIT_USERS_ONLY = '只有单位用户可以填写和提交网站开办申请'

/** The where of one application in the viewer's scope; null for an id that cannot exist (answered as missing). */
export function applicationWhere(ctx: Context, id: string | number): Prisma.SiteApplicationWhereInput | null {
  const appId = Number(id)
  return Number.isSafeInteger(appId) ? { AND: [{ id: appId }, siteApplicationScope(ctx.viewer)] } : null
}

/** An application in the viewer's scope with its unit (and active users) and its paper materials, in one read. */
export async function applicationInScope(ctx: Context, id: string | number) {
  const where = applicationWhere(ctx, id)
  const app = where
    ? await ctx.prisma.siteApplication.findFirst({
        where,
        include: { unit: { select: unitSelect }, paperSubmission: true },
      })
    : null
  if (!app) throw notFound('网站开办申请')
  return app
}

export type LoadedApplication = Awaited<ReturnType<typeof applicationInScope>>

/** The unit user's own unit. */
export function ownUnitId(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER') throw forbidden(UNIT_USERS_ONLY)
  if (viewer.unitId == null) throw forbidden('本账号未关联单位')
  return viewer.unitId
}

/** The unit's facts as the application records them at each save and submission (开办主体 etc.). */
export function unitFacts(unit: LoadedApplication['unit']) {
  return {
    unitName: unit.name,
    superiorUnitName: unit.superiorUnitName,
    unitFunctions: unit.functions,
    systemCategory: unit.systemCategory,
    address: unit.address,
    postcode: unit.postcode,
  }
}

/** Staff of the unit's same-level office (the paper step belongs to it); FORBIDDEN「只有单位的同级编办可以…」 otherwise. */
export function sameLevelOffice(ctx: Context, app: LoadedApplication, what: string) {
  const office = localOfficeOf(ctx.viewer)
  const reviewerId = actingUserId(ctx.viewer)
  if (!office || reviewerId == null || app.unit.region.path !== office.regionPath)
    throw forbidden(`只有单位的同级编办可以${what}`)
  return { office, reviewerId }
}

/** Who hears about the application: the handler it names (SMS, email) and the unit's active portal users. */
export function unitContactOf(app: LoadedApplication): UnitContact {
  return { handlerMobile: app.handlerMobile, handlerEmail: app.handlerEmail, users: app.unit.users }
}
