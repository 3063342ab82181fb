// The daily charge under concurrency: 60 charges race for one office balance that covers N of them. Exactly N
// succeed, the balance never goes negative and stays the sum of its entries; one item charged many times at once
// is charged once. (On PGlite the calls are serialized; on PostgreSQL, TEST_DATABASE_URL, they really race.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chargeFeeItem } from '../../server/src/modules/fees/charges.ts'
import { chargeableDays, runDailyCharge } from '../../server/src/modules/fees/dailyCharge.ts'
import { anonymous } from '../../server/src/viewer.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import {
  balanceOf,
  collectedItems,
  expectLedgerConsistent,
  fundOffice,
  officeByRegion,
  unitByName,
} from '../testkit/money.ts'

const CollectFee = graphql(`
  mutation TestConcurrentCollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
    }
  }
`)

let t: TestApp
let officeId: number
let unitId: number
let staffId: number

beforeAll(async () => {
  t = await createTestApp({ poolSize: 20 })
  officeId = (await officeByRegion(t.db.prisma, '410922')).id
  unitId = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
  staffId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })).id
})
afterAll(() => t?.close())

describe('chargeFeeItem', () => {
  it('charges exactly as many items as the balance covers', { timeout: 120_000 }, async () => {
    const fee = 10_000n
    const covered = 23
    const { collection } = await collectedItems(t.db.prisma, {
      officeId,
      unitId,
      collectedById: staffId,
      count: 60,
      feeFen: fee,
    })
    await fundOffice(t.db.prisma, officeId, fee * BigInt(covered))
    const outcomes = await Promise.all(collection.items.map((item) => chargeFeeItem(t.db.prisma, item.id)))
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(covered)
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(60 - covered)
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(0n)
    await expectLedgerConsistent(t.db.prisma)
    const charged = await t.db.prisma.feeCollectionItem.findMany({
      where: { feeCollectionId: collection.id, chargedAt: { not: null } },
      include: { domain: true },
    })
    expect(charged).toHaveLength(covered)
    expect(charged.every((item) => item.domain.status === 'REGISTERED' && item.chargeTransactionId != null)).toBe(true)
    const waiting = await t.db.prisma.domain.count({
      where: { feeItems: { some: { feeCollectionId: collection.id, chargedAt: null } }, status: 'FEE_COLLECTED' },
    })
    expect(waiting).toBe(60 - covered)
  })

  it('charges one item once when it is charged many times at once', { timeout: 120_000 }, async () => {
    const fee = 30_000n
    const { collection } = await collectedItems(t.db.prisma, {
      officeId,
      unitId,
      collectedById: staffId,
      count: 1,
      feeFen: fee,
    })
    await fundOffice(t.db.prisma, officeId, fee * 5n)
    const item = collection.items[0]!
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => chargeFeeItem(t.db.prisma, item.id)))
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'already')).toHaveLength(19)
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(fee * 4n)
    expect(await t.db.prisma.ledgerTransaction.count({ where: { kind: 'CHARGE', chargedItem: { id: item.id } } })).toBe(
      1,
    )
    await expectLedgerConsistent(t.db.prisma)
  })
})

describe('collectFee with one idempotency key, sent concurrently', () => {
  it('has one effect and gives every request the same answer', { timeout: 120_000 }, async () => {
    const cookie = await t.login('qingfeng')
    const domain = await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED' })
    const input = {
      unitId: String(unitId),
      domainIds: [String(domain.id)],
      amountFen: 30000,
      invoiceCount: 1,
      idempotencyKey: 'concurrent-key-1',
    }
    const before = await t.db.prisma.feeCollection.count()
    const results = await Promise.all(Array.from({ length: 8 }, () => t.execute(CollectFee, { input }, { cookie })))
    expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined))
    expect(new Set(results.map((r) => r.data!.collectFee.id)).size).toBe(1)
    expect(await t.db.prisma.feeCollection.count()).toBe(before + 1)
    await expectLedgerConsistent(t.db.prisma)
  })
})

