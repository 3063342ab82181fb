// 续费: several domains renewed at once follow the fee path (收费 with renewalIds, 汇款, 认款, 每日扣费) and each
// expiry moves by the years, from the old expiry or, for an expired domain, from the day of the charge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addYears, mondayOf } from '../../server/src/modules/fees/calendar.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { expectLedgerConsistent, moneySnapshot, unitByName } from '../testkit/money.ts'

const Quote = graphql(`
  query TestRenewalQuote($domainIds: [ID!]!, $years: Int!) {
    renewalQuote(domainIds: $domainIds, years: $years) {
      count
      totalFen
      items {
        feeFen
        domain {
          id
          fullName
        }
      }
    }
  }
`)

const RequestRenewal = graphql(`
  mutation TestRequestRenewal($input: RequestRenewalInput!) {
    requestRenewal(input: $input) {
      count
      totalFen
      renewals {
        id
        status
        years
        domain {
          id
          openRenewal {
            id
          }
        }
      }
    }
  }
`)

const CollectRenewals = graphql(`
  mutation TestCollectRenewals($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
      items {
        kind
        renewal {
          id
          status
        }
      }
    }
  }
`)

const Remit = graphql(`
  mutation TestRemitRenewals($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      version
      amountFen
    }
  }
`)

const Confirm = graphql(`
  mutation TestConfirmRenewals($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
    }
  }
`)

