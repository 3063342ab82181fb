// The authorization matrix: every root field of the schema (enumerated here, at test time) x every principal x,
// for fields that take a target, the principal's own, sibling, descendant and other-province objects. What
// should happen is the checked-in table in expectations.ts; a field without a row fails the suite, and so does
// any cell that differs. MATRIX_RECORD=<file> writes what did happen in the table's syntax (to review a new field).
// The role principals (濮阳市's one-role clerks and its 财务 token) are probed only on fields whose policy names
// `roles`: that comes from the policy table, so a row cannot forget them; elsewhere they equal their base column.
import { writeFileSync } from 'node:fs'
import type { GraphQLField } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { policyOf } from '../../../server/src/commands/table.ts'
import { schema } from '../../../server/src/schema/index.ts'
import { createTestApp, type TestApp } from '../../testkit/app.ts'
import { EXPECTED, expectedFor, statesRoles, type Expected } from './expectations.ts'
import { classify, placeholderField, TARGETED_PROBES, type Outcome } from './probes.ts'
import {
  ALL_PRINCIPALS,
  buildWorld,
  PRINCIPALS,
  ROLE_PRINCIPAL,
  ROLE_PRINCIPALS,
  TARGET_UNITS,
  type AnyPrincipal,
  type Credentials,
  type Target,
  type World,
} from './world.ts'

let t: TestApp
let world: World
const observed = new Map<string, Partial<Record<AnyPrincipal, Expected>>>()
/** Role principals refused on a field their base column may use, and the refusal's extensions.reason. */
const roleRefusals: { key: string; principal: AnyPrincipal; reasons: unknown[] }[] = []

beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t)
}, 120_000)

afterAll(async () => {
  if (process.env.MATRIX_RECORD) writeFileSync(process.env.MATRIX_RECORD, recordedTable())
  await t?.close()
})

// Queries first, mutations last; within each, schema order. Nothing a mutation placeholder does can reach a row.
const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
  Object.values(type.getFields()).map((field) => ({
    key: `${type.name}.${field.name}`,
    operation: type.name === 'Query' ? 'query' : 'mutation',
    field,
    roleBearing: Boolean(policyOf(type.name === 'Query' ? 'query' : 'mutation', field.name)?.roles?.length),
  })),
)

describe('the expectations table', () => {
  it('has a row for every root field, and none for a field that does not exist', () => {
    const keys = new Set(rootFields.map((root) => root.key))
    expect(rootFields.filter((root) => !(root.key in EXPECTED)).map((root) => root.key)).toEqual([])
    expect(Object.keys(EXPECTED).filter((key) => !keys.has(key))).toEqual([])
  })

  it('gives every targeted field an outcome per target, and only targeted fields one', () => {
    const wrong = Object.entries(EXPECTED).flatMap(([key, row]) =>
      PRINCIPALS.filter((principal) => typeof row[principal] === 'object' && !(key in TARGETED_PROBES)).map(
        (principal) => `${key} ${principal}`,
      ),
    )
    expect(wrong).toEqual([])
  })

  it('states the role columns exactly on the fields whose policy names roles', () => {
    const wrong = rootFields
      .filter((root) => root.key in EXPECTED && root.roleBearing !== statesRoles(EXPECTED[root.key]!))
      .map((root) => `${root.key}: policy ${root.roleBearing ? 'names' : 'has no'} roles`)
    expect(wrong).toEqual([])
  })
})

describe.each(rootFields.map((root) => [root.key, root] as const))('%s', (key, { operation, field, roleBearing }) => {
  it('answers every principal as the table says', async () => {
    const row = EXPECTED[key]
    const seen: Partial<Record<AnyPrincipal, Expected>> = {}
    const mismatches: string[] = []
    for (const principal of roleBearing ? ALL_PRINCIPALS : PRINCIPALS) {
      const actual = await outcomeFor(key, operation, field, principal)
      seen[principal] = actual
      if (!row) continue
      const expected = expectedFor(row, principal)
      for (const target of Object.keys(TARGET_UNITS[principal]) as Target[]) {
        const want = typeof expected === 'string' ? expected : expected?.[target]
        const got = typeof actual === 'string' ? actual : actual[target]
        if (typeof actual === 'string' && typeof expected === 'string') {
          if (want !== got) mismatches.push(`${principal}: expected ${want}, got ${got}`)
          break
        }
        if (want !== got) mismatches.push(`${principal} / ${target}: expected ${want}, got ${got}`)
      }
    }
    observed.set(key, seen)
    expect(row, `no row for ${key} in expectations.ts`).toBeDefined()
    expect(mismatches).toEqual([])
  })
})

