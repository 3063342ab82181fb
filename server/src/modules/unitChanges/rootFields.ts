// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { requestUnitChange } from './commands/request-unit-change.ts'
import { reviewUnitChange } from './commands/review-unit-change.ts'
import { withdrawUnitChange } from './commands/withdraw-unit-change.ts'
import { unitChangeReviewQueue } from './queries/unit-change-review-queue.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    requestUnitChange,
    withdrawUnitChange,
    reviewUnitChange,
    unitChangeReviewQueue,
    scopedQuery({
      name: 'unitChangeRequests',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the requests of the units the viewer may see (a unit its own, an office its subtree, CONAC all)',
      },
      scope: 'unitScope',
    }),
  ],
}
