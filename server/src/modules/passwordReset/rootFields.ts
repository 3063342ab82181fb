// This module's root fields: its commands, each with its policy at the top of its own file (commands/define.ts),
// listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { helpResetPassword } from './commands/help-reset-password.ts'
import { requestPasswordReset } from './commands/request-password-reset.ts'
import { resetPassword } from './commands/reset-password.ts'

export const rootFields: ModuleRootFields = {
  defined: [requestPasswordReset, resetPassword, helpResetPassword],
}
