// API tokens' rate limit by query cost: a bucket per token (here 1,000 points refilled over 100 s, 10 points a
// second, on a clock the test moves), headers on every token response, 429 RATE_LIMITED when the bucket cannot
// pay, and nothing for portal sessions.
import { parse } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operationCost } from '../../server/src/limits/cost.ts'
import { schema } from '../../server/src/schema/index.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type GraphQLErrorShape, type TestApp } from '../testkit/app.ts'

const CreateToken = graphql(`
  mutation TestRateLimitCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`)

const POINTS = 1000
const WINDOW_SECONDS = 100
const PER_SECOND = POINTS / WINDOW_SECONDS

let clock = Date.parse('2026-03-02T08:00:00Z')
let t: TestApp
let puyangCookie: string
let tokenA: string
let tokenB: string

beforeAll(async () => {
  t = await createTestApp({ rateLimit: { points: POINTS, windowSeconds: WINDOW_SECONDS, now: () => clock } })
  puyangCookie = await t.login('puyang')
  const create = async (name: string, cookie: string) => {
    const result = await t.execute(CreateToken, { input: { name, access: 'READ_ONLY' } }, { cookie })
    expect(result.errors).toBeUndefined()
    return result.data!.createApiToken.token
  }
  tokenA = await create('限流测试甲', puyangCookie)
  tokenB = await create('限流测试乙', await t.login('qingfeng'))
})
afterAll(() => t?.close())

// `first` sets the cost: regions 1 + edges 1 + first x (node 1 + code 1).
const QUERY = 'query RateProbe($first: Int) { regions(first: $first) { edges { node { code } } } }'
const costOf = (first: number) => operationCost(schema, parse(QUERY), { first })

interface Answer {
  status: number
  data?: unknown
  errors?: GraphQLErrorShape[]
  headers: Headers
}

async function run(first: number, credentials: { token?: string; cookie?: string }): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
  if (credentials.cookie) headers.cookie = credentials.cookie
  const response = await t.app.fetch('http://test.local/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: QUERY, variables: { first } }),
  })
  const body = (await response.json()) as { data?: unknown; errors?: GraphQLErrorShape[] }
  return { status: response.status, ...body, headers: response.headers }
}

const header = (a: Answer, name: string) => a.headers.get(name)
const remaining = (a: Answer) => Number(header(a, 'x-ratelimit-remaining'))

describe('the per-token rate limit', () => {
  it('reports limit, remaining, reset and cost, and remaining falls by exactly the cost', async () => {
    const first = await run(10, { token: tokenA })
    expect(first.errors).toBeUndefined()
    expect(first.data).toMatchObject({ regions: { edges: expect.any(Array) } })
    expect(header(first, 'x-ratelimit-limit')).toBe(String(POINTS))
    expect(Number(header(first, 'x-ratelimit-cost'))).toBe(costOf(10))
    expect(remaining(first)).toBe(POINTS - costOf(10))
    // Seconds until full again.
    expect(Number(header(first, 'x-ratelimit-reset'))).toBe(Math.ceil(costOf(10) / PER_SECOND))

    const second = await run(30, { token: tokenA })
    expect(second.errors).toBeUndefined()
    expect(Number(header(second, 'x-ratelimit-cost'))).toBe(costOf(30))
    expect(remaining(second)).toBe(remaining(first) - costOf(30))
  })

  it('refuses with 429 RATE_LIMITED and Retry-After when the bucket cannot pay; nothing runs and nothing is spent', async () => {
    // Spend down to less than a 100-row page costs.
    let left = remaining(await run(0, { token: tokenA }))
    while (left >= costOf(100)) {
      const a = await run(100, { token: tokenA })
      expect(a.errors).toBeUndefined()
      left = remaining(a)
    }
    const refused = await run(100, { token: tokenA })
    expect(refused.status).toBe(429)
    expect(refused.errors!.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED'])
    expect(refused).not.toHaveProperty('data')
    const wait = Math.ceil((costOf(100) - left) / PER_SECOND)
    expect(header(refused, 'retry-after')).toBe(String(wait))
    expect(refused.errors![0]!.message).toContain(`本次需要 ${costOf(100)} 点`)
    expect(refused.errors![0]!.message).toContain(`${wait} 秒后重试`)
    expect(remaining(refused)).toBe(left)
    expect(Number(header(refused, 'x-ratelimit-cost'))).toBe(costOf(100))

    // Still refused a second short of the wait...
    clock += (wait - 1) * 1000
    expect((await run(100, { token: tokenA })).status).toBe(429)
    // ...and served once the bucket has refilled enough.
    clock += 1000
    const after = await run(100, { token: tokenA })
    expect(after.status).toBe(200)
    expect(after.errors).toBeUndefined()
    expect(remaining(after)).toBe(Math.floor(left + wait * PER_SECOND - costOf(100)))
  })

  it('gives every token its own bucket', async () => {
    const a = await run(100, { token: tokenA })
    expect(a.status).toBe(429)
    const b = await run(100, { token: tokenB })
    expect(b.status).toBe(200)
    expect(remaining(b)).toBe(POINTS - costOf(100))
  })

  it('refuses an operation dearer than the whole bucket as QUERY_TOO_COSTLY (waiting would not help), spending nothing', async () => {
    clock += WINDOW_SECONDS * 1000
    const query = '{ regions(first: 100) { edges { node { children(first: 100) { edges { node { code } } } } } } }'
    const cost = operationCost(schema, parse(query), {})
    expect(cost).toBeGreaterThan(POINTS)
    const response = await t.app.fetch('http://test.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenB}` },
      body: JSON.stringify({ query }),
    })
    const body = (await response.json()) as { data?: unknown; errors?: GraphQLErrorShape[] }
    expect(response.status).toBe(400)
    expect(body.errors!.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY'])
    expect(body).not.toHaveProperty('data')
    expect(response.headers.get('x-ratelimit-remaining')).toBe(String(POINTS))
    expect(response.headers.get('x-ratelimit-cost')).toBe(String(cost))
  })

  it('does not limit portal sessions, nor send them rate-limit headers', async () => {
    // Far more than a token's bucket, at once.
    for (let i = 0; i < 12; i++) {
      const a = await run(100, { cookie: puyangCookie })
      expect(a.status).toBe(200)
      expect(a.errors).toBeUndefined()
      for (const name of [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'x-ratelimit-cost',
        'retry-after',
      ]) {
        expect(header(a, name)).toBeNull()
      }
    }
    expect(12 * costOf(100)).toBeGreaterThan(POINTS)
  })
})
