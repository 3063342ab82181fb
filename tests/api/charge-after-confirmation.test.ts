// 当日扣费 (seed 003: "CONAC收到汇款后，将款项充值到编办帐户……当日系统自动为已充值单位消费"): 认款 charges what the
// office's new balance covers right away, this remittance's items first and then the office's other waiting items in
// collection order, each item once, with balanced postings; the daily run stays the sweep. 认款 and the daily run at
// the same moment charge every item once (on PGlite the calls are serialized; on PostgreSQL, TEST_DATABASE_URL,
// they race). chargeOverview tells CONAC what was charged today and what waits, and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDailyCharge } from '../../server/src/modules/fees/dailyCharge.ts'
import { anonymous } from '../../server/src/viewer.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import {
  balanceOf,
  expectLedgerConsistent,
  fundOffice,
  officeByRegion,
  submittedRemittance,
  unitByName,
} from '../testkit/money.ts'

const Confirm = graphql(`
  mutation TestChargeOnConfirm($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
      version
      collections {
        items {
          id
          amountFen
          chargedAt
          domain {
            id
            status
            expiresAt
          }
        }
      }
    }
  }
`)

const Overview = graphql(`
  query TestChargeOverview {
    chargeOverview {
      day
      todaysRun {
        id
        status
        charged
        skipped
        chargedFen
      }
      chargedToday {
        items
        amountFen
      }
      waiting {
        items
        amountFen
        shortfallFen
        offices
      }
    }
  }
`)

let t: TestApp
let conac: string
let officeId: number
let unitId: number
let staffId: number

beforeAll(async () => {
  t = await createTestApp({ poolSize: 20 })
  conac = await t.login('conac')
  officeId = (await officeByRegion(t.db.prisma, '410922')).id
  unitId = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
  staffId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })).id
})
afterAll(() => t?.close())

let keys = 0
const confirm = (remittance: { id: number; version: number }, cookie = conac) =>
  t.execute(
    Confirm,
    {
      input: { id: String(remittance.id), version: remittance.version, idempotencyKey: `charge-on-confirm-${++keys}` },
    },
    { cookie },
  )

/** A day of its own for each daily run (its clock is that day, so the charge accepts it). */
let runDays = 0
function dailyRunOnItsOwnDay() {
  runDays += 1
  const now = new Date(Date.UTC(2031, 0, runDays, 4))
  return runDailyCharge(t.db.prisma, now, { viewer: anonymous, ip: null }, { now })
}

async function chargesOf(itemIds: number[]) {
  return t.db.prisma.ledgerTransaction.count({ where: { kind: 'CHARGE', chargedItem: { id: { in: itemIds } } } })
}

const remittanceOf = (feesFen: bigint[]) =>
  submittedRemittance(t.db.prisma, { officeId, unitId, collectedById: staffId, feesFen })

describe('认款 charges what the new balance covers, the same day', () => {
  it(
    'registers the remittance’s domains at once; the daily run then has nothing of it left to charge',
    { timeout: 120_000 },
    async () => {
      const { remittance, collection, domains } = await remittanceOf([30_000n, 60_000n])
      const prepaidBefore = await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')
      const result = await confirm(remittance)
      expect(result.errors).toBeUndefined()
      const items = result.data!.confirmRemittance.collections.flatMap((c) => c.items)
      expect(items).toHaveLength(2)
      for (const item of items) {
        expect(item.chargedAt).not.toBeNull()
        expect(item.domain.status).toBe('REGISTERED')
        expect(item.domain.expiresAt).not.toBeNull()
      }
      expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(prepaidBefore)
      expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_IN_TRANSIT')).toBe(0n)
      const itemIds = collection.items.map((item) => item.id)
      expect(await chargesOf(itemIds)).toBe(2)
      const audits = await t.db.prisma.auditLog.findMany({
        where: { action: 'charge.register', subjectId: { in: domains.map((d) => String(d.id)) } },
      })
      expect(audits).toHaveLength(2)
      await expectLedgerConsistent(t.db.prisma)

      const run = await dailyRunOnItsOwnDay()
      expect(run.status).toBe('SUCCEEDED')
      expect(await chargesOf(itemIds)).toBe(2)
      await expectLedgerConsistent(t.db.prisma)
    },
  )

  it(
    'pays for its own items first, then the office’s older waiting items the balance covers; the rest waits',
    { timeout: 120_000 },
    async () => {
      const older = await remittanceOf([50_000n]) // in transit: not confirmed yet
      const oldest = await remittanceOf([10_000n])
      const [olderItem, oldestItem] = [older.collection.items[0]!, oldest.collection.items[0]!]
      const prepaidBefore = await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')
      // Money already on the account (as if an earlier item had been refunded there): 500 yuan.
      await fundOffice(t.db.prisma, officeId, 50_000n)
      const own = await remittanceOf([30_000n])
      const result = await confirm(own.remittance)
      expect(result.errors).toBeUndefined()
      // 500 + 300: its own 300 first, then the older 500 (collection order); the 100 finds nothing left.
      const charged = await t.db.prisma.feeCollectionItem.findMany({
        where: { id: { in: [own.collection.items[0]!.id, olderItem.id, oldestItem.id] } },
        orderBy: { id: 'asc' },
      })
      expect(charged.map((item) => [item.id, item.chargedAt != null])).toEqual([
        [olderItem.id, true],
        [oldestItem.id, false],
        [own.collection.items[0]!.id, true],
      ])
      expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(prepaidBefore)
      await expectLedgerConsistent(t.db.prisma)

      // The oldest item's own 认款 pays for it.
      expect((await confirm(oldest.remittance)).errors).toBeUndefined()
      expect(
        (await t.db.prisma.feeCollectionItem.findUniqueOrThrow({ where: { id: oldestItem.id } })).chargedAt,
      ).not.toBeNull()
      // And the older remittance's money, confirmed now, stays on the account: its item is already paid for.
      expect((await confirm(older.remittance)).errors).toBeUndefined()
      expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(prepaidBefore + 50_000n)
      expect(await chargesOf([olderItem.id, oldestItem.id, own.collection.items[0]!.id])).toBe(3)
      await expectLedgerConsistent(t.db.prisma)
    },
  )

  it('replays a retried 认款 without a second confirmation or charge', { timeout: 120_000 }, async () => {
    const { remittance, collection } = await remittanceOf([30_000n])
    const input = { id: String(remittance.id), version: remittance.version, idempotencyKey: 'charge-on-confirm-replay' }
    const first = await t.execute(Confirm, { input }, { cookie: conac })
    const again = await t.execute(Confirm, { input }, { cookie: conac })
    expect(first.errors).toBeUndefined()
    expect(again.errors).toBeUndefined()
    expect(again.data!.confirmRemittance.id).toBe(first.data!.confirmRemittance.id)
    expect(await chargesOf(collection.items.map((item) => item.id))).toBe(1)
    expect(
      await t.db.prisma.ledgerTransaction.count({
        where: { kind: 'REMITTANCE_CONFIRMATION', memo: { contains: `#${remittance.id} ` } },
      }),
    ).toBe(1)
    await expectLedgerConsistent(t.db.prisma)
  })
})