const Charge = graphql(`
  mutation TestChargeRenewals($date: DateTime) {
    runDailyCharge(date: $date) {
      charged
      skipped
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
let unitId: number
const DAY = 86_400_000
let domains: { id: number; expiresAt: Date | null; status: string }[]

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['qingfeng', 'nanle', 'conac', 'qfzf', 'qfyy']) cookies[name] = await t.login(name)
  unitId = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
  domains = [
    await createDomain(t.db.prisma, { unitId, status: 'REGISTERED', expiresAt: new Date(Date.now() + 20 * DAY) }),
    await createDomain(t.db.prisma, {
      unitId,
      status: 'REGISTERED',
      expiresAt: new Date(Date.now() + 200 * DAY),
      suffix: 'GONGYI',
    }),
    await createDomain(t.db.prisma, { unitId, status: 'EXPIRED', expiresAt: new Date(Date.now() - 10 * DAY) }),
  ]
})
afterAll(() => t?.close())

const as = (name: string) => ({ cookie: cookies[name] })
const ids = () => domains.map((d) => String(d.id))

describe('renewals', () => {
  it('quotes the count and the total for the confirmation step', async () => {
    const result = await t.execute(Quote, { domainIds: ids(), years: 2 }, as('qfzf'))
    expect(result.errors).toBeUndefined()
    expect(result.data!.renewalQuote).toMatchObject({ count: 3, totalFen: 180000 })
    expect(result.data!.renewalQuote.items.map((i) => i.feeFen)).toEqual([60000, 60000, 60000])
  })

  it('refuses other units, sibling offices, bad years and domains that are not registered', async () => {
    const before = await moneySnapshot(t.db.prisma)
    expect(errorCodes(await t.execute(RequestRenewal, { input: { domainIds: ids(), years: 2 } }, as('qfyy')))).toEqual([
      'NOT_FOUND',
    ])
    expect(errorCodes(await t.execute(RequestRenewal, { input: { domainIds: ids(), years: 2 } }, as('nanle')))).toEqual(
      ['NOT_FOUND'],
    )
    expect(errorCodes(await t.execute(RequestRenewal, { input: { domainIds: ids(), years: 11 } }, as('qfzf')))).toEqual(
      ['BAD_USER_INPUT'],
    )
    const pending = await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED' })
    expect(
      errorCodes(await t.execute(RequestRenewal, { input: { domainIds: [String(pending.id)], years: 1 } }, as('qfzf'))),
    ).toEqual(['BAD_USER_INPUT'])
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
  })

  let renewalIds: string[]
  it('creates one REQUESTED renewal per domain, and no second open one', async () => {
    const result = await t.execute(RequestRenewal, { input: { domainIds: ids(), years: 2 } }, as('qfzf'))
    expect(result.errors).toBeUndefined()
    expect(result.data!.requestRenewal).toMatchObject({ count: 3, totalFen: 180000 })
    renewalIds = result.data!.requestRenewal.renewals.map((r) => r.id)
    expect(
      result.data!.requestRenewal.renewals.every((r) => r.status === 'REQUESTED' && r.domain.openRenewal?.id === r.id),
    ).toBe(true)
    expect(
      errorCodes(await t.execute(RequestRenewal, { input: { domainIds: [ids()[0]!], years: 1 } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'renewal.request', subjectId: { in: renewalIds } } }),
    ).toBe(3)
  })

  it('follows the fee path and extends each expiry by the years', async () => {
    const collected = await t.execute(
      CollectRenewals,
      {
        input: {
          unitId: String(unitId),
          renewalIds,
          amountFen: 180000,
          invoiceCount: 3,
          idempotencyKey: 'renewal-collect-1',
        },
      },
      as('qingfeng'),
    )
    expect(collected.errors).toBeUndefined()
    expect(
      collected.data!.collectFee.items.every((i) => i.kind === 'RENEWAL' && i.renewal?.status === 'FEE_COLLECTED'),
    ).toBe(true)
    await expectLedgerConsistent(t.db.prisma)
    // Collected already: another attempt (new key) is a conflict and writes nothing, even with a payable domain in it.
    const payable = await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED' })
    const before = await moneySnapshot(t.db.prisma)
    const again = await t.execute(
      CollectRenewals,
      {
        input: {
          unitId: String(unitId),
          domainIds: [String(payable.id)],
          renewalIds,
          amountFen: 210000,
          invoiceCount: 1,
          idempotencyKey: 'renewal-collect-2',
        },
      },
      as('qingfeng'),
    )
    expect(errorCodes(again)).toEqual(['CONFLICT'])
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: payable.id } })).status).toBe('CONAC_APPROVED')
    const remitted = await t.execute(
      Remit,
      { input: { weekStart: mondayOf(new Date()).toISOString(), idempotencyKey: 'renewal-remit-1' } },
      as('qingfeng'),
    )
    expect(remitted.data!.createRemittance.amountFen).toBe(180000)
    await expectLedgerConsistent(t.db.prisma)
    const remittance = remitted.data!.createRemittance
    // 认款 recharges the office and charges the three renewals at once; the daily run finds nothing left.
    const start = Date.now()
    expect(
      (
        await t.execute(
          Confirm,
          { input: { id: remittance.id, version: remittance.version, idempotencyKey: 'renewal-confirm-1' } },
          as('conac'),
        )
      ).errors,
    ).toBeUndefined()
    await expectLedgerConsistent(t.db.prisma)
    const run = await t.execute(Charge, { date: new Date().toISOString() }, as('conac'))
    expect(run.data!.runDailyCharge).toEqual({ charged: 0, skipped: 0 })
    await expectLedgerConsistent(t.db.prisma)
    for (const before of domains) {
      const after = await t.db.prisma.domain.findUniqueOrThrow({
        where: { id: before.id },
        include: { renewals: true },
      })
      expect(after.status).toBe('REGISTERED')
      const renewal = after.renewals[0]!
      expect(renewal).toMatchObject({ status: 'CHARGED', previousExpiry: before.expiresAt })
      if (before.expiresAt!.getTime() > start) {
        expect(after.expiresAt).toEqual(addYears(before.expiresAt!, 2))
      } else {
        // Expired: two years from the day of the charge.
        expect(after.expiresAt!.getTime()).toBeGreaterThanOrEqual(addYears(new Date(start), 2).getTime() - 1000)
        expect(after.expiresAt!.getTime()).toBeLessThanOrEqual(addYears(new Date(), 2).getTime())
      }
      expect(renewal.newExpiry).toEqual(after.expiresAt)
    }
  })
})
