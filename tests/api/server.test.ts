// The yoga app itself: GraphiQL only in development, and no request shape can break it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/yoga.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

describe('GraphiQL', () => {
  it('is served to a browser in development and not in production', async () => {
    const browserGet = { headers: { accept: 'text/html' } }
    const dev = await createApp({ prisma: t.db.prisma, graphiql: true }).fetch('http://test.local/graphql', browserGet)
    expect(dev.status).toBe(200)
    expect(await dev.text()).toContain('graphiql')
    const production = await createApp({ prisma: t.db.prisma, graphiql: false }).fetch(
      'http://test.local/graphql',
      browserGet,
    )
    expect(await production.text()).not.toContain('graphiql')
  })
})

describe('odd requests', () => {
  const bodies: [string, string][] = [
    ['empty body', ''],
    ['JSON null', 'null'],
    ['a number', '42'],
    ['query is a number', JSON.stringify({ query: 42 })],
    ['query is missing', JSON.stringify({ variables: {} })],
    ['variables are a string', JSON.stringify({ query: '{ me { id } }', variables: 'x' })],
    ['unknown operation name', JSON.stringify({ query: 'query A { me { id } }', operationName: 'B' })],
    ['two operations, none named', JSON.stringify({ query: 'query A { me { id } } query B { me { id } }' })],
    ['a batch', JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }])],
    ['deeply nested JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['binary noise', String.fromCharCode(...Array.from({ length: 300 }, (_, i) => (i * 37) % 256))],
    ['an unknown directive', JSON.stringify({ query: '{ me @nope { id } }' })],
    ['a subscription', JSON.stringify({ query: 'subscription { me }' })],
  ]

  it.each(bodies)('%s: a JSON error with a code', async (_label, body) => {
    const response = await t.post(body)
    expect(response.status).toBeGreaterThanOrEqual(200)
    expect(response.status).toBeLessThan(500)
    const text = await response.text()
    const parsed = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] }
    expect(parsed.errors?.length).toBeGreaterThan(0)
    for (const error of parsed.errors!) expect(error.extensions?.code).toMatch(/^[A-Z_]+$/)
    expect(text).not.toMatch(/\bat .+\.(ts|js|mjs):\d+/)
  })

  it('keeps answering afterwards', async () => {
    const response = await t.post(JSON.stringify({ query: '{ __typename }' }))
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } })
  })
})
