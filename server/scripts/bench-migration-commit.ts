// Rows per second of the import's writer (modules/migration/commit) per kind, on a real PostgreSQL, with generated
// records of the national dataset's shape (2 domains and 0.3 badges per unit, spread over every county). Creates a
// fresh database `bench_migration_commit` on the server, migrates and seeds it (regions, offices, accounts), then
// writes units, domains, DNS records, badges, balances and invoice stock in batches of 5000 (the triggers on, as in
// production), and writes every file again (the second run of an idempotent import: all unchanged).
// Reports; does not gate.
//
// BENCH_BULK=1 measures the bulk mode (countStatistics: false, the counters rebuilt by finishImport).
// Run: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:55402/postgres BENCH_UNITS=50000 \
//        node --import tsx server/scripts/bench-migration-commit.ts
import pg from 'pg'
import { config } from '../src/config.ts'
import { openDatabase } from '../src/db/connect.ts'
import { applyMigrations } from '../src/db/migrate.ts'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../src/lib/identifiers.ts'
import { finishImport } from '../src/modules/migration/commit/finish.ts'
import { writeRecords } from '../src/modules/migration/commit/writer.ts'
import type {
  BadgeRecord,
  BalanceRecord,
  DnsRecordRecord,
  DomainRecord,
  FileKind,
  InvoiceStockRecord,
  RecordOf,
  UnitRecord,
} from '../src/modules/migration/templates.ts'
import { seedRegionsAndOffices } from '../src/seed/regions.ts'

const UNITS = Number(process.env.BENCH_UNITS ?? 50_000)
const BATCH = Number(process.env.BENCH_BATCH ?? 5000)
/** BENCH_BULK=1: the counters rebuilt once by finishImport instead of kept batch by batch. */
const BULK = process.env.BENCH_BULK === '1'
const server = process.env.BENCH_DATABASE_URL
if (!server) {
  console.error('BENCH_DATABASE_URL (a PostgreSQL server URL) is required')
  process.exit(1)
}
const DATABASE = 'bench_migration_commit'

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const day = (n: number) => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000)
const CJK = [...new Set('政务公益人民府办室教育卫生健康文化旅游交运输水利农业村财审计统市场监督管理')].join('')

