// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES, SIGNED_IN } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { setRewardRate } from './commands/set-reward-rate.ts'
import { provinceCoordination } from './queries/province-coordination.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    setRewardRate,
    provinceCoordination,
    scopedQuery({
      name: 'unitPayments',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: 用户缴费查询 of the units the viewer may see (a unit user its own)',
      },
      scope: 'unitScope',
    }),
    scopedQuery({
      name: 'unitInvoices',
      policy: {
        who: SIGNED_IN,
        tokens: true,
        rule: 'none: 用户发票管理 of the units the viewer may see (a unit user its own)',
      },
      scope: 'unitScope',
    }),
    scopedQuery({
      name: 'rewardRates',
      policy: { who: ALL_OFFICES, tokens: true, rule: 'none: every office reads the national rates' },
      scope: 'none (rates are national)',
    }),
  ],
}
