// Abuse limits at the API edge: the per-operation limits (depth, aliases, tokens, directives, cost) set from the
// portal's operations, CSRF prevention and no mutations over GET, and introspection / field suggestions only for
// authenticated viewers in production.
import { parse, print } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { operationCost } from '../../server/src/limits/cost.ts'
import { CSRF_HEADER } from '../../server/src/limits/csrf.ts'
import { countTokens, measure } from '../../server/src/limits/measure.ts'
import {
  measureOperation,
  portalOperations,
  withTypenames,
  worstCaseVariables,
} from '../../server/src/limits/portal.ts'
import { schema } from '../../server/src/schema/index.ts'
import { createApp, type App, type AppOptions } from '../../server/src/yoga.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type GraphQLErrorShape, type TestApp } from '../testkit/app.ts'

const CreateToken = graphql(`
  mutation TestLimitsCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`)

const limits = config.limits
const LIMIT_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY']
const URL = 'http://test.local/graphql'

interface Answer {
  status: number
  body: { data?: unknown; errors?: GraphQLErrorShape[] }
  headers: Headers
}

let t: TestApp
let puyangCookie: string
let puyangToken: string
beforeAll(async () => {
  t = await createTestApp()
  puyangCookie = await t.login('puyang')
  const created = await t.execute(
    CreateToken,
    { input: { name: '限额测试', access: 'READ_ONLY' } },
    { cookie: puyangCookie },
  )
  expect(created.errors).toBeUndefined()
  puyangToken = created.data!.createApiToken.token
})
afterAll(() => t?.close())

/** Another app on the same database (other limits, production mode). */
function appWith(options: Omit<AppOptions, 'prisma'>): App {
  return createApp({ prisma: t.db.prisma, graphiql: false, trustedDocuments: { enforce: false }, ...options })
}

async function answer(response: Response | Promise<Response>): Promise<Answer> {
  const r = await response
  const text = await r.text()
  return { status: r.status, body: text ? (JSON.parse(text) as Answer['body']) : {}, headers: r.headers }
}

/** POSTs JSON like the portal; `as`: nobody, the puyang session, or puyang's API token. */
function send(
  query: string,
  { as, variables, app = t.app }: { as?: 'cookie' | 'token'; variables?: Record<string, unknown>; app?: App } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (as === 'cookie') headers.cookie = puyangCookie
  if (as === 'token') headers.authorization = `Bearer ${puyangToken}`
  return answer(app.fetch(URL, { method: 'POST', headers, body: JSON.stringify({ query, variables }) }))
}

const codes = (a: Answer) => (a.body.errors ?? []).map((error) => error.extensions?.code)

/** Refused before execution: the status, the code, and no `data` at all (execution always sets it). */
function expectRefused(a: Answer, code: string, status = 400) {
  expect(codes(a)).toEqual([code])
  expect(a.status).toBe(status)
  expect(a.body).not.toHaveProperty('data')
}

// Documents of a chosen size. `__type(name: "Query")` is open to anyone in development, so these run anonymously.
const nestedOfType = (levels: number) =>
  `{ __type(name: "Query") ${'{ ofType '.repeat(levels - 2)}{ name }${' }'.repeat(levels - 2)} }`
const aliased = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: __type(name: "Query") { name }`).join(' ')} }`
const directives = (count: number) =>
  `{ ${Array.from({ length: count }, () => '__typename @include(if: true)').join(' ')} }`
// `{` + n x `__typename` + `}`: n + 2 tokens.
const tokens = (count: number) => `{ ${Array.from({ length: count - 2 }, () => '__typename').join(' ')} }`

