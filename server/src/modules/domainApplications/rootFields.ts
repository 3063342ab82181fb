// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { applyForDomain } from './commands/apply-for-domain.ts'
import { resubmitDomainApplication } from './commands/resubmit-domain-application.ts'
import { reviewDomain } from './commands/review-domain.ts'
import { withdrawDomainApplication } from './commands/withdraw-domain-application.ts'
import { domainAvailability } from './queries/domain-availability.ts'
import { domainReviewQueue, domainReviewQueueSummary } from './queries/domain-review-queue.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    applyForDomain,
    resubmitDomainApplication,
    withdrawDomainApplication,
    reviewDomain,
    domainAvailability,
    domainReviewQueue,
    domainReviewQueueSummary,
    scopedQuery({
      name: 'domainReviewDecisions',
      policy: { who: SIGNED_IN, tokens: true, rule: 'none: 域名历史查询 of the domains the viewer may see' },
      scope: 'domainScope',
    }),
  ],
}
