// The database keeps its own rules: migrations apply once, seeding is idempotent, the region tree is complete,
// and constraints refuse bad rows (money that does not balance, negative balances, rewritten history).
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../server/src/db/connect.ts'
import { applyMigrations, readMigrations, SUPERSEDED_CHECKSUMS } from '../../server/src/db/migrate.ts'
import { isValidCreditCode, isValidIdNumber } from '../../server/src/lib/identifiers.ts'
import { readRegionRows, seedRegionsAndOffices } from '../../server/src/seed/regions.ts'
import { seedDatabase } from '../../server/src/seed/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createEmptyPostgresDatabase } from '../testkit/database.ts'
import { makeCreditCode } from '../testkit/fixtures.ts'
import { migrationsDir } from '../testkit/paths.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t?.close())

/** Runs a statement that must fail; returns the database's error message. */
async function refused(sql: string): Promise<string> {
  try {
    await t.db.sql.exec(sql)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`expected the database to refuse: ${sql}`)
}

describe('migrations', () => {
  it('are recorded like Prisma records them, and a second run applies nothing', async () => {
    const rows = await t.db.sql.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      readMigrations(migrationsDir).map((m) => [m.name, m.checksum]),
    )
    expect(await applyMigrations(t.db.sql, migrationsDir)).toEqual([])
  })

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const [first] = readMigrations(migrationsDir)
    await t.db.sql.query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
      '0'.repeat(64),
      first!.name,
    ])
    await expect(applyMigrations(t.db.sql, migrationsDir)).rejects.toThrow(/edited after it was applied/)
    await t.db.sql.query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
      first!.checksum,
      first!.name,
    ])
  })
})

describe('an upgrade over a database in use', () => {
  const BEFORE_QUEUE_REGION = '20261207103000_rebuild_statistics_faster'
  const QUEUE_REGION = '20261207103500_office_queue_region'
  let old: Database
  let dropOld = async () => {}
  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const created = await createEmptyPostgresDatabase('upgrade')
      old = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 2 })
      dropOld = created.drop
    } else old = await openDatabase({ kind: 'pglite' })
  })
  afterAll(async () => {
    await old?.close()
    await dropOld()
  })

  // The first text of the queue-region migration backfilled the pending domains before its CREATE INDEX, and
  // PostgreSQL refuses DDL on a table with pending (deferred 区域统计) trigger events: an upgrade of any database
  // holding a pending domain stopped the API's start. Raw SQL throughout: the Prisma client knows the newer schema.
  it('carries the pending domains already there into the office queue', async () => {
    await applyMigrations(old.sql, migrationsDir, BEFORE_QUEUE_REGION)
    await seedRegionsAndOffices(old.prisma)
    const [unit] = await old.sql.query<{ id: number }>(
      `INSERT INTO units (name, type, "systemCategory", "creditCode", "regionCode", address, postcode, "handlerName",
         "handlerMobile", "handlerEmail", "updatedAt")
       VALUES ('清丰县升级测试局', 'PARTY_GOVERNMENT', 'PARTY_COMMITTEE', $1, '410922', '清丰县', '457300', '张三',
         '13800000000', 'upgrade@example.cn', now()) RETURNING id`,
      [makeCreditCode('410922')],
    )
    await old.sql.query(
      `INSERT INTO domains (name, suffix, "unitId", status, years, "registeredAt", "expiresAt", "updatedAt")
       VALUES ('清丰升级待审', 'ZHENGWU', $1, 'PENDING_OFFICE_REVIEW', 1, NULL, NULL, now()),
              ('清丰升级已注册', 'ZHENGWU', $1, 'REGISTERED', 1, now(), now() + interval '1 year', now())`,
      [unit!.id],
    )

    expect(await applyMigrations(old.sql, migrationsDir)).toContain(QUEUE_REGION)
    const rows = await old.sql.query<{ name: string; queueRegionCode: string | null }>(
      'SELECT name, "queueRegionCode" FROM domains WHERE "unitId" = $1 ORDER BY name',
      [unit!.id],
    )
    expect(rows).toEqual([
      { name: '清丰升级已注册', queueRegionCode: null },
      { name: '清丰升级待审', queueRegionCode: '410922' },
    ])
  })

  it('accepts the first text of a corrected migration where it applied, and records the current checksum', async () => {
    const current = readMigrations(migrationsDir).find((migration) => migration.name === QUEUE_REGION)!
    const superseded = SUPERSEDED_CHECKSUMS[QUEUE_REGION]![0]!
    await old.sql.query('UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
      superseded,
      QUEUE_REGION,
    ])
    expect(await applyMigrations(old.sql, migrationsDir)).toEqual([])
    const [row] = await old.sql.query<{ checksum: string }>(
      'SELECT checksum FROM _prisma_migrations WHERE migration_name = $1',
      [QUEUE_REGION],
    )
    expect(row!.checksum).toBe(current.checksum)
  })
})

