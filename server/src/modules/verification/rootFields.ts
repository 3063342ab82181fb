// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { EVERYONE } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { sendVerificationCode } from './commands/send-verification-code.ts'
import { developmentOutbox } from './queries/development-outbox.ts'
import { smsBudget } from './queries/sms-budget.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    sendVerificationCode,
    developmentOutbox,
    smsBudget,
    scopedQuery({
      name: 'developmentOutboxEnabled',
      policy: { who: EVERYONE, tokens: true, rule: 'none: whether developmentOutbox answers (a setting)' },
      scope: 'none (a setting, no rows)',
    }),
  ],
}
