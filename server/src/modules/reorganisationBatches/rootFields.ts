// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import { ALL_OFFICES } from '../../commands/policy.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { reviewReorganisationBatch } from './commands/review-reorganisation-batch.ts'
import { submitReorganisationBatch } from './commands/submit-reorganisation-batch.ts'
import { withdrawReorganisationBatch } from './commands/withdraw-reorganisation-batch.ts'
import { reorganisationBatchDryRun } from './queries/reorganisation-batch-dry-run.ts'

const BATCH_READ = {
  who: ALL_OFFICES,
  tokens: true,
  rule: 'none: the batches the office uploaded or reviews (CONAC all)',
} as const

export const rootFields: ModuleRootFields = {
  defined: [
    reorganisationBatchDryRun,
    submitReorganisationBatch,
    reviewReorganisationBatch,
    withdrawReorganisationBatch,
    scopedQuery({ name: 'reorganisationBatches', policy: BATCH_READ, scope: 'batchScope' }),
    scopedQuery({ name: 'reorganisationBatch', policy: BATCH_READ, scope: 'batchScope' }),
  ],
}
