// Issue 21: our API against PostGraphile 4.14 on the same database, side by side in one run.
//
// Both servers run as child processes over BENCH_DATABASE_URL (a database the national generator loaded, any
// scale): ours as production runs it (NODE_ENV=production, trusted documents and the permission rules on; only the
// per-token rate limit is raised, or it would refuse the load, and the scheduler and notification worker are left to
// "another process" so they do not write to the dataset mid-run), PostGraphile as a read-only role with the
// equivalent page query (scripts/bench/postgraphile.ts). A third process (scripts/bench/drive.ts, autocannon)
// drives one server at a time with BENCH_CLIENTS keep-alive clients: BENCH_WARMUP_SECONDS of warm-up, then
// BENCH_SECONDS timed. Measured, per server:
//   - the review-queue page of one county office (the portal's persisted DomainReviewQueue document, sent by its
//     id with an API token as an integrator would; PostGraphile: 20 pending domains of that county in the same
//     order with unit and region, plus totalCount). Before timing, both must list the same ids in the same order.
//   - `{ __typename }` (ours with the token; PostGraphile has no token: without a JWT secret it refuses one);
//   - requests/s, p50/p95/p99, Node CPU per request (/proc of the server process) and PostgreSQL CPU per request
//     (the backends of that server's connections, by application_name);
//   - the statistics dashboards (the portal's RegionStatisticsDashboard for a province and for the country) through
//     our HTTP server, BENCH_DASHBOARD_CLIENTS clients (1: one request at a time), p50/p95; then both servers' RSS.
// Prints every figure with the ratios against the issue's targets and appends them to docs/benchmarks.md
// (BENCH_DOCS=off: print only). Reports; does not gate (exit 0); exit 1 when it cannot run or the pages differ.
//   BENCH_CPU_PROFILE=1: profile our API and cut the profile per phase (scripts/bench/profile-window.ts).
//
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55402/national npm run bench -w server
import { spawn } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { BackendCpu } from './bench/backends.ts'
import { apiStartArgs, buildServer } from './build.mjs'
import {
  appendToDocsSection,
  busiestCounty,
  gitCommit,
  ourApiEnvironment,
  portalDocumentEntry,
  tokenFor,
} from './bench-support.ts'
import type { DriveResult, DriveSpec } from './bench/drive.ts'
import {
  ANCHOR_QUEUE_QUERY,
  anchorPage,
  dropAnchor,
  oursPage,
  pageDifferences,
  prepareAnchor,
} from './bench/postgraphile.ts'
import {
  cpuMs,
  loadAverage,
  onInterrupt,
  rssMb,
  startServer,
  stopAll,
  stopServer,
  waitUntilReady,
  type Server,
} from './bench/processes.ts'

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${raw}"`)
  return value
}

const CLIENTS = numberSetting('BENCH_CLIENTS', 20)
const SECONDS = numberSetting('BENCH_SECONDS', 15)
const WARMUP_SECONDS = numberSetting('BENCH_WARMUP_SECONDS', 5)
const DASHBOARD_CLIENTS = numberSetting('BENCH_DASHBOARD_CLIENTS', 1)
const DASHBOARD_SECONDS = numberSetting('BENCH_DASHBOARD_SECONDS', 10)
const API_PORT = numberSetting('BENCH_API_PORT', 4601)
/**
 * BENCH_API_PROCESSES: our API as N processes, as `npm run start:prod` runs it (the first on BENCH_API_PORT, the
 * others from BENCH_API_PORT + 10 up, clear of PostGraphile's); the clients are spread evenly over them, and CPU
 * and memory are the sum over the processes. PostGraphile stays one process.
 */
const API_PROCESSES = numberSetting('BENCH_API_PROCESSES', 1)
const ourPort = (i: number) => (i === 0 ? API_PORT : API_PORT + 9 + i)
const ANCHOR_PORT = numberSetting('BENCH_POSTGRAPHILE_PORT', 4602)
const READY_TIMEOUT_SECONDS = numberSetting('BENCH_READY_TIMEOUT', 300)
const PROVINCE = process.env.BENCH_PROVINCE ?? '410000'
const WRITE_DOCS = (process.env.BENCH_DOCS ?? 'on') !== 'off'

