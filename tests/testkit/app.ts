// A test instance of the API: its own database and a yoga app called through yoga.fetch (no port), with typed
// documents so variables and results are checked by the compiler.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print } from 'graphql'
import { createApp, type App, type AppOptions } from '../../server/src/yoga.ts'
import { openDatabase } from '../../server/src/db/connect.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export interface GraphQLErrorShape {
  message: string
  path?: (string | number)[]
  extensions?: { code?: string; [key: string]: unknown }
}

export interface Result<TData> {
  status: number
  data?: TData | null
  errors?: GraphQLErrorShape[]
  headers: Headers
}

export interface Credentials {
  /** A Cookie header value, e.g. from login() */
  cookie?: string
  /** An API token for Authorization: Bearer */
  token?: string
  /** Client address as the API should see it (for throttling tests) */
  ip?: string
}

export interface TestApp {
  db: TestDatabase
  app: App
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    credentials?: Credentials,
  ): Promise<Result<TData>>
  /** Posts a raw body (for malformed-input tests). */
  post(body: BodyInit, headers?: Record<string, string>): Promise<Response>
  /** Logs in with the demo password (or the one given) in one step (no second factor) and returns the session cookie. */
  login(username: string, password?: string): Promise<string>
  close(): Promise<void>
}

export interface TestAppOptions extends Pick<
  AppOptions,
  | 'limits'
  | 'rateLimit'
  | 'production'
  | 'outbound'
  | 'smsBudget'
  | 'signIn'
  | 'dnsServer'
  | 'rdapRateLimit'
  | 'apiTokenCacheMs'
> {
  poolSize?: number
  /** Serve this database instead of a fresh copy of the template (a restored backup); close() destroys it. */
  database?: TestDatabase
  /**
   * Trusted documents: off by default here, since the API tests post their own documents as text with session
   * cookies; tests/api/trusted-documents.test.ts turns enforcement on.
   */
  trustedDocuments?: AppOptions['trustedDocuments']
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return appOn(options.database ?? (await createTestDatabase({ poolSize: options.poolSize })), options)
}

/**
 * Another API process over `t`'s PostgreSQL database, as a second `npm start` would be: its own Prisma client and
 * pool (its own connections, its own LISTEN connection) and its own app. close() closes its connections only.
 */
export async function createSecondProcess(t: TestApp, options: TestAppOptions = {}): Promise<TestApp> {
  if (!t.db.url) throw new Error('a second process needs PostgreSQL (TEST_DATABASE_URL)')
  const database = await openDatabase({ kind: 'postgres', url: t.db.url, poolSize: options.poolSize ?? 10 })
  return appOn({ ...database, url: t.db.url, destroy: () => database.close() }, options)
}

function appOn(db: TestDatabase, options: TestAppOptions): TestApp {
  const { limits, rateLimit, production, outbound, smsBudget, signIn, dnsServer, rdapRateLimit, apiTokenCacheMs } =
    options
  const app = createApp({
    dnsServer: dnsServer ?? null,
    prisma: db.prisma,
    graphiql: false,
    trustedDocuments: options.trustedDocuments ?? { enforce: false },
    limits,
    rateLimit,
    production,
    outbound,
    smsBudget,
    signIn,
    rdapRateLimit,
    apiTokenCacheMs,
  })
  const url = 'http://test.local/graphql'

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    Promise.resolve(
      app.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    )

  async function execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    credentials: Credentials = {},
  ): Promise<Result<TData>> {
    const headers: Record<string, string> = {}
    if (credentials.cookie) headers.cookie = credentials.cookie
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
    if (credentials.ip) headers['x-test-client-address'] = credentials.ip
    const response = await post(JSON.stringify({ query: print(document), variables }), headers)
    const body = (await response.json()) as { data?: TData | null; errors?: GraphQLErrorShape[] }
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers }
  }

  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const response = await post(
      JSON.stringify({
        query: 'mutation Login($input: LoginInput!) { login(input: $input) { status expiresAt } }',
        variables: { input: { username, password } },
      }),
    )
    const body = (await response.json()) as { data?: { login?: { status?: string } }; errors?: unknown }
    // A one-step login only: demo accounts outside production, unit users, SECOND_FACTOR=off. A test of the second
    // step (tests/api/second-factor.test.ts) drives login and completeLogin itself.
    const status = body.data?.login?.status
    const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith('conac_session='))
    if (body.errors || status !== 'SIGNED_IN' || !setCookie)
      throw new Error(`login as ${username} failed: ${status ?? ''} ${JSON.stringify(body.errors)}`)
    return setCookie.split(';')[0]!
  }

  return { db, app, execute, post, login, close: () => db.destroy() }
}

/** The codes of a result's errors, for compact assertions. */
export function errorCodes(result: { errors?: GraphQLErrorShape[] }): (string | undefined)[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}