describe('the portal fits the limits', () => {
  const operations = portalOperations()

  it('reads the whole manifest', () => {
    expect(operations.length).toBeGreaterThan(50)
  })

  it('every portal operation is within every limit, with worst-case page sizes and urql’s __typename', () => {
    const over: string[] = []
    for (const operation of operations) {
      const m = measureOperation(schema, operation.source)
      if (m.depth > limits.maxDepth) over.push(`${operation.name}: depth ${m.depth}`)
      if (m.aliases > limits.maxAliases) over.push(`${operation.name}: aliases ${m.aliases}`)
      if (m.tokens > limits.maxTokens) over.push(`${operation.name}: tokens ${m.tokens}`)
      if (m.directives > limits.maxDirectives) over.push(`${operation.name}: directives ${m.directives}`)
      if (m.cost > limits.maxCost) over.push(`${operation.name}: cost ${m.cost}`)
    }
    expect(over).toEqual([])
  })

  it('the API accepts every portal query as sent (no limit error) from a session', async () => {
    const queries = operations.filter((o) =>
      parse(o.source).definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'query'),
    )
    expect(queries.length).toBeGreaterThan(30)
    for (const operation of queries) {
      const a = await send(operation.source, {
        as: 'cookie',
        variables: worstCaseVariables(schema, parse(operation.source)),
      })
      expect({ operation: operation.name, codes: codes(a).filter((code) => LIMIT_CODES.includes(code!)) }).toEqual({
        operation: operation.name,
        codes: [],
      })
    }
  })
})