const OURS_APP = 'bench-api'
const ANCHOR_APP = 'bench-postgraphile'

// The issue's targets (2-core machine, scale-1 dataset).
const TARGETS = {
  queueRatio: 1.0,
  queueP95: 60,
  typenameRatio: 0.5,
  provinceP95: 30,
  nationalP95: 50,
  apiRssMb: 250,
}

interface Request {
  url: string
  /** Our API's other processes (BENCH_API_PROCESSES): the driver spreads its clients over url and these. */
  moreUrls?: string[]
  headers: Record<string, string>
  body: string
}

async function send(request: Request): Promise<{ status: number; body: unknown }> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: response.status, body }
}

/** One request that must answer 200 with data and no errors (before and after each timed phase). */
async function sendOk(label: string, request: Request): Promise<unknown> {
  const { status, body } = await send(request)
  const errors = (body as { errors?: unknown[] } | null)?.errors
  if (status !== 200 || errors?.length || !(body as { data?: unknown } | null)?.data)
    throw new Error(`${label}: HTTP ${status}: ${JSON.stringify(body).slice(0, 1000)}`)
  return body
}

interface Phase extends DriveResult {
  label: string
  /** Requests per second over the timed run. */
  rps: number
  /** Node CPU of the server process per request (ms), PostgreSQL backends' CPU per request (ms, null: not on this machine). */
  nodeCpuPerRequest: number
  pgCpuPerRequest: number | null
}

/**
 * Runs the load process against `request` and measures `server` meanwhile: the CPU counters are read after the
 * warm-up (when the driver says READY) and after the timed run.
 */
// BENCH_CPU_PROFILE=1: our API runs with --cpu-prof (the profile is written when it stops, into CPU_PROFILE_DIR),
// and each phase's timed window is written beside it as the monotonic clock's microseconds, the clock V8's profile
// timestamps use, so a profile can be cut to one phase (scripts/bench/profile-window.ts).
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE === '1'
const CPU_PROFILE_DIR = path.join(os.tmpdir(), 'bench-api-cpu')
const profileWindows: { label: string; server: string; from: number; to: number }[] = []
const monotonicMicroseconds = () => Number(process.hrtime.bigint() / 1000n)

async function phase(
  label: string,
  server: Server | Server[],
  backends: BackendCpu,
  request: Request,
  connections: number,
  seconds: number,
): Promise<Phase> {
  await sendOk(`${label} (before)`, request)
  const processes = Array.isArray(server) ? server : [server]
  const cpuOfAll = () => processes.reduce((sum, each) => sum + (cpuMs(each.pid) ?? NaN), 0)
  const spec: DriveSpec = { ...request, connections, warmupSeconds: WARMUP_SECONDS, seconds }
  const driver = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/drive.ts', JSON.stringify(spec)], {
    cwd: serverDir,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => driver.on('exit', (code) => resolve(code)))
  let nodeStart = 0
  let windowStart = 0
  let result: DriveResult | null = null
  let nodeCpu = 0
  let pgCpu: number | null = null
  for await (const line of createInterface({ input: driver.stdout! })) {
    if (line === 'READY') {
      await backends.start()
      windowStart = monotonicMicroseconds()
      nodeStart = cpuOfAll()
      driver.stdin!.write('GO\n')
    } else if (line.startsWith('RESULT ')) {
      nodeCpu = cpuOfAll() - nodeStart
      profileWindows.push({ label, server: processes[0]!.name, from: windowStart, to: monotonicMicroseconds() })
      pgCpu = await backends.stop()
      result = JSON.parse(line.slice('RESULT '.length)) as DriveResult
      driver.stdin!.end()
    }
  }
  const code = await exited
  if (!result) throw new Error(`${label}: the load process ended (${code}) without a result`)
  await sendOk(`${label} (after)`, request)
  const measured: Phase = {
    ...result,
    label,
    rps: result.requests / result.seconds,
    nodeCpuPerRequest: nodeCpu / result.requests,
    pgCpuPerRequest: pgCpu === null ? null : pgCpu / result.requests,
  }
  const misses = result.non2xx + result.errors + result.timeouts
  console.log(
    `${label}: ${fmt(measured.rps, 0)} requests/s, p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms, p99 ${fmt(result.p99)} ms; ` +
      `CPU per request: Node ${fmt(measured.nodeCpuPerRequest, 2)} ms, PostgreSQL ${measured.pgCpuPerRequest === null ? 'n/a' : fmt(measured.pgCpuPerRequest, 2)} ms ` +
      `(load process ${fmt(result.clientCpuMs / result.requests, 2)} ms)` +
      (misses ? ` — ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts` : ''),
  )
  return measured
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN)
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')

