// The policy table (server/src/commands/table.ts), the code that enforces it and the authorization matrix cannot
// disagree: every root field has one row, every row admits exactly the principals the matrix sees admitted, every
// command and query refuses the others when it runs, every staff command names the office roles it needs (or says
// why it needs none), and docs/permissions.md is the table as generated.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderPermissionsDoc } from '../../../server/src/commands/docs.ts'
import {
  PRINCIPALS as POLICY_PRINCIPALS,
  type Principal as PolicyPrincipal,
} from '../../../server/src/commands/policy.ts'
import { POLICY_TABLE, type PolicyRow } from '../../../server/src/commands/table.ts'
import type { Context } from '../../../server/src/context.ts'
import { schema } from '../../../server/src/schema/index.ts'
import type { Viewer } from '../../../server/src/viewer.ts'
import { EXPECTED, expectedFor, type Expected } from './expectations.ts'
import { ROLE_PRINCIPAL, ROLE_PRINCIPALS } from './world.ts'

const key = (row: PolicyRow) => `${row.operation === 'query' ? 'Query' : 'Mutation'}.${row.name}`
const OFFICES: readonly PolicyPrincipal[] = ['county', 'city', 'province', 'conac']

/**
 * Commands that staff may use whatever their office role, and why. Every other command that admits an office
 * names `roles` in its policy (design §2.4); a new staff command must pick one of the two.
 */
const ROLE_FREE: Record<string, string> = {
  login: 'signing in comes before any role',
  logout: 'signing out needs no role',
  registerUnit: 'public: a unit registers itself',
  sendVerificationCode: 'the person’s own SMS codes (staff are refused by the rule, not by a role)',
  changePassword: 'the account’s own password',
  markNotificationsRead: 'the person’s own inbox',
  createApiToken: 'any role; the token’s roles are limited to the creator’s minus 管理员 (ROLE_NOT_GRANTABLE)',
  revokeApiToken: 'one’s own token with any role; another person’s needs 管理员, checked in the command',
  endSession: 'the person’s own sessions',
  endOtherSessions: 'the person’s own sessions',
  requestPasswordReset: 'public: anyone who forgot a password',
  resetPassword: 'public: the code or link proves the person',
  activateAccount: 'public: the link or code proves the person, who has no password yet',
  sendLoginCode: 'signing in comes before any role (the challenge names the account)',
  completeLogin: 'signing in comes before any role',
  changeExpiredPassword: 'signing in comes before any role (the link proves the person)',
  startTotpSetup: 'the person’s own authenticator',
  confirmTotp: 'the person’s own authenticator',
  disableTotp: 'the person’s own authenticator',
  forgetDevice: 'the person’s own remembered devices',
  completeHandover: 'public: the new handler, proved by the link and the code',
  resendHandoverCode: 'public: the link names the new mobile',
}

const deniedEverywhere = (cell: Expected | undefined) =>
  typeof cell === 'string' ? cell === 'denied' : Object.values(cell ?? {}).every((outcome) => outcome === 'denied')

