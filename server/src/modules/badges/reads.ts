// What the badge queries read beyond a request row: the list filter of badgeChangeRequests (in the viewer's unit
// scope), and what a 变更 changes, before → after, for the history.
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { BadgeChangeStatus, BadgePlacement } from '../../generated/prisma/enums.ts'
import { unitScope } from '../../lib/scope.ts'
import { BADGE_FACT_NAMES, factsOf, type BadgeFacts } from './facts.ts'

export function badgeChangeListWhere(
  ctx: Context,
  filter?: { statuses?: BadgeChangeStatus[] | null; badgeId?: string | number | null } | null,
): Prisma.BadgeChangeRequestWhereInput {
  const and: Prisma.BadgeChangeRequestWhereInput[] = [{ badge: { unit: unitScope(ctx.viewer) } }]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } })
  if (filter?.badgeId != null) {
    const id = Number(filter.badgeId)
    and.push({ badgeId: Number.isSafeInteger(id) ? id : -1 })
  }
  return { AND: and }
}

export interface BadgeFieldChange {
  field: keyof BadgeFacts
  before: string | null
  after: string | null
}

/** What a CHANGE request changes, against the badge as it was when the unit asked (from the request's audit row). */
export async function changesOf(
  ctx: Context,
  request: {
    id: number
    kind: string
    newPlacement: BadgePlacement | null
    newSiteName: string | null
    newEnglishDomain: string | null
    newIpAddress: string | null
    badgeId: number
  },
): Promise<BadgeFieldChange[]> {
  if (request.kind !== 'CHANGE') return []
  const audit = await ctx.prisma.auditLog.findFirst({
    where: { action: 'badgeChange.request', subjectType: 'BadgeChangeRequest', subjectId: String(request.id) },
    orderBy: { id: 'asc' },
    select: { before: true },
  })
  const before =
    (audit?.before as Partial<BadgeFacts> | null) ??
    factsOf(await ctx.prisma.badge.findUniqueOrThrow({ where: { id: request.badgeId } }))
  const after: BadgeFacts = {
    placement: request.newPlacement ?? (before.placement as BadgePlacement),
    siteName: request.newSiteName ?? before.siteName ?? '',
    englishDomain: request.newEnglishDomain,
    ipAddress: request.newIpAddress,
  }
  return BADGE_FACT_NAMES.filter((name) => (before[name] ?? null) !== (after[name] ?? null)).map((name) => ({
    field: name,
    before: before[name] ?? null,
    after: after[name] ?? null,
  }))
}
