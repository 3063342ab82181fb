// Issue 8's speed targets, measured on the national dataset (server/scripts/national/generate.ts) in PostgreSQL:
//   1. regionStatistics for one province subtree (with its cities): p95 <= 50 ms
//   2. national regionStatistics (with the provinces): p95 <= 100 ms
//   3. the office review-queue page operation (the portal's DomainReviewQueue document, 20 rows with unit, region
//      and review decisions): at most 4 SQL statements, and p95 <= 30 ms with 20 concurrent clients.
// Requests go through the real app (yoga, shield, limits) with an API token, as an integrator's would. Today the
// statistics come from the baseline source (plain GROUP BY over the base tables, modules/statistics/source.ts);
// when pre-aggregated counters replace it, this script is to time both in one process and print the ratio.
// Reports; does not gate (exit 0), exit 1 only if it cannot run.
//
// Run: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55433/national npx tsx server/scripts/bench-statistics.ts
import os from 'node:os'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../src/config.ts'
import { PrismaClient } from '../src/generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../src/lib/tokens.ts'
import { createApp, type App } from '../src/yoga.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3)
const CLIENTS = 20
const QUEUE_REQUESTS_PER_CLIENT = Number(process.env.BENCH_QUEUE_REQUESTS ?? 10)
const URL_ = 'http://bench.local/graphql'

/** Counts every SQL statement the app's pool sends, so one operation's statements can be counted. */
let statements = 0
class CountingClient extends pg.Client {
  override query(...args: unknown[]): any {
    statements += 1
    return (super.query as (...a: unknown[]) => unknown)(...args)
  }
}

const STATISTICS_FIELDS = `
  region { code name }
  units { total byType { key count } bySystemCategory { key count } }
  domains { total byStatus { key count } bySuffix { key count } expiringWithin30Days expiringWithin90Days
            registrationsByMonth { month count } renewalsByMonth { month count } }
  siteApplications { total byStatus { key count } }
  badges { issued installed cancelled }
  fees { collectedFen remittedFen chargedFen collectedByMonth { month count amountFen } remittedByMonth { month count amountFen } chargedByMonth { month count amountFen } }
  invoices { stock issued issuedAmountFen }
  reviews { turnaround { level decisions medianWorkingDays p90WorkingDays } overdueDomainApplications overdueSiteApplications }`
const statisticsQuery = (regionCode: string | null) =>
  `query Bench { regionStatistics${regionCode ? `(regionCode: "${regionCode}")` : ''} { ${STATISTICS_FIELDS} children { ${STATISTICS_FIELDS} } } }`

function portalDocument(name: string): string {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'web/graphql/generated/persisted-documents.json'), 'utf8')) as Record<string, string>
  const text = Object.values(manifest).find((query) => query.startsWith(`query ${name}(`) || query.startsWith(`query ${name} `))
  if (!text) throw new Error(`portal document ${name} not found: run npm run generate`)
  return text
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const fmt = (ms: number) => ms.toFixed(1)

async function post(app: App, token: string, query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now()
  const response = await app.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }
  const ms = performance.now() - started
  if (body.errors?.length) throw new Error(`query failed: ${JSON.stringify(body.errors).slice(0, 500)}`)
  return ms
}

async function timeSequential(label: string, run: () => Promise<number>, target: number) {
  for (let i = 0; i < WARMUP; i++) await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) times.push(await run())
  times.sort((a, b) => a - b)
  const p95 = percentile(times, 95)
  console.log(`${label}: median ${fmt(percentile(times, 50))} ms, p95 ${fmt(p95)} ms (target <= ${target} ms) ${p95 <= target ? 'PASS' : 'FAIL'}`)
  return p95
}

