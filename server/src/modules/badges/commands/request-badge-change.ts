// 变更: a unit asks to change its badge's placement (网络红页 ↔ 自建网站), English domain, IP or site name; the
// unit's same-level office reviews it (review-badge-change.ts).
import { defineCommand } from '../../../commands/define.ts'
import { badInput } from '../../../errors.ts'
import { changedFacts, factsOf, type RequestedFacts } from '../facts.ts'
import { fileBadgeRequest } from '../requests.ts'
import { BADGE_HOLDERS, badgeInScope, requireLinkedUnit } from '../targets.ts'

export interface RequestBadgeChangeInput extends RequestedFacts {
  badgeId: string | number
  version: number
}

export const requestBadgeChange = defineCommand({
  name: 'requestBadgeChange',
  policy: BADGE_HOLDERS,
  scope: 'unitScope',
  transition: { entity: 'BadgeChangeRequest', from: [], to: ['PENDING'] },
  notices: ['badgeChange.awaitingOfficeReview'],

  async run(ctx, input: RequestBadgeChangeInput) {
    requireLinkedUnit(ctx)
    const badge = await badgeInScope(ctx, input.badgeId)
    const { next, reason, problems } = changedFacts(factsOf(badge), badge.unit.type, input)
    if (Object.keys(problems).length) throw badInput('标识变更信息有误', problems)
    return fileBadgeRequest(ctx, badge, input.version, { kind: 'CHANGE', reason, facts: next })
  },
})
