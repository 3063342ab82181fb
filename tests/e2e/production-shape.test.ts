// Issue 22's proof: the production shape on this machine, as a data centre runs it. A PostgreSQL server of the
// file's own; `npm run start:prod`'s supervisor (deploy/start-production.mjs --no-build: the suite built already)
// with two API processes, two portal processes, the scheduler and the delivery worker; a second scheduler and a second
// worker started alone (as systemd would start them), so every claim has a competitor; nginx (Debian's package) in
// front with TLS (a self-signed certificate made here) rendered by deploy/nginx/render.mjs. Through nginx a person
// logs in, applies, reviews and collects a fee in Chromium; then the file shows that sessions, an API token's rate
// limit, the daily charge and notification delivery are shared or claimed once across the processes, that an API
// process killed in the middle of a run of mutations loses none of their effects (the client retries with the same
// idempotency keys), and that /readyz follows PostgreSQL going away and coming back.
// Skipped, with the reason printed, only where nginx, openssl or PostgreSQL's binaries are missing; .ci/run
// installs all three.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderStandaloneConfig, nginxSettings } from '../../deploy/nginx/render.mjs'
import { launchBrowser } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { approvedDomain, Collect, Due } from '../testkit/feePath.ts'
import { documentHash, mustPost, postGraphql, sessionCookie } from '../testkit/http.ts'
import { startMailServer, startSmsServer, type MailServer, type SmsServer } from '../testkit/mail.ts'
import { postgresBinariesInstalled, startOwnPostgres, type OwnPostgres } from '../testkit/ownPostgres.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import { TEST_PII_ENCRYPTION_KEYS } from '../testkit/piiKeys.ts'
import { People } from '../testkit/portal.ts'
import { applyForDomainInPortal, approveDomainInPortal, collectFeeInPortal } from '../testkit/portalFeePath.ts'
import { freePort, SECOND_FACTOR_TEST_ENV, startProcess, type Started } from '../testkit/processes.ts'
import { graphql } from '../graphql/generated/index.ts'

const NGINX = '/usr/sbin/nginx'
function missing(): string | null {
  if (!existsSync(NGINX)) return 'nginx is not installed (Debian: apt-get install nginx)'
  if (!postgresBinariesInstalled()) return 'PostgreSQL 15 binaries are not installed'
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' })
  } catch {
    return 'openssl is not installed'
  }
  return null
}
const unavailable = missing()
if (unavailable) console.warn(`[production-shape] skipped: ${unavailable}`)

const CreateToken = graphql(`
  mutation ProductionShapeCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

const Viewer = graphql(`
  query ProductionShapeViewer {
    me {
      username
    }
  }
`)

/** The API token's budget here: small, so the test spends it in a few dozen requests. */
const TOKEN_POINTS = 30
/** Minutes a process may take to start on a busy two-core machine (two Next servers, two APIs, migrations). */
const START_TIMEOUT_MS = 600_000

let postgres: OwnPostgres | undefined
let folder: string
let supervisor: Started | undefined
const alone: Started[] = []
let nginx: ChildProcess | undefined
let mail: MailServer | undefined
let sms: SmsServer | undefined
let browser: Browser | undefined
let people: People | undefined
let databaseUrl: string
let certificate: string
let httpsPort: number
let portalUrl: string
const ports = { api: 0, web: 0, scheduler: 0, worker: 0, scheduler2: 0, worker2: 0 }
const apiUrl = (i: number) => `http://127.0.0.1:${ports.api + i}`

/** `count` consecutive free ports (the supervisor numbers its processes' ports up from the first). */
async function consecutiveFreePorts(count: number): Promise<number> {
  const bindable = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer()
      server.once('error', () => resolve(false))
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
    })
  for (;;) {
    const first = await freePort()
    if (first + count > 65_535) continue
    const free = await Promise.all(Array.from({ length: count }, (_, i) => bindable(first + i)))
    if (free.every(Boolean)) return first
  }
}