describe('the role principals', () => {
  it('are refused with extensions.reason ROLE_REQUIRED where their base column is admitted', () => {
    expect(roleRefusals.length, 'run the whole matrix file').toBeGreaterThan(0)
    expect(roleRefusals.filter((refusal) => !refusal.reasons.includes('ROLE_REQUIRED'))).toEqual([])
  })
})

async function outcomeFor(
  key: string,
  operation: string,
  field: GraphQLField<unknown, unknown>,
  principal: AnyPrincipal,
): Promise<Expected> {
  const credentials = await credentialsFor(key, principal)
  const probe = TARGETED_PROBES[key]
  if (!probe) {
    const body = await run(`${operation} { result: ${placeholderField(field)} }`, credentials)
    const outcome = classify(body)
    const base = (ROLE_PRINCIPALS as readonly string[]).includes(principal)
      ? ROLE_PRINCIPAL[principal as keyof typeof ROLE_PRINCIPAL].base
      : null
    if (base && outcome === 'denied' && EXPECTED[key] && EXPECTED[key][base] !== 'denied')
      roleRefusals.push({ key, principal, reasons: (body.errors ?? []).map((error) => error.extensions?.reason) })
    return outcome
  }
  const outcomes: Partial<Record<Target, Outcome>> = {}
  for (const [target, unitKey] of Object.entries(TARGET_UNITS[principal]) as [Target, keyof World['targets']][]) {
    const objects = world.targets[unitKey]
    outcomes[target] = classify(
      await run(`${operation} { result: ${probe.field(objects)} }`, credentials),
      probe,
      objects,
    )
  }
  const values = new Set(Object.values(outcomes))
  return values.size === 1 && values.has('denied') ? 'denied' : outcomes
}

/** logout would end the principal's session for the rest of the matrix: it gets a session of its own. */
async function credentialsFor(key: string, principal: AnyPrincipal): Promise<Credentials> {
  const credentials = world.credentials[principal]
  if (key !== 'Mutation.logout' || !credentials.cookie) return credentials
  const usernames: Partial<Record<AnyPrincipal, string>> = {
    unit: 'qfzf',
    county: 'qingfeng',
    city: 'puyang',
    province: 'henan',
    conac: 'conac',
  }
  return { cookie: await t.login(usernames[principal]!) }
}

async function run(query: string, credentials: Credentials) {
  const headers: Record<string, string> = {}
  if (credentials.cookie) headers.cookie = credentials.cookie
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
  const response = await t.post(JSON.stringify({ query }), headers)
  return (await response.json()) as {
    data?: any
    errors?: { message: string; extensions?: { code?: string; reason?: string } }[]
  }
}

function recordedTable(): string {
  const cell = (value: Expected) =>
    typeof value === 'string'
      ? `'${value}'`
      : `{ ${Object.entries(value)
          .map(([target, outcome]) => `${target}: '${outcome}'`)
          .join(', ')} }`
  return (
    [...observed]
      .map(([key, row]) => {
        const base = `row(${PRINCIPALS.map((principal) => cell(row[principal]!)).join(', ')})`
        if (!ROLE_PRINCIPALS.some((principal) => principal in row)) return `  '${key}': ${base},`
        const roles = ROLE_PRINCIPALS.map((principal) => `${principal}: ${cell(row[principal]!)}`).join(', ')
        return `  '${key}': ${base}.roles({ ${roles} }),`
      })
      .join('\n') + '\n'
  )
}
