// API 令牌 as the portal's 接口令牌管理 page uses them: the office's list (newest first, its own tokens only, never
// the secret), the name and expiry rules the page repeats client-side, who may open the list, and a county token's
// reach. Creating, hashing, lastUsedAt, revoking and expiry are in auth.test.ts; read-only tokens refused on
// mutations in domain-review.test.ts and fees.test.ts.
import { isObjectType } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from '../../server/src/schema/index.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const CreateToken = graphql(`
  mutation TestPortalCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
        name
        prefix
        access
        expiresAt
        createdAt
      }
    }
  }
`)

const RevokeToken = graphql(`
  mutation TestPortalRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
      revokedAt
    }
  }
`)

const TokenList = graphql(`
  query TestPortalApiTokens($first: Int, $after: String) {
    apiTokens(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          prefix
          access
          createdAt
          expiresAt
          lastUsedAt
          revokedAt
          createdBy {
            username
            displayName
          }
          office {
            id
            name
          }
        }
      }
    }
  }
`)

const ScopedUnits = graphql(`
  query TestTokenScopedUnits {
    units(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          region {
            code
          }
        }
      }
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['puyang', 'qingfeng', 'henan', 'qfzf']) cookies[name] = await t.login(name)
})
afterAll(() => t?.close())

async function create(
  username: string,
  name: string,
  access: 'READ_ONLY' | 'READ_WRITE' = 'READ_ONLY',
  expiresInDays?: number,
) {
  const result = await t.execute(
    CreateToken,
    { input: { name, access, expiresInDays } },
    { cookie: cookies[username]! },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.createApiToken
}

async function listAs(username: string) {
  const result = await t.execute(TokenList, { first: 100 }, { cookie: cookies[username]! })
  expect(result.errors).toBeUndefined()
  return result.data!.apiTokens.edges.map((edge) => edge.node)
}

describe('the apiTokens list', () => {
  it("lists the office's own tokens newest first, with who made them and their state, never the secret", async () => {
    const first = await create('puyang', '濮阳列表一')
    const second = await create('puyang', '濮阳列表二', 'READ_WRITE', 30)
    const other = await create('henan', '河南列表')
    await t.execute(ScopedUnits, {}, { token: second.token }) // sets lastUsedAt
    await t.execute(RevokeToken, { id: first.apiToken.id }, { cookie: cookies.puyang! })

    const nodes = await listAs('puyang')
    const ids = nodes.map((n) => n.id)
    expect(ids).toContain(first.apiToken.id)
    expect(ids).not.toContain(other.apiToken.id)
    expect(ids.indexOf(second.apiToken.id)).toBeLessThan(ids.indexOf(first.apiToken.id))
    expect([...ids].map(Number).sort((a, b) => b - a)).toEqual(ids.map(Number))

    const staff = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'puyang' }, include: { office: true } })
    const newer = nodes.find((n) => n.id === second.apiToken.id)!
    expect(newer).toMatchObject({
      name: '濮阳列表二',
      access: 'READ_WRITE',
      revokedAt: null,
      prefix: second.token.slice(0, 12),
    })
    expect(newer.createdBy).toEqual({ username: 'puyang', displayName: staff.displayName })
    expect(newer.office.name).toBe(staff.office!.name)
    expect(newer.lastUsedAt).toEqual(expect.any(String))
    const days = (Date.parse(newer.expiresAt!) - Date.parse(newer.createdAt)) / 86_400_000
    expect(days).toBeCloseTo(30, 2)

    const older = nodes.find((n) => n.id === first.apiToken.id)!
    expect(older.revokedAt).toEqual(expect.any(String))
    expect(older.lastUsedAt).toBeNull()
    expect(older.expiresAt).toBeNull()

    // Only the prefix comes back: the secrets are in no answer of the list.
    const text = JSON.stringify(nodes)
    for (const secret of [first.token, second.token]) expect(text).not.toContain(secret)
  })

  it('has no field that could return the secret or its hash', () => {
    const type = schema.getType('ApiToken')
    if (!isObjectType(type)) throw new Error('ApiToken is not an object type')
    const fields = Object.keys(type.getFields())
    expect(fields).toContain('prefix')
    for (const field of fields) expect(field.toLowerCase()).not.toMatch(/secret|hash|^token$/)
  })

  it('keeps no copy of any secret in the api_tokens table', async () => {
    const secrets = [
      (await create('qingfeng', '清丰存储检查一')).token,
      (await create('qingfeng', '清丰存储检查二', 'READ_WRITE')).token,
    ]
    const rows = JSON.stringify(await t.db.prisma.apiToken.findMany())
    for (const secret of secrets) {
      expect(rows).not.toContain(secret)
      expect(rows).toContain(secret.slice(0, 12)) // the prefix is kept, to tell tokens apart
    }
  })

  it('pages with first/after', async () => {
    for (const n of [1, 2, 3]) await create('henan', `河南分页${n}`)
    const page1 = await t.execute(TokenList, { first: 2 }, { cookie: cookies.henan! })
    expect(page1.data!.apiTokens.edges).toHaveLength(2)
    expect(page1.data!.apiTokens.pageInfo.hasNextPage).toBe(true)
    const page2 = await t.execute(
      TokenList,
      { first: 2, after: page1.data!.apiTokens.pageInfo.endCursor },
      { cookie: cookies.henan! },
    )
    const ids = [...page1.data!.apiTokens.edges, ...page2.data!.apiTokens.edges].map((e) => Number(e.node.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
  })

  it('is refused to a unit user and to any token (with a Chinese message), and asks an anonymous caller to log in', async () => {
    const unit = await t.execute(TokenList, { first: 10 }, { cookie: cookies.qfzf! })
    expect(errorCodes(unit)).toEqual(['FORBIDDEN'])
    expect(unit.errors![0]!.message).toMatch(/[\u4e00-\u9fff]/)
    expect(unit.data?.apiTokens ?? null).toBeNull()

    const { token } = await create('puyang', '濮阳读写列表', 'READ_WRITE')
    const asToken = await t.execute(TokenList, { first: 10 }, { token })
    expect(errorCodes(asToken)).toEqual(['FORBIDDEN'])
    expect(asToken.errors![0]!.message).toContain('API 令牌')

    expect(errorCodes(await t.execute(TokenList, { first: 10 }))).toEqual(['UNAUTHENTICATED'])
  })
})