/** A distinct Chinese label for n (3–8 characters). */
function labelOf(n: number, prefix: string): string {
  let text = prefix
  let rest = n
  do {
    text += CJK[rest % CJK.length]
    rest = Math.floor(rest / CJK.length)
  } while (rest > 0)
  return text
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`)
  await admin(`CREATE DATABASE "${DATABASE}"`)
  const url = new URL(server!)
  url.pathname = `/${DATABASE}`
  const db = await openDatabase({ kind: 'postgres', url: url.toString() })
  await applyMigrations(db.sql, config.migrationsDir)
  await seedRegionsAndOffices(db.prisma)
  const counties = (
    await db.prisma.region.findMany({ where: { level: 'COUNTY', office: { isNot: null } }, select: { code: true } })
  ).map((r) => r.code)
  const run = await db.prisma.migrationRun.create({ data: { source: 'CLI', dryRun: false, status: 'COMMITTING' } })

  const units: UnitRecord[] = []
  const domains: DomainRecord[] = []
  const dns: DnsRecordRecord[] = []
  const badges: BadgeRecord[] = []
  const badgeSequence = new Map<string, number>()
  for (let i = 0; i < UNITS; i++) {
    const regionCode = counties[i % counties.length]!
    const first17 = `11${regionCode}${String(i).padStart(9, '0')}`
    const creditCode = first17 + creditCodeCheckCharacter(first17)
    const id17 = `${regionCode}19800101${String(i % 1000).padStart(3, '0')}`
    units.push({
      fileName: '注册单位.csv',
      row: i + 2,
      creditCode,
      name: `单位${i}${labelOf(i, '')}`,
      type: i % 3 === 0 ? 'PUBLIC_INSTITUTION' : 'PARTY_GOVERNMENT',
      systemCategory: i % 3 === 0 ? 'PUBLIC_INSTITUTION' : 'GOVERNMENT',
      regionCode,
      superiorUnitName: null,
      functions: null,
      address: `某省某县某路${i}号`,
      postcode: '457300',
      landline: null,
      handlerName: '张三',
      handlerMobile: `138${String(i).padStart(8, '0')}`,
      handlerEmail: `u${i}@example.cn`,
      handlerIdNumber: i % 2 === 0 ? id17 + idNumberCheckCharacter(id17) : null,
      username: `unit${i}`,
      status: 'ACTIVE',
      registeredAt: day(i % 4000),
    })
    for (let k = 0; k < 2; k++) {
      const n = i * 2 + k
      const suffix = i % 3 === 0 ? 'GONGYI' : 'ZHENGWU'
      const name = labelOf(n, '测')
      domains.push({
        fileName: '域名.csv',
        row: n + 2,
        name,
        suffix,
        unitCreditCode: creditCode,
        status: 'REGISTERED',
        registeredAt: day(i % 4000),
        expiresAt: day((i % 4000) + 3650),
        years: 1,
      })
      if (k === 0 && i % 5 === 0)
        dns.push({
          fileName: '解析记录.csv',
          row: dns.length + 2,
          domainName: name,
          domainSuffix: suffix,
          host: 'www',
          type: 'A',
          value: '203.0.113.10',
          ttl: 600,
          priority: null,
        })
      if (k === 0 && i % 10 < 3) {
        const sequence = (badgeSequence.get(regionCode) ?? 0) + 1
        badgeSequence.set(regionCode, sequence)
        badges.push({
          fileName: '网站标识.csv',
          row: badges.length + 2,
          badgeNumber: `2018${regionCode}${String(sequence).padStart(5, '0')}`,
          unitCreditCode: creditCode,
          siteName: `网站${i}`,
          placement: 'SELF_BUILT',
          domainName: name,
          domainSuffix: suffix,
          englishDomain: `www.site${i}.gov.cn`,
          ipAddress: '203.0.113.10',
          issuedAt: day(3000),
          status: 'ACTIVE',
          cancelledAt: null,
        })
      }
    }
  }
  const balances: BalanceRecord[] = counties.map((regionCode, i) => ({
    fileName: '编办余额.csv',
    row: i + 2,
    regionCode,
    prepaidFen: 100_000 + i,
    collectedFen: i % 7,
  }))
  const stock: InvoiceStockRecord[] = counties.map((regionCode, i) => ({
    fileName: '发票库存.csv',
    row: i + 2,
    regionCode,
    quantity: 10 + (i % 20),
  }))

  const files: [FileKind, RecordOf[FileKind][]][] = [
    ['units', units],
    ['domains', domains],
    ['dnsRecords', dns],
    ['badges', badges],
    ['balances', balances],
    ['invoiceStock', stock],
  ]
  for (const pass of ['first run', 'second run (same files)']) {
    console.log(`[bench] ${pass}: ${UNITS} units, batch ${BATCH}${BULK ? ', bulk (counters rebuilt at the end)' : ''}`)
    for (const [kind, records] of files) {
      async function* each() {
        for (const record of records) yield record
      }
      const started = performance.now()
      const counts = await writeRecords(db.prisma, kind, each(), {
        runId: run.id,
        // A second pass under another file name, so its batches are written (not skipped as already committed).
        fileName: `${records[0]!.fileName}#${pass}`,
        batchSize: BATCH,
        countStatistics: !BULK,
      })
      const seconds = (performance.now() - started) / 1000
      console.log(
        `[bench] ${kind.padEnd(12)} ${String(records.length).padStart(8)} rows ${seconds.toFixed(1).padStart(7)} s ` +
          `${String(Math.round(records.length / seconds)).padStart(7)} rows/s  ${JSON.stringify(counts)}`,
      )
    }
    const started = performance.now()
    await finishImport(db.prisma, { rebuildStatistics: BULK })
    console.log(`[bench] finishImport ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  await db.close()
}

await main()
