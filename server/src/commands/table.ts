// The policy table: every root field of the API (command or query) with who may call it, collected from the files
// that define them (each module's rootFields.ts lists its own). Shield's root-field rules are generated from it
// (permissions/index.ts), docs/permissions.md is generated from it (npm run permissions:docs), and
// tests/api/authorization/policy-table.test.ts checks it against the schema and the authorization matrix.
import { rootFields as accounts } from '../modules/accounts/rootFields.ts'
import { rootFields as apiTokens } from '../modules/apiTokens/rootFields.ts'
import { rootFields as audit } from '../modules/audit/rootFields.ts'
import { rootFields as auth } from '../modules/auth/rootFields.ts'
import { rootFields as badges } from '../modules/badges/rootFields.ts'
import { rootFields as dns } from '../modules/dns/rootFields.ts'
import { rootFields as domainCancellations } from '../modules/domainCancellations/rootFields.ts'
import { rootFields as domainApplications } from '../modules/domainApplications/rootFields.ts'
import { rootFields as domainNames } from '../modules/domainNames/rootFields.ts'
import { rootFields as domains } from '../modules/domains/rootFields.ts'
import { rootFields as domainTransfers } from '../modules/domainTransfers/rootFields.ts'
import { rootFields as fees } from '../modules/fees/rootFields.ts'
import { rootFields as installChecks } from '../modules/installChecks/rootFields.ts'
import { rootFields as invoiceReports } from '../modules/invoiceReports/rootFields.ts'
import { rootFields as invoices } from '../modules/invoices/rootFields.ts'
import { rootFields as jobs } from '../modules/jobs/rootFields.ts'
import { rootFields as lifecycle } from '../modules/lifecycle/rootFields.ts'
import { rootFields as microSites } from '../modules/microSites/rootFields.ts'
import { rootFields as migration } from '../modules/migration/rootFields.ts'
import { rootFields as migrationClaim } from '../modules/migration/claim/rootFields.ts'
import { rootFields as notifications } from '../modules/notifications/rootFields.ts'
import { rootFields as pii } from '../modules/pii/rootFields.ts'
import { rootFields as passwordReset } from '../modules/passwordReset/rootFields.ts'
import { rootFields as regions } from '../modules/regions/rootFields.ts'
import { rootFields as reorganisationBatches } from '../modules/reorganisationBatches/rootFields.ts'
import { rootFields as registration } from '../modules/registration/rootFields.ts'
import { rootFields as secondFactor } from '../modules/secondFactor/rootFields.ts'
import { rootFields as renewals } from '../modules/renewals/rootFields.ts'
import { rootFields as reorganisations } from '../modules/reorganisations/rootFields.ts'
import { rootFields as sessions } from '../modules/sessions/rootFields.ts'
import { rootFields as siteApplications } from '../modules/siteApplications/rootFields.ts'
import { rootFields as statistics } from '../modules/statistics/rootFields.ts'
import { rootFields as unitChanges } from '../modules/unitChanges/rootFields.ts'
import { rootFields as units } from '../modules/units/rootFields.ts'
import { rootFields as users } from '../modules/users/rootFields.ts'
import { rootFields as verification } from '../modules/verification/rootFields.ts'
import type { RootField } from './define.ts'
import type { Policy } from './policy.ts'

export type Operation = 'query' | 'mutation'

export interface ModuleRootFields {
  /** Commands and queries defined in files of their own (defineCommand, defineQuery, scopedQuery). */
  defined: readonly RootField[]
  /** Root fields whose policy has not moved into a file of its own yet. */
  pending?: { query: Record<string, Policy>; mutation: Record<string, Policy> }
}

const MODULES = {
  accounts,
  apiTokens,
  audit,
  auth,
  badges,
  dns,
  domainApplications,
  domainCancellations,
  domainNames,
  domains,
  domainTransfers,
  fees,
  installChecks,
  invoiceReports,
  invoices,
  jobs,
  lifecycle,
  microSites,
  migration,
  migrationClaim,
  notifications,
  pii,
  passwordReset,
  regions,
  reorganisationBatches,
  registration,
  secondFactor,
  renewals,
  reorganisations,
  sessions,
  siteApplications,
  statistics,
  unitChanges,
  units,
  users,
  verification,
} satisfies Record<string, ModuleRootFields>

export interface PolicyRow {
  operation: Operation
  name: string
  /** The module (folder under server/src/modules) that defines it. */
  module: string
  policy: Policy
  /** Which rows (a scope builder of lib/scope.ts), when stated. */
  scope: string | null
  /** The file's kind: a command, a query with rules of its own, a plain scoped query, or not yet moved. */
  kind: RootField['kind'] | 'pending'
  /** For commands: the state change and what else it touches. */
  transition: { entity: string; from: readonly string[]; to: readonly string[] } | null
  effects: readonly string[]
  notices: readonly string[]
  /** The command or query itself (null while pending). */
  field: RootField | null
}

function rowsOf(module: string, fields: ModuleRootFields): PolicyRow[] {
  const defined = fields.defined.map((field): PolicyRow => ({
    operation: field.kind === 'command' ? 'mutation' : 'query',
    name: field.name,
    module,
    policy: field.policy,
    scope: field.scope,
    kind: field.kind,
    transition: field.kind === 'command' ? (field.transition ?? null) : null,
    effects: field.kind === 'command' ? (field.effects ?? []) : [],
    notices: field.kind === 'command' ? (field.notices ?? []) : [],
    field,
  }))
  const pending = (['query', 'mutation'] as const).flatMap((operation) =>
    Object.entries(fields.pending?.[operation] ?? {}).map(([name, policy]): PolicyRow => ({
      operation,
      name,
      module,
      policy,
      scope: null,
      kind: 'pending',
      transition: null,
      effects: [],
      notices: [],
      field: null,
    })),
  )
  return [...defined, ...pending]
}

/** Every root field's row, sorted by operation and name. */
export const POLICY_TABLE: readonly PolicyRow[] = Object.entries(MODULES)
  .flatMap(([module, fields]) => rowsOf(module, fields))
  .sort((a, b) => a.operation.localeCompare(b.operation) || a.name.localeCompare(b.name))

/** The policy of one root field (undefined for a field that is not in the table: shield then denies it). */
export function policyOf(operation: Operation, name: string): Policy | undefined {
  return POLICY_TABLE.find((row) => row.operation === operation && row.name === name)?.policy
}
