// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { requestBadgeCancellation } from './commands/request-badge-cancellation.ts'
import { requestBadgeChange } from './commands/request-badge-change.ts'
import { reviewBadgeChange } from './commands/review-badge-change.ts'
import { withdrawBadgeChangeRequest } from './commands/withdraw-badge-change-request.ts'
import { badgeChangeReviewQueue } from './queries/badge-change-review-queue.ts'
import { badgeVerification } from './queries/badge-verification.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    requestBadgeChange,
    requestBadgeCancellation,
    withdrawBadgeChangeRequest,
    reviewBadgeChange,
    badgeChangeReviewQueue,
    badgeVerification,
    scopedQuery({
      name: 'badgeChangeRequests',
      policy: { who: SIGNED_IN, tokens: true, rule: 'none: the requests on badges of the units the viewer may see' },
      scope: 'unitScope',
    }),
  ],
}
