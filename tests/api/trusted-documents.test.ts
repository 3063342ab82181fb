// Trusted documents: with enforcement on, a portal session runs only the persisted documents codegen listed in
// web/graphql/generated/persisted-documents.json (sent by hash); operation text needs an API token.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cacheExchange, Client, fetchExchange, gql } from '@urql/core'
import { parse, validate } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTrustedDocuments, normaliseHash } from '../../server/src/http/trustedDocuments.ts'
import { schema } from '../../server/src/schema/index.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { createApp } from '../../server/src/yoga.ts'
import { MarkNotificationsReadDocument, ViewerDocument } from '../../web/graphql/generated/graphql.ts'
import { persistedDocumentsExchange } from '../../web/graphql/persisted.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { createTestApp, type GraphQLErrorShape, type TestApp } from '../testkit/app.ts'
import { repositoryRoot } from '../testkit/paths.ts'

const WEB_MANIFEST = path.join(repositoryRoot, 'web/graphql/generated/persisted-documents.json')
const TESTS_MANIFEST = path.join(repositoryRoot, 'tests/graphql/generated/persisted-documents.json')
const webManifest = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>

/** The manifest entry ("sha256:<hex>" and text) of the portal's operation with this name. */
function portalDocument(operationName: string): { hash: string; text: string } {
  const entry = Object.entries(webManifest).find(([, text]) =>
    new RegExp(`\\b(query|mutation) ${operationName}\\b`).test(text),
  )
  if (!entry) throw new Error(`the portal has no operation ${operationName}`)
  return { hash: entry[0], text: entry[1] }
}

interface Body {
  data?: Record<string, any> | null
  errors?: GraphQLErrorShape[]
}

let t: TestApp
let scratch: string

async function send(app: { fetch: TestApp['app']['fetch'] }, body: unknown, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://test.local/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as Body
  return {
    status: response.status,
    ...json,
    codes: (json.errors ?? []).map((error) => error.extensions?.code),
    headers: response.headers,
  }
}

const post = (body: unknown, headers?: Record<string, string>) => send(t.app, body, headers)
const byHash = (operationName: string, variables: Record<string, unknown>, cookie?: string) =>
  post({ documentId: portalDocument(operationName).hash, variables }, cookie ? { cookie } : {})
const asText = (operationName: string, variables: Record<string, unknown>, cookie?: string) =>
  post({ query: portalDocument(operationName).text, variables }, cookie ? { cookie } : {})

/** Logs in as the portal does: the Login document by its hash. */
async function login(username: string): Promise<string> {
  const result = await byHash('Login', { input: { username, password: DEMO_PASSWORD } })
  expect(result.errors).toBeUndefined()
  const cookie = result.headers.get('set-cookie')
  expect(cookie).toBeTruthy()
  return cookie!.split(';')[0]!
}

beforeAll(async () => {
  t = await createTestApp({ trustedDocuments: { enforce: true, manifests: [WEB_MANIFEST] } })
  scratch = mkdtempSync(path.join(tmpdir(), 'trusted-documents-'))
})
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true })
  await t?.close()
})

describe('the store', () => {
  it('holds every document of the portal manifest under its hash, with the text codegen wrote', () => {
    const store = loadTrustedDocuments({ enforce: true, manifests: [WEB_MANIFEST] })
    const entries = Object.entries(webManifest)
    expect(entries.length).toBeGreaterThan(50)
    expect(store.size).toBe(entries.length)
    for (const [hash, text] of entries) {
      expect(store.get(normaliseHash(hash))).toBe(text)
      // ...and each is valid against the API's schema, so none fails when the portal sends it.
      expect(validate(schema, parse(text)), text).toEqual([])
    }
  })

  it('refuses a manifest whose text was changed under an old hash', () => {
    const { hash, text } = portalDocument('Viewer')
    const tampered = path.join(scratch, 'tampered.json')
    writeFileSync(tampered, JSON.stringify({ [hash]: text.replace('username', 'username passwordChangedAt') }))
    expect(() => loadTrustedDocuments({ enforce: true, manifests: [tampered] })).toThrow(/does not match the sha256/)
    expect(() =>
      createApp({ prisma: t.db.prisma, trustedDocuments: { enforce: true, manifests: [WEB_MANIFEST, tampered] } }),
    ).toThrow(/does not match the sha256/)
  })

  it('fails at start when enforcing without a manifest, telling to run npm run generate; off, it starts', () => {
    const missing = path.join(scratch, 'missing.json')
    expect(() => createApp({ prisma: t.db.prisma, trustedDocuments: { enforce: true, manifests: [missing] } })).toThrow(
      /npm run generate/,
    )
    expect(() =>
      createApp({ prisma: t.db.prisma, trustedDocuments: { enforce: false, manifests: [missing] } }),
    ).not.toThrow()
  })
})

