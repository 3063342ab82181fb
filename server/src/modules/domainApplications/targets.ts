// The rows a domain command acts on, each read once and only inside the viewer's scope (NOT_FOUND otherwise).
import type { Context } from '../../context.ts'
import { badInput, forbidden, notFound } from '../../errors.ts'
import { domainScope, localOfficeOf, unitScope } from '../../lib/scope.ts'

/** What a notice and the rules need of the unit. */
export const unitForNotice = {
  id: true,
  name: true,
  type: true,
  status: true,
  regionCode: true,
  handlerMobile: true,
  handlerEmail: true,
  region: { select: { path: true } },
} as const

/** The unit an application is for: a unit user's own unit, or a unit in an office's scope (代单位申请). */
export async function applyingUnit(ctx: Context, unitId: string | number | null | undefined) {
  const { viewer } = ctx
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') {
    if (viewer.unitId == null) throw forbidden('本账号未关联单位')
    if (unitId != null && String(unitId) !== String(viewer.unitId)) throw notFound('单位')
    return {
      unit: await ctx.prisma.unit.findUniqueOrThrow({ where: { id: viewer.unitId }, select: unitForNotice }),
      officeId: null,
    }
  }
  // CONAC makes the final review, so it does not apply on a unit's behalf; the unit's offices do.
  const office = localOfficeOf(viewer)
  if (!office) throw forbidden('只有单位用户或编办工作人员可以申请域名')
  if (unitId == null) throw badInput('请选择代为申请的单位', { unitId: '请选择单位' })
  const id = Number(unitId)
  const unit = Number.isSafeInteger(id)
    ? await ctx.prisma.unit.findFirst({ where: { AND: [{ id }, unitScope(viewer)] }, select: unitForNotice })
    : null
  if (!unit) throw notFound('单位')
  return { unit, officeId: office.officeId }
}

/**
 * A domain in the viewer's scope with what the rules and notices need (its unit and active users, and the snapshot
 * of its latest decision), in one read; NOT_FOUND otherwise.
 */
export async function domainInScope(ctx: Context, id: string | number) {
  const domainId = Number(id)
  const domain = Number.isSafeInteger(domainId)
    ? await ctx.prisma.domain.findFirst({
        where: { AND: [{ id: domainId }, domainScope(ctx.viewer)] },
        include: {
          unit: { select: { ...unitForNotice, users: { where: { status: 'ACTIVE' }, select: { id: true } } } },
          reviewDecisions: { orderBy: { id: 'desc' }, take: 1, select: { snapshot: true } },
        },
      })
    : null
  if (!domain) throw notFound('域名')
  return domain
}

/** Unit users and office staff below CONAC edit their applications; CONAC reviews them. */
export function requireApplicantSide(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') throw forbidden()
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return
  if (!localOfficeOf(viewer)) throw forbidden('CONAC 工作人员不能修改或撤销单位的域名申请')
}
