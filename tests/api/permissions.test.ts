// The permission table covers the whole schema: every root field has its own rule, every object type an entry,
// and an anonymous viewer is refused everything but the public fields.
import { GraphQLObjectType, isIntrospectionType, isObjectType } from 'graphql'
import { applyMiddleware } from 'graphql-middleware'
import { allow, deny } from 'graphql-shield'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { permissions, permissionTable, ruleOfField } from '../../server/src/permissions/index.ts'
import { schema } from '../../server/src/schema/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { placeholderField } from './authorization/probes.ts'

/** Root fields anyone may call without logging in. */
const PUBLIC_ROOT_FIELDS = new Set([
  'Query.me',
  'Mutation.login',
  'Mutation.logout',
  // Registration (附件一) happens before there is an account: regions, codes, the form and the development outbox.
  'Query.region',
  'Query.regions',
  'Query.developmentOutbox',
  'Query.developmentOutboxEnabled',
  'Mutation.sendVerificationCode',
  'Mutation.registerUnit',
  // 忘记密码: the person cannot log in.
  'Mutation.requestPasswordReset',
  'Mutation.resetPassword',
  // The public 网络红页 (only PUBLISHED content).
  'Query.publicMicroSite',
  // 公开核验: the badge's public facts.
  'Query.badgeVerification',
  // 激活账号: the person has no password yet; the emailed link or the SMS code proves who they are.
  'Query.accountLink',
  'Query.activationLinkState',
  'Mutation.activateAccount',
  // The second step of a login (the challenge names the account) and an expired password's change (its link).
  'Mutation.sendLoginCode',
  'Mutation.completeLogin',
  'Mutation.changeExpiredPassword',
  // 经办人交接: the new handler has no session; the emailed link and the SMS code to the new mobile prove them.
  'Query.handoverLink',
  'Mutation.completeHandover',
  'Mutation.resendHandoverCode',
])

const rootTypes = [schema.getQueryType()!, schema.getMutationType()!]
const table = permissionTable as unknown as Record<string, Record<string, unknown> | unknown>

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

describe('permission table', () => {
  it('names a rule for every root field (none falls through to the "*" default)', () => {
    const missing = rootTypes.flatMap((type) =>
      Object.keys(type.getFields())
        .filter((field) => !(field in (table[type.name] as Record<string, unknown>)))
        .map((field) => `${type.name}.${field}`),
    )
    expect(missing).toEqual([])
  })

  it('has an entry for every object type of the schema (the fallback denies, so a new type must be listed)', () => {
    const objectTypes = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLObjectType =>
        isObjectType(type) && !type.name.startsWith('__') && !['Query', 'Mutation'].includes(type.name),
    )
    expect(objectTypes.filter((type) => !(type.name in table)).map((type) => type.name)).toEqual([])
  })

  it('lists no rule for a field or type that does not exist', () => {
    const stale = Object.entries(table).flatMap(([typeName, rules]) => {
      const type = schema.getType(typeName)
      if (!type) return [typeName]
      if (typeName === 'Query' || typeName === 'Mutation') {
        const fields = (type as GraphQLObjectType).getFields()
        return Object.keys(rules as object)
          .filter((field) => field !== '*' && !(field in fields))
          .map((field) => `${typeName}.${field}`)
      }
      return []
    })
    expect(stale).toEqual([])
  })
})

describe('permission middleware', () => {
  // Shield would wrap every field; fields under `allow` are left as they are (issue 21), every other rule stays.
  it('wraps exactly the fields whose rule is not allow, with the rule shield would give them', () => {
    const shielded = applyMiddleware(schema, permissions)
    const mismatched: string[] = []
    let wrappedCount = 0
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || isIntrospectionType(type)) continue
      const after = shielded.getType(type.name) as GraphQLObjectType
      for (const [name, field] of Object.entries(type.getFields())) {
        const wrapped = after.getFields()[name]!.resolve !== field.resolve
        if (wrapped) wrappedCount += 1
        if (wrapped !== (ruleOfField(type.name, name) !== allow)) mismatched.push(`${type.name}.${name}`)
      }
    }
    expect(mismatched).toEqual([])
    expect(wrappedCount).toBeGreaterThan(0)
    // The rule is shield's: a type's rule for all its fields, a root field's own, a missing type the fallback.
    expect(ruleOfField('ApiToken', 'prefix')).toBe(table.ApiToken)
    expect(ruleOfField('Query', 'me')).toBe((table.Query as Record<string, unknown>).me)
    expect(ruleOfField('Query', 'noSuchField')).toBe(deny)
    expect(ruleOfField('NoSuchType', 'id')).toBe(deny)
  })
})

describe('anonymous viewer', () => {
  const protectedRootFields = rootTypes.flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => !PUBLIC_ROOT_FIELDS.has(`${type.name}.${field.name}`))
      .map((field) => ({ operation: type === schema.getQueryType() ? 'query' : 'mutation', field })),
  )

  it.each(protectedRootFields.map(({ operation, field }) => [`${operation} ${field.name}`, operation, field] as const))(
    '%s is refused with UNAUTHENTICATED and no data',
    async (_label, operation, field) => {
      // Required arguments get a placeholder of the right shape; the rule runs before the resolver looks at them.
      const response = await t.post(JSON.stringify({ query: `${operation} { result: ${placeholderField(field)} }` }))
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] }
      expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
      expect((body.data as Record<string, unknown> | null)?.result ?? null).toBeNull()
    },
  )
})
