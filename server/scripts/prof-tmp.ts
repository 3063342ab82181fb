import { openDatabase } from '../src/db/connect.ts'
import { writeRecords } from '../src/modules/migration/commit/writer.ts'
const db = await openDatabase({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:55402/bench_migration_commit' })
const kind = process.argv[2] as any
const orig = (db.prisma as any).$transaction.bind(db.prisma)
;(db.prisma as any).$transaction = (fn: any, opts: any) => orig(async (tx: any) => {
  for (const m of ['$queryRawUnsafe', '$executeRawUnsafe']) {
    const q = tx[m].bind(tx)
    tx[m] = async (sql: string, ...p: any[]) => { const t = performance.now(); const r = await q(sql, ...p); console.log((performance.now()-t).toFixed(0), 'ms', sql.replace(/\s+/g,' ').slice(0, 100)); return r }
  }
  const t = performance.now(); const r = await fn(tx); console.log('fn', (performance.now()-t).toFixed(0)); return r
}, opts)
const run = await db.prisma.migrationRun.create({ data: { source: 'CLI', dryRun: false } })
const ds = await db.prisma.domain.findMany({ take: 5000, orderBy: { id: 'asc' }, include: { unit: true } })
async function* each() { let i = 0; for (const d of ds) yield { fileName: 'x', row: ++i, name: d.name + (process.argv[3] ?? ''), suffix: d.suffix, unitCreditCode: d.unit.creditCode, status: 'REGISTERED', registeredAt: d.registeredAt, expiresAt: d.expiresAt, years: 1 } as any }
const t = performance.now()
console.log(await writeRecords(db.prisma, kind, each(), { runId: run.id, fileName: 'x' }), performance.now() - t)
await db.close()