describe('creating: the rules the portal form repeats', () => {
  it.each([
    ['one character after trimming', ' 甲 ', undefined, 'name'],
    ['65 characters', '令'.repeat(65), undefined, 'name'],
    ['0 days', '有效期为零', 0, 'expiresInDays'],
    ['367 days', '有效期过长', 367, 'expiresInDays'],
  ])('refuses %s with BAD_USER_INPUT on that field, storing nothing', async (_case, name, expiresInDays, field) => {
    const before = await t.db.prisma.apiToken.count()
    const result = await t.execute(
      CreateToken,
      { input: { name, access: 'READ_ONLY', expiresInDays } },
      { cookie: cookies.puyang! },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    const fields = result.errors![0]!.extensions!.fields as Record<string, string>
    expect(Object.keys(fields)).toEqual([field])
    expect(fields[field]).toMatch(/[\u4e00-\u9fff]/)
    expect(await t.db.prisma.apiToken.count()).toBe(before)
  })

  it('accepts 2 and 64 characters (trimmed), and no expiry', async () => {
    const short = await create('puyang', '  对接  ')
    expect(short.apiToken.name).toBe('对接')
    expect(short.apiToken.expiresAt).toBeNull()
    const long = await create('puyang', '令'.repeat(64), 'READ_ONLY', 366)
    expect(long.apiToken.name).toHaveLength(64)
    expect(long.apiToken.expiresAt).toEqual(expect.any(String))
  })
})

describe("a county office's token", () => {
  it('sees the units of its own county only', async () => {
    const { token } = await create('qingfeng', '清丰县范围检查')
    const result = await t.execute(ScopedUnits, {}, { token })
    expect(result.errors).toBeUndefined()
    const nodes = result.data!.units.edges.map((e) => e.node)
    const inCounty = await t.db.prisma.unit.count({
      where: { region: { path: { startsWith: '/100000/410000/410900/410922/' } } },
    })
    expect(inCounty).toBeGreaterThan(0)
    expect(result.data!.units.totalCount).toBe(inCounty)
    expect(nodes).toHaveLength(inCounty)
    expect(nodes.every((n) => n.region.code === '410922')).toBe(true)
    // Units elsewhere exist (the city's own bureau, Hebei) but are not in the answer.
    const outside = await t.db.prisma.unit.findMany({
      where: { NOT: { region: { path: { startsWith: '/100000/410000/410900/410922/' } } } },
    })
    expect(outside.length).toBeGreaterThan(0)
    const seen = new Set(nodes.map((n) => n.id))
    for (const unit of outside) expect(seen.has(String(unit.id))).toBe(false)
  })
})