describe('runDailyCharge', () => {
  it(
    'runs a day once; a run in progress is a conflict; a failed or dead run is taken over',
    { timeout: 120_000 },
    async () => {
      const day = (key: string) => new Date(`${key}T04:00:00Z`)
      // Each call runs "on" its own day: the clock is that day, so the day is today for the charge.
      const runDailyChargeOn = (date: Date) =>
        runDailyCharge(t.db.prisma, date, { viewer: anonymous, ip: null }, { now: date })
      const running = await t.db.prisma.jobRun.create({ data: { job: 'dailyCharge', periodKey: '2030-01-02' } })
      await expect(runDailyChargeOn(day('2030-01-02'))).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } })
      // The same run, started long ago by a process that died.
      await t.db.prisma.jobRun.update({
        where: { id: running.id },
        data: { startedAt: new Date(Date.now() - 3_600_000) },
      })
      const retaken = await runDailyChargeOn(day('2030-01-02'))
      expect(retaken).toMatchObject({ id: running.id, status: 'SUCCEEDED' })
      const failed = await t.db.prisma.jobRun.create({
        data: { job: 'dailyCharge', periodKey: '2030-01-03', status: 'FAILED', error: 'boom' },
      })
      expect(await runDailyChargeOn(day('2030-01-03'))).toMatchObject({
        id: failed.id,
        status: 'SUCCEEDED',
        error: null,
      })
      // Two at once: one runs; the other gets its result or, while it runs, a conflict.
      const outcomes = await Promise.all(
        [1, 2].map(() =>
          runDailyChargeOn(day('2030-01-04')).then(
            (run) => run.status as string,
            (e: { extensions?: { code?: string } }) => e.extensions?.code,
          ),
        ),
      )
      expect(outcomes).toContain('SUCCEEDED')
      expect(outcomes.every((o) => o === 'SUCCEEDED' || o === 'CONFLICT')).toBe(true)
      expect(await t.db.prisma.jobRun.count({ where: { periodKey: '2030-01-04' } })).toBe(1)
      await expectLedgerConsistent(t.db.prisma)
    },
  )
})

describe('the days a charge may run for', () => {
  // 2030-02-05 00:30 and 02:00 in Beijing.
  const beforeSlot = new Date('2030-02-04T16:30:00Z')
  const afterSlot = new Date('2030-02-04T18:00:00Z')
  const actor = { viewer: anonymous, ip: null }

  it("today, and yesterday only until today's 01:00 (the scheduler catching up a missed run)", () => {
    expect(chargeableDays(beforeSlot).sort()).toEqual(['2030-02-04', '2030-02-05'])
    expect(chargeableDays(afterSlot)).toEqual(['2030-02-05'])
  })

  it('refuses any other day with BAD_USER_INPUT and claims nothing', { timeout: 120_000 }, async () => {
    const runsBefore = await t.db.prisma.jobRun.count({ where: { job: 'dailyCharge' } })
    for (const date of [
      '1971-01-01T04:00:00Z',
      '9999-12-31T04:00:00Z',
      '2030-02-06T04:00:00Z',
      '2030-02-03T04:00:00Z',
      '2030-02-04T04:00:00Z',
    ]) {
      await expect(runDailyCharge(t.db.prisma, new Date(date), actor, { now: afterSlot }), date).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      })
    }
    expect(await t.db.prisma.jobRun.count({ where: { job: 'dailyCharge' } })).toBe(runsBefore)
  })

  it("catches up yesterday before today's slot, once", { timeout: 120_000 }, async () => {
    const yesterday = new Date('2030-02-04T04:00:00Z')
    expect(await t.db.prisma.jobRun.count({ where: { job: 'dailyCharge', periodKey: '2030-02-04' } })).toBe(0)
    const caughtUp = await runDailyCharge(t.db.prisma, yesterday, actor, { now: beforeSlot })
    expect(caughtUp).toMatchObject({ periodKey: '2030-02-04', status: 'SUCCEEDED' })
    expect((await runDailyCharge(t.db.prisma, yesterday, actor, { now: beforeSlot })).id).toBe(caughtUp.id)
    await expectLedgerConsistent(t.db.prisma)
  })
})
