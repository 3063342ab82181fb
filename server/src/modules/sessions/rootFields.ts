// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { endOtherSessions } from './commands/end-other-sessions.ts'
import { endSession } from './commands/end-session.ts'
import { mySessions } from './queries/my-sessions.ts'

export const rootFields: ModuleRootFields = {
  defined: [mySessions, endSession, endOtherSessions],
}
