// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { EVERYONE, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      microSite: { who: SIGNED_IN, tokens: true, rule: 'the unit must be in unitScope (NOT_FOUND otherwise)' },
      myMicroSite: { who: ['unit'], tokens: false, rule: 'the service allows only a unit user, on its own unit' },
      publicMicroSite: { who: EVERYONE, tokens: true, rule: 'the public 网络红页: only PUBLISHED content, in its own type' },
    },
    mutation: {
      addMicroSiteNewsItem: { who: ['unit'], tokens: false, rule: 'none' },
      deleteMicroSiteNewsItem: { who: ['unit'], tokens: false, rule: 'none' },
      publishMicroSite: { who: ['unit'], tokens: false, rule: 'none' },
      saveMicroSite: { who: ['unit'], tokens: false, rule: 'none' },
      unpublishMicroSite: { who: ['unit'], tokens: false, rule: 'none' },
      updateMicroSiteNewsItem: { who: ['unit'], tokens: false, rule: 'none' },
    },
  },
}
