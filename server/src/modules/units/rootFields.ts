// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    scopedQuery({
      name: 'units',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: the units the viewer may see (an office its subtree, CONAC all, a unit itself)',
      },
      scope: 'unitScope',
    }),
    scopedQuery({
      name: 'unit',
      policy: { who: SIGNED_IN, tokens: true, rule: 'none: one unit the viewer may see (NOT_FOUND otherwise)' },
      scope: 'unitScope',
    }),
  ],
}
