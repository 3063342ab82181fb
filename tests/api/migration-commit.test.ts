// 数据迁移, the commit (modules/migration/commit): validated records written in batches, each one transaction with
// its migration_batches row and audit row. Every kind lands with the fields the portal's own code would give it; a
// second run of the same records changes nothing (no new rows, no postings, no version bumps); a corrected record
// changes exactly that row; a run stopped after a batch resumes without duplicates; a batch that cannot be written
// leaves nothing behind; opening balances enter as balanced postings of the difference; imported domains count in
// 区域统计; an account its holder has claimed is never touched by a re-import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { finishImport } from '../../server/src/modules/migration/commit/finish.ts'
import { badgeApplicationSerial } from '../../server/src/modules/migration/commit/sites.ts'
import { MigrationWriteError, writeRecords } from '../../server/src/modules/migration/commit/writer.ts'
import type {
  BadgeRecord,
  BalanceRecord,
  DnsRecordRecord,
  DomainRecord,
  FileKind,
  InvoiceStockRecord,
  OfficeRecord,
  OfficeStaffRecord,
  RecordOf,
  SiteApplicationRecord,
  UnitRecord,
} from '../../server/src/modules/migration/templates.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { makeCreditCode, makeIdNumber } from '../testkit/fixtures.ts'
import { expectLedgerConsistent } from '../testkit/money.ts'

const DomainStatistics = graphql(`
  query TestMigrationCommitStatistics($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      domains {
        byStatus {
          key
          count
        }
      }
    }
  }
`)

let t: TestApp
let prisma: PrismaClient
let conac: string

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
  conac = await t.login('conac')
})

afterAll(async () => {
  await t?.close()
})

async function* each<R>(records: R[]): AsyncGenerator<R> {
  for (const record of records) yield record
}

async function newRun(): Promise<number> {
  const run = await prisma.migrationRun.create({ data: { source: 'CLI', dryRun: false, status: 'COMMITTING' } })
  return run.id
}

function write<K extends FileKind>(
  kind: K,
  records: RecordOf[K][],
  runId: number,
  extra: { batchSize?: number; onBatch?: (rows: number) => void; parallelBatches?: number } = {},
) {
  return writeRecords(prisma, kind, each(records), { runId, fileName: records[0]?.fileName ?? `${kind}.csv`, ...extra })
}

const day = (text: string) => new Date(`${text}T00:00:00.000Z`)

