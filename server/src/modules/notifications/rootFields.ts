// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      myNotifications: { who: SIGNED_IN, tokens: false, rule: 'none' },
      unreadNotificationCount: { who: SIGNED_IN, tokens: false, rule: 'none' },
    },
    mutation: {
      markNotificationsRead: { who: SIGNED_IN, tokens: false, rule: "the viewer's own rows only; the service refuses API tokens" },
    },
  },
}