describe('认款 and the daily run at the same moment', () => {
  it('charge every item once, whichever comes first', { timeout: 240_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const fees = Array.from({ length: 12 }, () => 10_000n)
      const { remittance, collection } = await remittanceOf(fees)
      const prepaidBefore = await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')
      const [confirmed, run] = await Promise.all([confirm(remittance), dailyRunOnItsOwnDay()])
      expect(confirmed.errors, `round ${round}`).toBeUndefined()
      expect(run.status).toBe('SUCCEEDED')
      const itemIds = collection.items.map((item) => item.id)
      // Whatever the daily run found unpaid a moment before 认款 committed is paid by 认款 itself.
      const items = await t.db.prisma.feeCollectionItem.findMany({
        where: { id: { in: itemIds } },
        include: { domain: true },
      })
      expect(
        items.every(
          (item) => item.chargedAt != null && item.chargeTransactionId != null && item.domain.status === 'REGISTERED',
        ),
        `round ${round}`,
      ).toBe(true)
      expect(await chargesOf(itemIds)).toBe(12)
      expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(prepaidBefore)
      await expectLedgerConsistent(t.db.prisma)
    }
  })

  it('two 认款 of one remittance at once: one confirmation, each item charged once', { timeout: 120_000 }, async () => {
    const { remittance, collection } = await remittanceOf([10_000n, 20_000n, 30_000n])
    const results = await Promise.all([confirm(remittance), confirm(remittance), confirm(remittance)])
    expect(results.filter((r) => !r.errors)).toHaveLength(1)
    expect(results.filter((r) => r.errors).map((r) => errorCodes(r)[0])).toEqual(['CONFLICT', 'CONFLICT'])
    expect(await chargesOf(collection.items.map((item) => item.id))).toBe(3)
    await expectLedgerConsistent(t.db.prisma)
  })
})

describe('chargeOverview', () => {
  it(
    'tells CONAC what was charged today, and what waits with the shortfall of its offices’ balances',
    { timeout: 120_000 },
    async () => {
      const before = (await t.execute(Overview, {}, { cookie: conac })).data!.chargeOverview
      // 濮阳市's office, whose 帐户余额 is empty: collected and remitted, not confirmed, the item waits.
      const city = (await officeByRegion(t.db.prisma, '410900')).id
      const cityUnit = (await unitByName(t.db.prisma, '濮阳市教育局')).id
      const cityStaff = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'puyang' } })).id
      expect(await balanceOf(t.db.prisma, city, 'OFFICE_PREPAID')).toBe(0n)
      const { collection } = await submittedRemittance(t.db.prisma, {
        officeId: city,
        unitId: cityUnit,
        collectedById: cityStaff,
        feesFen: [40_000n],
      })
      const after = await t.execute(Overview, {}, { cookie: conac })
      expect(after.errors).toBeUndefined()
      const overview = after.data!.chargeOverview
      expect(overview.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(overview.waiting.items).toBe(before.waiting.items + 1)
      expect(overview.waiting.amountFen).toBe((before.waiting.amountFen as number) + 40_000)
      expect(overview.waiting.shortfallFen).toBe((before.waiting.shortfallFen as number) + 40_000)
      expect(overview.waiting.offices).toBe(before.waiting.offices + 1)
      // Today is the Beijing day: every item charged since its midnight, by 认款 or by a daily run.
      const since = new Date(`${overview.day}T00:00:00+08:00`)
      const chargedToday = await t.db.prisma.feeCollectionItem.findMany({
        where: { chargedAt: { gte: since } },
        select: { amountFen: true },
      })
      expect(chargedToday.length).toBeGreaterThan(0)
      expect(overview.chargedToday).toEqual({
        items: chargedToday.length,
        amountFen: Number(chargedToday.reduce((sum, item) => sum + item.amountFen, 0n)),
      })
      expect(collection.items[0]!.chargedAt).toBeNull()

      for (const name of ['qingfeng', 'henan', 'qfzf']) {
        expect(errorCodes(await t.execute(Overview, {}, { cookie: await t.login(name) })), name).toEqual(['FORBIDDEN'])
      }
    },
  )
})
