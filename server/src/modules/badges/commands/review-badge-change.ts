// 标识变更/注销审核: the unit's same-level office (同级编办) approves a request, which changes or cancels the badge,
// or rejects it with a reason. CONAC does not review badge requests.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { forbidden } from '../../../errors.ts'
import { checkReviewReason, reviewerFor } from '../../../lib/review.ts'
import { unitContactNotices } from '../../notifications/drafts.ts'
import { cancelBadge, changeBadge } from '../effects.ts'
import { contactOf, requestInScope } from '../targets.ts'

const SAME_LEVEL_ONLY = '只有单位的同级编办可以审核标识变更和注销'

export interface ReviewBadgeChangeInput {
  id: string | number
  version: number
  decision: 'APPROVE' | 'REJECT'
  reason?: string | null
}

export const reviewBadgeChange = defineCommand({
  name: 'reviewBadgeChange',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    roles: ['REVIEWER'],
    rule: '同级编办: staff of the unit’s same-level office only; other offices and CONAC are refused once the request is found',
    refusal: SAME_LEVEL_ONLY,
  },
  scope: 'unitScope',
  transition: { entity: 'BadgeChangeRequest', from: ['PENDING'], to: ['APPROVED', 'REJECTED'] },
  effects: [
    'a ReviewDecision',
    '变更 approved: the badge’s facts (Badge, version +1); a new placement or English domain re-points the Chinese domain’s URL forward',
    '注销 approved: Badge ACTIVE → CANCELLED, its SiteApplication BADGE_ISSUED → BADGE_CANCELLED, the Chinese domain’s URL forwards removed',
  ],
  notices: [
    'badgeChange.changeApproved',
    'badgeChange.changeRejected',
    'badgeChange.cancelApproved',
    'badgeChange.cancelRejected',
  ],

  async run(ctx, input: ReviewBadgeChangeInput) {
    const request = await requestInScope(ctx, input.id)
    const { badge } = request
    const { reviewerId, office, level } = reviewerFor(ctx.viewer, badge.unit.region.path, {
      notStaff: SAME_LEVEL_ONLY,
      notSameLevel: SAME_LEVEL_ONLY,
    })
    if (level !== 'OFFICE') throw forbidden(SAME_LEVEL_ONLY)
    const approve = input.decision === 'APPROVE'
    const reason = checkReviewReason(approve, input.reason)
    const result = approve ? 'APPROVED' : 'REJECTED'

    await ctx.prisma.$transaction(async (tx) => {
      // Written first so the audit row and notices can name it; a lost race below rolls it back with everything else.
      const decision = await tx.reviewDecision.create({
        data: {
          subject: 'BADGE_CHANGE',
          badgeChangeId: request.id,
          level,
          officeId: office.officeId,
          reviewerId,
          result,
          reason,
        },
      })
      const template =
        `badgeChange.${request.kind === 'CANCEL' ? 'cancel' : 'change'}${approve ? 'Approved' : 'Rejected'}` as const
      const payload = {
        badgeId: badge.id,
        badgeChangeId: request.id,
        decisionId: decision.id,
        kind: request.kind,
        result,
        reason,
      }
      await transition(tx, ctx, 'badgeChangeRequest', {
        entity: request,
        from: 'PENDING',
        to: result,
        expectedVersion: input.version,
        audit: {
          action: 'badgeChange.review',
          regionPath: badge.unit.region.path,
          after: { decisionId: decision.id, reason },
        },
        notify: unitContactNotices(
          contactOf(badge),
          template,
          { badgeNumber: badge.badgeNumber, reason },
          { key: `badge-change-review:${decision.id}`, payload },
        ),
      })
      if (approve && request.kind === 'CHANGE') await changeBadge(tx, ctx, badge, request)
      if (approve && request.kind === 'CANCEL') await cancelBadge(tx, ctx, badge, request.id)
    })
    return request.id
  },
})
