// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      badges: { who: SIGNED_IN, tokens: true, rule: 'rows scoped by unitScope' },
      siteApplication: { who: SIGNED_IN, tokens: true, rule: 'none' },
      siteApplicationReviewQueue: { who: ALL_OFFICES, tokens: true, rule: "the viewer's review level, scoped in the service" },
      siteApplications: { who: SIGNED_IN, tokens: true, rule: 'rows scoped by siteApplicationScope' },
    },
    mutation: {
      confirmPaperMaterials: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      recordPaperMaterials: { who: ALL_OFFICES, tokens: true, rule: 'same-level office only' },
      resubmitSiteApplication: { who: ['unit'], tokens: false, rule: 'none' },
      reviewSiteApplication: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      saveSiteApplicationDraft: { who: ['unit'], tokens: false, rule: 'none' },
      submitSiteApplication: { who: ['unit'], tokens: false, rule: 'none' },
      withdrawSiteApplication: { who: ['unit'], tokens: false, rule: 'none' },
    },
  },
}