const DOCS_HEADING = '### API vs PostGraphile (issue 21)'
const DOCS_INTRO = `${DOCS_HEADING}

\`npm run bench -w server\` (\`server/scripts/bench-api.ts\`): our API (NODE_ENV=production, trusted documents and
shield on; the per-token rate limit raised) and PostGraphile 4.14 (read-only role, \`--disable-default-mutations
--disable-query-log\`) as child processes over the same database, each driven alone from a separate autocannon
process (\`server/scripts/bench/drive.ts\`) at 20 keep-alive clients, 5 s warm-up then 15 s timed (BENCH_CLIENTS,
BENCH_WARMUP_SECONDS, BENCH_SECONDS). The page: the portal's persisted \`DomainReviewQueue\` document of the
busiest county office, sent by its id with an API token; PostGraphile's equivalent (\`countyReviewQueue\`, 20 rows
ordered by submittedAt, id, with unit and region, plus totalCount) is checked to list the same ids in the same order
before timing. CPU per request: the server process's utime+stime, and the PostgreSQL backends of its connections
(by application_name), over the timed run, divided by the requests. Dashboards: the portal's
\`RegionStatisticsDashboard\` through our HTTP server from the load process, one client. RSS after the dashboards.
"Scale" is units / 1,000,000 (the generator's scale 1). Each run appends a table below; the script prints the
same figures.
`

