// What the domain queries read beyond a scoped list: the availability of a name, the review queue's rows of the
// viewer's level, 域名历史查询's filter.
import type { Context } from '../../context.ts'
import { forbidden } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { literalLike } from '../../lib/likeText.ts'
import { domainScope, isConac, localOfficeOf, ownUnitOf, sameLevelUnits } from '../../lib/scope.ts'
import { nameHoldingProblem } from '../domainNames/holding.ts'
import { nameProblem, normalizeDomainName, suffixProblem } from './names.ts'

export async function checkDomainAvailability(ctx: Context, rawName: string, suffix: DomainSuffix) {
  const name = normalizeDomainName(rawName)
  const problem = nameProblem(name)
  if (problem) return { available: false, reason: problem }
  // A unit user is told at once when the suffix does not fit its unit type.
  const { viewer } = ctx
  if (viewer.kind === 'user' && viewer.unitId != null) {
    const unit = await ctx.prisma.unit.findUnique({ where: { id: viewer.unitId }, select: { type: true } })
    const wrongSuffix = unit ? suffixProblem(unit.type, suffix) : null
    if (wrongSuffix) return { available: false, reason: wrongSuffix }
  }
  const held = await nameHoldingProblem(ctx.prisma, { name, suffix, unitId: ownUnitOf(viewer) })
  if (held) return { available: false, reason: held }
  return { available: true, reason: null }
}

/**
 * The review queue of the viewer's level: an office sees the PENDING_OFFICE_REVIEW domains of its same-level
 * units, CONAC every OFFICE_APPROVED domain. Anyone else has no queue.
 */
export function reviewQueueWhere(ctx: Context): Prisma.DomainWhereInput {
  if (isConac(ctx.viewer)) return { status: 'OFFICE_APPROVED' }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden('只有编办或 CONAC 工作人员有待审核队列')
  return { status: 'PENDING_OFFICE_REVIEW', unit: sameLevelUnits(office) }
}

/**
 * Since when a queued domain has waited. Office level: submittedAt (reset on resubmission). CONAC level:
 * updatedAt, which is the office approval time, because an OFFICE_APPROVED domain is written only by the
 * transition that made it so (its next write moves it out of the queue).
 */
export function waitingSinceField(ctx: Context): 'submittedAt' | 'updatedAt' {
  return isConac(ctx.viewer) ? 'updatedAt' : 'submittedAt'
}

export interface DecisionFilter {
  result?: 'APPROVED' | 'REJECTED' | null
  level?: 'OFFICE' | 'CONAC' | 'PAPER' | null
  search?: string | null
}

/** 域名历史查询: decisions on domains the viewer may see; they stay after the application is resubmitted. */
export function domainDecisionWhere(ctx: Context, filter?: DecisionFilter | null): Prisma.ReviewDecisionWhereInput {
  const and: Prisma.ReviewDecisionWhereInput[] = [{ subject: 'DOMAIN', domain: domainScope(ctx.viewer) }]
  if (filter?.result) and.push({ result: filter.result })
  if (filter?.level) and.push({ level: filter.level })
  const term = filter?.search?.trim()
  if (term)
    and.push({
      domain: { OR: [{ name: { contains: literalLike(term) } }, { unit: { name: { contains: literalLike(term) } } }] },
    })
  return { AND: and }
}