// The records of one old-system export: two units of 清丰县, their domains, records, a badge, an application in
// progress, one office's contacts, its staff, balances and invoice stock.
const stamp = Date.now().toString(36).slice(-5)
const unitA: UnitRecord = {
  fileName: '注册单位.csv',
  row: 2,
  creditCode: makeCreditCode('410922'),
  name: `清丰县迁移测试局${stamp}`,
  type: 'PARTY_GOVERNMENT',
  systemCategory: 'GOVERNMENT',
  regionCode: '410922',
  superiorUnitName: '清丰县人民政府',
  functions: '负责迁移测试',
  address: '河南省濮阳市清丰县迁移路1号',
  postcode: '457300',
  landline: '0393-7220001',
  handlerName: '李迁',
  handlerMobile: '13812340001',
  handlerEmail: 'liqian@example.cn',
  handlerIdNumber: makeIdNumber('410922'),
  username: `qy_a_${stamp}`,
  status: 'ACTIVE',
  registeredAt: day('2015-03-01'),
}
const unitB: UnitRecord = {
  ...unitA,
  row: 3,
  creditCode: makeCreditCode('410922', '12'),
  name: `清丰县迁移测试中心${stamp}`,
  type: 'PUBLIC_INSTITUTION',
  systemCategory: 'PUBLIC_INSTITUTION',
  handlerName: '王移',
  handlerMobile: '13812340002',
  handlerEmail: 'wangyi@example.cn',
  handlerIdNumber: null,
  username: `qy_b_${stamp}`,
  status: 'INACTIVE',
  registeredAt: null,
}
const domainName = `迁移测试局${stamp}`
const domains: DomainRecord[] = [
  {
    fileName: '域名.csv',
    row: 2,
    name: domainName,
    suffix: 'ZHENGWU',
    unitCreditCode: unitA.creditCode,
    status: 'REGISTERED',
    registeredAt: day('2018-03-01'),
    expiresAt: day('2030-03-01'),
    years: 2,
  },
  {
    fileName: '域名.csv',
    row: 3,
    name: `迁移测试旧名${stamp}`,
    suffix: 'ZHENGWU',
    unitCreditCode: unitA.creditCode,
    status: 'DELETED',
    registeredAt: day('2016-03-01'),
    expiresAt: day('2017-03-01'),
    years: 1,
  },
  {
    fileName: '域名.csv',
    row: 4,
    name: `迁移测试中心${stamp}`,
    suffix: 'GONGYI',
    unitCreditCode: unitB.creditCode,
    status: 'EXPIRED',
    registeredAt: day('2019-05-01'),
    expiresAt: day('2020-05-01'),
    years: 1,
  },
]
const dnsRecords: DnsRecordRecord[] = [
  {
    fileName: '解析记录.csv',
    row: 2,
    domainName,
    domainSuffix: 'ZHENGWU',
    host: 'www',
    type: 'A',
    value: '203.0.113.10',
    ttl: 600,
    priority: null,
  },
  {
    fileName: '解析记录.csv',
    row: 3,
    domainName,
    domainSuffix: 'ZHENGWU',
    host: '@',
    type: 'MX',
    value: 'mail.example.cn',
    ttl: 3600,
    priority: 10,
  },
]
const badge: BadgeRecord = {
  fileName: '网站标识.csv',
  row: 2,
  badgeNumber: `2018410922${String(Date.now() % 100000).padStart(5, '0')}`,
  unitCreditCode: unitA.creditCode,
  siteName: '清丰县迁移测试局网',
  placement: 'SELF_BUILT',
  domainName,
  domainSuffix: 'ZHENGWU',
  englishDomain: 'www.qianyi-test.gov.cn',
  ipAddress: '203.0.113.10',
  issuedAt: day('2018-06-01'),
  status: 'ACTIVE',
  cancelledAt: null,
}
const application: SiteApplicationRecord = {
  fileName: '网站开办申请.csv',
  row: 2,
  serialNumber: `WZ-QY-${stamp}`,
  unitCreditCode: unitB.creditCode,
  siteName: '清丰县迁移测试中心网',
  siteIntro: null,
  domainName: domains[2]!.name,
  domainSuffix: 'GONGYI',
  useMicroSite: true,
  englishDomain: null,
  ipAddress: null,
  principalName: '赵负责',
  principalMobile: '13712340003',
  principalEmail: 'zhao@example.cn',
  handlerName: '钱经办',
  handlerMobile: '13612340004',
  handlerEmail: 'qian@example.cn',
  handlerIdNumber: makeIdNumber('410922'),
  status: 'PENDING_OFFICE_REVIEW',
  submittedAt: day('2026-11-20'),
}
const staff: OfficeStaffRecord[] = [
  {
    fileName: '编办人员.csv',
    row: 2,
    username: `qf_staff_${stamp}`,
    displayName: '张审核',
    officeRegionCode: '410922',
    mobile: '13912340005',
    email: 'zhangsh@example.cn',
    roles: ['REVIEWER', 'FINANCE'],
    disabled: false,
  },
  {
    fileName: '编办人员.csv',
    row: 3,
    username: `conac_staff_${stamp}`,
    displayName: '刘中央',
    officeRegionCode: '100000',
    mobile: '13912340006',
    email: 'liuzy@example.cn',
    roles: ['REVIEWER'],
    disabled: true,
  },
]

const tableCounts = async () => {
  const [row] = await prisma.$queryRawUnsafe<Record<string, bigint>[]>(`
    SELECT (SELECT count(*) FROM "units") AS units, (SELECT count(*) FROM "users") AS users,
           (SELECT count(*) FROM "domains") AS domains, (SELECT count(*) FROM "domain_names") AS names,
           (SELECT count(*) FROM "dns_records") AS records, (SELECT count(*) FROM "badges") AS badges,
           (SELECT count(*) FROM "site_applications") AS applications,
           (SELECT count(*) FROM "site_application_domains") AS bound,
           (SELECT count(*) FROM "ledger_transactions") AS postings,
           (SELECT count(*) FROM "invoice_stock_movements") AS movements, (SELECT count(*) FROM "offices") AS offices`)
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, Number(value)])) as Record<
    | 'units'
    | 'users'
    | 'domains'
    | 'names'
    | 'records'
    | 'badges'
    | 'applications'
    | 'bound'
    | 'postings'
    | 'movements'
    | 'offices',
    number
  >
}

