// Who files a 单位信息变更 and the rows a command acts on, each read once and only inside the viewer's scope
// (NOT_FOUND otherwise), with what the rules and notices need.
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { ownUnitOf, unitScope } from '../../lib/scope.ts'
import type { UnitContact } from '../notifications/drafts.ts'

/** Who asks for a change (and withdraws it): the unit's own users; offices review, they do not ask. */
export const UNIT_CHANGE_REQUESTERS: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, for its own unit only (there is no unit argument)',
  refusal: '只有单位用户可以申请变更本单位信息',
  // The unit's facts are the primary account's to change, not a deputy's.
  unitPrimary: true,
}

/** What the commands read of the unit: its facts, version, region, office, and who hears about the result. */
export const unitSelect = {
  id: true,
  name: true,
  type: true,
  systemCategory: true,
  creditCode: true,
  address: true,
  postcode: true,
  superiorUnitName: true,
  functions: true,
  status: true,
  version: true,
  regionCode: true,
  handlerMobile: true,
  handlerEmail: true,
  region: { select: { path: true, office: { select: { id: true } } } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

/** The viewer's own unit (the policy admitted only unit users; one without a unit is refused the same way). */
export async function ownUnit(ctx: Context) {
  const unitId = ownUnitOf(ctx.viewer)
  if (unitId == null) throw forbidden(UNIT_CHANGE_REQUESTERS.refusal)
  return ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: unitSelect })
}

/** A change request of a unit the viewer may see, with its unit. */
export async function requestInScope(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.unitChangeRequest.findFirst({
        where: { id: requestId, unit: unitScope(ctx.viewer) },
        include: { unit: { select: unitSelect } },
      })
    : null
  if (!request) throw notFound('单位信息变更申请')
  return request
}

export type UnitForChange = Awaited<ReturnType<typeof ownUnit>>

/** Who hears about a decision: the handler (SMS, email) and the unit's active users (in the portal). */
export const contactOf = (unit: UnitForChange): UnitContact => ({
  handlerMobile: unit.handlerMobile,
  handlerEmail: unit.handlerEmail,
  users: unit.users,
})

/** The facts' Chinese names, for notices and messages. */
export const UNIT_FACT_TEXT = {
  name: '单位名称',
  type: '单位类型',
  systemCategory: '系统类别',
  creditCode: '统一社会信用代码',
  address: '单位地址',
  postcode: '邮政编码',
  superiorUnitName: '上级主管单位',
  functions: '开办主体职能',
} as const
