// 域名注销审核: the unit's same-level office (同级编办) approves a 注销, or rejects it with a note. CONAC does not
// review them (as with 单位信息变更). An approval, in one transaction: the domain leaves DNS and becomes DELETED
// (deletedAt now: the lifecycle job releases the name after the hold period), the dependents listed when the unit
// filed are cancelled (badges as a badge 注销 does, with their URL forwards; site applications withdrawn; pending badge
// requests withdrawn), an unpaid renewal is cancelled, every object gets its audit row, and unit and office are told.
// What may have moved since the filing is checked under the domain's row lock: a domain the lifecycle job deleted
// meanwhile, or a dependent that was not listed, answers CONFLICT and nothing changes.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import type { Context } from '../../../context.ts'
import { appError, forbidden } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import type { DomainStatus } from '../../../generated/prisma/enums.ts'
import { checkReviewReason, reviewerFor } from '../../../lib/review.ts'
import { cancelBadge } from '../../badges/effects.ts'
import { badgeInclude } from '../../badges/targets.ts'
import { fullNameOf } from '../../domainApplications/names.ts'
import { loadLifecyclePeriods, nextLifecycleStep, periodsOn } from '../../lifecycle/periods.ts'
import { staffNotices, unitContactNotices } from '../../notifications/drafts.ts'
import { unbindDomain } from '../../siteApplications/boundDomains.ts'
import { cancellationImpact, storedImpact } from '../impact.ts'
import { CANCELLABLE_STATUSES, contactOf, requestInScope, SAME_LEVEL_ONLY } from '../targets.ts'

type Tx = Prisma.TransactionClient
type CancellationRequest = Awaited<ReturnType<typeof requestInScope>>

export interface ReviewDomainCancellationInput {
  id: string | number
  /** The request's version the reviewer saw; absent: the version read. */
  version?: number | null
  approve: boolean
  note?: string | null
}

const DEPENDENTS_CHANGED = '域名的依赖项在单位申请后发生了变化，请退回申请，由单位重新确认后再申请'

export const reviewDomainCancellation = defineCommand({
  name: 'reviewDomainCancellation',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    rule: '同级编办: staff of the unit’s same-level office only; other offices are refused once the request is found',
    refusal: SAME_LEVEL_ONLY,
    roles: ['REVIEWER'],
  },
  scope: 'unitScope',
  transition: { entity: 'DomainCancellationRequest', from: ['PENDING'], to: ['APPROVED', 'REJECTED'] },
  effects: [
    'approved: Domain → DELETED (deletedAt; out of DNS; released by the lifecycle job after the hold period)',
    'approved: the listed badges ACTIVE → CANCELLED with their URL forwards removed, their site applications BADGE_CANCELLED, pending badge requests WITHDRAWN',
    'approved: the listed site applications → WITHDRAWN; an unpaid renewal (REQUESTED) → CANCELLED',
  ],
  notices: ['domainCancellation.approved', 'domainCancellation.rejected', 'office.domainCancellation.approved'],

  async run(ctx, input: ReviewDomainCancellationInput) {
    const request = await requestInScope(ctx, input.id)
    const { domain } = request
    const { reviewerId, level } = reviewerFor(ctx.viewer, domain.unit.region.path, {
      notStaff: SAME_LEVEL_ONLY,
      notSameLevel: SAME_LEVEL_ONLY,
    })
    if (level !== 'OFFICE') throw forbidden(SAME_LEVEL_ONLY)
    const approve = input.approve
    const note = checkReviewReason(approve, input.note)
    const status = approve ? 'APPROVED' : 'REJECTED'
    const domainName = fullNameOf(domain)

    await ctx.prisma.$transaction(async (tx) => {
      const now = new Date()
      const released = approve ? await releaseDate(tx, domain.expiresAt, now) : null
      const listed = storedImpact(request.dependents)
      const what = [
        listed.badges.length ? `网站标识 ${listed.badges.length} 个` : '',
        listed.siteApplications.length ? `网站开办申请 ${listed.siteApplications.length} 个` : '',
      ]
        .filter(Boolean)
        .join('、')
      const params = { unit: domain.unit.name, domain: domainName, reason: note, deadline: released, what }
      const key = `domain-cancellation-review:${request.id}`
      const payload = { domainCancellationId: request.id, domainId: domain.id, status }
      await transition(tx, ctx, 'domainCancellationRequest', {
        entity: request,
        from: 'PENDING',
        to: status,
        expectedVersion: input.version ?? undefined,
        set: { reviewedById: reviewerId, reviewedAt: now, reviewNote: note },
        audit: {
          action: 'domainCancellation.review',
          regionPath: domain.unit.region.path,
          after: { reviewNote: note },
        },
        notify: [
          ...unitContactNotices(
            contactOf(domain.unit),
            approve ? 'domainCancellation.approved' : 'domainCancellation.rejected',
            params,
            { key, payload },
          ),
          ...(approve
            ? await staffNotices(
                tx,
                { sameLevelOfficeOf: domain.unit.regionCode },
                'office.domainCancellation.approved',
                params,
                { key: `office.${key}`, payload },
              )
            : []),
        ],
      })
      if (approve) await cancelDomain(tx, ctx, request, now)
    })
    return request.id
  },
})

