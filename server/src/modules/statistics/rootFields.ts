// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      regionStatistics: { who: ALL_OFFICES, tokens: true, rule: '区域统计: office subtree / CONAC any; the regionCode is checked in the service' },
    },
    mutation: {
    
    },
  },
}
