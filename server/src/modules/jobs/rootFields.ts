// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      scheduledJobs: { who: ['conac'], tokens: true, rule: '定时任务: CONAC only, checked in the resolver' },
    },
    mutation: {
      runJobNow: { who: ['conac'], tokens: true, rule: '立即运行: CONAC only, checked in the resolver' },
    },
  },
}