describe('with enforcement on', () => {
  it('runs a portal document sent by hash, as documentId or as the APQ extension (with or without "sha256:")', async () => {
    const cookie = await login('qfzf')
    const { hash } = portalDocument('Viewer')
    const shapes = [
      { documentId: hash },
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } },
    ]
    for (const shape of shapes) {
      const result = await post({ ...shape, variables: {} }, { cookie })
      expect(result.errors).toBeUndefined()
      expect(result.data?.me).toMatchObject({ username: 'qfzf', role: 'UNIT_USER' })
    }
  })

  it('accepts the hash of every portal document (probed with an unknown operation name, so nothing runs)', async () => {
    const cookie = await login('puyang')
    for (const hash of Object.keys(webManifest)) {
      const result = await post({ documentId: hash, operationName: 'NotAnOperation', variables: {} }, { cookie })
      // Found and parsed; only the operation name is unknown (yoga's code for that).
      expect(result.codes, webManifest[hash]).toEqual(['OPERATION_RESOLUTION_FAILURE'])
    }
    // Logout was among them and did not run.
    const viewer = await byHash('Viewer', {}, cookie)
    expect(viewer.data?.me?.username).toBe('puyang')
  })

  it('refuses the same operation sent as text with a session cookie: PERSISTED_QUERY_ONLY, and nothing runs', async () => {
    const cookie = await login('qfzf')
    const loaded = (await byHash('UnitContacts', {}, cookie)).data!.myUnitContacts
    const input = {
      handlerName: loaded.handlerName,
      handlerMobile: loaded.handlerMobile,
      handlerEmail: loaded.handlerEmail,
      handlerIdNumber: loaded.handlerIdNumber ?? makeIdNumber('410922'),
      landline: '0393-7221111',
      address: loaded.address,
      postcode: loaded.postcode,
      version: loaded.version,
    }
    const auditRows = () =>
      t.db.prisma.auditLog.count({ where: { action: 'unit.updateContacts', subjectId: loaded.unitId } })
    const auditBefore = await auditRows()

    const refused = await asText('UpdateUnitContacts', { input }, cookie)
    expect(refused.status).toBe(403)
    expect(refused.codes).toEqual(['PERSISTED_QUERY_ONLY'])
    expect(refused.errors![0]!.message).toContain('API 令牌')
    expect(refused.data).toBeUndefined()
    // A trusted hash does not vouch for text sent beside it.
    const smuggled = await post(
      {
        query: portalDocument('UpdateUnitContacts').text,
        documentId: portalDocument('UpdateUnitContacts').hash,
        variables: { input },
      },
      { cookie },
    )
    expect(smuggled.codes).toEqual(['PERSISTED_QUERY_ONLY'])

    const unchanged = (await byHash('UnitContacts', {}, cookie)).data!.myUnitContacts
    expect(unchanged).toEqual(loaded)
    expect(await auditRows()).toBe(auditBefore)

    // The same change by hash goes through (so the refusal above is the gate, not a bad input).
    const accepted = await byHash('UpdateUnitContacts', { input }, cookie)
    expect(accepted.errors).toBeUndefined()
    expect(accepted.data?.updateUnitContacts).toMatchObject({ landline: '0393-7221111', version: loaded.version + 1 })
    expect(await auditRows()).toBe(auditBefore + 1)
  })

  it('does not log out when Logout is sent as text', async () => {
    const cookie = await login('nanle')
    const refused = await post({ query: 'mutation { logout }' }, { cookie })
    expect(refused.codes).toEqual(['PERSISTED_QUERY_ONLY'])
    expect(refused.headers.get('set-cookie')).toBeNull()
    expect((await byHash('Viewer', {}, cookie)).data?.me?.username).toBe('nanle')
  })

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    for (const id of [`sha256:${'0'.repeat(64)}`, '0'.repeat(64), 'not-a-hash']) {
      const result = await post({ documentId: id, variables: {} })
      expect(result.status).toBe(400)
      expect(result.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND'])
      expect(result.data).toBeUndefined()
    }
  })

  it('refuses an anonymous arbitrary operation, but serves the public portal documents by hash', async () => {
    const arbitrary = await post({ query: '{ __schema { types { name } } }' })
    expect(arbitrary.status).toBe(403)
    expect(arbitrary.codes).toEqual(['PERSISTED_QUERY_ONLY'])
    expect(arbitrary.data).toBeUndefined()

    const verification = await byHash('BadgeVerification', { badgeNumber: 'NOSUCHBADGE' })
    expect(verification.codes).not.toContain('PERSISTED_QUERY_ONLY')
    expect(verification.codes).not.toContain('PERSISTED_QUERY_NOT_FOUND')
  })

  it('runs arbitrary operations for an integrator with an API token; a bad token is refused before anything runs', async () => {
    const cookie = await login('puyang')
    const created = await byHash('CreateApiToken', { input: { name: '可信文档测试', access: 'READ_ONLY' } }, cookie)
    expect(created.errors).toBeUndefined()
    const token = created.data!.createApiToken.token as string

    const result = await post(
      { query: 'query IntegratorUnits { units(first: 100) { totalCount edges { node { name } } } }' },
      { authorization: `Bearer ${token}` },
    )
    expect(result.errors).toBeUndefined()
    const puyang = await t.db.prisma.region.findUniqueOrThrow({ where: { code: '410900' } })
    const expected = await t.db.prisma.unit.count({ where: { region: { path: { startsWith: puyang.path } } } })
    expect(result.data?.units.totalCount).toBe(expected)

    // The token-holder may use the persisted documents too.
    const persisted = await post(
      { documentId: portalDocument('Viewer').hash, variables: {} },
      { authorization: `Bearer ${token}` },
    )
    expect(persisted.codes).not.toContain('PERSISTED_QUERY_ONLY')

    const forged = await post({ query: 'mutation { logout }' }, { authorization: 'Bearer not-a-real-token-0123456789' })
    expect(forged.status).toBe(401)
    expect(forged.codes).toEqual(['INVALID_TOKEN'])
  })

  it('trusts an extra manifest (the browser suite adds the tests\u2019 own documents) only when configured', async () => {
    const testsManifest = JSON.parse(readFileSync(TESTS_MANIFEST, 'utf8')) as Record<string, string>
    const [hash] = Object.entries(testsManifest).find(([, text]) => /mutation TestkitSessionLogin\b/.test(text))!
    const variables = { input: { username: 'qfyy', password: DEMO_PASSWORD } }

    const without = await post({ documentId: hash, variables })
    expect(without.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND'])

    const withExtra = createApp({
      prisma: t.db.prisma,
      graphiql: false,
      trustedDocuments: { enforce: true, manifests: [WEB_MANIFEST, TESTS_MANIFEST] },
    })
    const result = await send(withExtra, { documentId: hash, variables })
    expect(result.errors).toBeUndefined()
    expect(result.data?.login.expiresAt).toBeTruthy()
  })
})

