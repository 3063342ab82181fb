// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { setDomainLifecyclePeriods } from './commands/set-domain-lifecycle-periods.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    setDomainLifecyclePeriods,
    scopedQuery({
      name: 'domainLifecyclePeriods',
      policy: { who: ALL_OFFICES, tokens: true, rule: 'none: every office reads the national periods' },
      scope: 'none (the periods are national)',
    }),
  ],
}
