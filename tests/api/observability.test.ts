// Health, metrics and the request log (server/src/observability/): /healthz and /readyz answer what is true now
// (the database is asked on every /readyz), /metrics counts operations by name and errors by code and is served to
// METRICS_ALLOWED only, every request carries an X-Request-Id that its audit rows and its one JSON log line share,
// and the log line never holds a password.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/src/db/connect.ts'
import { parseTrustedProxies } from '../../server/src/lib/clientAddress.ts'
import { runJob, type JobDefinition } from '../../server/src/modules/jobs/registry.ts'
import {
  createObservabilityHandler,
  startObservabilityServer,
  type ObservabilityServer,
} from '../../server/src/observability/health.ts'
import { captureLog } from '../../server/src/observability/log.ts'
import { REQUEST_ID_PATTERN } from '../../server/src/observability/requestId.ts'
import { createApp, type AppOptions } from '../../server/src/yoga.ts'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { freePort } from '../testkit/processes.ts'

const PROBE = 'query ObservabilityProbe { __typename }'
const PROBE_ID = `sha256:${createHash('sha256').update(PROBE).digest('hex')}`
const LOGIN = 'mutation ObservabilityLogin($input: LoginInput!) { login(input: $input) { status } }'

let t: TestApp
let scratch: string
let manifest: string
const servers: Server[] = []

/** The app as main.ts serves it (a real socket: /metrics looks at the peer), with trusted documents enforced. */
async function listen(options: Partial<AppOptions> = {}): Promise<string> {
  const app = createApp({
    prisma: t.db.prisma,
    graphiql: false,
    dnsServer: null,
    trustedDocuments: { enforce: true, manifests: [manifest] },
    ...options,
  })
  const server = createServer(app)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

beforeAll(async () => {
  t = await createTestApp()
  scratch = mkdtempSync(path.join(tmpdir(), 'conac-observability-'))
  manifest = path.join(scratch, 'persisted-documents.json')
  writeFileSync(manifest, JSON.stringify({ [PROBE_ID]: PROBE }))
})
afterAll(async () => {
  for (const server of servers) server.close()
  await t?.close()
  rmSync(scratch, { recursive: true, force: true })
})

const persisted = (base: string, documentId: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ documentId }),
  })