describe('seed', () => {
  it('is idempotent', async () => {
    const count = async () => ({
      regions: await t.db.prisma.region.count(),
      offices: await t.db.prisma.office.count(),
      accounts: await t.db.prisma.account.count(),
      units: await t.db.prisma.unit.count(),
      users: await t.db.prisma.user.count(),
      prices: await t.db.prisma.priceListEntry.count(),
    })
    const before = await count()
    await seedDatabase(t.db.prisma)
    expect(await count()).toEqual(before)
  })

  it('holds complete provinces: 河南 with 17 prefecture-level cities, 濮阳 with its six counties and districts', async () => {
    const henanCities = await t.db.prisma.region.findMany({ where: { parentCode: '410000' }, orderBy: { code: 'asc' } })
    expect(henanCities.filter((city) => city.name !== '省直辖县级行政区划')).toHaveLength(17)
    const puyang = await t.db.prisma.region.findMany({ where: { parentCode: '410900' }, orderBy: { code: 'asc' } })
    expect(puyang.map((county) => county.name)).toEqual(['华龙区', '清丰县', '南乐县', '范县', '台前县', '濮阳县'])
    const hebeiCities = await t.db.prisma.region.count({ where: { parentCode: '130000' } })
    expect(hebeiCities).toBe(11)
    // Every division in the data file is in the database, nationwide.
    expect(await t.db.prisma.region.count()).toBe(readRegionRows().length)
  })

  it('gives every real division an office, and every office its ledger accounts', async () => {
    const withoutOffice = await t.db.prisma.region.findMany({ where: { office: null }, select: { name: true } })
    expect(new Set(withoutOffice.map((region) => region.name))).toEqual(
      new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']),
    )
    const offices = await t.db.prisma.office.count()
    expect(await t.db.prisma.account.count({ where: { kind: 'OFFICE_PREPAID' } })).toBe(offices - 1)
    const conac = await t.db.prisma.office.findFirstOrThrow({
      where: { level: 'CENTRAL' },
      include: { accounts: true },
    })
    expect(conac.accounts.map((account) => account.kind).sort()).toEqual(['CONAC_REVENUE', 'UNIT_PAYMENTS'])
  })

  it('uses identifiers whose check characters are right', async () => {
    for (const unit of await t.db.prisma.unit.findMany()) {
      expect(isValidCreditCode(unit.creditCode)).toBe(true)
      expect(isValidIdNumber(openIdNumber('unit', unit.handlerIdNumberEnc)!)).toBe(true)
    }
  })
})

