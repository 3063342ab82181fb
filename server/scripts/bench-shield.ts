// Measures graphql-shield's overhead (issue 7): the same 100-row list query through two apps over one Prisma
// client in one process, one as the server runs it (with the permission middleware) and one without it.
// Prints median and p95 per-request wall time of each and the ratio of the medians (target <= 1.25).
// Always exits 0: it reports, it does not gate. Run: npx tsx server/scripts/bench-shield.ts (from the repository
// root) or npm run bench:shield (in server/). Results are recorded in docs/benchmarks.md.
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { repositoryRoot } from '../src/config.ts'
import { openDatabase } from '../src/db/connect.ts'
import { applyMigrations } from '../src/db/migrate.ts'
import { DEMO_PASSWORD, DEMO_UNITS } from '../src/seed/demo.ts'
import { seedDatabase } from '../src/seed/index.ts'
import { createApp, type App } from '../src/yoga.ts'

const ROWS = 100
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50)
const RUNS = Number(process.env.BENCH_RUNS ?? 300)
const TARGET = 1.25
const QUERY = `query Bench { domains(first: ${ROWS}) { edges { node { id name suffix fullName status years expiresAt unit { id name } } } } }`
const URL_ = 'http://bench.local/graphql'

async function main() {
  const instance = await PGlite.create()
  const database = await openDatabase({ kind: 'pglite', instance })
  const { prisma } = database
  try {
    await applyMigrations(database.sql, path.join(repositoryRoot, 'prisma/migrations'))
    await seedDatabase(prisma)

    // Enough registered domains that the list is a full page of ROWS.
    const demoUnit = DEMO_UNITS[0]!
    const unit = await prisma.unit.findFirstOrThrow({ where: { name: demoUnit.name } })
    const now = Date.now()
    await prisma.domain.createMany({
      data: Array.from({ length: ROWS + 20 }, (_, i) => ({
        name: `基准测试单位${i + 1}`,
        suffix: 'ZHENGWU' as const,
        unitId: unit.id,
        status: 'REGISTERED' as const,
        years: 1,
        registeredAt: new Date(now),
        expiresAt: new Date(now + 365 * 86_400_000),
      })),
    })

    const shielded = createApp({ prisma, graphiql: false, trustedDocuments: { enforce: false } })
    const baseline = createApp({ prisma, graphiql: false, permissions: false, trustedDocuments: { enforce: false } })
    const cookie = await login(shielded, 'conac')

    const run = async (app: App) => {
      const response = await app.fetch(URL_, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ query: QUERY }),
      })
      return (await response.json()) as { data?: { domains: { edges: unknown[] } }; errors?: unknown }
    }

    // Both apps must answer the same full page, without errors.
    const [a, b] = [await run(baseline), await run(shielded)]
    for (const [label, result] of [
      ['baseline', a],
      ['shielded', b],
    ] as const) {
      const count = result.data?.domains.edges.length
      if (result.errors || count !== ROWS)
        throw new Error(`${label}: expected ${ROWS} rows, got ${count}: ${JSON.stringify(result.errors)}`)
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('baseline and shielded answers differ')

    for (let i = 0; i < WARMUP; i++) {
      await run(baseline)
      await run(shielded)
    }
    const times = { baseline: [] as number[], shielded: [] as number[] }
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first so drift (GC, JIT, cache) falls on both alike.
      const order = i % 2 === 0 ? (['baseline', 'shielded'] as const) : (['shielded', 'baseline'] as const)
      for (const label of order) {
        const start = performance.now()
        await run(label === 'baseline' ? baseline : shielded)
        times[label].push(performance.now() - start)
      }
    }

    const base = summarize(times.baseline)
    const shield = summarize(times.shielded)
    const ratio = shield.median / base.median
    const ratioP95 = shield.p95 / base.p95
    console.log(
      `graphql-shield overhead: domains(first: ${ROWS}), ${RUNS} runs each after ${WARMUP} warm-up pairs, alternating`,
    )
    console.log(
      `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), PGlite in memory, viewer conac`,
    )
    console.log(`baseline (no shield): median ${base.median.toFixed(2)} ms, p95 ${base.p95.toFixed(2)} ms`)
    console.log(`shielded:             median ${shield.median.toFixed(2)} ms, p95 ${shield.p95.toFixed(2)} ms`)
    console.log(`ratio (median): ${ratio.toFixed(3)}   ratio (p95): ${ratioP95.toFixed(3)}   target <= ${TARGET}`)
    console.log(ratio <= TARGET ? 'PASS' : 'FAIL')
  } finally {
    await database.close()
    await instance.close()
  }
}

async function login(app: App, username: string): Promise<string> {
  const response = await app.fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation Login($input: LoginInput!) { login(input: $input) { expiresAt } }',
      variables: { input: { username, password: DEMO_PASSWORD } },
    }),
  })
  const body = (await response.json()) as { errors?: unknown }
  const setCookie = response.headers.get('set-cookie')
  if (body.errors || !setCookie) throw new Error(`login as ${username} failed: ${JSON.stringify(body.errors)}`)
  return setCookie.split(';')[0]!
}

function summarize(samples: number[]) {
  const sorted = [...samples].sort((x, y) => x - y)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { median: at(0.5), p95: at(0.95) }
}

main().catch((error: unknown) => {
  // PASS or FAIL exits 0; only a benchmark that could not run exits 1.
  console.error('bench-shield failed:', error)
  process.exitCode = 1
})
