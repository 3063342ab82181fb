// 确认书面材料: the unit's same-level office confirms the paper materials (→ BADGE_ISSUED, the badge issued) or
// rejects them (→ PAPER_REJECTED, the unit may resubmit).
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError } from '../../../errors.ts'
import { checkReviewReason, conflictStale } from '../../../lib/review.ts'
import { unitContactNotices } from '../../notifications/drafts.ts'
import { decisionAudit, decisionNotice, recordDecision } from '../decisions.ts'
import { issueBadge } from '../issue-badge.ts'
import { FORM_COPIES_REQUIRED, PAPER_STEP_POLICY, paperComplete } from '../paper.ts'
import { applicationInScope, sameLevelOffice, unitContactOf } from '../targets.ts'
import type { ReviewSiteApplicationInput } from './review-site-application.ts'

const WHAT = '确认书面材料'

export const confirmPaperMaterials = defineCommand({
  name: 'confirmPaperMaterials',
  policy: { ...PAPER_STEP_POLICY, refusal: `只有单位的同级编办可以${WHAT}` },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: ['AWAITING_PAPER'], to: ['BADGE_ISSUED', 'PAPER_REJECTED'] },
  effects: ['a ReviewDecision (level PAPER)', 'PaperSubmission confirmed', 'the badge issued'],
  notices: ['siteApplication.paperRejected', 'badge.issued'],

  async run(ctx, input: ReviewSiteApplicationInput) {
    const app = await applicationInScope(ctx, input.id)
    const { office, reviewerId } = sameLevelOffice(ctx, app, WHAT)
    const approve = input.decision === 'APPROVE'
    const reason = checkReviewReason(approve, input.reason)
    if (app.status !== 'AWAITING_PAPER') throw conflictStale()
    const paper = app.paperSubmission
    if (approve && !paperComplete(paper)) {
      throw appError(
        'CONFLICT',
        `书面材料不齐：须收到加盖公章的函、申请表 ${paper?.copiesRequired ?? FORM_COPIES_REQUIRED} 份和经办人身份证复印件`,
      )
    }

    await ctx.prisma.$transaction(async (tx) => {
      const decision = await recordDecision(tx, app, {
        level: 'PAPER',
        officeId: office.officeId,
        reviewerId,
        approve,
        reason,
      })
      const params = { site: app.siteName, serialNumber: app.serialNumber, reason }
      await transition(tx, ctx, 'siteApplication', {
        entity: app,
        from: 'AWAITING_PAPER',
        to: approve ? 'BADGE_ISSUED' : 'PAPER_REJECTED',
        expectedVersion: input.version,
        audit: decisionAudit(app, decision),
        notify: approve
          ? []
          : unitContactNotices(
              unitContactOf(app),
              'siteApplication.paperRejected',
              params,
              decisionNotice(app, decision),
            ),
      })
      if (!approve) return
      await tx.paperSubmission.update({
        where: { siteApplicationId: app.id },
        data: { confirmedAt: new Date(), confirmedById: reviewerId },
      })
      await issueBadge(ctx, tx, app)
    })
    return app.id
  },
})