describe('constraints', () => {
  it('refuse a user that belongs to neither a unit nor an office', async () => {
    expect(
      await refused(
        `INSERT INTO users (username, "displayName", "passwordHash", role, "updatedAt") VALUES ('orphan', 'x', 'x', 'UNIT_USER', now())`,
      ),
    ).toMatch(/users_belongs_to_unit_or_office/)
  })

  it('refuse a malformed credit code, a registration period over 10 years and a rejection without a reason', async () => {
    expect(
      await refused(`UPDATE units SET "creditCode" = 'IO0000000000000000' WHERE id = (SELECT min(id) FROM units)`),
    ).toMatch(/units_credit_code_format/)
    const unit = await t.db.prisma.unit.findFirstOrThrow()
    expect(
      await refused(
        `INSERT INTO domains (name, suffix, "unitId", years, "updatedAt") VALUES ('测试', 'ZHENGWU', ${unit.id}, 11, now())`,
      ),
    ).toMatch(/domains_years_range/)
    const domain = await t.db.prisma.domain.create({
      data: { name: '清丰测试', suffix: 'ZHENGWU', unitId: unit.id, years: 2 },
    })
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    expect(
      await refused(
        `INSERT INTO review_decisions (subject, "domainId", level, "officeId", "reviewerId", result) VALUES ('DOMAIN', ${domain.id}, 'OFFICE', ${reviewer.officeId}, ${reviewer.id}, 'REJECTED')`,
      ),
    ).toMatch(/review_decisions_rejection_has_reason/)
    // A second live application for the same name is refused; a rejected one does not hold the name.
    await expect(
      t.db.prisma.domain.create({ data: { name: '清丰测试', suffix: 'ZHENGWU', unitId: unit.id, years: 1 } }),
    ).rejects.toThrow()
    await t.db.prisma.domain.update({ where: { id: domain.id }, data: { status: 'OFFICE_REJECTED' } })
    await expect(
      t.db.prisma.domain.create({ data: { name: '清丰测试', suffix: 'ZHENGWU', unitId: unit.id, years: 1 } }),
    ).resolves.toBeTruthy()
  })

  it('keep every account balance equal to the sum of its entries, and refuse postings that do not balance', async () => {
    const office = await t.db.prisma.office.findUniqueOrThrow({
      where: { regionCode: '410922' },
      include: { accounts: true },
    })
    const collected = office.accounts.find((account) => account.kind === 'OFFICE_COLLECTED')!
    const conac = await t.db.prisma.office.findFirstOrThrow({
      where: { level: 'CENTRAL' },
      include: { accounts: true },
    })
    const unitPayments = conac.accounts.find((account) => account.kind === 'UNIT_PAYMENTS')!

    // A balanced posting moves both balances.
    await t.db.prisma.ledgerTransaction.create({
      data: {
        kind: 'COLLECTION',
        memo: 'test collection',
        entries: {
          createMany: {
            data: [
              { accountId: collected.id, amountFen: 60000n },
              { accountId: unitPayments.id, amountFen: -60000n },
            ],
          },
        },
      },
    })
    const balances = await t.db.sql.query<{ id: number; balance: string; sum: string }>(
      `SELECT a.id, a."balanceFen"::text AS balance, COALESCE(SUM(e."amountFen"), 0)::text AS sum
         FROM accounts a LEFT JOIN ledger_entries e ON e."accountId" = a.id GROUP BY a.id HAVING a."balanceFen" <> COALESCE(SUM(e."amountFen"), 0)`,
    )
    expect(balances).toEqual([])
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: collected.id } })).balanceFen).toBe(60000n)

    // One-sided posting: refused, and nothing of it stays.
    const entriesBefore = await t.db.prisma.ledgerEntry.count()
    await expect(
      t.db.prisma.ledgerTransaction.create({
        data: {
          kind: 'COLLECTION',
          memo: 'unbalanced',
          entries: { createMany: { data: [{ accountId: collected.id, amountFen: 100n }] } },
        },
      }),
    ).rejects.toThrow(/does not balance/)
    expect(await t.db.prisma.ledgerEntry.count()).toBe(entriesBefore)
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: collected.id } })).balanceFen).toBe(60000n)
  })

  it('never let an office balance go negative', async () => {
    const office = await t.db.prisma.office.findUniqueOrThrow({
      where: { regionCode: '410923' },
      include: { accounts: true },
    })
    const prepaid = office.accounts.find((account) => account.kind === 'OFFICE_PREPAID')!
    const conac = await t.db.prisma.office.findFirstOrThrow({
      where: { level: 'CENTRAL' },
      include: { accounts: true },
    })
    const revenue = conac.accounts.find((account) => account.kind === 'CONAC_REVENUE')!
    await expect(
      t.db.prisma.ledgerTransaction.create({
        data: {
          kind: 'CHARGE',
          memo: 'overdraft',
          entries: {
            createMany: {
              data: [
                { accountId: prepaid.id, amountFen: -1n },
                { accountId: revenue.id, amountFen: 1n },
              ],
            },
          },
        },
      }),
    ).rejects.toThrow(/accounts_balance_sign/)
    expect((await t.db.prisma.account.findUniqueOrThrow({ where: { id: prepaid.id } })).balanceFen).toBe(0n)
  })

  it('keep history append-only: ledger entries, review decisions and the audit log cannot be edited or deleted', async () => {
    await t.login('qingfeng') // writes an audit row
    const domain = await t.db.prisma.domain.findFirstOrThrow()
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    await t.db.prisma.reviewDecision.create({
      data: {
        subject: 'DOMAIN',
        domainId: domain.id,
        level: 'OFFICE',
        officeId: reviewer.officeId!,
        reviewerId: reviewer.id,
        result: 'APPROVED',
      },
    })
    expect(await t.db.prisma.auditLog.count()).toBeGreaterThan(0)
    expect(await t.db.prisma.ledgerEntry.count()).toBeGreaterThan(0)
    expect(await refused('UPDATE ledger_entries SET "amountFen" = 1')).toMatch(/append-only/)
    expect(await refused('DELETE FROM ledger_entries')).toMatch(/append-only/)
    expect(await refused('DELETE FROM audit_logs')).toMatch(/append-only/)
    expect(await refused('UPDATE review_decisions SET reason = NULL')).toMatch(/append-only/)
  })

  it('cap a pre-issued invoice request at 30,000 yuan and keep invoice stock from going negative', async () => {
    const office = await t.db.prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    expect(
      await refused(
        `INSERT INTO invoice_requests ("officeId", count, "invoiceType", "faceValueFen", "mailingAddress", "requestedById") VALUES (${office.id}, 10, 'GENERAL', 3000001, '清丰县', ${user.id})`,
      ),
    ).toMatch(/invoice_requests_face_value_cap/)
    expect(
      await refused(
        `INSERT INTO invoice_stock_movements ("officeId", quantity, reason, "createdById") VALUES (${office.id}, ${-(office.invoiceStock + 1)}, 'ISSUED', ${user.id})`,
      ),
    ).toMatch(/offices_invoice_stock_not_negative/)
  })
})
