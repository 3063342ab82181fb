// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { proposeReorganisation } from './commands/propose-reorganisation.ts'
import { reviewReorganisation } from './commands/review-reorganisation.ts'
import { withdrawReorganisation } from './commands/withdraw-reorganisation.ts'
import { reorganisationDryRun } from './queries/reorganisation-dry-run.ts'

const READ = {
  who: ALL_OFFICES,
  tokens: true,
  rule: 'none: the requests the viewer’s office (or an office below it) filed or reviews; CONAC all',
}

export const rootFields: ModuleRootFields = {
  defined: [
    proposeReorganisation,
    withdrawReorganisation,
    reviewReorganisation,
    reorganisationDryRun,
    scopedQuery({ name: 'unitReorganisations', policy: READ, scope: 'reorganisationScope' }),
    scopedQuery({ name: 'unitReorganisation', policy: READ, scope: 'reorganisationScope' }),
  ],
}