describe('operations over a limit are refused before anything runs', () => {
  it('depth: at the limit passes, one more is QUERY_TOO_DEEP naming both numbers', async () => {
    const atLimit = nestedOfType(limits.maxDepth)
    expect(measure(schema, parse(atLimit), 'depth')).toBe(limits.maxDepth)
    expect(codes(await send(atLimit))).toEqual([])
    const over = await send(nestedOfType(limits.maxDepth + 1))
    expectRefused(over, 'QUERY_TOO_DEEP')
    expect(over.body.errors![0]!.message).toBe(
      `查询嵌套深度为 ${limits.maxDepth + 1} 层，超过上限 ${limits.maxDepth} 层`,
    )
  })

  it('aliases: at the limit passes, one more is TOO_MANY_ALIASES', async () => {
    expect(codes(await send(aliased(limits.maxAliases)))).toEqual([])
    const over = await send(aliased(limits.maxAliases + 1))
    expectRefused(over, 'TOO_MANY_ALIASES')
    expect(over.body.errors![0]!.message).toContain(`${limits.maxAliases + 1} 个别名，超过上限 ${limits.maxAliases} 个`)
  })

  it('directives: at the limit passes, one more is TOO_MANY_DIRECTIVES', async () => {
    expect(codes(await send(directives(limits.maxDirectives)))).toEqual([])
    const over = await send(directives(limits.maxDirectives + 1))
    expectRefused(over, 'TOO_MANY_DIRECTIVES')
    expect(over.body.errors![0]!.message).toContain(
      `${limits.maxDirectives + 1} 个指令，超过上限 ${limits.maxDirectives} 个`,
    )
  })

  it('tokens: at the limit passes, one more is TOO_MANY_TOKENS with the count', async () => {
    expect(countTokens(tokens(limits.maxTokens))).toBe(limits.maxTokens)
    expect(codes(await send(tokens(limits.maxTokens)))).toEqual([])
    const over = await send(tokens(limits.maxTokens + 1))
    expectRefused(over, 'TOO_MANY_TOKENS')
    expect(over.body.errors![0]!.message).toBe(
      `查询包含 ${limits.maxTokens + 1} 个词法单元（token），超过上限 ${limits.maxTokens} 个`,
    )
    // Texts within the limit are remembered (not counted again); a refused one is refused every time, and a
    // remembered one does not stand for another app's lower limit.
    expectRefused(await send(tokens(limits.maxTokens + 1)), 'TOO_MANY_TOKENS')
    expect(codes(await send(tokens(limits.maxTokens)))).toEqual([])
    const fewerTokens = appWith({ limits: { maxTokens: limits.maxTokens - 1 } })
    expectRefused(await send(tokens(limits.maxTokens), { app: fewerTokens }), 'TOO_MANY_TOKENS')
  })

  it('cost: a query just over maxCost is QUERY_TOO_COSTLY with its cost; the same shape within it runs', async () => {
    const query = `query Costly($a: Int, $b: Int) {
      regions(first: 100) { edges { node { children(first: $a) { edges { node { children(first: $b) { edges { node { code name } } } } } } } } }
    }`
    const costOf = (a: number, b: number) => operationCost(schema, parse(query), { a, b })
    // The smallest page sizes that go over the limit, so "over" is by little.
    let a = 1
    while (costOf(a, 100) <= limits.maxCost) a++
    let b = 1
    while (costOf(a, b) <= limits.maxCost) b++
    const cost = costOf(a, b)
    expect(cost).toBeGreaterThan(limits.maxCost)
    expect(cost).toBeLessThan(limits.maxCost * 1.01)

    const over = await send(query, { variables: { a, b } })
    expectRefused(over, 'QUERY_TOO_COSTLY')
    expect(over.body.errors![0]!.message).toContain(`查询成本估算为 ${cost}，超过单次上限 ${limits.maxCost}`)
    expect(over.body.errors![0]!.extensions).toMatchObject({ cost, limit: limits.maxCost })

    const within = await send(query, { variables: { a, b: b - 1 } })
    expect(codes(within)).toEqual([])
    expect(within.body.data).toBeTruthy()
  })

  it('each limit is exactly its configured number (an app with other limits)', async () => {
    const query = '{ regions(first: 10) { edges { node { code } } } }'
    const cost = operationCost(schema, parse(query), {})
    const atCost = appWith({ limits: { maxCost: cost, maxDepth: 4, maxAliases: 1, maxTokens: 30, maxDirectives: 1 } })
    const belowCost = appWith({ limits: { maxCost: cost - 1 } })
    expect(codes(await send(query, { app: atCost }))).toEqual([])
    expectRefused(await send(query, { app: belowCost }), 'QUERY_TOO_COSTLY')
    expect(codes(await send(nestedOfType(4), { app: atCost }))).toEqual([])
    expectRefused(await send(nestedOfType(5), { app: atCost }), 'QUERY_TOO_DEEP')
    expectRefused(await send(aliased(2), { app: atCost }), 'TOO_MANY_ALIASES')
    expectRefused(await send(directives(2), { app: atCost }), 'TOO_MANY_DIRECTIVES')
    expectRefused(await send(tokens(31), { app: atCost }), 'TOO_MANY_TOKENS')
  })

  it('a refused mutation does not run: 11 aliased wrong-password logins leave the account untouched', async () => {
    const throttleRows = () =>
      Promise.all([
        t.db.prisma.loginAddressFailure.findMany({ where: { username: 'qfyy' } }),
        t.db.prisma.loginAccountThrottle.findMany({ where: { username: 'qfyy' } }),
      ])
    const before = await throttleRows()
    const attemptsBefore = await t.db.prisma.loginAttempt.count()
    const logins = Array.from(
      { length: limits.maxAliases + 1 },
      (_, i) => `l${i}: login(input: { username: "qfyy", password: "wrong-${i}" }) { expiresAt }`,
    )
    expectRefused(await send(`mutation { ${logins.join(' ')} }`), 'TOO_MANY_ALIASES')
    expect(await throttleRows()).toEqual(before)
    expect(await t.db.prisma.loginAttempt.count()).toBe(attemptsBefore)
    await expect(t.login('qfyy')).resolves.toContain('conac_session=')
  })
})

