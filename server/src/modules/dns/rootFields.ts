// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { addDnsRecord } from './commands/add-dns-record.ts'
import { deleteDnsRecord } from './commands/delete-dns-record.ts'
import { updateDnsRecord } from './commands/update-dns-record.ts'

export const rootFields: ModuleRootFields = {
  defined: [addDnsRecord, updateDnsRecord, deleteDnsRecord],
}