/** A request through nginx over TLS, trusting only the certificate this file made. */
function throughNginx(
  pathAndQuery: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port: httpsPort,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: certificate,
        servername: 'localhost',
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return (await client.query(sql, values)).rows as T[]
  } finally {
    await client.end()
  }
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status
  } catch {
    return 0
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const commonEnv = () => ({
  NODE_ENV: 'production',
  DATABASE_URL: databaseUrl,
  PUBLIC_PORTAL_URL: portalUrl,
  PII_ENCRYPTION_KEYS: TEST_PII_ENCRYPTION_KEYS,
  URL_FORWARD_SERVER_IPV4: '127.0.0.1',
  ...SECOND_FACTOR_TEST_ENV,
  TRUSTED_DOCUMENTS: 'on',
  TRUSTED_DOCUMENTS_EXTRA: path.join(repositoryRoot, 'tests/graphql/generated/persisted-documents.json'),
  API_TOKEN_RATE_POINTS: String(TOKEN_POINTS),
  API_TOKEN_RATE_WINDOW_SECONDS: '3600',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(mail!.port),
  SMS_HTTP_URL: sms!.url,
  NOTIFICATION_POLL_SECONDS: '1',
  // The journeys log in as the demo accounts (start:prod seeds none unless asked).
  SEED_DEMO: 'true',
})

beforeAll(async () => {
  if (unavailable) return
  folder = mkdtempSync(path.join(tmpdir(), 'conac-production-'))
  chmodSync(folder, 0o755)
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      path.join(folder, 'key.pem'),
      '-out',
      path.join(folder, 'cert.pem'),
    ],
    { stdio: 'pipe' },
  )
  // nginx's workers (www-data) read the key; it is this test's throw-away key.
  chmodSync(path.join(folder, 'key.pem'), 0o644)
  certificate = readFileSync(path.join(folder, 'cert.pem'), 'utf8')
  postgres = await startOwnPostgres()
  databaseUrl = postgres.url('conac')
  await new pg.Client({ connectionString: postgres.url() }).connect().then(async (client) => {
    await client.query('CREATE DATABASE conac')
    await client.end()
  })
  mail = await startMailServer()
  sms = await startSmsServer()
  ports.api = await consecutiveFreePorts(2)
  ports.web = await consecutiveFreePorts(2)
  for (const name of ['scheduler', 'worker', 'scheduler2', 'worker2'] as const) ports[name] = await freePort()
  httpsPort = await freePort()
  portalUrl = `https://127.0.0.1:${httpsPort}`

  supervisor = await startProcess({
    name: 'start:prod',
    command: process.execPath,
    args: ['deploy/start-production.mjs', '--no-build'],
    cwd: repositoryRoot,
    env: {
      ...commonEnv(),
      API_PROCESSES: '2',
      PORTAL_PROCESSES: '2',
      API_PORT: String(ports.api),
      WEB_PORT: String(ports.web),
      SCHEDULER_HEALTH_PORT: String(ports.scheduler),
      WORKER_HEALTH_PORT: String(ports.worker),
      URL_FORWARDER: 'off',
    },
    ready: /\[supervisor\] ready/,
    timeoutMs: START_TIMEOUT_MS,
  })
  // A second scheduler and a second worker, each started alone as a systemd unit would start it.
  for (const [name, bundle, port] of [
    ['scheduler', 'dist/scheduler.mjs', ports.scheduler2],
    ['worker', 'dist/worker.mjs', ports.worker2],
  ] as const)
    alone.push(
      await startProcess({
        name: `second ${name}`,
        command: process.execPath,
        args: [bundle],
        cwd: path.join(repositoryRoot, 'server'),
        env: { ...commonEnv(), HEALTH_PORT: String(port) },
        ready: name === 'scheduler' ? /定时任务 running/ : /notification delivery running/,
        timeoutMs: START_TIMEOUT_MS,
      }),
    )

  const settings = nginxSettings({
    API_PROCESSES: '2',
    API_PORT: String(ports.api),
    PORTAL_PROCESSES: '2',
    WEB_PORT: String(ports.web),
    NGINX_HTTPS_PORT: String(httpsPort),
    NGINX_HTTP_PORT: '0',
    NGINX_TLS_CERTIFICATE: path.join(folder, 'cert.pem'),
    NGINX_TLS_CERTIFICATE_KEY: path.join(folder, 'key.pem'),
    NGINX_CACHE_DIR: path.join(folder, 'cache'),
  })
  const configFile = path.join(folder, 'nginx.conf')
  writeFileSync(configFile, renderStandaloneConfig(settings, folder))
  execFileSync(NGINX, ['-t', '-p', folder, '-c', configFile], { stdio: 'pipe' })
  nginx = spawn(NGINX, ['-p', folder, '-c', configFile, '-g', 'daemon off;'], { stdio: 'ignore' })
  await until('nginx answers', async () => {
    try {
      return (await throughNginx('/login')).status === 200
    } catch {
      return false
    }
  })
  browser = await launchBrowser(['--ignore-certificate-errors'])
  people = new People(browser, portalUrl)
}, 1_500_000)

