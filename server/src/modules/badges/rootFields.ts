// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, EVERYONE, LOCAL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      badgeChangeRequests: { who: SIGNED_IN, tokens: true, rule: 'none' },
      badgeChangeReviewQueue: { who: LOCAL_OFFICES, tokens: true, rule: 'CONAC gets FORBIDDEN in the service (the same-level office reviews)' },
      badgeVerification: { who: EVERYONE, tokens: true, rule: '公开核验: public by design, only the public facts in their own type' },
    },
    mutation: {
      requestBadgeCancellation: { who: ['unit'], tokens: false, rule: 'none' },
      requestBadgeChange: { who: ['unit'], tokens: false, rule: 'none' },
      reviewBadgeChange: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      withdrawBadgeChangeRequest: { who: ['unit'], tokens: false, rule: 'none' },
    },
  },
}