/** The value of one series in Prometheus text (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `))
  return line ? Number(line.slice(series.length + 1)) : 0
}

describe('/healthz and /readyz', () => {
  let base: string
  beforeAll(async () => {
    base = await listen()
  })

  it('/healthz: alive, to anyone', async () => {
    const response = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'alive' })
  })

  it('/readyz: ready on a migrated database', async () => {
    const response = await fetch(`${base}/readyz`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ready' })
  })

  it('/readyz: 503 with a reason when the database cannot be reached, without its error text', async () => {
    const closedPort = await freePort()
    const unreachable = await openDatabase({
      kind: 'postgres',
      url: `postgresql://postgres@127.0.0.1:${closedPort}/nothing_here`,
      poolSize: 1,
    })
    try {
      const { handle } = createObservabilityHandler({ prisma: unreachable.prisma, readyTimeoutMs: 10_000 })
      const response = (await handle(new Request('http://api.local/readyz'), null))!
      expect(response.status).toBe(503)
      const body = await response.json()
      expect(body).toEqual({ status: 'unready', reason: 'database unreachable' })
      expect(JSON.stringify(body)).not.toContain(String(closedPort))
    } finally {
      await unreachable.close().catch(() => {})
    }
  })

  it('/readyz: 503 while a migration this code knows is not applied', async () => {
    const migrations = path.join(scratch, 'migrations')
    mkdirSync(path.join(migrations, '29991231000000_not_yet'), { recursive: true })
    writeFileSync(path.join(migrations, '29991231000000_not_yet', 'migration.sql'), 'SELECT 1;\n')
    const { handle } = createObservabilityHandler({ prisma: t.db.prisma, migrationsDir: migrations })
    const response = (await handle(new Request('http://api.local/readyz'), null))!
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      status: 'unready',
      reason: 'migrations not applied: 1 (first 29991231000000_not_yet)',
    })
  })

  it('/readyz: only GET', async () => {
    const response = await fetch(`${base}/readyz`, { method: 'POST' })
    expect(response.status).toBe(405)
  })

  // The database goes away and comes back under a running process: a TCP relay in front of PostgreSQL is closed
  // (every connection cut) and opened again on the same port.
  it.runIf(process.env.TEST_DATABASE_URL)(
    '/readyz turns unready when PostgreSQL goes away and ready again when it is back',
    async () => {
      const target = new URL(t.db.url!)
      const port = await freePort()
      const sockets = new Set<Socket>()
      const relay = (): Promise<TcpServer> =>
        new Promise((resolve) => {
          const server = createTcpServer((client) => {
            const upstream = connect(Number(target.port), target.hostname)
            for (const socket of [client, upstream]) {
              sockets.add(socket)
              socket.on('close', () => sockets.delete(socket))
              socket.on('error', () => socket.destroy())
            }
            client.pipe(upstream).pipe(client)
          })
          server.listen(port, '127.0.0.1', () => resolve(server))
        })
      let server = await relay()
      const viaRelay = new URL(target)
      viaRelay.host = `127.0.0.1:${port}`
      const database = await openDatabase({ kind: 'postgres', url: viaRelay.toString(), poolSize: 2 })
      const { handle } = createObservabilityHandler({ prisma: database.prisma, readyTimeoutMs: 5_000 })
      const status = async () => (await handle(new Request('http://api.local/readyz'), null))!.status
      const eventually = async (expected: number) => {
        for (let i = 0; i < 120 && (await status()) !== expected; i++)
          await new Promise((resolve) => setTimeout(resolve, 250))
        expect(await status()).toBe(expected)
      }
      try {
        expect(await status()).toBe(200)
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          for (const socket of sockets) socket.destroy()
        })
        await eventually(503)
        server = await relay()
        await eventually(200)
      } finally {
        await database.close().catch(() => {})
        for (const socket of sockets) socket.destroy()
        server.close()
      }
    },
    60_000,
  )

  it('startObservabilityServer: the same three on a port of their own, for processes without a web server', async () => {
    const port = await freePort()
    let observability: ObservabilityServer | null = null
    try {
      observability = await startObservabilityServer({ port, prisma: t.db.prisma })
      expect(observability.url).toBe(`http://127.0.0.1:${port}`)
      expect((await fetch(`${observability.url}/healthz`)).status).toBe(200)
      expect(await (await fetch(`${observability.url}/readyz`)).json()).toEqual({ status: 'ready' })
      const metrics = await fetch(`${observability.url}/metrics`)
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toContain('conac_database_up 1')
      expect((await fetch(`${observability.url}/graphql`)).status).toBe(404)
    } finally {
      await observability?.close()
    }
  })
})

describe('/metrics', () => {
  let base: string
  beforeAll(async () => {
    base = await listen()
  })
  const scrape = async (url = base, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}/metrics`, { headers })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/plain')
    return response.text()
  }

  it('counts a persisted operation by its document’s operation name', async () => {
    const series = 'conac_api_request_duration_seconds_count{operation="ObservabilityProbe",status="200"}'
    const before = sample(await scrape(), series)
    const response = await persisted(base, PROBE_ID)
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } })
    expect(sample(await scrape(), series)).toBe(before + 1)
  })

  it('counts errors by their code', async () => {
    const series = 'conac_api_errors_total{code="PERSISTED_QUERY_NOT_FOUND"}'
    const before = sample(await scrape(), series)
    const response = await persisted(base, `sha256:${'0'.repeat(64)}`)
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] }
    expect(body.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
    const text = await scrape()
    expect(sample(text, series)).toBe(before + 1)
    // A request that ran no operation is counted under a fixed label, never under a name the client sent.
    expect(text).toMatch(/conac_api_request_duration_seconds_count\{operation="\(not executed\)",status="\d+"\} \d/)
  })

  it('shows the outbox backlog and its oldest row’s age, job runs, the database and the process', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000)
    await t.db.prisma.notification.create({
      data: { channel: 'SMS', address: '13600000000', template: 'test', body: '测试', createdAt: hourAgo },
    })
    const job: JobDefinition = {
      name: 'observabilityProbe',
      title: '测试任务',
      schedule: { days: 'DAILY', hour: 1, minute: 0 },
      timeoutMs: 60_000,
      run: async () => ({ probed: 1 }),
    }
    const { run } = await runJob(t.db.prisma, job)
    expect(run.status).toBe('SUCCEEDED')
    const text = await scrape()
    expect(sample(text, 'conac_outbox_backlog{channel="SMS"}')).toBeGreaterThanOrEqual(1)
    expect(sample(text, 'conac_outbox_oldest_age_seconds{channel="SMS"}')).toBeGreaterThanOrEqual(3600)
    expect(sample(text, 'conac_job_runs_total{job_name="observabilityProbe",status="SUCCEEDED"}')).toBe(1)
    expect(
      sample(text, 'conac_job_last_run_timestamp_seconds{job_name="observabilityProbe",status="SUCCEEDED"}'),
    ).toBeCloseTo(run.finishedAt!.getTime() / 1000, 0)
    expect(sample(text, 'conac_database_up')).toBe(1)
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('nodejs_eventloop_lag_seconds')
    // The pg pool behind Prisma (PostgreSQL only: PGlite has none).
    if (process.env.TEST_DATABASE_URL) {
      expect(sample(text, 'conac_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1)
      expect(text).toMatch(/conac_db_pool_connections\{state="waiting"\} \d/)
      expect(sample(text, 'conac_db_pool_max')).toBe(10)
    }
  })

  it('refuses a client that is not on METRICS_ALLOWED, also when forwarded by the portal on this machine', async () => {
    const forwarded = await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })
    expect(forwarded.status).toBe(403)
    const body = (await forwarded.json()) as { errors: { extensions: { code: string } }[] }
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN')
    expect(JSON.stringify(body)).not.toContain('conac_')

    const nobody = await listen({ observability: { metricsAllowed: parseTrustedProxies('none', 'METRICS_ALLOWED') } })
    expect((await fetch(`${nobody}/metrics`)).status).toBe(403)
    const elsewhere = await listen({
      observability: { metricsAllowed: parseTrustedProxies('10.0.0.0/8', 'METRICS_ALLOWED') },
    })
    expect((await fetch(`${elsewhere}/metrics`)).status).toBe(403)
  })

  it('with METRICS_TOKEN, asks the allowed addresses for the bearer token as well', async () => {
    const guarded = await listen({ observability: { metricsToken: 'scrape-secret-0123456789' } })
    const without = await fetch(`${guarded}/metrics`)
    expect(without.status).toBe(401)
    expect(without.headers.get('www-authenticate')).toBe('Bearer')
    expect((await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    await scrape(guarded, { authorization: 'Bearer scrape-secret-0123456789' })
    const forwarded = await fetch(`${guarded}/metrics`, {
      headers: { authorization: 'Bearer scrape-secret-0123456789', 'x-forwarded-for': '203.0.113.7' },
    })
    expect(forwarded.status).toBe(403)
  })
})

describe('the request id', () => {
  let base: string
  beforeAll(async () => {
    base = await listen()
  })

  it('is the request’s X-Request-Id when well-formed, returned on the answer', async () => {
    const id = 'obs-test-0001-abcdef'
    const response = await persisted(base, PROBE_ID, { 'x-request-id': id })
    expect(response.headers.get('x-request-id')).toBe(id)
    const nginxStyle = 'f3b1c2d4e5f60718293a4b5c6d7e8f90'
    expect(
      (await fetch(`${base}/healthz`, { headers: { 'x-request-id': nginxStyle } })).headers.get('x-request-id'),
    ).toBe(nginxStyle)
  })

  it.each([
    ['absent', undefined],
    ['too short', 'abc123'],
    ['too long', 'a'.repeat(65)],
    ['spaces and quotes', 'id with "quotes" 123'],
    ['two ids joined', 'first-id-0001, second-id-0002'],
    ['markup', '<script>alert(1)</script>'],
  ])('%s: replaced by a fresh one', async (_label, sent) => {
    const response = await persisted(base, PROBE_ID, sent === undefined ? {} : { 'x-request-id': sent })
    const id = response.headers.get('x-request-id')!
    expect(id).toMatch(REQUEST_ID_PATTERN)
    expect(id).not.toBe(sent)
  })

  it('is on every audit row the request wrote, and readable in 操作日志', async () => {
    const id = 'obs-audit-0002-login'
    const response = await t.app.fetch('http://test.local/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': id },
      body: JSON.stringify({ query: LOGIN, variables: { input: { username: 'henan', password: DEMO_PASSWORD } } }),
    })
    expect(await response.json()).toEqual({ data: { login: { status: 'SIGNED_IN' } } })
    expect(response.headers.get('x-request-id')).toBe(id)
    const rows = await t.db.prisma.auditLog.findMany({ where: { requestId: id } })
    expect(rows.map((row) => row.action)).toEqual(['auth.login'])

    const conac = await t.login('conac')
    const page = await t.post(
      JSON.stringify({
        query:
          'query ObservabilityAudit { auditLogs(first: 20, filter: { action: "auth.login" }) { edges { node { requestId } } } }',
      }),
      { cookie: conac },
    )
    const { data } = (await page.json()) as {
      data: { auditLogs: { edges: { node: { requestId: string | null } }[] } }
    }
    expect(data.auditLogs.edges.map((edge) => edge.node.requestId)).toContain(id)
  })
})

describe('the request log', () => {
  it('one JSON line per request: method, path, operation, status, duration, request id, error codes; never the password', async () => {
    const password = 'Wr0ng-Obs3rvable-Passw0rd!'
    const id = 'obs-log-0003-wrongpassword'
    const capture = captureLog()
    let response: Response
    try {
      response = await t.app.fetch('http://test.local/graphql?debug=token-in-query', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': id, cookie: 'conac_session=secret-cookie' },
        body: JSON.stringify({ query: LOGIN, variables: { input: { username: 'henan', password } } }),
      })
      await response.json()
    } finally {
      capture.stop()
    }
    const lines = capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const mine = lines.filter((line) => line.requestId === id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      level: 'info',
      component: 'http',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      operation: 'ObservabilityLogin',
      status: 200,
      requestId: id,
      errors: ['INVALID_CREDENTIALS'],
    })
    expect(typeof mine[0]!.ms).toBe('number')
    expect(typeof mine[0]!.time).toBe('string')
    const everything = capture.lines.join('\n')
    expect(everything).not.toContain(password)
    expect(everything).not.toContain('secret-cookie')
    expect(everything).not.toContain('token-in-query')
    expect(everything).not.toContain('variables')
    for (const line of capture.lines) expect(line.endsWith('\n')).toBe(true)
  })

  it('a request without errors has no errors field; plain routes are logged by path', async () => {
    const capture = captureLog()
    try {
      await t.app.fetch('http://test.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'obs-log-0004-typename' },
        body: JSON.stringify({ query: '{ __typename }' }),
      })
      await t.app.fetch('http://test.local/exports/nothing.csv', { headers: { 'x-request-id': 'obs-log-0005-export' } })
    } finally {
      capture.stop()
    }
    const byId = new Map(
      capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>).map((l) => [l.requestId, l]),
    )
    expect(byId.get('obs-log-0004-typename')).toMatchObject({ operation: '(anonymous)', status: 200 })
    expect(byId.get('obs-log-0004-typename')).not.toHaveProperty('errors')
    expect(byId.get('obs-log-0005-export')).toMatchObject({
      method: 'GET',
      path: '/exports/nothing.csv',
      operation: null,
      status: 404,
      errors: ['NOT_FOUND'],
    })
  })
})
