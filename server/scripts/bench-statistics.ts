// Issue 8's speed targets, measured on the national dataset (server/scripts/national/generate.ts) in PostgreSQL:
//   1. regionStatistics for one province subtree (with its cities): p95 <= 50 ms
//   2. national regionStatistics (with the provinces): p95 <= 100 ms
//   Both with the portal's own 统计分析 operation (RegionStatisticsDashboard: every figure and monthly series of the
//   region, and the table's figures of each child).
//   3. the office review-queue page operation (the portal's DomainReviewQueue document, 20 rows with unit, region
//      and review decisions): at most 4 SQL statements, and p95 <= 30 ms with 20 concurrent clients.
// Requests go through the real app (yoga, shield, limits) with an API token, as an integrator's would. The
// statistics are timed from the pre-aggregated counters (modules/statistics/counters.ts, the server's source) and,
// in the same process, from the baseline GROUP BY over the base tables (baseline.ts); the ratio is printed.
// BENCH_BASELINE_RUNS (default 5) runs of the baseline: at national scale one takes tens of seconds.
// Reports; does not gate (exit 0), exit 1 only if it cannot run.
//
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55433/national npx tsx server/scripts/bench-statistics.ts
import os from 'node:os'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { config } from '../src/config.ts'
import { usePreparedStatements } from '../src/db/prepared.ts'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../src/lib/tokens.ts'
import { busiestCounty, percentile, portalDocument, tokenFor } from './bench-support.ts'
import { counterStatisticsSource } from '../src/modules/statistics/counters.ts'
import { useStatisticsSource } from '../src/modules/statistics/loader.ts'
import { sqlStatisticsSource } from '../src/modules/statistics/baseline.ts'
import { createApp, type App } from '../src/yoga.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 40)
// A running server is warm: V8 optimises the request path only after some dozens of requests (a province's
// dashboard takes ~100 ms in the first 40 and ~65 ms from the hundredth on), so every timing starts after these.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100)
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 5)
const CLIENTS = 20
const QUEUE_REQUESTS_PER_CLIENT = Number(process.env.BENCH_QUEUE_REQUESTS ?? 10)
const URL_ = 'http://bench.local/graphql'

/** Counts every SQL statement the app's pool sends, so one operation's statements can be counted. */
let statements = 0
/** BENCH_LOG_SQL=1 (or =full, with the whole text and values) prints each counted statement of the measured requests (not of the timed runs). */
let logStatements = false
/** While not null, every statement the pool sends is kept (text and values), to be replayed without the API. */
let recorded: { name?: string; text: string; values: unknown[] }[] | null = null
class CountingClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one override for all of pg's query() overloads, which return different things
  override query(...args: unknown[]): any {
    statements += 1
    if (recorded) {
      const first = args[0] as string | { name?: string; text: string; values?: unknown[] }
      recorded.push(
        typeof first === 'string'
          ? { text: first, values: (args[1] as unknown[]) ?? [] }
          : { name: first.name, text: first.text, values: first.values ?? [] },
      )
    }
    if (logStatements) {
      const first = args[0] as string | { text?: string }
      const text = typeof first === 'string' ? first : (first?.text ?? String(first))
      const values = typeof args[1] === 'object' ? args[1] : (args[0] as { values?: unknown })?.values
      const full = process.env.BENCH_LOG_SQL === 'full'
      console.log(
        `  SQL ${statements}: ${full ? text : text.replace(/\s+/g, ' ').slice(0, 400)}${full && values ? ` -- ${JSON.stringify(values)}` : ''}`,
      )
    }
    return (super.query as (...a: unknown[]) => unknown)(...args)
  }
}
const LOG_SQL = process.env.BENCH_LOG_SQL === '1' || process.env.BENCH_LOG_SQL === 'full'
/** BENCH_ONLY=queue runs only the review-queue part; BENCH_ONLY=statistics only the regionStatistics part. */
const ONLY = process.env.BENCH_ONLY ?? ''

/** The last twelve whole Beijing months before the current one (month-aligned: answered from the counters). */
function lastTwelveMonths(): { from: string; to: string } {
  const now = new Date(Date.now() + 8 * 3_600_000)
  const month = (offset: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
    return `${d.toISOString().slice(0, 7)}-01T00:00:00+08:00`
  }
  return { from: month(-12), to: month(0) }
}

const fmt = (ms: number) => ms.toFixed(1)