const versions = async () => {
  const units = await prisma.unit.findMany({
    where: { creditCode: { in: [unitA.creditCode, unitB.creditCode] } },
    select: { creditCode: true, version: true, updatedAt: true },
  })
  const imported = await prisma.domain.findMany({
    where: { unit: { creditCode: { in: [unitA.creditCode, unitB.creditCode] } } },
    select: { name: true, version: true, updatedAt: true },
  })
  const users = await prisma.user.findMany({
    where: { username: { in: [unitA.username, unitB.username, ...staff.map((s) => s.username)] } },
    select: { username: true, version: true, updatedAt: true },
  })
  const badges = await prisma.badge.findMany({ where: { badgeNumber: badge.badgeNumber }, select: { version: true } })
  const applications = await prisma.siteApplication.findMany({
    where: { serialNumber: { in: [application.serialNumber, badgeApplicationSerial(badge.badgeNumber)] } },
    select: { serialNumber: true, version: true, updatedAt: true },
  })
  return { units, imported, users, badges, applications }
}

async function writeAll(runId: number) {
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
  const offices: OfficeRecord[] = [
    {
      fileName: '编办.csv',
      row: 2,
      regionCode: '410922',
      name: office.name,
      address: '河南省濮阳市清丰县中原路1号',
      postcode: '457300',
      phone: '0393-7221234',
    },
  ]
  return {
    offices: await write('offices', offices, runId),
    officeStaff: await write('officeStaff', staff, runId),
    units: await write('units', [unitA, unitB], runId),
    domains: await write('domains', domains, runId),
    dnsRecords: await write('dnsRecords', dnsRecords, runId),
    badges: await write('badges', [badge], runId),
    siteApplications: await write('siteApplications', [application], runId),
  }
}

