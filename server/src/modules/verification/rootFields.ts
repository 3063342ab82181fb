// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { EVERYONE } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'

export const rootFields: ModuleRootFields = {
  defined: [],
  // Not yet moved into a file of their own: their policies only (issue 16 moves every one).
  pending: {
    query: {
      developmentOutbox: { who: EVERYONE, tokens: true, rule: 'public so a person registering can read the code; the resolver checks config.devOutbox' },
      developmentOutboxEnabled: { who: EVERYONE, tokens: true, rule: 'none' },
      smsBudget: { who: ['conac'], tokens: true, rule: 'the SMS budget panel of 定时任务: CONAC only, checked in the resolver' },
    },
    mutation: {
      sendVerificationCode: {
        who: ['anonymous', 'unit'],
        tokens: false,
        rule: 'UNIT_REGISTRATION is public; the service requires a unit user for other purposes',
        onlyForSomeInput: { principals: ['anonymous'], when: 'purpose UNIT_REGISTRATION (单位注册)' },
      },
    },
  },
}
