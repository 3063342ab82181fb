// The statistics benchmark's requests (bench-statistics.ts: the portal's RegionStatisticsDashboard for 河南省 and for
// the country, all time and the last twelve whole months) through two versions of the server in ONE process,
// alternating request by request (the order swapped every pair), on the same database: on a shared, noisy machine
// two separate runs differ by more than a code change does, two apps taking turns do not. Prints each version's
// median and p95 and after/before. Point both at the same tree for an A/A run (the noise floor).
// Reports; does not gate (exit 0), exit 1 only if it cannot run. Results are recorded in docs/benchmarks.md.
//
// BEFORE_ROOT and AFTER_ROOT are checkouts (code generated, node_modules present or symlinked). Node must keep
// symlinks (--preserve-symlinks), so that two checkouts sharing one node_modules through links still get a Pothos,
// graphql and Prisma of their own each. Run from server/:
//   BENCH_DATABASE_URL=postgres://…/national BEFORE_ROOT=/tmp/before AFTER_ROOT=.. \
//     node --preserve-symlinks --max-semi-space-size=32 --import tsx scripts/bench-statistics-ab.ts
// BENCH_RUNS (default 60) pairs after BENCH_WARMUP (default 100) requests to each; BENCH_CASES=0,2 runs only those.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

const RUNS = Number(process.env.BENCH_RUNS ?? 60)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100)
const URL_ = 'http://bench.local/graphql'

interface Version {
  app: { fetch: typeof fetch }
  prisma: { $disconnect(): Promise<void> }
}

/** The app of one checkout, on a pool of its own. */
async function versionAt(root: string, url: string): Promise<Version> {
  const { PrismaClient } = await import(path.resolve(root, 'server/src/generated/prisma/client.ts'))
  const { createApp } = await import(path.resolve(root, 'server/src/yoga.ts'))
  const prisma = new PrismaClient({ adapter: new PrismaPg(new pg.Pool({ connectionString: url, max: 10 })) })
  // The per-token rate limit would refuse a benchmark; everything else is the server as it runs.
  const app = createApp({
    prisma,
    graphiql: false,
    trustedDocuments: { enforce: false },
    rateLimit: { points: 1e12, windowSeconds: 3600 },
  })
  return { app, prisma }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

async function main() {
  const url = process.env.BENCH_DATABASE_URL
  const beforeRoot = process.env.BEFORE_ROOT
  const afterRoot = process.env.AFTER_ROOT ?? path.resolve(import.meta.dirname, '../..')
  if (!url || !beforeRoot)
    throw new Error('Set BENCH_DATABASE_URL (the national dataset) and BEFORE_ROOT (the checkout to compare with)')
  const versions = { before: await versionAt(beforeRoot, url), after: await versionAt(afterRoot, url) }
  const manifest = JSON.parse(
    readFileSync(path.resolve(afterRoot, 'web/graphql/generated/persisted-documents.json'), 'utf8'),
  ) as Record<string, string>
  const dashboard = Object.values(manifest).find((query) => query.includes('query RegionStatisticsDashboard('))
  if (!dashboard) throw new Error('portal document RegionStatisticsDashboard not found: run npm run generate')

  // READ_ONLY tokens of the province's and CONAC's offices, made for the run and revoked at the end.
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  const { newSecret, sha256Hex } = await import(path.resolve(afterRoot, 'server/src/lib/tokens.ts'))
  const tokenIds: number[] = []
  async function tokenFor(regionCode: string): Promise<string> {
    const secret = newSecret('conac')
    const { rows } = await admin.query<{ id: number }>(
      `INSERT INTO api_tokens (name, access, prefix, "tokenHash", "officeId", "createdById")
       SELECT '统计基准测试 A/B', 'READ_ONLY'::"ApiTokenAccess", $1, $2, o.id, (SELECT u.id FROM users u WHERE u."officeId" = o.id ORDER BY u.id LIMIT 1)
       FROM offices o WHERE o."regionCode" = $3 RETURNING id`,
      [secret.slice(0, 12), sha256Hex(secret), regionCode],
    )
    tokenIds.push(rows[0]!.id)
    return secret
  }
  const province = await tokenFor(process.env.BENCH_PROVINCE ?? '410000')
  const conac = await tokenFor('100000')

  const beijingNow = new Date(Date.now() + 8 * 3_600_000)
  const monthStart = (offset: number) =>
    `${new Date(Date.UTC(beijingNow.getUTCFullYear(), beijingNow.getUTCMonth() + offset, 1)).toISOString().slice(0, 7)}-01T00:00:00+08:00`
  const twelve = { from: monthStart(-12), to: monthStart(0) }
  const cases: [string, string, object][] = [
    ['province with its cities, all time', province, { regionCode: process.env.BENCH_PROVINCE ?? '410000' }],
    ['country with the provinces, all time', conac, {}],
    ['province, last twelve months', province, { regionCode: process.env.BENCH_PROVINCE ?? '410000', ...twelve }],
    ['country, last twelve months', conac, twelve],
  ]
  const chosen = process.env.BENCH_CASES
    ? process.env.BENCH_CASES.split(',').map(Number)
    : cases.map((_, index) => index)

  async function post(version: Version, token: string, variables: object): Promise<number> {
    const started = performance.now()
    const response = await version.app.fetch(URL_, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: dashboard, variables }),
    })
    const body = (await response.json()) as { errors?: unknown[] }
    if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 500)}`)
    return performance.now() - started
  }

  console.log(
    `statistics A/B — before ${path.resolve(beforeRoot)}, after ${path.resolve(afterRoot)}; ${RUNS} pairs after ${WARMUP} warm-up requests each; load ${loadAverage()}`,
  )
  try {
    for (const [label, token, variables] of cases.filter((_, index) => chosen.includes(index))) {
      for (let i = 0; i < WARMUP; i++)
        for (const version of Object.values(versions)) await post(version, token, variables)
      const times = { before: [] as number[], after: [] as number[] }
      for (let i = 0; i < RUNS; i++) {
        for (const name of i % 2 ? (['before', 'after'] as const) : (['after', 'before'] as const))
          times[name].push(await post(versions[name], token, variables))
      }
      for (const list of Object.values(times)) list.sort((a, b) => a - b)
      const [before, after] = [times.before, times.after].map((list) => ({
        median: percentile(list, 50),
        p95: percentile(list, 95),
      }))
      console.log(
        `${label}: before median ${before!.median.toFixed(1)} ms, p95 ${before!.p95.toFixed(1)} ms; after median ${after!.median.toFixed(1)} ms, ` +
          `p95 ${after!.p95.toFixed(1)} ms; after/before median ${(after!.median / before!.median).toFixed(3)}, p95 ${(after!.p95 / before!.p95).toFixed(3)}`,
      )
    }
    console.log(`load ${loadAverage()}`)
  } finally {
    await admin.query('UPDATE api_tokens SET "revokedAt" = now() WHERE id = ANY($1)', [tokenIds])
    await admin.end()
    for (const version of Object.values(versions)) await version.prisma.$disconnect()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
