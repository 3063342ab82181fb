// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { ALL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      provinceCoordination: { who: ['province', 'conac'], tokens: true, rule: 'province office (own province) or CONAC, checked in the service' },
      rewardRates: { who: ALL_OFFICES, tokens: true, rule: 'none' },
      unitInvoices: { who: SIGNED_IN, tokens: true, rule: 'office subtree / CONAC all / a unit its own' },
      unitPayments: { who: SIGNED_IN, tokens: true, rule: 'office subtree / CONAC all / a unit its own' },
    },
    mutation: {
      setRewardRate: { who: ['conac'], tokens: true, rule: 'CONAC only, checked in the service' },
    },
  },
}