/** A READ_ONLY token of the office of `regionCode`, made for the run and revoked at the end. */
async function tokenFor(prisma: PrismaClient, regionCode: string) {
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode } })
  let creator = await prisma.user.findFirst({ where: { officeId: office.id, status: 'ACTIVE' } })
  creator ??= await prisma.user.create({
    data: { username: `bench-${regionCode}`, displayName: '基准测试', role: office.level === 'CENTRAL' ? 'CONAC_STAFF' : 'OFFICE_STAFF', officeId: office.id, passwordHash: 'bench-no-login', email: `bench-${regionCode}@example.com` },
  })
  const secret = newSecret('conac')
  const token = await prisma.apiToken.create({
    data: { name: '统计基准测试', access: 'READ_ONLY', prefix: secret.slice(0, 12), tokenHash: sha256Hex(secret), officeId: office.id, createdById: creator.id },
  })
  return { secret, id: token.id, officeId: office.id }
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL
  if (!url) throw new Error('Set BENCH_DATABASE_URL to the national dataset (see server/scripts/national/generate.ts)')
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS, Client: CountingClient as unknown as typeof pg.Client })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  // The per-token rate limit would refuse a benchmark; everything else is the server as it runs.
  const app = createApp({ prisma, graphiql: false, trustedDocuments: { enforce: false }, rateLimit: { points: 1e12, windowSeconds: 3600 } })
  const counts = await prisma.$queryRawUnsafe<{ units: bigint; domains: bigint; apps: bigint }[]>(
    'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM domains) AS domains, (SELECT count(*) FROM site_applications) AS apps',
  )
  console.log(`regionStatistics and review-queue benchmark — node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), PostgreSQL`)
  console.log(`dataset: ${counts[0]!.units} units, ${counts[0]!.domains} domains, ${counts[0]!.apps} site applications; ${RUNS} runs each`)

  const province = process.env.BENCH_PROVINCE ?? '410000'
  const conac = await tokenFor(prisma, '100000')
  const provinceToken = await tokenFor(prisma, province)
  try {
    await timeSequential(`province ${province} with its cities`, () => post(app, provinceToken.secret, statisticsQuery(province)), 50)
    await timeSequential('national with the provinces', () => post(app, conac.secret, statisticsQuery(null)), 100)

    // The review queue of the busiest county office (most domains waiting for their same-level review).
    const [busiest] = await prisma.$queryRawUnsafe<{ regionCode: string }[]>(
      `SELECT u."regionCode" FROM domains d JOIN units u ON u.id = d."unitId" JOIN regions r ON r.code = u."regionCode"
       WHERE d.status = 'PENDING_OFFICE_REVIEW' AND r.level = 'COUNTY' GROUP BY u."regionCode" ORDER BY count(*) DESC LIMIT 1`,
    )
    const county = await tokenFor(prisma, busiest?.regionCode ?? '410922')
    const queue = portalDocument('DomainReviewQueue')
    const variables = { first: 20 }
    await post(app, county.secret, queue, variables)
    statements = 0
    await post(app, county.secret, queue, variables)
    const perOperation = statements
    // The token lookup (and its lastUsedAt touch at most once a minute) is the request's, not the operation's.
    statements = 0
    await post(app, county.secret, 'query { me { id } }')
    const authentication = statements
    const sqlForOperation = perOperation - authentication
    console.log(
      `review queue (county ${busiest?.regionCode}, 20 rows): ${sqlForOperation} SQL statements for the operation (+${authentication} for the token) (target <= 4) ${sqlForOperation <= 4 ? 'PASS' : 'FAIL'}`,
    )
    const latencies: number[] = []
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < QUEUE_REQUESTS_PER_CLIENT; i++) latencies.push(await post(app, county.secret, queue, variables))
      }),
    )
    latencies.sort((a, b) => a - b)
    const p95 = percentile(latencies, 95)
    console.log(
      `review queue, ${CLIENTS} concurrent clients x ${QUEUE_REQUESTS_PER_CLIENT}: median ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(p95)} ms (target <= 30 ms) ${p95 <= 30 ? 'PASS' : 'FAIL'}`,
    )
    await prisma.apiToken.update({ where: { id: county.id }, data: { revokedAt: new Date() } })
  } finally {
    await prisma.apiToken.updateMany({ where: { id: { in: [conac.id, provinceToken.id] } }, data: { revokedAt: new Date() } })
    await prisma.$disconnect()
    await pool.end()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