describe('a first import', () => {
  let before: Awaited<ReturnType<typeof tableCounts>>
  let statisticsBefore: Record<string, number>

  const domainStatistics = async () => {
    await finishImport(prisma)
    const result = await t.execute(DomainStatistics, { regionCode: '410922' }, { cookie: conac })
    expect(result.errors).toBeUndefined()
    return Object.fromEntries(result.data!.regionStatistics.domains.byStatus.map((e) => [e.key, e.count]))
  }

  it('inserts every kind with the fields the portal would give it', async () => {
    before = await tableCounts()
    statisticsBefore = await domainStatistics()
    const serials = await prisma.dnsZone.findMany({ orderBy: { suffix: 'asc' } })
    const runId = await newRun()
    const counts = await writeAll(runId)
    expect(counts.offices).toEqual({ inserted: 0, updated: 1, unchanged: 0, refused: 0 })
    expect(counts.officeStaff).toEqual({ inserted: 2, updated: 0, unchanged: 0, refused: 0 })
    expect(counts.units).toEqual({ inserted: 2, updated: 0, unchanged: 0, refused: 0 })
    expect(counts.domains).toEqual({ inserted: 3, updated: 0, unchanged: 0, refused: 0 })
    expect(counts.dnsRecords).toEqual({ inserted: 2, updated: 0, unchanged: 0, refused: 0 })
    expect(counts.badges).toEqual({ inserted: 1, updated: 0, unchanged: 0, refused: 0 })
    expect(counts.siteApplications).toEqual({ inserted: 1, updated: 0, unchanged: 0, refused: 0 })

    const after = await tableCounts()
    expect(after.units - before.units).toBe(2)
    expect(after.users - before.users).toBe(4)
    expect(after.domains - before.domains).toBe(3)
    expect(after.names - before.names).toBe(3)
    expect(after.badges - before.badges).toBe(1)
    expect(after.applications - before.applications).toBe(2)

    // The zones' SOA serials moved (once per batch that changed domains or records, not once per row).
    const moved = await prisma.dnsZone.findMany({ orderBy: { suffix: 'asc' } })
    for (const [i, zone] of moved.entries()) expect(zone.serial).toBeGreaterThan(serials[i]!.serial)

    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
    expect(office).toMatchObject({ address: '河南省濮阳市清丰县中原路1号', postcode: '457300', phone: '0393-7221234' })

    const a = await prisma.unit.findUniqueOrThrow({ where: { creditCode: unitA.creditCode }, include: { users: true } })
    expect(a).toMatchObject({
      name: unitA.name,
      type: 'PARTY_GOVERNMENT',
      systemCategory: 'GOVERNMENT',
      regionCode: '410922',
      address: unitA.address,
      handlerName: '李迁',
      status: 'ACTIVE',
      createdAt: unitA.registeredAt,
      version: 0,
    })
    expect(a.importedAt).toBeInstanceOf(Date)
    expect(openIdNumber('unit', a.handlerIdNumberEnc)).toBe(unitA.handlerIdNumber)
    expect(a.handlerIdNumberMasked).toBe(
      `${unitA.handlerIdNumber!.slice(0, 6)}********${unitA.handlerIdNumber!.slice(-4)}`,
    )
    expect(a.users).toHaveLength(1)
    expect(a.users[0]).toMatchObject({
      username: unitA.username,
      displayName: '李迁',
      mobile: unitA.handlerMobile,
      email: unitA.handlerEmail,
      role: 'UNIT_USER',
      unitRole: 'PRIMARY',
      status: 'PENDING_ACTIVATION',
      passwordHash: null,
      claimInvitedAt: null,
    })
    expect(a.users[0]!.importedAt).toBeInstanceOf(Date)
    const b = await prisma.unit.findUniqueOrThrow({ where: { creditCode: unitB.creditCode } })
    expect(b).toMatchObject({ status: 'INACTIVE', handlerIdNumberEnc: null, handlerIdNumberMasked: null })

    const reviewer = await prisma.user.findUniqueOrThrow({ where: { username: staff[0]!.username } })
    expect(reviewer).toMatchObject({
      role: 'OFFICE_STAFF',
      officeId: office.id,
      status: 'PENDING_ACTIVATION',
      passwordHash: null,
      disabledAt: null,
    })
    expect([...reviewer.officeRoles].sort()).toEqual(['FINANCE', 'REVIEWER'])
    const central = await prisma.user.findUniqueOrThrow({ where: { username: staff[1]!.username } })
    expect(central).toMatchObject({
      role: 'CONAC_STAFF',
      status: 'PENDING_ACTIVATION',
      disabledReason: '原系统中已停用',
    })
    expect(central.disabledAt).toBeInstanceOf(Date)

    const registered = await prisma.domain.findFirstOrThrow({ where: { name: domainName }, include: { names: true } })
    expect(registered).toMatchObject({
      unitId: a.id,
      status: 'REGISTERED',
      years: 2,
      registeredAt: day('2018-03-01'),
      submittedAt: day('2018-03-01'),
      expiresAt: day('2030-03-01'),
      deletedAt: null,
    })
    expect(registered.importedAt).toBeInstanceOf(Date)
    expect(registered.names).toMatchObject([{ kind: 'PRIMARY', uLabel: domainName, live: true }])
    const deleted = await prisma.domain.findFirstOrThrow({ where: { name: domains[1]!.name } })
    expect(deleted).toMatchObject({ status: 'DELETED', deletedAt: null })

    const records = await prisma.dnsRecord.findMany({ where: { domainId: registered.id }, orderBy: { host: 'asc' } })
    expect(records).toMatchObject([
      { host: '@', type: 'MX', value: 'mail.example.cn', ttl: 3600, priority: 10 },
      { host: 'www', type: 'A', value: '203.0.113.10', ttl: 600, priority: null },
    ])

    const issued = await prisma.badge.findUniqueOrThrow({
      where: { badgeNumber: badge.badgeNumber },
      include: { siteApplication: { include: { boundDomains: true } } },
    })
    expect(issued).toMatchObject({
      unitId: a.id,
      status: 'ACTIVE',
      placement: 'SELF_BUILT',
      siteName: badge.siteName,
      englishDomain: badge.englishDomain,
      issuedAt: badge.issuedAt,
      cancelledAt: null,
    })
    // Five working days from the import, not from 2018 (or every old badge would be overdue at once).
    expect(issued.installDeadline.getTime()).toBeGreaterThan(Date.now())
    expect(issued.siteApplication).toMatchObject({
      serialNumber: badgeApplicationSerial(badge.badgeNumber),
      status: 'BADGE_ISSUED',
      unitName: unitA.name,
      chineseDomainId: registered.id,
      useMicroSite: false,
      englishDomain: badge.englishDomain,
      submittedAt: badge.issuedAt,
      handlerIdNumberEnc: null,
    })
    expect(issued.siteApplication.boundDomains.map((d) => d.domainId)).toEqual([registered.id])

    const pending = await prisma.siteApplication.findUniqueOrThrow({
      where: { serialNumber: application.serialNumber },
      include: { boundDomains: true },
    })
    expect(pending).toMatchObject({
      unitId: b.id,
      status: 'PENDING_OFFICE_REVIEW',
      kind: 'NEW_SITE',
      siteIntro: '',
      useMicroSite: true,
      principalName: '赵负责',
      handlerName: '钱经办',
      submittedAt: application.submittedAt,
      unitName: unitB.name,
    })
    expect(openIdNumber('siteApplication', pending.handlerIdNumberEnc)).toBe(application.handlerIdNumber)
    // Bound as a submission binds: the unit's REGISTERED domains (unit B's only domain has expired).
    expect(pending.boundDomains).toEqual([])

    const audit = await prisma.auditLog.findMany({ where: { action: 'migration.batch', subjectId: String(runId) } })
    expect(audit).toHaveLength(7)
    const batches = await prisma.migrationBatch.findMany({ where: { runId } })
    expect(batches).toHaveLength(7)
  })

  it('counts the imported domains in 区域统计', async () => {
    const statistics = await domainStatistics()
    expect((statistics.REGISTERED ?? 0) - (statisticsBefore.REGISTERED ?? 0)).toBe(1)
    expect((statistics.DELETED ?? 0) - (statisticsBefore.DELETED ?? 0)).toBe(1)
    expect((statistics.EXPIRED ?? 0) - (statisticsBefore.EXPIRED ?? 0)).toBe(1)
  })

  it('changes nothing when the same records are imported again', async () => {
    const rows = await tableCounts()
    const seen = await versions()
    const zones = await prisma.dnsZone.findMany({ orderBy: { suffix: 'asc' } })
    const counts = await writeAll(await newRun())
    for (const [kind, count] of Object.entries(counts))
      expect({ kind, inserted: count.inserted, updated: count.updated }).toEqual({ kind, inserted: 0, updated: 0 })
    expect(counts.units.unchanged).toBe(2)
    expect(counts.domains.unchanged).toBe(3)
    expect(await tableCounts()).toEqual(rows)
    expect(await versions()).toEqual(seen)
    expect(await prisma.dnsZone.findMany({ orderBy: { suffix: 'asc' } })).toEqual(zones)
  })

  it('updates exactly the row and the fields a corrected record changes', async () => {
    const seen = await versions()
    const runId = await newRun()
    const corrected = { ...unitA, address: '河南省濮阳市清丰县迁移路2号', handlerMobile: '13812349999' }
    expect(await write('units', [corrected, unitB], runId)).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
      refused: 0,
    })
    const a = await prisma.unit.findUniqueOrThrow({ where: { creditCode: unitA.creditCode }, include: { users: true } })
    expect(a).toMatchObject({ address: corrected.address, handlerMobile: '13812349999', name: unitA.name, version: 1 })
    expect(openIdNumber('unit', a.handlerIdNumberEnc)).toBe(unitA.handlerIdNumber)
    // The unclaimed primary account follows the handler's contacts.
    expect(a.users[0]).toMatchObject({ mobile: '13812349999', version: 1 })
    const b = await prisma.unit.findUniqueOrThrow({ where: { creditCode: unitB.creditCode } })
    expect(b.version).toBe(seen.units.find((u) => u.creditCode === unitB.creditCode)!.version)

    const moved = { ...domains[0]!, expiresAt: day('2031-03-01'), years: 3 }
    expect(await write('domains', [moved, domains[1]!, domains[2]!], runId)).toMatchObject({ updated: 1, unchanged: 2 })
    const domain = await prisma.domain.findFirstOrThrow({ where: { name: domainName } })
    expect(domain).toMatchObject({ expiresAt: day('2031-03-01'), years: 3, version: 1, status: 'REGISTERED' })

    const retimed = { ...dnsRecords[0]!, ttl: 1200 }
    expect(await write('dnsRecords', [retimed, dnsRecords[1]!], runId)).toMatchObject({ inserted: 0, updated: 1 })
    expect(await prisma.dnsRecord.count({ where: { domainId: domain.id } })).toBe(2)

    const cancelled = { ...badge, status: 'CANCELLED' as const, cancelledAt: day('2024-01-01') }
    expect(await write('badges', [cancelled], runId)).toMatchObject({ updated: 1 })
    const issued = await prisma.badge.findUniqueOrThrow({
      where: { badgeNumber: badge.badgeNumber },
      include: { siteApplication: true },
    })
    expect(issued).toMatchObject({ status: 'CANCELLED', cancelledAt: day('2024-01-01'), version: 1 })
    expect(issued.siteApplication.status).toBe('BADGE_CANCELLED')
    // Back as it was, for the tests below.
    await write('units', [unitA, unitB], runId)
  })

  it('keeps every 区域统计 counter exact: the same as rebuilt from the tables', async () => {
    const counters = async () =>
      prisma.$queryRawUnsafe<unknown[]>(
        `SELECT "root", "child", "metric", "bucket", "k1", "k2", "n"::text, "fen"::text FROM "region_statistics"
          WHERE "n" <> 0 OR "fen" <> 0 ORDER BY 1, 2, 3, 4, 5, 6`,
      )
    await finishImport(prisma)
    const kept = await counters()
    await prisma.$queryRawUnsafe(`SELECT rebuild_region_statistics()`)
    expect(kept).toEqual(await counters())
  })

  it('never touches an account its holder has claimed', async () => {
    await prisma.user.update({
      where: { username: unitA.username },
      data: { status: 'ACTIVE', passwordHash: 'argon2id-claimed', passwordChangedAt: new Date() },
    })
    await prisma.user.update({
      where: { username: staff[0]!.username },
      data: { status: 'ACTIVE', passwordHash: 'argon2id-claimed', passwordChangedAt: new Date() },
    })
    const claimed = await prisma.user.findMany({
      where: { username: { in: [unitA.username, staff[0]!.username] } },
      orderBy: { id: 'asc' },
    })
    const runId = await newRun()
    const moved = { ...unitA, handlerName: '新经办', handlerMobile: '13812348888', handlerEmail: 'new@example.cn' }
    expect(await write('units', [moved], runId)).toMatchObject({ updated: 1 })
    const renamed = { ...staff[0]!, displayName: '张改名', roles: ['ADMIN' as const] }
    expect(await write('officeStaff', [renamed], runId)).toMatchObject({ updated: 0, unchanged: 1 })
    const after = await prisma.user.findMany({
      where: { username: { in: [unitA.username, staff[0]!.username] } },
      orderBy: { id: 'asc' },
    })
    expect(after).toEqual(claimed)
    // The unit's own facts still follow the file: only the account is its holder's.
    const a = await prisma.unit.findUniqueOrThrow({ where: { creditCode: unitA.creditCode } })
    expect(a.handlerName).toBe('新经办')
  })
})