/** A bearer token, or `cookie:<header>` for a portal session. */
async function post(app: App, token: string, query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now()
  const auth: Record<string, string> = token.startsWith('cookie:')
    ? { cookie: token.slice('cookie:'.length) }
    : { authorization: `Bearer ${token}` }
  const response = await app.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }
  const ms = performance.now() - started
  if (body.errors?.length) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 500)}`)
  return ms
}

async function timeSequential(
  label: string,
  run: () => Promise<number>,
  target: number | null,
  runs = RUNS,
  warmup = WARMUP,
) {
  for (let i = 0; i < warmup; i++) await run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await run())
  times.sort((a, b) => a - b)
  const p95 = percentile(times, 95)
  const verdict = target === null ? '' : ` (target <= ${target} ms) ${p95 <= target ? 'PASS' : 'FAIL'}`
  console.log(`${label}: median ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms over ${runs} runs${verdict}`)
  return p95
}

/** The same request from the counters (timed against the target) and from the baseline; prints baseline / counters. */
async function compareSources(label: string, run: () => Promise<number>, target: number) {
  const counters = await timeSequential(`${label}, counters`, run, target)
  if (BASELINE_RUNS === 0) return // BENCH_BASELINE_RUNS=0: the counters alone, while working on them
  const previous = useStatisticsSource(sqlStatisticsSource)
  let baseline: number
  try {
    baseline = await timeSequential(`${label}, baseline GROUP BY`, run, null, BASELINE_RUNS, 1)
  } finally {
    useStatisticsSource(previous)
  }
  console.log(`${label}: baseline p95 / counters p95 = ${(baseline / counters).toFixed(0)}x`)
}

/** A portal session of `userId`, made for the run and revoked at the end; returns the Cookie header. */
async function sessionFor(prisma: PrismaClient, userId: number) {
  const secret = newSecret('s')
  const session = await prisma.session.create({
    data: {
      tokenHash: sha256Hex(secret),
      userId,
      expiresAt: new Date(Date.now() + 3_600_000),
      userAgent: 'bench-statistics',
    },
  })
  return { cookie: `cookie:${config.session.cookieName}=${secret}`, id: session.id }
}

/** The statements of one request, after one identical request to warm caches (printed with BENCH_LOG_SQL=1). */
async function countStatements(label: string, run: () => Promise<unknown>) {
  await run()
  statements = 0
  logStatements = LOG_SQL
  if (LOG_SQL) console.log(`${label}:`)
  try {
    await run()
  } finally {
    logStatements = false
  }
  return statements
}

/**
 * The database's share of the review queue: the statements of one request (token lookup included), recorded
 * from the app and replayed as they are, one connection per client, 20 clients at once, without the API process
 * around them. Separates what PostgreSQL takes from what the Node process takes.
 */
async function replayQueueSql(url: string, request: () => Promise<unknown>) {
  recorded = []
  try {
    await request()
  } finally {
    const sql = recorded
    recorded = null
    const pool = new pg.Pool({ connectionString: url, max: CLIENTS })
    try {
      const replay = async (client: pg.PoolClient) => {
        const started = performance.now()
        for (const statement of sql)
          await client.query({ name: statement.name, text: statement.text, values: statement.values, rowMode: 'array' })
        return performance.now() - started
      }
      const warm = await pool.connect()
      for (let i = 0; i < 20; i++) await replay(warm)
      warm.release()
      const latencies: number[] = []
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const client = await pool.connect()
          try {
            for (let i = 0; i < QUEUE_REQUESTS_PER_CLIENT; i++) latencies.push(await replay(client))
          } finally {
            client.release()
          }
        }),
      )
      latencies.sort((a, b) => a - b)
      console.log(
        `review queue SQL alone (the request's ${sql.length} statements replayed, ${CLIENTS} concurrent connections x ${QUEUE_REQUESTS_PER_CLIENT}): median ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms`,
      )
    } finally {
      await pool.end()
    }
  }
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL
  if (!url) throw new Error('Set BENCH_DATABASE_URL to the national dataset (see server/scripts/national/generate.ts)')
  const pool = new pg.Pool({
    connectionString: url,
    max: CLIENTS,
    Client: CountingClient as unknown as typeof pg.Client,
  })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  // As openDatabase does: the hot raw statements go as named prepared statements through this pool.
  usePreparedStatements(prisma, pool)
  // The per-token rate limit would refuse a benchmark; everything else is the server as it runs.
  const app = createApp({
    prisma,
    graphiql: false,
    trustedDocuments: { enforce: false },
    rateLimit: { points: 1e12, windowSeconds: 3600 },
  })
  const counts = await prisma.$queryRawUnsafe<{ units: bigint; domains: bigint; apps: bigint }[]>(
    'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM domains) AS domains, (SELECT count(*) FROM site_applications) AS apps',
  )
  console.log(
    `regionStatistics and review-queue benchmark — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), PostgreSQL`,
  )
  console.log(
    `dataset: ${counts[0]!.units} units, ${counts[0]!.domains} domains, ${counts[0]!.apps} site applications; ${RUNS} runs each`,
  )

  const province = process.env.BENCH_PROVINCE ?? '410000'
  const conac = await tokenFor(prisma, '100000')
  const provinceToken = await tokenFor(prisma, province)
  let session: { cookie: string; id: number } | undefined
  try {
    if (ONLY !== 'queue') {
      useStatisticsSource(counterStatisticsSource)
      const [pending] = await prisma.$queryRawUnsafe<{ rows: bigint; deltas: bigint }[]>(
        'SELECT (SELECT count(*) FROM region_statistics) AS rows, (SELECT count(*) FROM region_statistic_deltas) AS deltas',
      )
      console.log(`counters: ${pending!.rows} rows, ${pending!.deltas} deltas not yet folded in`)
      const dashboard = portalDocument('RegionStatisticsDashboard')
      const provinceStatements = await countStatements(`province ${province} statistics`, () =>
        post(app, provinceToken.secret, dashboard, { regionCode: province }),
      )
      console.log(`province ${province} statistics: ${provinceStatements} SQL statements in all (token included)`)
      await compareSources(
        `province ${province} with its cities`,
        () => post(app, provinceToken.secret, dashboard, { regionCode: province }),
        50,
      )
      await compareSources('national with the provinces', () => post(app, conac.secret, dashboard, {}), 100)
      const twelve = lastTwelveMonths()
      await timeSequential(
        `province ${province}, ${twelve.from} to ${twelve.to}, counters`,
        () => post(app, provinceToken.secret, dashboard, { regionCode: province, ...twelve }),
        50,
      )
      await timeSequential(
        'national, the same twelve months, counters',
        () => post(app, conac.secret, dashboard, twelve),
        100,
      )
    }
    if (ONLY === 'statistics') return

    // The review queue of the busiest county office (most domains waiting for their same-level review).
    const countyCode = (await busiestCounty(prisma)) ?? '410922'
    const county = await tokenFor(prisma, countyCode)
    const queue = portalDocument('DomainReviewQueue')
    const variables = { first: 20 }
    const perOperation = await countStatements('review queue, token', () => post(app, county.secret, queue, variables))
    // The token lookup (and its lastUsedAt touch at most once a minute) is the request's, not the operation's.
    const authentication = await countStatements('authentication only (query { __typename }), token', () =>
      post(app, county.secret, 'query { __typename }'),
    )
    const sqlForOperation = perOperation - authentication
    console.log(
      `review queue (county ${countyCode}, 20 rows): ${sqlForOperation} SQL statements for the operation (+${authentication} for the token) (target <= 4) ${sqlForOperation <= 4 ? 'PASS' : 'FAIL'}`,
    )
    // The same operation from the portal, by a staff member's session cookie.
    session = await sessionFor(prisma, county.creatorId)
    const perOperationBySession = await countStatements('review queue, session', () =>
      post(app, session!.cookie, queue, variables),
    )
    const sessionLookup = await countStatements('authentication only (query { __typename }), session', () =>
      post(app, session!.cookie, 'query { __typename }'),
    )
    console.log(
      `review queue by session cookie: ${perOperationBySession} SQL statements in all (${perOperationBySession - sessionLookup} for the operation, +${sessionLookup} for the session)`,
    )
    for (let i = 0; i < WARMUP; i++) await post(app, county.secret, queue, variables)
    const latencies: number[] = []
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < QUEUE_REQUESTS_PER_CLIENT; i++)
          latencies.push(await post(app, county.secret, queue, variables))
      }),
    )
    latencies.sort((a, b) => a - b)
    const p95 = percentile(latencies, 95)
    console.log(
      `review queue, ${CLIENTS} concurrent clients x ${QUEUE_REQUESTS_PER_CLIENT}: median ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(p95)} ms (target <= 30 ms) ${p95 <= 30 ? 'PASS' : 'FAIL'}`,
    )
    await replayQueueSql(url, () => post(app, county.secret, queue, variables))
    await prisma.apiToken.update({ where: { id: county.id }, data: { revokedAt: new Date() } })
  } finally {
    await prisma.apiToken.updateMany({
      where: { id: { in: [conac.id, provinceToken.id] } },
      data: { revokedAt: new Date() },
    })
    if (session) await prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } })
    await prisma.$disconnect()
    await pool.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
