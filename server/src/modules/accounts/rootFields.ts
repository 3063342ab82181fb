// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { activateAccount } from './commands/activate-account.ts'
import { createOfficeUser } from './commands/create-office-user.ts'
import { createUnitUser } from './commands/create-unit-user.ts'
import { disableUser } from './commands/disable-user.ts'
import { enableUser } from './commands/enable-user.ts'
import { resendActivation } from './commands/resend-activation.ts'
import { setOfficeUserRoles } from './commands/set-office-user-roles.ts'
import { accountLink } from './queries/account-link.ts'
import { officeUsers } from './queries/office-users.ts'
import { unitUsers } from './queries/unit-users.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    createOfficeUser,
    setOfficeUserRoles,
    disableUser,
    enableUser,
    resendActivation,
    activateAccount,
    createUnitUser,
    officeUsers,
    unitUsers,
    accountLink,
  ],
}
