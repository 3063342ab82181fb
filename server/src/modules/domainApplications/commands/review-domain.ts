// 域名审核: the unit's same-level office makes the first review (初审), CONAC the second (复审).
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import type { DomainStatus } from '../../../generated/prisma/enums.ts'
import type { NotificationDraft } from '../../../lib/outbox.ts'
import { checkReviewReason, reviewerFor } from '../../../lib/review.ts'
import { staffNotices, unitContactNotices } from '../../notifications/drafts.ts'
import { reviewSnapshot, snapshotValue } from '../../reviews/changes.ts'
import { fullNameOf, REVIEWED_FIELDS } from '../names.ts'
import { domainInScope } from '../targets.ts'

export interface ReviewDomainInput {
  id: string | number
  version: number
  decision: 'APPROVE' | 'REJECT'
  reason?: string | null
}

export const reviewDomain = defineCommand({
  name: 'reviewDomain',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    roles: ['REVIEWER'],
    rule: '初审: staff of the unit’s same-level office (同级编办) only; 复审: CONAC',
  },
  scope: 'domainScope',
  transition: {
    entity: 'Domain',
    from: ['PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED'],
    to: ['OFFICE_APPROVED', 'OFFICE_REJECTED', 'CONAC_APPROVED', 'CONAC_REJECTED'],
  },
  effects: ['a ReviewDecision with the reviewed fields’ snapshot'],
  notices: [
    'domain.officeApproved',
    'domain.officeRejected',
    'domain.conacApproved',
    'domain.conacRejected',
    'domain.awaitingConacReview',
  ],

  async run(ctx, input: ReviewDomainInput) {
    const domain = await domainInScope(ctx, input.id)
    const { reviewerId, office, level } = reviewerFor(ctx.viewer, domain.unit.region.path, {
      notStaff: '只有同级编办或 CONAC 工作人员可以审核域名',
      notSameLevel: '只有单位的同级编办可以初审该域名',
    })
    const conac = level === 'CONAC'
    const approve = input.decision === 'APPROVE'
    const reason = checkReviewReason(approve, input.reason)
    const from: DomainStatus = conac ? 'OFFICE_APPROVED' : 'PENDING_OFFICE_REVIEW'
    const to: DomainStatus = conac
      ? approve
        ? 'CONAC_APPROVED'
        : 'CONAC_REJECTED'
      : approve
        ? 'OFFICE_APPROVED'
        : 'OFFICE_REJECTED'
    // The name as last decided, when a resubmission has renamed the application since (the notice says 原 …).
    const decidedName = snapshotValue(domain.reviewDecisions[0]?.snapshot, 'name')
    const formerDomain =
      typeof decidedName === 'string' && decidedName !== domain.name
        ? fullNameOf({ name: decidedName, suffix: domain.suffix })
        : null
    const params = { unit: domain.unit.name, domain: fullNameOf(domain), formerDomain, reason }

    await ctx.prisma.$transaction(async (tx) => {
      // Written first so the audit row and notices can name it; a lost race below rolls it back with everything else.
      const decision = await tx.reviewDecision.create({
        data: {
          subject: 'DOMAIN',
          domainId: domain.id,
          level,
          officeId: office.officeId,
          reviewerId,
          result: approve ? 'APPROVED' : 'REJECTED',
          reason,
          snapshot: reviewSnapshot(domain, REVIEWED_FIELDS),
        },
      })
      const payload = { domainId: domain.id, decisionId: decision.id, level, result: decision.result, reason }
      const key = `domain-review:${decision.id}`
      const template = `domain.${conac ? 'conac' : 'office'}${approve ? 'Approved' : 'Rejected'}` as const
      const notify: NotificationDraft[] = unitContactNotices(domain.unit, template, params, { key, payload })
      // After an office approval the work waits for CONAC.
      if (!conac && approve)
        notify.push(...(await staffNotices(tx, 'conac', 'domain.awaitingConacReview', params, { key, payload })))
      await transition(tx, ctx, 'domain', {
        entity: domain,
        from,
        to,
        expectedVersion: input.version,
        audit: {
          action: 'domain.review',
          regionPath: domain.unit.region.path,
          after: { decisionId: decision.id, level, name: domain.name, reason },
        },
        notify,
      })
    })
    return domain.id
  },
})
