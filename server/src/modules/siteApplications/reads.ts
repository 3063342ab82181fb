// What the site application queries read beyond their scope builder: the list's filter, one application by id,
// and what the unit changed since the latest review.
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { SiteApplicationStatus } from '../../generated/prisma/enums.ts'
import { siteApplicationScope } from '../../lib/scope.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { changesSince, type FieldChange } from '../reviews/changes.ts'
import { maskIdNumber } from '../../lib/masking.ts'
import { FIELD_NAMES, reviewedFieldsOf, type StoredFields } from './fields.ts'
import { applicationWhere } from './targets.ts'

/** The applications the viewer may see (own unit; an office its subtree; CONAC all), by status if asked. */
export function listWhere(
  ctx: Context,
  filter?: { statuses?: SiteApplicationStatus[] | null } | null,
): Prisma.SiteApplicationWhereInput {
  const and: Prisma.SiteApplicationWhereInput[] = [siteApplicationScope(ctx.viewer)]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } })
  return { AND: and }
}

/** One application in the viewer's scope, with Pothos' selection; a malformed id answers like a missing one. */
export async function findInScope(ctx: Context, id: string | number, query: object) {
  const where = applicationWhere(ctx, id)
  const app = where
    ? await ctx.prisma.siteApplication.findFirst({ ...(query as Prisma.SiteApplicationFindFirstArgs), where })
    : null
  if (!app) throw notFound('网站开办申请')
  return app
}

/** What the unit changed since the latest review (the fields stored with that decision). */
export async function changesSinceLastReview(ctx: Context, app: StoredFields & { id: number }): Promise<FieldChange[]> {
  const latest = await ctx.prisma.reviewDecision.findFirst({
    where: { siteApplicationId: app.id },
    orderBy: { id: 'desc' },
    select: { snapshot: true },
  })
  const changes = changesSince(maskedSnapshot(latest?.snapshot), reviewedFieldsOf(app), FIELD_NAMES)
  // A reviewer reads a domain by its name, not its id.
  const domainChange = changes.find((change) => change.field === 'chineseDomainId')
  if (domainChange) {
    const ids = [domainChange.before, domainChange.after].filter((id): id is string => id != null).map(Number)
    const domains = await ctx.prisma.domain.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, suffix: true },
    })
    const nameOf = (id: string | null) => {
      const domain = domains.find((d) => String(d.id) === id)
      return domain ? fullNameOf(domain) : id
    }
    domainChange.before = nameOf(domainChange.before)
    domainChange.after = nameOf(domainChange.after)
  }
  return changes
}

/**
 * Snapshots hold the masked ID number; those written before field encryption hold the number itself (append-only,
 * so they stay): compared masked, an unchanged number is not reported, and the plaintext is never shown.
 */
function maskedSnapshot(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot
  const { handlerIdNumber } = snapshot as { handlerIdNumber?: unknown }
  if (typeof handlerIdNumber !== 'string') return snapshot
  return { ...snapshot, handlerIdNumber: maskIdNumber(handlerIdNumber.trim()) }
}
