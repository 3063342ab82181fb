// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { checkBadgeInstallation } from './commands/check-badge-installation.ts'
import { runInstallChecks } from './commands/run-install-checks.ts'
import { badgeInstallation } from './queries/badge-installation.ts'
import { latestInstallCheckRun } from './queries/latest-install-check-run.ts'
import { overdueBadgeInstallations } from './queries/overdue-badge-installations.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    runInstallChecks,
    checkBadgeInstallation,
    badgeInstallation,
    overdueBadgeInstallations,
    latestInstallCheckRun,
  ],
}
