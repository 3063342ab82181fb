// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { requestDomainCancellation } from './commands/request-domain-cancellation.ts'
import { reviewDomainCancellation } from './commands/review-domain-cancellation.ts'
import { withdrawDomainCancellation } from './commands/withdraw-domain-cancellation.ts'
import { domainCancellationImpact } from './queries/domain-cancellation-impact.ts'
import { domainCancellationReviewQueue } from './queries/domain-cancellation-review-queue.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    requestDomainCancellation,
    withdrawDomainCancellation,
    reviewDomainCancellation,
    domainCancellationImpact,
    domainCancellationReviewQueue,
    scopedQuery({
      name: 'domainCancellationRequests',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the requests of the units the viewer may see (a unit its own, an office its subtree, CONAC all)',
      },
      scope: 'unitScope',
    }),
  ],
}
