// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { EVERYONE } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

// Administrative divisions are public reference data: the anonymous registration form picks its region.
const publicReference = 'none (public reference data: every region)'

export const rootFields: ModuleRootFields = {
  defined: [
    scopedQuery({
      name: 'region',
      policy: {
        who: EVERYONE,
        tokens: true,
        rule: 'none: public reference data (the anonymous registration form picks its region)',
      },
      scope: publicReference,
    }),
    scopedQuery({
      name: 'regions',
      policy: { who: EVERYONE, tokens: true, rule: 'none: public reference data' },
      scope: publicReference,
    }),
  ],
}
