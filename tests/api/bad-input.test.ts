// Malformed requests get a clear coded error, change nothing, and never show a stack trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testkit/app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

async function codesOf(response: Response) {
  const text = await response.text()
  expect(text).not.toMatch(/\bat .+\.(ts|js|mjs):\d+/) // no stack frames
  expect(text).not.toContain('"stack"')
  const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] }
  for (const error of body.errors ?? []) expect(error.message.length).toBeGreaterThan(0)
  return (body.errors ?? []).map((error) => error.extensions?.code)
}

describe('bad input', () => {
  // GraphQL over HTTP: with the graphql-response+json media type, request errors are 400s.
  const strict = { accept: 'application/graphql-response+json' }

  it('malformed GraphQL: GRAPHQL_PARSE_FAILED with 400', async () => {
    const response = await t.post(JSON.stringify({ query: '{ me { id ' }), strict)
    expect(response.status).toBe(400)
    expect(await codesOf(response)).toEqual(['GRAPHQL_PARSE_FAILED'])
  })

  it('unknown field or argument: GRAPHQL_VALIDATION_FAILED with 400', async () => {
    const unknownField = await t.post(JSON.stringify({ query: '{ me { passwordHash } }' }), strict)
    expect(unknownField.status).toBe(400)
    expect(await codesOf(unknownField)).toEqual(['GRAPHQL_VALIDATION_FAILED'])
    const unknownArgument = await t.post(JSON.stringify({ query: '{ regions(where: "x") { totalCount } }' }))
    expect(await codesOf(unknownArgument)).toContain('GRAPHQL_VALIDATION_FAILED')
  })

  it('a variable of the wrong type: BAD_USER_INPUT, refused before anything runs', async () => {
    const response = await t.post(
      JSON.stringify({ query: 'mutation ($input: LoginInput!) { login(input: $input) { expiresAt } }', variables: { input: { username: 1 } } }),
    )
    expect(response.status).toBe(400)
    const codes = await codesOf(response)
    expect(codes.length).toBeGreaterThan(0)
    expect(new Set(codes)).toEqual(new Set(['BAD_USER_INPUT']))
    expect(await t.db.prisma.loginAttempt.count()).toBe(0)
  })

  it('a body that is not JSON: BAD_REQUEST', async () => {
    const response = await t.post('this is not json')
    expect(response.status).toBe(400)
    expect(await codesOf(response)).toEqual(['BAD_REQUEST'])
  })

  it('an oversized body: 413 PAYLOAD_TOO_LARGE, whether or not its length is declared', async () => {
    const big = JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(200_000) } })
    const declared = await t.post(big, { 'content-length': String(Buffer.byteLength(big)) })
    expect(declared.status).toBe(413)
    expect(await codesOf(declared)).toEqual(['PAYLOAD_TOO_LARGE'])

    const bytes = new TextEncoder().encode(big)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384))
        controller.close()
      },
    })
    const chunked = await t.app.fetch('http://test.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(await codesOf(chunked)).toEqual(['PAYLOAD_TOO_LARGE'])
  })

  it('a mutation over GET is refused', async () => {
    // With the CSRF header a GET gets as far as yoga's method check (without it, CSRF prevention refuses it first).
    const response = await t.app.fetch(`http://test.local/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    })
    expect(response.status).toBe(405)
    expect(await codesOf(response)).toEqual(['BAD_REQUEST'])
  })

  it('an unexpected failure is masked as INTERNAL_SERVER_ERROR without details', async () => {
    // Break the database under the app: the resolver's error must not reach the client as it is.
    const cookie = await t.login('conac')
    await t.db.sql.exec('ALTER TABLE "units" RENAME TO "units_hidden"')
    try {
      const response = await t.post(JSON.stringify({ query: '{ units { totalCount } }' }), { cookie })
      const text = await response.clone().text()
      expect(await codesOf(response)).toEqual(['INTERNAL_SERVER_ERROR'])
      expect(text).not.toContain('units_hidden')
      expect(text).not.toContain('relation')
    } finally {
      await t.db.sql.exec('ALTER TABLE "units_hidden" RENAME TO "units"')
    }
  })
})
