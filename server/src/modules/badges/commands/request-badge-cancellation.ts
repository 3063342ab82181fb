// 注销: a unit asks to cancel its badge; once the same-level office approves, the badge and its site application
// end and the unit may apply again (review-badge-change.ts).
import { defineCommand } from '../../../commands/define.ts'
import { badInput } from '../../../errors.ts'
import { checkReason, type Problems } from '../facts.ts'
import { fileBadgeRequest } from '../requests.ts'
import { BADGE_HOLDERS, badgeInScope, requireLinkedUnit } from '../targets.ts'

export const requestBadgeCancellation = defineCommand({
  name: 'requestBadgeCancellation',
  policy: BADGE_HOLDERS,
  scope: 'unitScope',
  transition: { entity: 'BadgeChangeRequest', from: [], to: ['PENDING'] },
  notices: ['badgeChange.awaitingOfficeReview'],

  async run(ctx, input: { badgeId: string | number; version: number; reason: string }) {
    requireLinkedUnit(ctx)
    const badge = await badgeInScope(ctx, input.badgeId)
    const problems: Problems = {}
    const reason = checkReason(input.reason, true, problems)
    if (Object.keys(problems).length) throw badInput('注销申请信息有误', problems)
    return fileBadgeRequest(ctx, badge, input.version, { kind: 'CANCEL', reason })
  },
})
