// What an approved badge request changes beyond the request, inside the review's transaction: the badge (through
// the guarded transition, so a badge that moved meanwhile rolls the whole review back), the site application of a
// cancelled badge, and the Chinese domain's DNS records (dnsPointing.ts: audited and written to the DNS history).
import type { Context } from '../../context.ts'
import { transition } from '../../commands/transition.ts'
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { pointChineseDomain, removeChineseDomainForwards } from './dnsPointing.ts'
import { approvedFacts, factsOf } from './facts.ts'
import type { BadgeWithUnit, requestInScope } from './targets.ts'

type Tx = Prisma.TransactionClient
type BadgeRequest = Awaited<ReturnType<typeof requestInScope>>

/** 变更 approved: the badge takes the new facts; a new placement or English domain re-points the Chinese domain. */
export async function changeBadge(tx: Tx, ctx: Context, badge: BadgeWithUnit, request: BadgeRequest) {
  const next = approvedFacts(badge, request)
  await transition(tx, ctx, 'badge', {
    entity: badge,
    from: 'ACTIVE',
    set: next,
    audit: {
      action: 'badge.change',
      regionPath: badge.unit.region.path,
      before: { ...factsOf(badge) },
      after: { ...next, badgeChangeId: request.id },
    },
    stale: () => appError('CONFLICT', '该网站标识已注销，不能变更'),
  })
  if (next.placement !== badge.placement || next.englishDomain !== badge.englishDomain) {
    await pointChineseDomain(
      tx,
      ctx,
      {
        id: badge.id,
        unitId: badge.unitId,
        siteApplicationId: badge.siteApplicationId,
        placement: next.placement,
        englishDomain: next.englishDomain,
      },
      { cause: 'BADGE_CHANGED', badgeChangeRequestId: request.id },
    )
  }
}

/**
 * 注销 approved: the badge ends; its application is no longer live, so the unit may apply again for the same Chinese
 * domain; and the Chinese domain's URL forwards go (the 注销 form promised it). requestId: the approved badge
 * 注销 request, or the approved 域名注销 the badge goes with (domainCancellations).
 */
export async function cancelBadge(
  tx: Tx,
  ctx: Context,
  badge: BadgeWithUnit,
  requestId: number | { domainCancellationRequestId: number },
) {
  const regionPath = badge.unit.region.path
  const cancelledAt = new Date()
  await transition(tx, ctx, 'badge', {
    entity: badge,
    from: 'ACTIVE',
    to: 'CANCELLED',
    set: { cancelledAt },
    audit: { action: 'badge.cancel', regionPath, after: { cancelledAt } },
    stale: () => appError('CONFLICT', '该网站标识已注销'),
  })
  const app = badge.siteApplication
  if (app.status === 'BADGE_ISSUED') {
    await transition(tx, ctx, 'siteApplication', {
      entity: app,
      from: 'BADGE_ISSUED',
      to: 'BADGE_CANCELLED',
      audit: { action: 'siteApplication.badgeCancelled', regionPath, after: { badgeId: badge.id } },
    })
  }
  await removeChineseDomainForwards(tx, ctx, badge, requestId)
}
