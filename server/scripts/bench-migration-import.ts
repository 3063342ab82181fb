// 数据迁移 speed (issue 20): the whole import of a template folder (by default the national shape written by
// `npm run migration:national`: 1,000,000 units, 2,000,000 domains, 300,000 badges) into a fresh database (migrated,
// regions, offices and their accounts seeded: scripts/national/fresh.ts), timed file by file. Prints each file's rows
// and rows per second, the total against the budget of 600 s, and the machine's load before and after.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55400/migration_bench \
//     npm run bench:migration -w server -- /tmp/national-templates [--bulk] [--batch-size 5000] [--parallel 2]
import { loadavg } from 'node:os'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { openDatabase } from '../src/db/connect.ts'
import { fileFromPath } from '../src/modules/migration/read/sourceFile.ts'
import { runImport } from '../src/modules/migration/run.ts'
import type { Progress } from '../src/modules/migration/templates.ts'
import { prepareFreshDatabase } from './national/fresh.ts'

const BUDGET_SECONDS = 600
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    bulk: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    // As the CLI on PostgreSQL: two batches at once (1 to compare).
    parallel: { type: 'string', default: '2' },
  },
})
const url = process.env.BENCH_DATABASE_URL
const folder = positionals[0]
if (!url || !folder) {
  console.error(
    'usage: BENCH_DATABASE_URL=postgres://… npm run bench:migration -w server -- <template folder> [--bulk]',
  )
  process.exit(2)
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
console.log(`[bench:migration] load average before: ${load()}`)
await prepareFreshDatabase(url, (line) => console.log(`[bench:migration] ${line}`))
const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 })

/** Per file: when its first progress arrived and the rows it reached (the rate is rows over its own time). */
const files = new Map<string, { first: number; last: number; rows: number; phase: string }>()
const onProgress = (progress: Progress) => {
  if (!progress.fileName) return
  const now = performance.now()
  const entry = files.get(progress.fileName) ?? { first: now, last: now, rows: 0, phase: progress.phase }
  entry.last = now
  entry.rows = Math.max(entry.rows, progress.rowsDone)
  files.set(progress.fileName, entry)
}

const sources = readdirSync(folder)
  .filter((name) => /\.(csv|xlsx)$/i.test(name))
  .map((name) => fileFromPath(path.join(folder, name)))
const started = performance.now()
try {
  const result = await runImport(database.prisma, sources, {
    dryRun: false,
    source: 'CLI',
    bulk: values.bulk,
    batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
    parallelBatches: Number(values.parallel),
    onProgress,
  })
  const seconds = (performance.now() - started) / 1000
  // A file's time runs from its first progress to the next file's first (the last file: to the run's end); progress
  // counts rows across the run, so a file's rows are what its progress added to the file before it.
  const ordered = [...files.entries()].sort((a, b) => a[1].first - b[1].first)
  console.log('| file | rows | seconds | rows/s |')
  console.log('|---|---|---|---|')
  ordered.forEach(([name, entry], i) => {
    const end = ordered[i + 1]?.[1].first ?? started + seconds * 1000
    const own = (end - entry.first) / 1000
    const rows = entry.rows - (ordered[i - 1]?.[1].rows ?? 0)
    console.log(
      `| ${name} | ${rows.toLocaleString('en')} | ${own.toFixed(1)} | ${Math.round(rows / own).toLocaleString('en')} |`,
    )
  })
  const rows = Object.values(result.counts).reduce((sum, counts) => sum + (counts?.rows ?? 0), 0)
  console.log(
    `[bench:migration] run #${result.runId}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / seconds).toLocaleString('en')} rows/s), ${result.problemCount} refused; ` +
      `budget ${BUDGET_SECONDS} s: ${seconds <= BUDGET_SECONDS ? 'met' : 'MISSED'} (ratio ${(seconds / BUDGET_SECONDS).toFixed(2)})`,
  )
  for (const [kind, counts] of Object.entries(result.counts))
    console.log(`[bench:migration]   ${kind}: ${JSON.stringify(counts)}`)
} finally {
  await database.close()
  console.log(`[bench:migration] load average after: ${load()}`)
}
