// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { confirmPaperMaterials } from './commands/confirm-paper-materials.ts'
import { recordPaperMaterials } from './commands/record-paper-materials.ts'
import { resubmitSiteApplication } from './commands/resubmit-site-application.ts'
import { reviewSiteApplication } from './commands/review-site-application.ts'
import { saveSiteApplicationDraft } from './commands/save-site-application-draft.ts'
import { submitSiteApplication } from './commands/submit-site-application.ts'
import { withdrawSiteApplication } from './commands/withdraw-site-application.ts'
import { siteApplicationReviewQueue } from './queries/site-application-review-queue.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    saveSiteApplicationDraft,
    submitSiteApplication,
    resubmitSiteApplication,
    withdrawSiteApplication,
    reviewSiteApplication,
    recordPaperMaterials,
    confirmPaperMaterials,
    siteApplicationReviewQueue,
    scopedQuery({
      name: 'siteApplications',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the applications of the units the viewer may see (a unit’s drafts only by the unit)',
      },
      scope: 'siteApplicationScope',
    }),
    scopedQuery({
      name: 'siteApplication',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: one application of a unit the viewer may see (NOT_FOUND otherwise)',
      },
      scope: 'siteApplicationScope',
    }),
    scopedQuery({
      name: 'badges',
      policy: { who: SIGNED_IN, tokens: true, rule: 'none: the badges of the units the viewer may see' },
      scope: 'unitScope',
    }),
  ],
}