async function main() {
  const url = process.env.BENCH_DATABASE_URL
  if (!url)
    throw new Error(
      'Set BENCH_DATABASE_URL to a database loaded by the national generator (npm run dataset:national -w server -- --help)',
    )
  const loadBefore = loadAverage()
  const admin = new pg.Client({ connectionString: url, application_name: 'bench-api-admin' })
  await admin.connect()
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'bench-api-admin' })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  const tokens: number[] = []
  const servers: Server[] = []
  try {
    const [counts] = (
      await admin.query<{ units: string; domains: string }>(
        'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM domains) AS domains',
      )
    ).rows
    const units = Number(counts!.units)
    const scale = units / 1_000_000
    console.log(
      `API vs PostGraphile — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load ${loadBefore}`,
    )
    console.log(`dataset: ${units} units, ${counts!.domains} domains (scale ≈ ${fmt(scale, 3)})`)

    const county = process.env.BENCH_COUNTY ?? (await busiestCounty(prisma))
    if (!county) throw new Error('no county has domains waiting for its office: is the dataset loaded?')
    const countyToken = await tokenFor(prisma, county, '接口对比基准测试')
    const provinceToken = await tokenFor(prisma, PROVINCE, '接口对比基准测试')
    const conacToken = await tokenFor(prisma, '100000', '接口对比基准测试')
    tokens.push(countyToken.id, provinceToken.id, conacToken.id)

    // Ctrl-C: the servers stop (processes.ts); the run's tokens are revoked and the role dropped as at the end.
    onInterrupt(async () => {
      await prisma.apiToken.updateMany({ where: { id: { in: tokens } }, data: { revokedAt: new Date() } })
      await dropAnchor(admin)
    })
    const readonlyUrl = await prepareAnchor(admin, url, ANCHOR_APP)
    const ours = new URL(url)
    ours.searchParams.set('application_name', OURS_APP)
    const logDir = os.tmpdir()
    if (CPU_PROFILE) rmSync(CPU_PROFILE_DIR, { recursive: true, force: true })
    // As `npm start` runs it: the bundle of the current sources (scripts/build.mjs), with the start script's node
    // options (read from server/package.json, so the benchmark cannot drift from it).
    await buildServer(['api'])
    const startOurs = (i: number) =>
      startServer({
        name: API_PROCESSES > 1 ? `our API ${i + 1}` : 'our API',
        args: [
          ...(CPU_PROFILE && i === 0 ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : []),
          ...apiStartArgs(),
        ],
        cwd: serverDir,
        logFile: path.join(logDir, i ? `bench-api-server-${i + 1}.log` : 'bench-api-server.log'),
        url: `http://127.0.0.1:${ourPort(i)}/graphql`,
        env: ourApiEnvironment(ours.toString(), ourPort(i)),
      })
    const apis = Array.from({ length: API_PROCESSES }, (_, i) => startOurs(i))
    const api = apis[0]!
    servers.push(...apis)
    const cli = createRequire(import.meta.url).resolve('postgraphile/cli.js')
    const anchor = startServer({
      name: 'PostGraphile',
      args: [
        '--require',
        path.join(serverDir, 'scripts/bench/graphql15.cjs'),
        cli,
        '--connection',
        readonlyUrl,
        '--schema',
        'public,bench_postgraphile',
        '--host',
        '127.0.0.1',
        '--port',
        String(ANCHOR_PORT),
        '--disable-default-mutations',
        '--disable-query-log',
        '--disable-graphiql',
      ],
      cwd: serverDir,
      logFile: path.join(logDir, 'bench-postgraphile-server.log'),
      url: `http://127.0.0.1:${ANCHOR_PORT}/graphql`,
      env: { ...process.env, NODE_ENV: 'production' },
    })
    servers.push(anchor)

    const json = { 'content-type': 'application/json' }
    const bearer = (secret: string) => ({ ...json, authorization: `Bearer ${secret}` })
    const queueDocument = portalDocumentEntry('DomainReviewQueue')
    const dashboardDocument = portalDocumentEntry('RegionStatisticsDashboard')
    const moreUrls = apis.slice(1).map((each) => each.url)
    const typenameOurs: Request = {
      url: api.url,
      moreUrls,
      headers: bearer(countyToken.secret),
      body: JSON.stringify({ query: '{ __typename }' }),
    }
    const typenameAnchor: Request = {
      url: anchor.url,
      headers: json,
      body: JSON.stringify({ query: '{ __typename }' }),
    }
    const probe = (request: Request) => async () => (await send(request)).status === 200
    // Our API prints nothing until it listens: every 30 s of waiting, say what its database sessions are doing.
    const waiting = setInterval(() => {
      admin
        .query<{ state: string; seconds: number; query: string }>(
          `SELECT state, round(extract(epoch FROM now() - query_start))::int AS seconds, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
             FROM pg_stat_activity WHERE application_name = $1 ORDER BY query_start`,
          [OURS_APP],
        )
        .then(({ rows }) =>
          console.log(
            `our API is not listening yet; its database sessions: ${rows.map((r) => `[${r.state}, ${r.seconds} s] ${r.query}`).join(' | ') || 'none'}`,
          ),
        )
        .catch(() => {})
    }, 30_000)
    const [apiSeconds, anchorSeconds] = await Promise.all([
      Promise.all(
        apis.map((each) =>
          waitUntilReady(each, probe({ ...typenameOurs, url: each.url }), READY_TIMEOUT_SECONDS * 1000),
        ),
      ).then((seconds) => Math.max(...seconds)),
      waitUntilReady(anchor, probe(typenameAnchor), READY_TIMEOUT_SECONDS * 1000),
    ]).finally(() => clearInterval(waiting))
    console.log(`ready: our API after ${fmt(apiSeconds)} s, PostGraphile after ${fmt(anchorSeconds)} s`)

    const queueOurs: Request = {
      url: api.url,
      moreUrls,
      headers: bearer(countyToken.secret),
      body: JSON.stringify({ documentId: queueDocument.id, variables: { first: 20 } }),
    }
    const queueAnchor: Request = {
      url: anchor.url,
      headers: json,
      body: JSON.stringify({ query: ANCHOR_QUEUE_QUERY, variables: { regionCode: county, first: 20 } }),
    }
    const oursFirst = oursPage(await sendOk('our queue page', queueOurs))
    const anchorFirst = anchorPage(await sendOk("PostGraphile's queue page", queueAnchor))
    const differences = pageDifferences(oursFirst, anchorFirst)
    if (differences.length)
      throw new Error(
        `the two pages differ, so the comparison would mean nothing:\n  ${differences.slice(0, 25).join('\n  ')}`,
      )
    console.log(
      `county ${county}: both list the same ${oursFirst.rows.length} domains in the same order, of ${oursFirst.totalCount} pending`,
    )

    const oursBackends = new BackendCpu(admin, OURS_APP)
    const anchorBackends = new BackendCpu(admin, ANCHOR_APP)
    const queue = {
      ours: await phase('review queue, our API', apis, oursBackends, queueOurs, CLIENTS, SECONDS),
      anchor: await phase('review queue, PostGraphile', anchor, anchorBackends, queueAnchor, CLIENTS, SECONDS),
    }
    const typename = {
      ours: await phase('{ __typename }, our API (token)', apis, oursBackends, typenameOurs, CLIENTS, SECONDS),
      anchor: await phase('{ __typename }, PostGraphile', anchor, anchorBackends, typenameAnchor, CLIENTS, SECONDS),
    }
    const dashboard = (secret: string, variables: Record<string, unknown>): Request => ({
      url: api.url,
      headers: bearer(secret),
      moreUrls,
      body: JSON.stringify({ documentId: dashboardDocument.id, variables }),
    })
    const province = await phase(
      `statistics dashboard, province ${PROVINCE}`,
      apis,
      oursBackends,
      dashboard(provinceToken.secret, { regionCode: PROVINCE }),
      DASHBOARD_CLIENTS,
      DASHBOARD_SECONDS,
    )
    const national = await phase(
      'statistics dashboard, national',
      apis,
      oursBackends,
      dashboard(conacToken.secret, {}),
      DASHBOARD_CLIENTS,
      DASHBOARD_SECONDS,
    )
    const apiRss = apis.reduce((sum, each) => sum + (rssMb(each.pid) ?? NaN), 0)
    const anchorRss = rssMb(anchor.pid) ?? NaN
    const loadAfter = loadAverage()

    const queueRatio = ratio(queue.ours.rps, queue.anchor.rps)
    const typenameRatio = ratio(typename.ours.rps, typename.anchor.rps)
    const pg = (value: number | null) => (value === null ? 'n/a' : fmt(value, 2))
    const missed = [queue.ours, queue.anchor, typename.ours, typename.anchor, province, national]
      .filter((p) => p.non2xx + p.errors + p.timeouts > 0)
      .map((p) => `${p.label}: ${p.non2xx} non-2xx, ${p.errors} errors, ${p.timeouts} timeouts`)
    const rows = [
      `| review queue, requests/s | ${fmt(queue.ours.rps, 0)} | ${fmt(queue.anchor.rps, 0)} | ${fmt(queueRatio, 2)} | ≥ ${TARGETS.queueRatio.toFixed(1)}× | ${verdict(queueRatio >= TARGETS.queueRatio)} |`,
      `| review queue, p50 / p95 / p99 ms | ${fmt(queue.ours.p50)} / ${fmt(queue.ours.p95)} / ${fmt(queue.ours.p99)} | ${fmt(queue.anchor.p50)} / ${fmt(queue.anchor.p95)} / ${fmt(queue.anchor.p99)} | ${fmt(ratio(queue.ours.p95, queue.anchor.p95), 2)} (p95) | p95 ≤ ${TARGETS.queueP95} ms | ${verdict(queue.ours.p95 <= TARGETS.queueP95)} |`,
      `| review queue, Node CPU ms/request | ${fmt(queue.ours.nodeCpuPerRequest, 2)} | ${fmt(queue.anchor.nodeCpuPerRequest, 2)} | ${fmt(ratio(queue.ours.nodeCpuPerRequest, queue.anchor.nodeCpuPerRequest), 2)} | | |`,
      `| review queue, PostgreSQL CPU ms/request | ${pg(queue.ours.pgCpuPerRequest)} | ${pg(queue.anchor.pgCpuPerRequest)} | ${queue.ours.pgCpuPerRequest === null || queue.anchor.pgCpuPerRequest === null ? 'n/a' : fmt(ratio(queue.ours.pgCpuPerRequest, queue.anchor.pgCpuPerRequest), 2)} | | |`,
      `| \`{ __typename }\`, requests/s | ${fmt(typename.ours.rps, 0)} | ${fmt(typename.anchor.rps, 0)} | ${fmt(typenameRatio, 2)} | ≥ ${TARGETS.typenameRatio}× | ${verdict(typenameRatio >= TARGETS.typenameRatio)} |`,
      `| \`{ __typename }\`, p95 ms; Node CPU ms/request | ${fmt(typename.ours.p95)}; ${fmt(typename.ours.nodeCpuPerRequest, 2)} | ${fmt(typename.anchor.p95)}; ${fmt(typename.anchor.nodeCpuPerRequest, 2)} | | | |`,
      `| province ${PROVINCE} dashboard, p50 / p95 ms | ${fmt(province.p50)} / ${fmt(province.p95)} | – | | p95 ≤ ${TARGETS.provinceP95} ms | ${verdict(province.p95 <= TARGETS.provinceP95)} |`,
      `| national dashboard, p50 / p95 ms | ${fmt(national.p50)} / ${fmt(national.p95)} | – | | p95 ≤ ${TARGETS.nationalP95} ms | ${verdict(national.p95 <= TARGETS.nationalP95)} |`,
      `| RSS after the dashboards, MB | ${fmt(apiRss, 0)} | ${fmt(anchorRss, 0)} | ${fmt(ratio(apiRss, anchorRss), 2)} | ≤ ${TARGETS.apiRssMb} MB | ${verdict(apiRss <= TARGETS.apiRssMb)} |`,
    ]
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
    const block = [
      `#### ${when} UTC — scale ≈ ${fmt(scale, 3)} (${units} units), county ${county} (${oursFirst.totalCount} pending), commit ${gitCommit()}`,
      '',
      `Load average ${loadBefore} before, ${loadAfter} after; ${os.cpus().length} cores; our API ${API_PROCESSES === 1 ? 'one process' : `${API_PROCESSES} processes (CPU and RSS summed over them)`}, PostGraphile one; ${CLIENTS} clients, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s timed (dashboards: ${DASHBOARD_CLIENTS} client, ${DASHBOARD_SECONDS} s).`,
      `Runs that missed (non-2xx, errors, timeouts): ${missed.length ? missed.join('; ') : 'none'}.`,
      '',
      '| measure | our API | PostGraphile | ours / PostGraphile | target | |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n')
    console.log(`\n${block}`)
    if (WRITE_DOCS) appendToDocsSection(DOCS_HEADING, DOCS_INTRO, block)
  } finally {
    for (const server of servers) await stopServer(server).catch(() => {})
    stopAll()
    if (CPU_PROFILE) {
      writeFileSync(path.join(CPU_PROFILE_DIR, 'windows.json'), JSON.stringify(profileWindows, null, 1))
      console.log(
        `CPU profile of our API in ${CPU_PROFILE_DIR}; one phase of it: node --import tsx scripts/bench/profile-window.ts ${CPU_PROFILE_DIR} "review queue, our API"`,
      )
    }
    if (tokens.length)
      await prisma.apiToken
        .updateMany({ where: { id: { in: tokens } }, data: { revokedAt: new Date() } })
        .catch((error: Error) => console.error(`could not revoke the run's tokens: ${error.message}`))
    await dropAnchor(admin).catch((error: Error) =>
      console.error(`could not drop the read-only role and schema: ${error.message}`),
    )
    await prisma.$disconnect()
    await pool.end()
    await admin.end()
  }
}

main().catch((error) => {
  console.error(`[bench] ${(error as Error).message ?? error}`)
  stopAll()
  process.exit(1)
})
