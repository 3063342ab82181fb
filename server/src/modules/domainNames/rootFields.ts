// This module's root fields, listed for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { setDomainNameResolves } from './commands/set-domain-name-resolves.ts'

export const rootFields: ModuleRootFields = { defined: [setDomainNameResolves] }
