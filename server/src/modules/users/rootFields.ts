// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { EVERYONE } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      me: { who: EVERYONE, tokens: true, rule: 'null for anonymous viewers' },
    },
    mutation: {
    
    },
  },
}
