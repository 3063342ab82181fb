// Verified API tokens are kept for a short while (server/src/modules/auth/tokenCache.ts, issue 21): a token
// revoked through the API stops working on the very next request, any mutation of this process makes every token
// be looked up again, and a change written outside the API (here: straight into the database, as psql would) is
// seen at the latest after API_TOKEN_CACHE_MS. Another API process hearing this one: shared-processes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'

const CreateToken = graphql(`
  mutation TokenCacheCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`)

const RevokeToken = graphql(`
  mutation TokenCacheRevokeToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
    }
  }
`)

const UnitCount = graphql(`
  query TokenCacheUnitCount {
    units {
      totalCount
    }
  }
`)

let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await createTestApp()
  cookie = await t.login('puyang')
})
afterAll(() => t?.close())

async function newToken(name: string) {
  const created = await t.execute(CreateToken, { input: { name, access: 'READ_ONLY' } }, { cookie })
  expect(created.errors).toBeUndefined()
  return { token: created.data!.createApiToken.token, id: created.data!.createApiToken.apiToken.id }
}

describe('verified API tokens kept between requests', () => {
  it('refuses a token on the request after its revocation, though it was just verified', async () => {
    const { token, id } = await newToken('缓存后吊销')
    for (let i = 0; i < 2; i++) expect((await t.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    expect((await t.execute(RevokeToken, { id }, { cookie })).errors).toBeUndefined()
    const after = await t.execute(UnitCount, {}, { token })
    expect(after.status).toBe(401)
    expect(errorCodes(after)).toEqual(['INVALID_TOKEN'])
    expect(after.errors?.[0]?.message).toBe('令牌已被撤销')
  })

  it('sees a change written by another process within the cache time, and at once after any mutation here', async () => {
    const { token, id } = await newToken('其他进程吊销')
    expect((await t.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    // As psql or a script would: nobody announces it, and this process keeps the verified token
    // (for at most API_TOKEN_CACHE_MS, 60 s by default).
    await t.db.prisma.apiToken.update({ where: { id: Number(id) }, data: { revokedAt: new Date() } })
    expect((await t.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    // Any mutation run here (this one changes nothing: a token of another office is NOT_FOUND) starts over.
    expect(errorCodes(await t.execute(RevokeToken, { id: '999999' }, { cookie }))).toEqual(['NOT_FOUND'])
    const after = await t.execute(UnitCount, {}, { token })
    expect(after.status).toBe(401)
    expect(after.errors?.[0]?.message).toBe('令牌已被撤销')
  })

  it('still records when a kept token was used', async () => {
    const { token, id } = await newToken('缓存记录使用')
    expect((await t.execute(UnitCount, {}, { token })).errors).toBeUndefined()
    const first = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: Number(id) } })
    expect(first.lastUsedAt).not.toBeNull()
    expect((await t.execute(UnitCount, {}, { token })).errors).toBeUndefined()
  })
})