/** When the name is released after a deletion now (the hold period of the dates in force on its expiry). */
async function releaseDate(tx: Tx, expiresAt: Date | null, now: Date): Promise<Date | null> {
  const periods = periodsOn(await loadLifecyclePeriods(tx), expiresAt ?? now)
  return nextLifecycleStep('DELETED', expiresAt ?? now, periods, now)?.at ?? null
}

/** The approval's effects, under the domain's row lock; CONFLICT (and nothing written) when something moved. */
async function cancelDomain(tx: Tx, ctx: Context, request: CancellationRequest, now: Date) {
  const regionPath = request.domain.unit.region.path
  const [locked] = await tx.$queryRaw<{ id: number; status: DomainStatus; version: number }[]>`
    SELECT "id", "status"::text AS "status", "version" FROM "domains" WHERE "id" = ${request.domainId} FOR UPDATE`
  if (!locked || !CANCELLABLE_STATUSES.includes(locked.status))
    throw appError('CONFLICT', '域名状态已发生变化（可能已被到期处理删除），不能再注销，请退回该申请', {
      reason: 'DOMAIN_MOVED',
    })

  // Only what the unit saw and agreed to may be cancelled: anything new stops the approval.
  const listed = storedImpact(request.dependents)
  const current = await cancellationImpact(tx, request.domain)
  const listedBadges = new Set(listed.badges.map((badge) => badge.id))
  const listedApplications = new Set(listed.siteApplications.map((app) => app.id))
  if (
    current.badges.some((badge) => !listedBadges.has(badge.id)) ||
    current.siteApplications.some((app) => !listedApplications.has(app.id))
  )
    throw appError('CONFLICT', DEPENDENTS_CHANGED, { reason: 'DEPENDENTS_CHANGED' })

  const renewals = await tx.domainRenewal.findMany({
    where: { domainId: request.domainId, status: { in: ['REQUESTED', 'FEE_COLLECTED'] } },
  })
  if (renewals.some((renewal) => renewal.status === 'FEE_COLLECTED'))
    throw appError('CONFLICT', '该域名的续费已缴费待扣款，不能注销', { reason: 'DOMAIN_REQUEST_OPEN' })
  for (const renewal of renewals)
    await transition(tx, ctx, 'domainRenewal', {
      entity: renewal,
      from: 'REQUESTED',
      to: 'CANCELLED',
      audit: { action: 'renewal.cancelWithDomain', regionPath, after: { domainCancellationId: request.id } },
    })

  // Badges still ACTIVE among those listed (one cancelled since by its own 注销 stays as it is).
  const badges = await tx.badge.findMany({
    where: { id: { in: current.badges.map((badge) => badge.id) }, status: 'ACTIVE' },
    include: { ...badgeInclude, changeRequests: { where: { status: 'PENDING' } } },
    orderBy: { id: 'asc' },
  })
  for (const { changeRequests, ...badge } of badges) {
    for (const pending of changeRequests)
      await transition(tx, ctx, 'badgeChangeRequest', {
        entity: pending,
        from: 'PENDING',
        to: 'WITHDRAWN',
        audit: { action: 'badgeChange.withdrawWithDomain', regionPath, after: { domainCancellationId: request.id } },
      })
    await cancelBadge(tx, ctx, badge, { domainCancellationRequestId: request.id })
  }

  for (const app of current.siteApplications) {
    if (!listedApplications.has(app.id)) continue
    const row = await tx.siteApplication.findUniqueOrThrow({
      where: { id: app.id },
      select: { id: true, status: true, version: true },
    })
    await transition(tx, ctx, 'siteApplication', {
      entity: row,
      from: row.status,
      to: 'WITHDRAWN',
      audit: {
        action: 'siteApplication.withdrawWithDomain',
        regionPath,
        after: { domainCancellationId: request.id, domainId: request.domainId },
      },
    })
  }

  // Sites that merely bound the domain keep going without it.
  const unboundFrom = await unbindDomain(tx, request.domainId, request.domain.unitId)

  // Out of DNS at once (dns_publishable_domains answers REGISTERED and GRACE only); the names stay held until RELEASED.
  await transition(tx, ctx, 'domain', {
    entity: locked,
    from: locked.status,
    to: 'DELETED',
    set: { deletedAt: now },
    audit: {
      action: 'domain.cancel',
      regionPath,
      after: {
        deletedAt: now,
        domainCancellationId: request.id,
        badgeIds: badges.map((badge) => badge.id),
        siteApplicationIds: current.siteApplications.map((app) => app.id),
        unboundFromSiteApplicationIds: unboundFrom,
        renewalIds: renewals.map((renewal) => renewal.id),
      },
    },
    stale: () => appError('CONFLICT', '域名状态已发生变化，请刷新后重试', { reason: 'DOMAIN_MOVED' }),
  })
}