describe('with enforcement off (TRUSTED_DOCUMENTS=off, the API tests\u2019 default)', () => {
  it('runs operation text with a session cookie, and still resolves hashes', async () => {
    const open = createApp({
      prisma: t.db.prisma,
      graphiql: false,
      trustedDocuments: { enforce: false, manifests: [WEB_MANIFEST] },
    })
    const cookie = await login('qfyy')
    const text = await send(open, { query: '{ me { username } }' }, { cookie })
    expect(text.errors).toBeUndefined()
    expect(text.data?.me.username).toBe('qfyy')

    const hashed = await send(open, { documentId: portalDocument('Viewer').hash, variables: {} }, { cookie })
    expect(hashed.data?.me.username).toBe('qfyy')

    const unknown = await send(open, { documentId: `sha256:${'f'.repeat(64)}` })
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND'])
  })
})

describe('the portal\u2019s urql exchange (web/graphql/persisted.ts) against the enforcing API', () => {
  it('sends queries and mutations as their hash only, and the API runs them; a document without a hash is refused', async () => {
    const cookie = await login('qfyy')
    const sent: Record<string, unknown>[] = []
    const client = new Client({
      url: 'http://test.local/graphql',
      // As the browser client: the document cache first, then the persisted exchange.
      exchanges: [cacheExchange, persistedDocumentsExchange(), fetchExchange],
      preferGetMethod: false,
      requestPolicy: 'network-only',
      fetchOptions: { headers: { cookie } },
      fetch: (async (_url: string, init: RequestInit) => {
        expect(init.method).toBe('POST')
        sent.push(JSON.parse(String(init.body)) as Record<string, unknown>)
        return t.app.fetch('http://test.local/graphql', init)
      }) as typeof fetch,
    })

    const viewer = await client.query(ViewerDocument, {}).toPromise()
    expect(viewer.error).toBeUndefined()
    expect(viewer.data?.me?.username).toBe('qfyy')
    const marked = await client.mutation(MarkNotificationsReadDocument, { all: true }).toPromise()
    expect(marked.error).toBeUndefined()

    expect(sent).toHaveLength(2)
    const hashes = [ViewerDocument, MarkNotificationsReadDocument].map(
      (document) => (document as unknown as { __meta__: { hash: string } }).__meta__.hash,
    )
    sent.forEach((body, index) => {
      expect(body.query).toBeUndefined()
      expect(body.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: hashes[index] } })
    })

    const unlisted = await client
      .query(
        gql`
          query Unlisted {
            me {
              username
            }
          }
        `,
        {},
      )
      .toPromise()
    expect(unlisted.data).toBeUndefined()
    expect(unlisted.error?.graphQLErrors.map((error) => error.extensions.code)).toEqual(['PERSISTED_QUERY_ONLY'])
  })
})
