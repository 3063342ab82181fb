// Carrying out a 过户 on its last approval, inside the deciding transaction, all or nothing:
//   * the domain's unitId becomes the receiving unit (guarded transition on its version). DNS records, names and
//     their publication are keyed by domain, not unit, so they stay and keep resolving; the history (DNS changes,
//     review decisions, fees paid) stays with the domain;
//   * each dependent badge moves (badge and its site application to the receiving unit; a 网络红页 badge is re-pointed
//     at the receiving unit's micro-site, the giving unit's micro-site moving along when dependents.ts allows it) or
//     is cancelled through the badges module's own 注销 effect (badge, application, URL forwards), each recorded as
//     an approved BadgeChangeRequest so the badge's history says why;
//   * audit rows on both sides (regionPath of each unit), so the offices over either unit see the move;
//   * the statistics triggers on domains/badges/site_applications move the counters to the receiving unit's region,
//     all-time and per registration month alike (the counters describe who holds the domain now, as
//     rebuild_region_statistics() recomputes them; the request rows keep who held it before).
// Anything that changed since the request was filed and makes it impossible (the domain no longer the giving unit's
// or no longer transferable, the receiving unit stopped, a new badge) is a CONFLICT that rolls the approval back.
import type { Context } from '../../context.ts'
import { transition } from '../../commands/transition.ts'
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { pointChineseDomain } from '../badges/dnsPointing.ts'
import { cancelBadge } from '../badges/effects.ts'
import { badgeInclude } from '../badges/targets.ts'
import { suffixForUnitType } from '../domainApplications/names.ts'
import { unbindDomain } from '../siteApplications/boundDomains.ts'
import { checkBadgeActions, dependentBadges, microSitePlan, refuseLiveSiteApplications } from './dependents.ts'
import { storedBadgeActions, TRANSFERABLE_STATUSES, type TransferRequest } from './targets.ts'

type Tx = Prisma.TransactionClient

const DOMAIN_MOVED = '域名状态已发生变化，不能完成过户，请驳回或由单位撤回后重新申请'

export async function carryOutTransfer(tx: Tx, ctx: Context, request: TransferRequest): Promise<void> {
  const { fromUnit, toUnit } = request
  const fromPath = fromUnit.region.path
  const toPath = toUnit.region.path
  const [domain] = await tx.$queryRaw<{ id: number; status: string; version: number; unitId: number }[]>`
    SELECT "id", "status"::text AS "status", "version", "unitId" FROM "domains" WHERE "id" = ${request.domainId} FOR UPDATE`
  if (
    !domain ||
    domain.unitId !== request.fromUnitId ||
    !TRANSFERABLE_STATUSES.includes(domain.status as (typeof TRANSFERABLE_STATUSES)[number])
  )
    throw appError('CONFLICT', DOMAIN_MOVED, { reason: 'DOMAIN_MOVED' })
  const receiver = await tx.unit.findUniqueOrThrow({ where: { id: toUnit.id }, select: { status: true, type: true } })
  if (receiver.status !== 'ACTIVE' || suffixForUnitType(receiver.type) !== request.domain.suffix)
    throw appError('CONFLICT', '接收单位已停用或类型已变更，不能完成过户', { reason: 'RECIPIENT_INACTIVE' })
  await refuseLiveSiteApplications(tx, domain.id)
  const badges = await dependentBadges(tx, domain.id)
  const actions = checkBadgeActions(badges, storedBadgeActions(request.badgeActions), 'carrying-out')
  const microSite = await microSitePlan(tx, domain.id, fromUnit.id, toUnit.id, actions, badges)

  const moved = { domainTransferId: request.id, fromUnitId: fromUnit.id, toUnitId: toUnit.id }
  // The giving unit's sites that merely bound the domain keep going without it.
  const unboundFrom = await unbindDomain(tx, domain.id, fromUnit.id)
  await transition(tx, ctx, 'domain', {
    entity: { id: domain.id, status: domain.status as never, version: domain.version },
    set: { unitId: toUnit.id },
    audit: {
      action: 'domain.transferOut',
      regionPath: fromPath,
      before: { unitId: fromUnit.id },
      after: { ...moved, unboundFromSiteApplicationIds: unboundFrom },
    },
    stale: () => appError('CONFLICT', DOMAIN_MOVED, { reason: 'DOMAIN_MOVED' }),
  })
  await writeAudit(tx, ctx, {
    action: 'domain.transferIn',
    subjectType: 'Domain',
    subjectId: domain.id,
    regionPath: toPath,
    before: { unitId: fromUnit.id },
    after: moved,
  })

  if (microSite) {
    await tx.microSite.update({
      where: { id: microSite.microSiteId },
      data: { unitId: toUnit.id, version: { increment: 1 } },
    })
    for (const regionPath of new Set([fromPath, toPath]))
      await writeAudit(tx, ctx, {
        action: 'microSite.transfer',
        subjectType: 'MicroSite',
        subjectId: microSite.microSiteId,
        regionPath,
        before: { unitId: fromUnit.id },
        after: moved,
      })
  }

  for (const { badgeId, action } of actions) {
    const badge = await tx.badge.findUniqueOrThrow({ where: { id: badgeId }, include: badgeInclude })
    const change = await tx.badgeChangeRequest.create({
      data: {
        badgeId,
        kind: action === 'MOVE' ? 'CHANGE' : 'CANCEL',
        status: 'APPROVED',
        ...(action === 'MOVE' ? { newPlacement: badge.placement } : {}),
        reason: action === 'MOVE' ? `随域名过户转移至${toUnit.name}` : `随域名过户注销（域名过户给${toUnit.name}）`,
        requestedById: request.requestedById,
      },
    })
    if (action === 'CANCEL') {
      await cancelBadge(tx, ctx, badge, change.id)
      continue
    }
    await transition(tx, ctx, 'badge', {
      entity: badge,
      from: 'ACTIVE',
      set: { unitId: toUnit.id },
      audit: { action: 'badge.transfer', regionPath: toPath, before: { unitId: fromUnit.id }, after: moved },
      stale: () => appError('CONFLICT', '网站标识已发生变化，不能完成过户', { reason: 'BADGES_CHANGED' }),
    })
    await tx.siteApplication.update({
      where: { id: badge.siteApplicationId },
      data: { unitId: toUnit.id, version: { increment: 1 } },
    })
    // A 网络红页 badge leads to the micro-site of the unit that holds it: now the receiving unit's.
    if (badge.placement === 'MICRO_SITE')
      await pointChineseDomain(
        tx,
        ctx,
        {
          id: badge.id,
          unitId: toUnit.id,
          siteApplicationId: badge.siteApplicationId,
          placement: 'MICRO_SITE',
          englishDomain: null,
        },
        { cause: 'BADGE_CHANGED', badgeChangeRequestId: change.id },
      )
  }
}