describe('batches', () => {
  const manyUnits = (count: number, prefix: string): UnitRecord[] =>
    Array.from({ length: count }, (_, i) => ({
      ...unitA,
      row: i + 2,
      creditCode: makeCreditCode('410923'),
      name: `南乐县迁移批次${prefix}${stamp}${i}`,
      regionCode: '410923',
      username: `qy_${prefix}_${stamp}_${i}`,
      handlerIdNumber: null,
    }))

  it('resumes a run stopped after a batch: only the missing batches are written, no duplicates', async () => {
    const runId = await newRun()
    const units = manyUnits(7, 'r')
    let seen = 0
    await expect(
      write('units', units, runId, {
        batchSize: 3,
        onBatch: () => {
          seen += 1
          if (seen === 1) throw new Error('killed')
        },
      }),
    ).rejects.toThrow('killed')
    expect(await prisma.migrationBatch.findMany({ where: { runId }, select: { batchIndex: true } })).toEqual([
      { batchIndex: 0 },
    ])
    expect(await prisma.unit.count({ where: { name: { startsWith: `南乐县迁移批次r${stamp}` } } })).toBe(3)

    const rows: number[] = []
    const counts = await write('units', units, runId, { batchSize: 3, onBatch: (n) => rows.push(n) })
    // Batch 0 is counted from its record, not written again.
    expect(counts).toEqual({ inserted: 7, updated: 0, unchanged: 0, refused: 0 })
    expect(rows).toEqual([3, 3, 1])
    expect(await prisma.unit.count({ where: { name: { startsWith: `南乐县迁移批次r${stamp}` } } })).toBe(7)
    expect(await prisma.user.count({ where: { username: { startsWith: `qy_r_${stamp}_` } } })).toBe(7)
    const batches = await prisma.migrationBatch.findMany({ where: { runId }, orderBy: { batchIndex: 'asc' } })
    expect(batches.map((b) => [b.batchIndex, b.firstRow, b.lastRow, b.inserted])).toEqual([
      [0, 2, 4, 3],
      [1, 5, 7, 3],
      [2, 8, 8, 1],
    ])
    expect(await prisma.auditLog.count({ where: { action: 'migration.batch', subjectId: String(runId) } })).toBe(3)
  })

  it('writes batches two at a time (as the CLI on PostgreSQL does) with the same result, and resumes the same way', async () => {
    // PGlite has one connection: two transactions at once need PostgreSQL's pool.
    const parallelBatches = t.db.kind === 'postgres' ? 2 : 1
    const runId = await newRun()
    const units = manyUnits(11, 'p')
    let seen = 0
    await expect(
      write('units', units, runId, {
        batchSize: 2,
        parallelBatches,
        onBatch: () => {
          seen += 1
          if (seen === 3) throw new Error('killed')
        },
      }),
    ).rejects.toThrow('killed')
    // However many batches committed before the stop, a resumed run writes only the missing ones.
    const committed = await prisma.migrationBatch.count({ where: { runId } })
    expect(committed).toBeGreaterThanOrEqual(3)
    const counts = await write('units', units, runId, { batchSize: 2, parallelBatches })
    expect(counts).toEqual({ inserted: 11, updated: 0, unchanged: 0, refused: 0 })
    expect(await prisma.unit.count({ where: { name: { startsWith: `南乐县迁移批次p${stamp}` } } })).toBe(11)
    expect(await prisma.user.count({ where: { username: { startsWith: `qy_p_${stamp}_` } } })).toBe(11)
    const batches = await prisma.migrationBatch.findMany({ where: { runId }, orderBy: { batchIndex: 'asc' } })
    expect(batches.map((b) => [b.batchIndex, b.firstRow, b.lastRow])).toEqual([
      [0, 2, 3],
      [1, 4, 5],
      [2, 6, 7],
      [3, 8, 9],
      [4, 10, 11],
      [5, 12, 12],
    ])
    expect(batches.reduce((sum, b) => sum + b.inserted, 0)).toBe(11)
    // A second pass changes nothing.
    expect(await write('units', units, await newRun(), { batchSize: 2, parallelBatches })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 11,
      refused: 0,
    })
  })

  it('fails a batch that cannot be written cleanly: nothing of it stays, earlier batches do', async () => {
    const runId = await newRun()
    const units = manyUnits(4, 'f')
    // The third row's login name belongs to a demo unit's account: the second batch is refused as a whole.
    units[2] = { ...units[2]!, username: 'qfzf' }
    const failure = await write('units', units, runId, { batchSize: 2 }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationWriteError)
    expect((failure as Error).message).toContain('第 4–5 行')
    expect((failure as Error).message).toContain('登录名已被其他账号使用')
    expect(await prisma.unit.count({ where: { name: { startsWith: `南乐县迁移批次f${stamp}` } } })).toBe(2)
    expect(await prisma.migrationBatch.count({ where: { runId } })).toBe(1)
  })

  it('refuses a staff login name an account of this system already has', async () => {
    const taken = { ...staff[0]!, username: 'py-shenhe' }
    const failure = await write('officeStaff', [taken], await newRun()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationWriteError)
    expect((failure as Error).message).toContain('登录名 py-shenhe 已被本系统的账号使用')
  })

  it('refuses a domain another unit holds, without writing any of its batch', async () => {
    const runId = await newRun()
    const [other] = manyUnits(1, 'o')
    await write('units', [other!], runId)
    const taken = { ...domains[0]!, unitCreditCode: other!.creditCode }
    const fresh = { ...domains[0]!, row: 5, name: `迁移测试新名${stamp}`, unitCreditCode: other!.creditCode }
    const failure = await write('domains', [fresh, taken], runId).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationWriteError)
    expect((failure as Error).message).toContain(`已由单位 ${unitA.creditCode} 持有`)
    expect(await prisma.domain.count({ where: { name: fresh.name } })).toBe(0)
  })
})

