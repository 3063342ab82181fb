// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      badgeInstallation: { who: SIGNED_IN, tokens: true, rule: 'one badge, scoped by unitScope (NOT_FOUND otherwise)' },
      overdueBadgeInstallations: { who: ALL_OFFICES, tokens: true, rule: '逾期未安装: office subtree / CONAC all, scoped in the resolver' },
    },
    mutation: {
      checkBadgeInstallation: { who: SIGNED_IN, tokens: true, rule: 'none' },
      runInstallChecks: { who: ['conac'], tokens: true, rule: 'none' },
    },
  },
}
