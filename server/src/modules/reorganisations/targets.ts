// Who files and who reviews a 机构改革, and the requests a command acts on (read only inside the viewer's reach,
// NOT_FOUND otherwise).
//
// Filing: staff (审核员) of an office whose subtree holds every source unit; existing target units must be in that
// subtree too (the office can see them), new units may be set up anywhere.
// Review: when every unit involved (sources, existing and new targets) lies in the filing office's subtree, another
// 审核员 of the same office approves (four eyes: never the person who filed it). When a target lies outside it
// (cross-area), the lowest office whose subtree covers every region involved reviews: the city office for two
// counties of one city, the province for two cities, CONAC when the provinces differ.
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { isConac, officeScope } from '../../lib/scope.ts'
import type { Viewer } from '../../viewer.ts'
import { regionCodesOf, type ReorganisationPlan } from './plan.ts'

type Db = Prisma.TransactionClient

/** The reorganisations the viewer may see: those its office (or an office below it) filed or reviews; CONAC all. */
export function reorganisationScope(viewer: Viewer): Prisma.UnitReorganisationWhereInput {
  if (isConac(viewer)) return {}
  const offices = officeScope(viewer)
  return { OR: [{ initiatingOffice: offices }, { reviewOffice: offices }] }
}

/** The office that reviews a plan filed by `initiatingOffice`: itself, or the lowest office covering every region. */
export async function reviewOfficeFor(
  db: Db,
  initiatingOffice: { officeId: number; regionPath: string },
  plan: ReorganisationPlan,
): Promise<{ id: number; name: string; crossArea: boolean }> {
  const codes = await regionCodesOf(db, plan)
  const regions = await db.region.findMany({ where: { code: { in: codes } }, select: { path: true } })
  const paths = regions.map((r) => r.path)
  if (paths.every((path) => path.startsWith(initiatingOffice.regionPath))) {
    const office = await db.office.findUniqueOrThrow({
      where: { id: initiatingOffice.officeId },
      select: { id: true, name: true },
    })
    return { ...office, crossArea: false }
  }
  // The deepest region whose path prefixes every path (the country at worst), then the nearest office at or above it.
  const split = [...paths, initiatingOffice.regionPath].map((path) => path.split('/').filter(Boolean))
  const common: string[] = []
  for (let i = 0; split.every((codes) => codes[i] != null && codes[i] === split[0]![i]); i++) common.push(split[0]![i]!)
  for (let depth = common.length; depth > 0; depth--) {
    const office = await db.office.findUnique({
      where: { regionCode: common[depth - 1]! },
      select: { id: true, name: true },
    })
    if (office) return { ...office, crossArea: true }
  }
  const central = await db.office.findFirstOrThrow({ where: { level: 'CENTRAL' }, select: { id: true, name: true } })
  return { ...central, crossArea: true }
}

export const requestInclude = {
  initiatingOffice: { select: { id: true, name: true, regionCode: true, region: { select: { path: true } } } },
  reviewOffice: { select: { id: true, name: true, regionCode: true, region: { select: { path: true } } } },
} as const satisfies Prisma.UnitReorganisationInclude

/** A reorganisation the viewer may see. */
export async function requestInScope(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.unitReorganisation.findFirst({
        where: { AND: [{ id: requestId }, reorganisationScope(ctx.viewer)] },
        include: requestInclude,
      })
    : null
  if (!request) throw notFound('机构改革申请')
  return request
}
