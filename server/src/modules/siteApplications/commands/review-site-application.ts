// 网站开办审核: the unit's same-level office makes the first review (初审), CONAC the second (复审). CONAC's approval
// issues the badge at once for 事业单位/社会组织 and opens the paper step for 党政机关/群团机关.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import type { SiteApplicationStatus } from '../../../generated/prisma/enums.ts'
import { checkReviewReason, reviewerFor } from '../../../lib/review.ts'
import { staffNotices, unitContactNotices } from '../../notifications/drafts.ts'
import { decisionAudit, decisionNotice, recordDecision } from '../decisions.ts'
import { issueBadge } from '../issue-badge.ts'
import { FORM_COPIES_REQUIRED, needsPaperStep, startPaperStep } from '../paper.ts'
import { applicationInScope, unitContactOf } from '../targets.ts'

const NOT_STAFF = '只有同级编办或 CONAC 工作人员可以审核网站开办申请'

export interface ReviewSiteApplicationInput {
  id: string | number
  version: number
  decision: 'APPROVE' | 'REJECT'
  reason?: string | null
}

export const reviewSiteApplication = defineCommand({
  name: 'reviewSiteApplication',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    roles: ['REVIEWER'],
    rule: '初审: staff of the unit’s same-level office (同级编办) only; 复审: CONAC',
    refusal: NOT_STAFF,
  },
  scope: 'siteApplicationScope',
  transition: {
    entity: 'SiteApplication',
    from: ['PENDING_OFFICE_REVIEW', 'PENDING_CONAC_REVIEW'],
    to: ['PENDING_CONAC_REVIEW', 'OFFICE_REJECTED', 'AWAITING_PAPER', 'BADGE_ISSUED', 'CONAC_REJECTED'],
  },
  effects: [
    'a ReviewDecision with the reviewed fields’ snapshot',
    'the paper step opened (党政机关/群团机关)',
    'the badge issued (事业单位/社会组织)',
  ],
  notices: [
    'siteApplication.officeApproved',
    'siteApplication.officeRejected',
    'siteApplication.conacApproved',
    'siteApplication.conacRejected',
    'siteApplication.awaitingConacReview',
    'badge.issued',
  ],

  async run(ctx, input: ReviewSiteApplicationInput) {
    const app = await applicationInScope(ctx, input.id)
    const { reviewerId, office, level } = reviewerFor(ctx.viewer, app.unit.region.path, {
      notStaff: NOT_STAFF,
      notSameLevel: '只有单位的同级编办可以初审该申请',
    })
    const conac = level === 'CONAC'
    const approve = input.decision === 'APPROVE'
    const reason = checkReviewReason(approve, input.reason)
    const from: SiteApplicationStatus = conac ? 'PENDING_CONAC_REVIEW' : 'PENDING_OFFICE_REVIEW'
    const paper = needsPaperStep(app.unit.type)
    const to: SiteApplicationStatus = conac
      ? approve
        ? paper
          ? 'AWAITING_PAPER'
          : 'BADGE_ISSUED'
        : 'CONAC_REJECTED'
      : approve
        ? 'PENDING_CONAC_REVIEW'
        : 'OFFICE_REJECTED'
    const formCopies = to === 'AWAITING_PAPER' ? FORM_COPIES_REQUIRED : null
    const params = { unit: app.unit.name, site: app.siteName, serialNumber: app.serialNumber, reason, formCopies }

    await ctx.prisma.$transaction(async (tx) => {
      const decision = await recordDecision(tx, app, { level, officeId: office.officeId, reviewerId, approve, reason })
      const notice = decisionNotice(app, decision)
      const template = `siteApplication.${conac ? 'conac' : 'office'}${approve ? 'Approved' : 'Rejected'}` as const
      const notify = unitContactNotices(unitContactOf(app), template, params, notice)
      // After an office approval the work waits for CONAC.
      const waiting =
        !conac && approve ? await staffNotices(tx, 'conac', 'siteApplication.awaitingConacReview', params, notice) : []
      await transition(tx, ctx, 'siteApplication', {
        entity: app,
        from,
        to,
        expectedVersion: input.version,
        audit: decisionAudit(app, decision),
        notify: [...notify, ...waiting],
      })
      if (to === 'AWAITING_PAPER') await startPaperStep(tx, app.id)
      if (to === 'BADGE_ISSUED') await issueBadge(ctx, tx, app)
    })
    return app.id
  },
})
