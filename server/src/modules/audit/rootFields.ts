// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      auditLogs: { who: ALL_OFFICES, tokens: true, rule: '操作日志: office subtree by regionPath / CONAC all (incl. no region); ip for CONAC only' },
    },
    mutation: {
    
    },
  },
}
