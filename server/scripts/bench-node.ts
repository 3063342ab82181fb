// Issue 21's Node side: what one request costs the API process, measured in-process (app.fetch, no sockets) with
// an API token and the portal's persisted documents, trusted documents enforced and shield on, as the server runs:
//   1. `{ __typename }` with a token: requests/s and Node CPU per request at 20 concurrent clients;
//   2. the review-queue page (the portal's DomainReviewQueue, 20 rows of the busiest county): the same;
//   3. the statistics dashboards (province and national, RegionStatisticsDashboard): median and p95, then the
//      process's RSS and heap after them (the "API memory after the dashboards").
// Node CPU per request is process.cpuUsage() over the timed window divided by the requests: it includes the pg
// driver's work and the in-process client's tiny share, not PostgreSQL's. Reports; does not gate (exit 0).
//
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55404/national npm run bench:node -w server
//   BENCH_SECONDS (default 5) per throughput phase, BENCH_CPU_PROFILE=1 writes .cpuprofile files of phases 1 and 2
//   (node --cpu-prof would profile start-up too), BENCH_ONLY=typename|queue|statistics.
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { usePreparedStatements } from '../src/db/prepared.ts'
import { keepStatisticsAnswers } from '../src/modules/statistics/answerCache.ts'
import { createApp, type App } from '../src/yoga.ts'
import { busiestCounty, percentile, portalDocumentEntry, tokenFor } from './bench-support.ts'

const CLIENTS = 20
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300)
const DASHBOARD_RUNS = Number(process.env.BENCH_RUNS ?? 40)
const ONLY = process.env.BENCH_ONLY ?? ''
const PROFILE = process.env.BENCH_CPU_PROFILE === '1'
const URL_ = 'http://bench.local/graphql'
const fmt = (n: number) => n.toFixed(1)
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`

type Body = { id?: string; query?: string; variables?: Record<string, unknown> }

async function post(app: App, token: string, body: Body) {
  const response = await app.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body.id ? { documentId: body.id, variables: body.variables } : body),
  })
  const json = (await response.json()) as { errors?: unknown[] }
  if (json.errors?.length) throw new Error(`request failed: ${JSON.stringify(json.errors).slice(0, 500)}`)
}

/** Starts the CPU profiler when BENCH_CPU_PROFILE=1; the returned function writes the profile. */
async function startProfile(label: string): Promise<() => Promise<void>> {
  if (!PROFILE) return async () => {}
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    const file = `bench-node-${label.replace(/\W+/g, '-')}.cpuprofile`
    writeFileSync(file, JSON.stringify(profile))
    console.log(`  profile written to server/${file}`)
    session.disconnect()
  }
}

/** CLIENTS concurrent loops for SECONDS: requests/s, latency median/p95, Node CPU ms per request. */
async function throughput(label: string, run: () => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await run()
  const stopProfile = await startProfile(label)
  const latencies: number[] = []
  const cpu = process.cpuUsage()
  const started = performance.now()
  const until = started + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t = performance.now()
        await run()
        latencies.push(performance.now() - t)
      }
    }),
  )
  const elapsed = performance.now() - started
  const used = process.cpuUsage(cpu)
  await stopProfile()
  latencies.sort((a, b) => a - b)
  const n = latencies.length
  console.log(
    `${label}: ${fmt((n * 1000) / elapsed)} req/s, median ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms, Node CPU ${((used.user + used.system) / 1000 / n).toFixed(2)} ms/request (${n} requests, ${CLIENTS} clients, ${SECONDS} s)`,
  )
}

async function sequential(label: string, run: () => Promise<void>) {
  for (let i = 0; i < 20; i++) await run()
  const stopProfile = await startProfile(label)
  const times: number[] = []
  const cpu = process.cpuUsage()
  for (let i = 0; i < DASHBOARD_RUNS; i++) {
    const t = performance.now()
    await run()
    times.push(performance.now() - t)
  }
  const used = process.cpuUsage(cpu)
  await stopProfile()
  times.sort((a, b) => a - b)
  console.log(
    `${label}: median ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, Node CPU ${((used.user + used.system) / 1000 / DASHBOARD_RUNS).toFixed(1)} ms/request`,
  )
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL
  if (!url) throw new Error('Set BENCH_DATABASE_URL to the national dataset (see server/scripts/national/generate.ts)')
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  // As openDatabase does on PostgreSQL: the hot raw SQL as named prepared statements on this pool.
  usePreparedStatements(prisma, pool)
  // The per-token rate limit would refuse a benchmark; everything else is the server as it runs.
  const app = createApp({
    prisma,
    graphiql: false,
    trustedDocuments: { enforce: true },
    rateLimit: { points: 1e12, windowSeconds: 3600 },
  })
  const [load] = os.loadavg()
  console.log(
    `Node per-request benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${load!.toFixed(2)}, RSS at start ${mb(process.memoryUsage().rss)}`,
  )
  const countyCode = (await busiestCounty(prisma)) ?? '410922'
  const county = await tokenFor(prisma, countyCode, 'Node 基准测试')
  const province = process.env.BENCH_PROVINCE ?? '410000'
  const provinceToken = await tokenFor(prisma, province, 'Node 基准测试')
  const conac = await tokenFor(prisma, '100000', 'Node 基准测试')
  try {
    if (!ONLY || ONLY === 'typename')
      await throughput('{ __typename } with a token', () => post(app, county.secret, { query: '{ __typename }' }))
    if (!ONLY || ONLY === 'queue') {
      const queue = portalDocumentEntry('DomainReviewQueue')
      await throughput(`review queue (county ${countyCode}, 20 rows, persisted document)`, () =>
        post(app, county.secret, { id: queue.id, variables: { first: 20 } }),
      )
    }
    if (!ONLY || ONLY === 'statistics') {
      const dashboard = portalDocumentEntry('RegionStatisticsDashboard')
      // First without kept answers (every request reads the counters), then as the server runs.
      for (const keep of [false, true]) {
        keepStatisticsAnswers(keep)
        const how = keep ? 'answers kept' : 'counters read every time'
        await sequential(`province ${province} dashboard, ${how}`, () =>
          post(app, provinceToken.secret, { id: dashboard.id, variables: { regionCode: province } }),
        )
        await sequential(`national dashboard, ${how}`, () =>
          post(app, conac.secret, { id: dashboard.id, variables: {} }),
        )
      }
    }
    const memory = process.memoryUsage()
    console.log(`memory after: RSS ${mb(memory.rss)}, heap used ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)}`)
  } finally {
    await prisma.apiToken.updateMany({
      where: { id: { in: [county.id, provinceToken.id, conac.id] } },
      data: { revokedAt: new Date() },
    })
    await prisma.$disconnect()
    await pool.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
