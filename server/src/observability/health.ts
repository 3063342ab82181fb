// /healthz, /readyz and /metrics, for any process of the server: the API serves them beside /graphql (yoga.ts), and
// a process without a web server of its own (the scheduler, the notification worker run apart) mounts them on a small
// one with startObservabilityServer({ port, prisma }).
//
// - GET /healthz: 200 while the process runs (nothing else is looked at: a restart is the cure only for a dead
//   process). Cheap and unauthenticated.
// - GET /readyz: 200 when the database answers within READY_TIMEOUT_MS and every migration this code knows is
//   applied, else 503 with a JSON reason. The database is asked on every call (concurrent calls share one check),
//   so it turns unready as soon as PostgreSQL stops and ready again when it is back. Unauthenticated; the reason
//   says what is wrong without the database's own error text (addresses, names), which goes to the log instead.
// - GET /metrics: Prometheus text (observability/metrics.ts), only to METRICS_ALLOWED addresses (by default this
//   machine) and, when METRICS_TOKEN is set, only with `Authorization: Bearer <METRICS_TOKEN>` as well. nginx does
//   not proxy any of these paths, and the portal does not either.
import { timingSafeEqual } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { config } from '../config.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { normaliseAddress } from '../lib/clientAddress.ts'
import { logFor } from './log.ts'
import { collectDatabaseMetrics, registry } from './metrics.ts'

export const OBSERVABILITY_PATHS = new Set(['/healthz', '/readyz', '/metrics'])

export interface ObservabilityOptions {
  prisma: PrismaClient
  /** How long /readyz and the database gauges of /metrics wait for the database; default READY_TIMEOUT_MS. */
  readyTimeoutMs?: number
  /** Who may read /metrics; default METRICS_ALLOWED (this machine). */
  metricsAllowed?: { has(address: string): boolean }
  /** The bearer token /metrics asks for as well; default METRICS_TOKEN (unset: none). */
  metricsToken?: string | null
  /** The migrations the database must have; default prisma/migrations. */
  migrationsDir?: string
}

export type Readiness = { ready: true } | { ready: false; reason: string; /** For the log only. */ detail?: string }

/** The names of the migrations in `dir` (the folders holding a migration.sql). */
function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

const refusal = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  json(status, { errors: [{ message, extensions: { code } }] }, headers)

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The path of a request URL without parsing all of it (this runs for every request the API gets). */
export function pathOf(url: string): string {
  const scheme = url.indexOf('//')
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 2)
  if (start < 0) return '/'
  const query = url.indexOf('?', start)
  return url.slice(start, query < 0 ? undefined : query)
}

/**
 * The three endpoints as a handler: answers their paths, null for any other. `clientAddress` is who asks, as the
 * caller determined it (the API: the client's address through its trusted proxies; the small server: the socket).
 */
export function createObservabilityHandler(options: ObservabilityOptions) {
  const { prisma } = options
  const timeoutMs = options.readyTimeoutMs ?? config.observability.readyTimeoutMs
  const allowed = options.metricsAllowed ?? config.observability.metricsAllowed
  const token = options.metricsToken === undefined ? config.observability.metricsToken : options.metricsToken
  const migrationsDir = options.migrationsDir ?? config.migrationsDir
  const log = logFor('health')
  let expected: string[] | null = null
  let inFlight: Promise<Readiness> | null = null
  let wasReady: boolean | null = null

  async function check(): Promise<Readiness> {
    expected ??= migrationNames(migrationsDir)
    let timer: NodeJS.Timeout | undefined
    try {
      const rows = await Promise.race([
        prisma.$queryRaw<{ name: string }[]>`
          SELECT "migration_name" AS "name" FROM "_prisma_migrations"
          WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs)
        }),
      ])
      const applied = new Set(rows.map((row) => row.name))
      const missing = expected.filter((name) => !applied.has(name))
      if (missing.length)
        return { ready: false, reason: `migrations not applied: ${missing.length} (first ${missing[0]})` }
      return { ready: true }
    } catch (error) {
      const message = String((error as Error)?.message ?? error)
      return {
        ready: false,
        reason: message.includes('_prisma_migrations') ? 'migrations not applied' : 'database unreachable',
        detail: message.replace(/\s+/g, ' ').trim().slice(0, 500),
      }
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * The database and the migrations, now (one check at a time; callers meanwhile share it). Logged when the answer
   * changes, not on every probe.
   */
  function readiness(): Promise<Readiness> {
    inFlight ??= check().then((result) => {
      inFlight = null
      if (wasReady !== result.ready) {
        if (result.ready) log.info('ready')
        else log.warn({ reason: result.reason, detail: result.detail }, 'not ready')
        wasReady = result.ready
      }
      return result
    })
    return inFlight
  }

  async function metrics(request: Request, clientAddress: string | null): Promise<Response> {
    if (!clientAddress || !allowed.has(clientAddress))
      return refusal(403, 'FORBIDDEN', '/metrics is served only to the addresses in METRICS_ALLOWED')
    if (token) {
      const header = request.headers.get('authorization') ?? ''
      const given = /^Bearer (.+)$/i.exec(header)?.[1]?.trim() ?? ''
      if (!sameSecret(given, token))
        return refusal(401, 'UNAUTHENTICATED', '/metrics needs Authorization: Bearer <METRICS_TOKEN>', {
          'www-authenticate': 'Bearer',
        })
    }
    await collectDatabaseMetrics(prisma, timeoutMs)
    return new Response(await registry.metrics(), {
      status: 200,
      headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
    })
  }

  async function handle(request: Request, clientAddress: string | null): Promise<Response | null> {
    const route = pathOf(request.url)
    if (!OBSERVABILITY_PATHS.has(route)) return null
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refusal(405, 'BAD_REQUEST', `${route} only answers GET`, { allow: 'GET, HEAD' })
    if (route === '/healthz') return json(200, { status: 'alive' })
    if (route === '/readyz') {
      const result = await readiness()
      return result.ready
        ? json(200, { status: 'ready' })
        : json(503, { status: 'unready', reason: result.reason }, { 'retry-after': '5' })
    }
    return metrics(request, clientAddress)
  }

  return { handle, readiness }
}

export interface ObservabilityServer {
  server: Server
  /** http://host:port */
  url: string
  close(): Promise<void>
}

/**
 * /healthz, /readyz and /metrics on their own port, for a process that serves nothing else (the scheduler, the
 * notification worker). The socket's peer is who asks (no proxy is believed here). Other paths: 404.
 */
export function startObservabilityServer(
  options: ObservabilityOptions & { port: number; host?: string },
): Promise<ObservabilityServer> {
  const { handle } = createObservabilityHandler(options)
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    let request: Request
    try {
      // Other methods are refused by handle() alike (a Request cannot even be made for some, e.g. TRACE).
      request = new Request(new URL(req.url ?? '/', 'http://localhost'), {
        method: req.method === 'HEAD' ? 'HEAD' : req.method === 'GET' ? 'GET' : 'POST',
        headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
      })
    } catch {
      res.writeHead(400).end()
      return
    }
    handle(request, normaliseAddress(req.socket.remoteAddress))
      .then(async (response) => {
        const answer = response ?? refusal(404, 'NOT_FOUND', 'only /healthz, /readyz and /metrics are served here')
        res.writeHead(answer.status, Object.fromEntries(answer.headers))
        res.end(req.method === 'HEAD' ? undefined : Buffer.from(await answer.arrayBuffer()))
      })
      .catch((error: unknown) => {
        logFor('health').error({ err: (error as Error).message }, 'observability request failed')
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => {
      server.off('error', reject)
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : options.port
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}
