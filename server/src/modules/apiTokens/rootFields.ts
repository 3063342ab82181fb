// This module's root fields: its commands and queries, each with its policy at the top of its own file
// (commands/define.ts), listed here for commands/table.ts (shield, docs/permissions.md, the policy-table test).
import type { ModuleRootFields } from '../../commands/table.ts'
import { createApiToken } from './commands/create-api-token.ts'
import { revokeApiToken } from './commands/revoke-api-token.ts'
import { apiTokens } from './queries/api-tokens.ts'

export const rootFields: ModuleRootFields = {
  defined: [createApiToken, revokeApiToken, apiTokens],
}
