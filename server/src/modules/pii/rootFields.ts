// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { revealIdNumber } from './commands/reveal-id-number.ts'

export const rootFields: ModuleRootFields = {
  defined: [revealIdNumber],
}
