// 数据迁移 round trip (issue 20): the demo data (with a DNS record, an application under review, a prepaid balance,
// collected money and invoice stock added) exported to the templates, imported into an empty database (migrated,
// regions and offices seeded, nothing else), exported again: every file holds the same rows, so every imported
// object (unit, account, domain, record, badge, application, balance, stock) came over field for field, ID numbers
// decrypted alike. A second import of the same files changes nothing; the ledger of the new database balances.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { openDatabase, type Database } from '../../server/src/db/connect.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'
import { sealIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { exportTemplates } from '../../server/src/modules/migration/export.ts'
import { fileFromPath } from '../../server/src/modules/migration/read/sourceFile.ts'
import { runImport } from '../../server/src/modules/migration/run.ts'
import { seedRegionsAndOffices } from '../../server/src/seed/regions.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createEmptyPostgresDatabase } from '../testkit/database.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { expectLedgerConsistent, fundOffice, officeByRegion } from '../testkit/money.ts'

let source: TestApp
let target: Database
let dropTarget = async () => {}
let work: string

/** An empty database: migrated, regions and offices (with their accounts) seeded; no units, domains or users. */
async function emptyDatabase(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const created = await createEmptyPostgresDatabase('round_trip')
    target = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 4 })
    dropTarget = created.drop
  } else target = await openDatabase({ kind: 'pglite' })
  await applyMigrations(target.sql, config.migrationsDir)
  await seedRegionsAndOffices(target.prisma)
}

/** Each exported file's lines (the header first), by file name. */
async function filesIn(dir: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const name of (await readdir(dir)).sort())
    out[name] = (await readFile(path.join(dir, name), 'utf8')).split('\r\n').filter(Boolean)
  return out
}

const importFolder = async (dir: string) =>
  runImport(
    target.prisma,
    (await readdir(dir)).map((name) => fileFromPath(path.join(dir, name))),
    { dryRun: false, source: 'CLI' },
  )

beforeAll(async () => {
  source = await createTestApp()
  const prisma = source.db.prisma
  work = await mkdtemp(path.join(tmpdir(), 'migration-round-trip-'))
  // What the demo data lacks: a typed DNS record, an application under review, money and invoices at an office.
  const qfzf = await prisma.unit.findUniqueOrThrow({ where: { name: '清丰县人民政府办公室' } })
  const domains = await prisma.domain.findMany({ where: { unitId: qfzf.id, status: 'REGISTERED' }, orderBy: { id: 'asc' } })
  await prisma.dnsRecord.create({ data: { domainId: domains[0]!.id, host: 'www', type: 'A', value: '203.0.113.7' } })
  await prisma.dnsRecord.create({
    data: { domainId: domains[0]!.id, host: '@', type: 'MX', value: 'mail.qingfeng.gov.cn', priority: 10, ttl: 3600 },
  })
  await prisma.siteApplication.create({
    data: {
      serialNumber: 'WZ-2026-990001',
      unitId: qfzf.id,
      kind: 'NEW_SITE',
      status: 'PENDING_OFFICE_REVIEW',
      unitName: qfzf.name,
      superiorUnitName: qfzf.superiorUnitName,
      unitFunctions: qfzf.functions,
      systemCategory: qfzf.systemCategory,
      address: qfzf.address,
      postcode: qfzf.postcode,
      siteName: '清丰县政务服务网',
      siteIntro: '清丰县政务服务事项网上办理。',
      chineseDomainId: domains[1]!.id,
      englishDomain: 'www.qfzwfw.gov.cn',
      useMicroSite: false,
      ipAddress: '203.0.113.8',
      principalName: '周负责',
      principalMobile: '13912340011',
      principalEmail: 'zhou@example.cn',
      handlerName: '吴经办',
      handlerMobile: '13912340012',
      handlerEmail: 'wu@example.cn',
      ...sealIdNumber('siteApplication', makeIdNumber('410922')),
      submittedAt: new Date('2026-11-20T02:00:00Z'),
      boundDomains: { create: [{ domainId: domains[1]!.id }] },
    },
  })
  const county = await officeByRegion(prisma, '410922')
  await fundOffice(prisma, county.id, 1_234_56n)
  await prisma.$transaction(async (tx) => {
    await tx.invoiceStockMovement.create({
      data: { officeId: county.id, quantity: 35, reason: 'SIGNED', createdById: (await tx.user.findFirstOrThrow()).id },
    })
    await tx.office.update({ where: { id: county.id }, data: { invoiceStock: { increment: 35 } } })
  })
  await emptyDatabase()
}, 300_000)

afterAll(async () => {
  await source?.close()
  await target?.close()
  await dropTarget()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('export → import into an empty database → export', () => {
  it('gives the same files, row for row; a second import changes nothing', { timeout: 600_000 }, async () => {
    const first = path.join(work, 'first')
    const before = path.join(work, 'before')
    const second = path.join(work, 'second')
    await exportTemplates(source.db.prisma, first)
    // What the empty database already holds (its offices, their zero balances): rows the import only updates.
    await exportTemplates(target.prisma, before)
    const imported = await importFolder(first)
    const refused = await target.prisma.migrationProblem.findMany({ where: { runId: imported.runId } })
    expect(refused.map(({ fileName, row, column, message }) => ({ fileName, row, column, message }))).toEqual([])
    expect(imported.problemCount).toBe(0)
    await exportTemplates(target.prisma, second)

    const [a, b, empty] = await Promise.all([filesIn(first), filesIn(second), filesIn(before)])
    expect(Object.keys(b)).toEqual(Object.keys(a))
    for (const name of Object.keys(a)) {
      expect(b[name]![0], `${name}: header`).toBe(a[name]![0])
      expect(new Set(b[name]), name).toEqual(new Set(a[name]))
      expect(b[name]!.length, `${name}: no row twice`).toBe(a[name]!.length)
    }
    // The extras made it, and the import did not just echo what the empty database had.
    expect(a['解析记录.csv']).toHaveLength(3)
    expect(a['网站开办申请.csv']).toHaveLength(2)
    expect(a['编办余额.csv']!.some((line) => line.startsWith('"410922","1234.56"'))).toBe(true)
    expect(a['发票库存.csv']!.some((line) => line === '"410922","35"')).toBe(true)
    expect(empty['注册单位.csv']).toHaveLength(1)
    expect(empty['编办余额.csv']!.some((line) => line.startsWith('"410922","1234.56"'))).toBe(false)

    // Imported accounts wait for their holders; nothing else about them is invented.
    const accounts = await target.prisma.user.findMany({ where: { importedAt: { not: null } } })
    expect(accounts.length).toBe(a['编办人员.csv']!.length - 1 + a['注册单位.csv']!.length - 1)
    for (const account of accounts) expect(account).toMatchObject({ status: 'PENDING_ACTIVATION', passwordHash: null })
    await expectLedgerConsistent(target.prisma)

    const again = await importFolder(first)
    expect(again.problemCount).toBe(0)
    for (const [kind, counts] of Object.entries(again.counts))
      expect({ kind, inserted: counts!.inserted, updated: counts!.updated }).toEqual({ kind, inserted: 0, updated: 0 })
    const third = path.join(work, 'third')
    await exportTemplates(target.prisma, third)
    expect(await filesIn(third)).toEqual(b)
  })
})