describe('the cost function', () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    operationCost(schema, parse(query), variables)

  it('counts a field 1 and multiplies a connection’s edges by its page size (literal, variable, default 20)', () => {
    // regions 1 + edges 1 + n x (node 1 + code 1)
    expect(cost('{ regions(first: 7) { edges { node { code } } } }')).toBe(2 + 7 * 2)
    expect(cost('query($n: Int) { regions(first: $n) { edges { node { code } } } }', { n: 30 })).toBe(2 + 30 * 2)
    expect(cost('query($n: Int = 4) { regions(first: $n) { edges { node { code } } } }')).toBe(2 + 4 * 2)
    expect(cost('{ regions { edges { node { code } } } }')).toBe(2 + 20 * 2)
    expect(cost('{ regions(last: 3) { pageInfo { hasNextPage } edges { node { code } } } }')).toBe(4 + 3 * 2)
  })

  it('multiplies nested pages and unpaged lists, follows fragments, and ignores __typename', () => {
    const nested = '{ regions(first: 5) { edges { node { children(first: 4) { edges { node { code } } } } } } }'
    expect(cost(nested)).toBe(2 + 5 * (1 + 1 + 1 + 4 * 2))
    expect(cost('{ regions(first: 2) { edges { node { lineage { code } } } } }')).toBe(2 + 2 * (1 + 1 + 20 * 1))
    expect(
      cost('{ regions(first: 2) { edges { node { ...R } } } } fragment R on Region { code ... on Region { name } }'),
    ).toBe(2 + 2 * 3)
    expect(cost('{ __typename regions(first: 2) { __typename edges { __typename node { __typename code } } } }')).toBe(
      2 + 2 * 2,
    )
  })

  it('counts introspection fields', () => {
    expect(cost('{ __schema { queryType { name } } }')).toBe(3)
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(1 + 1 + (1 + 1 + 1))
  })

  it('survives fragment cycles and does not blow up on fragments spread many times', () => {
    expect(cost('{ ...A } fragment A on Query { regions(first: 1) { pageInfo { hasNextPage } } ...A }')).toBe(3)
    const chain = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { __typename ...F${i + 1} ...F${i + 1} }`,
    ).join(' ')
    const started = Date.now()
    expect(cost(`{ ...F0 } ${chain} fragment F40 on Query { me { id } }`)).toBe(2 ** 40 * 2)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('measures the portal’s operations as urql sends them, with __typename in every selection below the root', () => {
    const sent = withTypenames(parse('query Q { regions(first: 1) { edges { node { code } } } }'))
    expect(print(sent)).toBe(
      'query Q {\n  regions(first: 1) {\n    edges {\n      node {\n        code\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}',
    )
  })
})

describe('CSRF prevention and mutations over GET', () => {
  const createTokenMutation = 'mutation { createApiToken(input: { name: "跨站", access: READ_WRITE }) { token } }'
  const tokenCount = () => t.db.prisma.apiToken.count()

  it('the portal’s way (POST application/json with the session cookie) needs no extra header', async () => {
    const before = await tokenCount()
    const a = await send(createTokenMutation, { as: 'cookie' })
    expect(codes(a)).toEqual([])
    expect(await tokenCount()).toBe(before + 1)
  })

  it.each([
    ['text/plain', () => JSON.stringify({ query: createTokenMutation })],
    ['application/x-www-form-urlencoded', () => new URLSearchParams({ query: createTokenMutation }).toString()],
    ['text/plain;charset=UTF-8', () => JSON.stringify({ query: createTokenMutation })],
  ])(
    'a cookie POST with content-type %s (a cross-site form) is refused and changes nothing',
    async (contentType, body) => {
      const before = await tokenCount()
      const a = await answer(
        t.app.fetch(URL, {
          method: 'POST',
          headers: { 'content-type': contentType, cookie: puyangCookie },
          body: body(),
        }),
      )
      expect(a.status).toBe(403)
      expect(codes(a)).toEqual(['CSRF_CHECK_FAILED'])
      expect(a.body.errors![0]!.message).toContain(CSRF_HEADER)
      expect(await tokenCount()).toBe(before)
    },
  )

  it('no CORS: another origin gets no Access-Control-Allow-Origin, for a preflight or a request with a cookie', async () => {
    const origin = 'https://evil.example'
    const preflight = await t.app.fetch(URL, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()
    const response = await t.app.fetch(URL, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', cookie: puyangCookie },
      body: JSON.stringify({ query: '{ me { id } }' }),
    })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('a form-encoded mutation with the CSRF header is no longer a CSRF matter (the header proves a non-simple request)', async () => {
    const a = await answer(
      t.app.fetch(URL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', [CSRF_HEADER]: '1' },
        body: new URLSearchParams({ query: '{ __typename }' }).toString(),
      }),
    )
    expect(a.status).toBe(200)
    expect(a.body.data).toEqual({ __typename: 'Query' })
  })

  it('a GET query needs the CSRF header; with it, it runs', async () => {
    const url = `${URL}?query=${encodeURIComponent('{ regions(first: 1) { edges { node { code } } } }')}`
    const without = await answer(t.app.fetch(url, { headers: { accept: 'application/json' } }))
    expect(without.status).toBe(403)
    expect(codes(without)).toEqual(['CSRF_CHECK_FAILED'])
    const withHeader = await answer(t.app.fetch(url, { headers: { accept: 'application/json', [CSRF_HEADER]: '1' } }))
    expect(withHeader.status).toBe(200)
    expect(withHeader.body.data).toMatchObject({ regions: { edges: [{ node: { code: expect.any(String) } }] } })
  })

  it('a mutation over GET is refused with 405 even with the header and a session, and changes nothing', async () => {
    const before = await tokenCount()
    const url = `${URL}?query=${encodeURIComponent(createTokenMutation)}`
    const a = await answer(
      t.app.fetch(url, { headers: { accept: 'application/json', [CSRF_HEADER]: '1', cookie: puyangCookie } }),
    )
    expect(a.status).toBe(405)
    expect(a.headers.get('allow')).toBe('POST')
    expect(a.body).not.toHaveProperty('data')
    expect(await tokenCount()).toBe(before)
  })
})

describe('introspection and field suggestions', () => {
  let production: App
  beforeAll(() => {
    production = appWith({ production: true })
  })

  const schemaQuery = '{ __schema { queryType { name } } }'
  const typeQuery = '{ __type(name: "Region") { name } }'
  const viaFragment = 'query { ...Q } fragment Q on Query { __schema { queryType { name } } }'
  const misspelt = '{ regionz(first: 1) { totalCount } }'

  it.each([schemaQuery, typeQuery, viaFragment])(
    'in production an anonymous %s is INTROSPECTION_DISABLED',
    async (query) => {
      const a = await send(query, { app: production })
      expectRefused(a, 'INTROSPECTION_DISABLED', 403)
      expect(a.body.errors![0]!.message).toContain('仅对已登录用户和 API 令牌开放')
    },
  )

  it('in production a session or a token may introspect', async () => {
    for (const as of ['cookie', 'token'] as const) {
      const a = await send(schemaQuery, { app: production, as })
      expect(codes(a)).toEqual([])
      expect(a.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } })
    }
  })

  it('in production __typename stays open to everyone', async () => {
    expect((await send('{ __typename }', { app: production })).body.data).toEqual({ __typename: 'Query' })
  })

  it('in production anonymous validation errors carry no suggestions; sessions and tokens keep them, whatever the order', async () => {
    const withHints = async (as?: 'cookie' | 'token') => {
      const a = await send(misspelt, { app: production, as })
      expect(codes(a)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
      expect(a.body.errors![0]!.message).toContain('Cannot query field "regionz" on type "Query"')
      return a.body.errors![0]!.message.includes('Did you mean')
    }
    expect(await withHints('cookie')).toBe(true)
    expect(await withHints()).toBe(false)
    expect(await withHints('token')).toBe(true)
    expect(await withHints()).toBe(false)
    expect(await withHints('cookie')).toBe(true)
  })

  it('in production a bad enum value in variables has its suggestion only for a session', async () => {
    const query = 'query($s: [DomainStatus!]) { domains(first: 1, filter: { statuses: $s }) { totalCount } }'
    const message = async (as?: 'cookie') => {
      const a = await send(query, { app: production, as, variables: { s: ['REGISTERE'] } })
      expect(codes(a)).toEqual(['BAD_USER_INPUT'])
      expect(a.body).not.toHaveProperty('data')
      return a.body.errors![0]!.message
    }
    expect(await message('cookie')).toContain('Did you mean the enum value "REGISTERED"?')
    const anonymous = await message()
    expect(anonymous).toContain('"REGISTERE"')
    expect(anonymous).not.toContain('Did you mean')
  })

  it('in development anonymous callers get both', async () => {
    expect((await send(schemaQuery)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } })
    expect((await send(misspelt)).body.errors![0]!.message).toMatch(/Did you mean .*"regions"\?/)
  })
})