describe('a bulk import (countStatistics: false)', () => {
  it('leaves the counters to finishImport, which rebuilds them from the tables', async () => {
    const registered = async () => {
      await prisma.$queryRawUnsafe(`SELECT compact_region_statistics()`)
      const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT COALESCE(SUM("n"), 0)::bigint AS "n" FROM "region_statistics"
          WHERE "root" = '410900' AND "child" = '410923' AND "metric" = 'domains_status' AND "bucket" = ''
            AND "k1" = 'REGISTERED'`,
      )
      return Number(row!.n)
    }
    const before = await registered()
    const runId = await newRun()
    const unit: UnitRecord = {
      ...unitA,
      creditCode: makeCreditCode('410923'),
      name: `南乐县迁移批量${stamp}`,
      regionCode: '410923',
      username: `qy_bulk_${stamp}`,
    }
    const domain: DomainRecord = { ...domains[0]!, name: `南乐迁移批量${stamp}`, unitCreditCode: unit.creditCode }
    for (const [kind, records] of [
      ['units', [unit]],
      ['domains', [domain]],
    ] as const)
      await writeRecords(prisma, kind, each<RecordOf[typeof kind]>(records as never), {
        runId,
        fileName: `${kind}.csv`,
        countStatistics: false,
      })
    expect(await registered()).toBe(before)
    await finishImport(prisma, { rebuildStatistics: true })
    expect(await registered()).toBe(before + 1)
  })
})

describe('opening balances and invoice stock', () => {
  const balance = (prepaidFen: number, collectedFen = 0): BalanceRecord => ({
    fileName: '编办余额.csv',
    row: 2,
    regionCode: '410923',
    prepaidFen,
    collectedFen,
  })

  const accountsOf = async () => {
    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410923' } })
    const prepaid = await prisma.account.findUniqueOrThrow({
      where: { officeId_kind: { officeId: office.id, kind: 'OFFICE_PREPAID' } },
    })
    const contra = await prisma.account.findFirstOrThrow({
      where: { kind: 'MIGRATION_OPENING', office: { level: 'CENTRAL' } },
    })
    return { office, prepaid, contra }
  }

  let start = 0n

  it('posts the difference each time: 120.00, then 150.00, then 150.00 again', async () => {
    start =
      (await prisma.account.findFirst({ where: { office: { regionCode: '410923' }, kind: 'OFFICE_PREPAID' } }))
        ?.balanceFen ?? 0n
    const postingsBefore = await prisma.ledgerTransaction.count({ where: { kind: 'OPENING_BALANCE' } })
    expect(await write('balances', [balance(12000)], await newRun())).toMatchObject({ inserted: 1, updated: 0 })
    expect(await write('balances', [balance(15000)], await newRun())).toMatchObject({ inserted: 0, updated: 1 })
    expect(await write('balances', [balance(15000)], await newRun())).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    })

    const { prepaid, contra } = await accountsOf()
    expect(prepaid.balanceFen - start).toBe(15000n)
    const postings = await prisma.ledgerTransaction.findMany({
      where: { kind: 'OPENING_BALANCE' },
      include: { entries: true },
      orderBy: { id: 'asc' },
    })
    expect(postings.length - postingsBefore).toBe(2)
    const mine = postings.slice(postingsBefore)
    expect(mine.map((p) => p.entries.find((e) => e.accountId === prepaid.id)?.amountFen)).toEqual([12000n, 3000n])
    for (const posting of mine) {
      expect(posting.entries.reduce((sum, e) => sum + e.amountFen, 0n)).toBe(0n)
      expect(posting.entries.find((e) => e.accountId === contra.id)).toBeDefined()
    }
    expect(contra.balanceFen).toBe(-15000n)
    await expectLedgerConsistent(prisma)
  })

  it('refuses a correction that would take a balance below zero, posting nothing', async () => {
    const { prepaid } = await accountsOf()
    // Spend most of it as the daily charge would.
    const revenue = await prisma.account.findFirstOrThrow({ where: { kind: 'CONAC_REVENUE' } })
    await prisma.ledgerTransaction.create({
      data: {
        kind: 'CHARGE',
        memo: 'test charge',
        entries: {
          createMany: {
            data: [
              { accountId: prepaid.id, amountFen: -10000n },
              { accountId: revenue.id, amountFen: 10000n },
            ],
          },
        },
      },
    })
    const postings = await prisma.ledgerTransaction.count()
    const failure = await write('balances', [balance(1000)], await newRun()).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(MigrationWriteError)
    expect((failure as Error).message).toContain('编办余额不能为负')
    expect(await prisma.ledgerTransaction.count()).toBe(postings)
    // A correction that leaves it at or above zero is fine: 150.00 → 100.00 takes back 50.00 of the 50.00 left.
    expect(await write('balances', [balance(10000, 600)], await newRun())).toMatchObject({ updated: 1 })
    const after = await accountsOf()
    expect(after.prepaid.balanceFen).toBe(start)
    expect(after.contra.balanceFen).toBe(-10600n)
    await expectLedgerConsistent(prisma)
  })

  it('enters invoice stock as OPENING movements of the difference', async () => {
    const stock = (quantity: number): InvoiceStockRecord => ({
      fileName: '发票库存.csv',
      row: 2,
      regionCode: '410923',
      quantity,
    })
    const { office } = await accountsOf()
    expect(await write('invoiceStock', [stock(35)], await newRun())).toMatchObject({ inserted: 1 })
    expect(await write('invoiceStock', [stock(30)], await newRun())).toMatchObject({ updated: 1 })
    expect(await write('invoiceStock', [stock(30)], await newRun())).toMatchObject({ unchanged: 1 })
    const movements = await prisma.invoiceStockMovement.findMany({
      where: { officeId: office.id, reason: 'OPENING' },
      orderBy: { id: 'asc' },
    })
    expect(movements.map((m) => [m.quantity, m.createdById])).toEqual([
      [35, null],
      [-5, null],
    ])
    const after = await prisma.office.findUniqueOrThrow({ where: { id: office.id } })
    expect(after.invoiceStock - office.invoiceStock).toBe(30)
  })
})