afterAll(async () => {
  await people?.closeAll()
  await browser?.close()
  nginx?.kill('SIGTERM')
  for (const started of alone) await started.stop()
  await supervisor?.stop()
  await mail?.stop()
  await sms?.stop()
  postgres?.remove()
  if (folder) rmSync(folder, { recursive: true, force: true })
}, 180_000)

describe.skipIf(unavailable !== null)('the production shape: nginx, two API and two portal processes', () => {
  it('refuses to start without DATABASE_URL or PUBLIC_PORTAL_URL, saying what to set', () => {
    let output = ''
    let code = 0
    try {
      execFileSync(process.execPath, ['deploy/start-production.mjs', '--no-build'], {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH, NODE_ENV: 'development', API_PROCESSES: 'two' },
        stdio: 'pipe',
      })
    } catch (error) {
      const failed = error as { status: number; stderr: Buffer }
      code = failed.status
      output = failed.stderr.toString()
    }
    expect(code).toBe(2)
    expect(output).toContain('DATABASE_URL must be set')
    expect(output).toContain('PUBLIC_PORTAL_URL must be set')
    expect(output).toContain('NODE_ENV is "development"')
    expect(output).toContain('API_PROCESSES must be a whole number')
  })

  it('a person logs in, applies, reviews and collects a fee through nginx over TLS', { timeout: 600_000 }, async () => {
    await awayFromBeijingMidnight(180_000)
    const name = `生产形态${Date.now().toString(36).slice(-4)}`
    const unit = await people!.loggedIn('qfzf')
    const { fullName } = await applyForDomainInPortal(unit, portalUrl, { name, years: 1 })
    const office = await people!.loggedIn('qingfeng')
    await approveDomainInPortal(office, portalUrl, { by: 'office', fullName })
    const conac = await people!.loggedIn('conac')
    await approveDomainInPortal(conac, portalUrl, { by: 'conac', fullName })
    await collectFeeInPortal(office, portalUrl, { unitName: '清丰县人民政府办公室', fullName, amount: '300.00' })
    // The audit rows of the journey carry the request id nginx gave each request.
    const audited = await query<{ requestId: string | null }>(
      `SELECT "requestId" FROM audit_logs WHERE action = 'domain.apply' ORDER BY id DESC LIMIT 1`,
    )
    expect(audited[0]?.requestId).toMatch(/^[0-9a-f]{32}$/)
  })

  it('a session made on one process works on every other, portal and API alike', async () => {
    const cookie = await sessionCookie(apiUrl(0), 'qingfeng')
    for (const base of [apiUrl(0), apiUrl(1), `http://127.0.0.1:${ports.web}`, `http://127.0.0.1:${ports.web + 1}`]) {
      const result = await postGraphql(base, Viewer, {}, cookie)
      expect(result.data?.me, base).toMatchObject({ username: 'qingfeng' })
    }
  })

  it("an API token's rate limit is one budget across the API processes", async () => {
    const conac = await sessionCookie(apiUrl(0), 'conac')
    const spend = async (token: string, base: string) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        // Not `{ __typename }`: that costs nothing (limits/cost.ts), so it never runs a bucket dry.
        body: JSON.stringify({ query: '{ regions(first: 1) { edges { node { code } } } }' }),
      })
      return response.status
    }
    const allowedBeforeRefusal = async (bases: string[]) => {
      const { createApiToken } = await mustPost(
        apiUrl(0),
        CreateToken,
        { input: { name: `共享限额${bases.length}`, access: 'READ_ONLY' } },
        conac,
      )
      let allowed = 0
      for (let i = 0; i < TOKEN_POINTS * 3; i++) {
        const code = await spend(createApiToken.token, bases[i % bases.length]!)
        if (code === 429) return allowed
        expect(code).toBe(200)
        allowed++
      }
      return allowed
    }
    const onOne = await allowedBeforeRefusal([apiUrl(0)])
    const alternating = await allowedBeforeRefusal([apiUrl(0), apiUrl(1)])
    expect(onOne).toBeGreaterThan(0)
    expect(onOne).toBeLessThanOrEqual(TOKEN_POINTS)
    expect(alternating).toBe(onOne)
  })

  it('the daily charge and every other job ran once for the period although two schedulers tried', async () => {
    await until('the daily charge of today ran', async () => {
      const runs = await query<{ status: string }>(`SELECT status::text FROM job_runs WHERE job = 'dailyCharge'`)
      return runs.some((run) => run.status === 'SUCCEEDED')
    })
    const perPeriod = await query<{ job: string; periodKey: string; runs: number }>(
      `SELECT job, "periodKey", count(*)::int AS runs FROM job_runs GROUP BY 1, 2`,
    )
    expect(perPeriod.length).toBeGreaterThan(0)
    for (const period of perPeriod) expect(period.runs, `${period.job} ${period.periodKey}`).toBe(1)
    // Both schedulers are up and ticking (their health endpoints answer).
    expect(await status(`http://127.0.0.1:${ports.scheduler}/readyz`)).toBe(200)
    expect(await status(`http://127.0.0.1:${ports.scheduler2}/readyz`)).toBe(200)
  })

  it('each notification is delivered once although two workers deliver', async () => {
    await until('the outbox is empty', async () => {
      const [waiting] = await query<{ count: number }>(
        `SELECT count(*)::int AS count FROM notifications WHERE status = 'PENDING' AND channel <> 'IN_APP'`,
      )
      return waiting!.count === 0
    })
    const sent = await query<{ id: number }>(
      `SELECT id FROM notifications WHERE status = 'SENT' AND channel <> 'IN_APP'`,
    )
    expect(sent.length).toBeGreaterThan(0)
    const smsKeys = sms!.received.map((message) => message.idempotencyKey)
    const mailIds = mail!.received.map((message) => message.messageId)
    expect(new Set(smsKeys).size).toBe(smsKeys.length)
    expect(new Set(mailIds).size).toBe(mailIds.length)
    expect(smsKeys.length + mailIds.length).toBe(sent.length)
  })

  it(
    'an API process killed in the middle of a run of fee collections loses none of them',
    { timeout: 600_000 },
    async () => {
      await awayFromBeijingMidnight(180_000)
      const domains = []
      for (let i = 0; i < 8; i++)
        domains.push(
          await approvedDomain(apiUrl(1), {
            unitLogin: 'qfzf',
            officeLogin: 'qingfeng',
            name: `重试收费${Date.now().toString(36).slice(-4)}${i}`,
          }),
        )
      const office = await sessionCookie(apiUrl(1), 'qingfeng')
      const due = await mustPost(apiUrl(1), Due, {}, office)
      const items = due.unitsAwaitingPayment.flatMap((row) =>
        row.items.map((item) => ({ unitId: row.unit.id, domainId: item.domain.id, feeFen: item.feeFen as number })),
      )
      const chosen = domains.map((domain) => items.find((item) => item.domainId === domain.id)!)
      expect(chosen.every(Boolean)).toBe(true)

      // The client: through nginx and the portal, as the browser sends it; a failure is retried with the same key.
      const collect = async (item: (typeof chosen)[number], key: string) => {
        const body = JSON.stringify({
          documentId: documentHash(Collect),
          variables: {
            input: {
              unitId: item.unitId,
              domainIds: [item.domainId],
              amountFen: item.feeFen,
              invoiceCount: 0,
              idempotencyKey: key,
            },
          },
        })
        for (let attempt = 1; ; attempt++) {
          try {
            const response = await throughNginx('/graphql', {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie: office },
              body,
            })
            const result = JSON.parse(response.body.toString()) as { data?: { collectFee?: { id: string } } }
            if (response.status === 200 && result.data?.collectFee)
              return { attempts: attempt, id: result.data.collectFee.id }
          } catch {
            /* the connection broke: try again */
          }
          if (attempt > 60) throw new Error(`collection ${key} never succeeded`)
          await new Promise((resolve) => setTimeout(resolve, 500))
        }
      }
      const pidLine = new RegExp(`\\[supervisor\\] api-1 started \\(pid (\\d+)\\)`, 'g')
      const pids = [...supervisor!.output().matchAll(pidLine)].map((match) => Number(match[1]))
      const api1 = pids.at(-1)!
      const keys = chosen.map((_, i) => `production-shape-${Date.now().toString(36)}-${i}`)
      const [{ startedAt }] = (await query<{ startedAt: Date }>(`SELECT now() AS "startedAt"`)) as [{ startedAt: Date }]
      // Two clients, four collections each, one after another; api-1 dies without warning after the third answer.
      const results: { attempts: number; id: string }[] = []
      let answered = 0
      const lane = async (indices: number[]) => {
        for (const i of indices) {
          results[i] = await collect(chosen[i]!, keys[i]!)
          if (++answered === 3) process.kill(api1, 'SIGKILL')
        }
      }
      await Promise.all([lane([0, 2, 4, 6]), lane([1, 3, 5, 7])])
      // Every collection took effect once: one collection per key, each domain in exactly one.
      const collections = await query<{ domainId: number; times: number }>(
        `SELECT i."domainId", count(*)::int AS times FROM fee_collection_items i
           JOIN fee_collections c ON c.id = i."feeCollectionId" WHERE c."collectedAt" >= $1 GROUP BY 1`,
        [startedAt],
      )
      expect(collections).toHaveLength(keys.length)
      expect(collections.every((row) => row.times === 1)).toBe(true)
      expect(new Set(results.map((result) => result.id)).size).toBe(keys.length)
      // Sending a key again changes nothing and answers with the same collection.
      const again = await collect(chosen[0]!, keys[0]!)
      expect(again.id).toBe(results[0]!.id)
      // The supervisor starts the killed process again.
      await until('api-1 is back', async () => (await status(`${apiUrl(0)}/readyz`)) === 200, 180_000)
      expect(supervisor!.output()).toMatch(/\[supervisor\] api-1 exited \(SIGKILL\); starting it again/)
    },
  )

  it(
    '/readyz turns unready when PostgreSQL stops and ready when it returns; /healthz stays alive',
    { timeout: 600_000 },
    async () => {
      const processes = [
        apiUrl(0),
        apiUrl(1),
        `http://127.0.0.1:${ports.scheduler}`,
        `http://127.0.0.1:${ports.worker}`,
        // A portal is ready when an API process it sends to is.
        `http://127.0.0.1:${ports.web}`,
        `http://127.0.0.1:${ports.web + 1}`,
      ]
      for (const base of processes) expect(await status(`${base}/readyz`), base).toBe(200)
      postgres!.stop()
      try {
        for (const base of processes) {
          await until(`${base} is unready`, async () => (await status(`${base}/readyz`)) === 503)
          expect(await status(`${base}/healthz`), base).toBe(200)
        }
      } finally {
        postgres!.start()
      }
      for (const base of processes)
        await until(`${base} is ready again`, async () => (await status(`${base}/readyz`)) === 200)
      // And it serves again: a login through nginx.
      const login = await throughNginx('/login')
      expect(login.status).toBe(200)
    },
  )

  it('nginx: compressed answers, cached badge files, no metrics, a body limit, and no forged client address', async () => {
    const page = await throughNginx('/login', { headers: { 'accept-encoding': 'gzip' } })
    expect(page.headers['content-encoding']).toBe('gzip')
    const badgeMiss = await throughNginx('/badge/ZZZ000000.svg')
    const badgeHit = await throughNginx('/badge/ZZZ000000.svg')
    expect(badgeMiss.status).toBe(404)
    expect(badgeHit.headers['x-cache-status']).toBe('HIT')
    for (const internal of ['/metrics', '/api/metrics', '/healthz', '/readyz', '/api/readyz'])
      expect((await throughNginx(internal)).status, internal).toBe(404)
    const tooLarge = await throughNginx('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(2 * 1024 * 1024, 32),
    })
    expect(tooLarge.status).toBe(413)
    // A client naming another address in X-Forwarded-For: its login attempt is recorded at the address nginx saw.
    const forged = await throughNginx('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
      body: JSON.stringify({
        documentId: documentHash(LoginDocument),
        variables: { input: { username: 'hebei', password: 'not the password' } },
      }),
    })
    expect(forged.status).toBe(200)
    const [attempt] = await query<{ ip: string | null }>(
      `SELECT ip FROM login_attempts WHERE username = 'hebei' ORDER BY id DESC LIMIT 1`,
    )
    expect(attempt?.ip).toBe('127.0.0.1')
  })
})

const LoginDocument = graphql(`
  mutation ProductionShapeLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`)
