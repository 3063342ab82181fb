// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import { scopedQuery } from '../../commands/define.ts'
import type { ModuleRootFields } from '../../commands/table.ts'
import { commitMigrationRun } from './commands/commit-migration-run.ts'
import { createMigrationRun } from './commands/create-migration-run.ts'
import { removeMigrationUpload } from './commands/remove-migration-upload.ts'
import { validateMigrationRun } from './commands/validate-migration-run.ts'
import { MIGRATION_READ_POLICY } from './policy.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    createMigrationRun,
    validateMigrationRun,
    commitMigrationRun,
    removeMigrationUpload,
    scopedQuery({ name: 'migrationRuns', policy: MIGRATION_READ_POLICY, scope: 'none (CONAC 管理员 sees every run)' }),
    scopedQuery({ name: 'migrationRun', policy: MIGRATION_READ_POLICY, scope: 'none (CONAC 管理员 sees every run)' }),
  ],
}
