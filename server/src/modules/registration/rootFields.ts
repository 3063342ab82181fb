// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { cancelHandover } from './commands/cancel-handover.ts'
import { completeHandover } from './commands/complete-handover.ts'
import { registerUnit } from './commands/register-unit.ts'
import { resendHandoverCode } from './commands/resend-handover-code.ts'
import { startHandover } from './commands/start-handover.ts'
import { updateUnitContacts } from './commands/update-unit-contacts.ts'
import { handoverLink } from './queries/handover-link.ts'
import { myUnitContacts } from './queries/my-unit-contacts.ts'
import { unitHandovers } from './queries/unit-handovers.ts'

export const rootFields: ModuleRootFields = {
  defined: [
    registerUnit,
    updateUnitContacts,
    myUnitContacts,
    startHandover,
    completeHandover,
    cancelHandover,
    resendHandoverCode,
    unitHandovers,
    handoverLink,
  ],
}