describe('the policy table', () => {
  it('has exactly one row for every root field of the schema', () => {
    const schemaKeys = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
      Object.keys(type.getFields()).map((name) => `${type.name}.${name}`),
    )
    const tableKeys = POLICY_TABLE.map(key)
    expect(tableKeys.filter((name, index) => tableKeys.indexOf(name) !== index)).toEqual([])
    expect(schemaKeys.filter((name) => !tableKeys.includes(name))).toEqual([])
    expect(tableKeys.filter((name) => !schemaKeys.includes(name))).toEqual([])
  })

  it('defines every root field in a file of its own: every mutation a command, every query a query', () => {
    expect(POLICY_TABLE.filter((row) => row.kind === 'pending').map(key)).toEqual([])
    expect(POLICY_TABLE.filter((row) => row.operation === 'mutation' && row.kind !== 'command').map(key)).toEqual([])
  })

  it('admits exactly the principals the authorization matrix sees admitted', () => {
    const disagreements: string[] = []
    for (const row of POLICY_TABLE) {
      const expected = EXPECTED[key(row)]
      if (!expected) continue // the matrix's own test fails on a field without a row
      const narrowed = row.policy.onlyForSomeInput?.principals ?? []
      for (const principal of POLICY_PRINCIPALS) {
        const admits = row.policy.who.includes(principal) && !narrowed.includes(principal)
        if (admits === deniedEverywhere(expected[principal])) {
          disagreements.push(
            `${key(row)} ${principal}: table ${admits ? 'admits' : 'refuses'}, matrix ${admits ? 'refused' : 'admitted'}`,
          )
        }
      }
      // The matrix's tokens belong to a city office: a city principal's cell, through a token.
      const tokenAdmits = row.policy.tokens && row.policy.who.includes('city')
      const tokenColumns =
        row.operation === 'mutation' ? (['tokenReadWrite'] as const) : (['tokenReadOnly', 'tokenReadWrite'] as const)
      for (const column of tokenColumns) {
        // A read-only token carries no office role, so a field that names roles refuses it.
        const admits = tokenAdmits && !(column === 'tokenReadOnly' && row.policy.roles?.length)
        if (admits === deniedEverywhere(expected[column]))
          disagreements.push(`${key(row)} ${column}: table ${admits ? 'admits' : 'refuses'}`)
      }
      if (
        row.operation === 'mutation' &&
        !deniedEverywhere(expected.tokenReadOnly) &&
        !row.policy.who.includes('anonymous')
      ) {
        disagreements.push(`${key(row)}: a read-only token may change data`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('names the office roles of every command that staff may use, or lists it as role-free with a reason', () => {
    const staffCommands = POLICY_TABLE.filter(
      (row) => row.operation === 'mutation' && row.policy.who.some((principal) => OFFICES.includes(principal)),
    )
    expect(staffCommands.filter((row) => !row.policy.roles?.length && !(row.name in ROLE_FREE)).map(key)).toEqual([])
    expect(staffCommands.filter((row) => row.policy.roles?.length && row.name in ROLE_FREE).map(key)).toEqual([])
    const names = new Set(staffCommands.map((row) => row.name))
    expect(Object.keys(ROLE_FREE).filter((name) => !names.has(name))).toEqual([])
  })

  it('keeps queries role-free (design §2.4: every office role may read), but for the account lists of 用户管理 and the balances', () => {
    // 未认领账号 (账号认领) is one of them: the imported accounts an office's 管理员 re-sends invitations to.
    const accountLists = ['Query.officeUsers', 'Query.unitUsers', 'Query.unclaimedAccounts']
    const balances = ['Query.ledgerEntries', 'Query.officeAccount']
    const withRoles = POLICY_TABLE.filter((row) => row.operation === 'query' && row.policy.roles?.length).map(key)
    expect(withRoles.sort()).toEqual([...accountLists, ...balances].sort())
  })

  it('agrees with the matrix’s role columns (濮阳市’s one-role clerks and its 财务 token)', () => {
    const disagreements: string[] = []
    for (const row of POLICY_TABLE) {
      const expected = EXPECTED[key(row)]
      if (!expected || !row.policy.roles?.length) continue
      const narrowed = row.policy.onlyForSomeInput?.principals ?? []
      for (const principal of ROLE_PRINCIPALS) {
        const { base, roles } = ROLE_PRINCIPAL[principal]
        const baseAdmits =
          row.policy.who.includes('city') && !narrowed.includes('city') && (base === 'city' || row.policy.tokens)
        const admits = baseAdmits && roles.some((role) => row.policy.roles!.includes(role))
        if (admits === deniedEverywhere(expectedFor(expected, principal)))
          disagreements.push(`${key(row)} ${principal}: table ${admits ? 'admits' : 'refuses'}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('has every command refuse, when it runs, staff without one of its roles (ROLE_REQUIRED)', async () => {
    const wrong: string[] = []
    for (const row of POLICY_TABLE) {
      const field = row.field
      const roles = row.policy.roles
      if (!field || field.kind === 'scopedQuery' || !roles?.length) continue
      const others = (['ADMIN', 'REVIEWER', 'FINANCE'] as const).filter((role) => !roles.includes(role))
      for (const principal of OFFICES.filter((p) => row.policy.who.includes(p))) {
        const viewer = { ...staffOf(principal), officeRoles: others }
        const ctx = { viewer, ip: null } as unknown as Context
        const reason = await field.execute(ctx, {} as never).then(
          () => 'ran',
          (error: { extensions?: { reason?: string } }) => error.extensions?.reason ?? 'no reason',
        )
        if (reason !== 'ROLE_REQUIRED') wrong.push(`${key(row)} as ${principal} with ${others.join('+')}: ${reason}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('has every command and query refuse, when it runs, the principals its policy does not admit', async () => {
    const viewers: Record<PolicyPrincipal, Viewer> = {
      anonymous: { kind: 'anonymous' },
      unit: {
        kind: 'user',
        userId: -1,
        sessionId: -1,
        role: 'UNIT_USER',
        unitId: -1,
        office: null,
        officeRoles: [],
        unitRole: 'PRIMARY',
      },
      county: staff('COUNTY'),
      city: staff('CITY'),
      province: staff('PROVINCE'),
      conac: staff('CENTRAL'),
    }
    const wrong: string[] = []
    for (const row of POLICY_TABLE) {
      const field = row.field
      if (!field || field.kind === 'scopedQuery') continue
      for (const principal of POLICY_PRINCIPALS.filter((p) => !row.policy.who.includes(p))) {
        // A context with no database: a command that got past its policy would fail on ctx.prisma instead.
        const ctx = { viewer: viewers[principal], ip: null } as unknown as Context
        const code = await field.execute(ctx, {} as never).then(
          () => 'ran',
          (error: { extensions?: { code?: string } }) => error.extensions?.code ?? 'crashed',
        )
        const want = principal === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'
        if (code !== want) wrong.push(`${key(row)} as ${principal}: ${code}, want ${want}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('is what docs/permissions.md says (npm run permissions:docs writes it)', () => {
    const written = readFileSync(new URL('../../../docs/permissions.md', import.meta.url), 'utf8')
    expect(written).toBe(renderPermissionsDoc())
  })
})

function staffOf(principal: PolicyPrincipal): Viewer {
  const levels = { county: 'COUNTY', city: 'CITY', province: 'PROVINCE', conac: 'CENTRAL' } as const
  return staff(levels[principal as keyof typeof levels])
}

function staff(officeLevel: 'COUNTY' | 'CITY' | 'PROVINCE' | 'CENTRAL'): Viewer {
  return {
    kind: 'user',
    userId: -1,
    sessionId: -1,
    role: officeLevel === 'CENTRAL' ? 'CONAC_STAFF' : 'OFFICE_STAFF',
    unitId: null,
    office: { officeId: -1, officeLevel, regionPath: '-' },
    officeRoles: ['ADMIN', 'REVIEWER', 'FINANCE'],
    unitRole: null,
  }
}
