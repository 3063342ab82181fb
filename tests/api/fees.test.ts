// 两代一统 end to end: a CONAC-approved domain is paid at its same-level office (收费), remitted (汇款单) and confirmed
// by CONAC (认款), which charges the recharged balance at once so the domain is registered the same day; the daily
// run (每日扣费) sweeps up what is left; the ledger balances after every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mondayOf } from '../../server/src/modules/fees/calendar.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import {
  balanceOf,
  collectedItems,
  expectLedgerConsistent,
  fundOffice,
  moneySnapshot,
  officeByRegion,
  unitByName,
} from '../testkit/money.ts'

const Awaiting = graphql(`
  query TestUnitsAwaitingPayment {
    unitsAwaitingPayment {
      unit {
        id
        name
      }
      amountDueFen
      items {
        kind
        years
        feeFen
        domain {
          id
          fullName
        }
        renewal {
          id
        }
      }
    }
  }
`)

const CollectFee = graphql(`
  mutation TestCollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
      invoiceCount
      unit {
        id
      }
      items {
        kind
        years
        amountFen
        chargedAt
        domain {
          id
          status
        }
      }
    }
  }
`)

const CreateRemittance = graphql(`
  mutation TestCreateRemittance($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      amountFen
      status
      version
      weekStart
      collections {
        id
      }
    }
  }
`)

const ConfirmRemittance = graphql(`
  mutation TestConfirmRemittance($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
      version
      confirmedAt
    }
  }
`)

const RunDailyCharge = graphql(`
  mutation TestRunDailyCharge($date: DateTime) {
    runDailyCharge(date: $date) {
      id
      periodKey
      status
      charged
      skipped
      chargedFen
    }
  }
`)

const OfficeAccount = graphql(`
  query TestOfficeAccount($officeId: ID) {
    officeAccount(officeId: $officeId) {
      collectedFen
      inTransitFen
      prepaidFen
      office {
        name
      }
      accounts {
        id
        kind
        balanceFen
      }
    }
  }
`)

const LedgerEntries = graphql(`
  query TestLedgerEntries($accountId: ID!) {
    ledgerEntries(accountId: $accountId, first: 10) {
      totalCount
      edges {
        node {
          amountFen
          transaction {
            kind
            memo
          }
        }
      }
    }
  }
`)

const PaymentSettings = graphql(`
  query TestPaymentSettings {
    paymentSettings {
      mode
      bankName
      accountName
      accountNumber
      details
      office {
        name
      }
    }
  }
`)

const UpdatePaymentSettings = graphql(`
  mutation TestUpdatePaymentSettings($input: PaymentSettingsInput!) {
    updatePaymentSettings(input: $input) {
      mode
      bankName
      accountNumber
      details
    }
  }
`)

const Domain = graphql(`
  query TestFeeDomain($id: ID!) {
    domain(id: $id) {
      status
      registeredAt
      expiresAt
    }
  }
`)

const FeeCollections = graphql(`
  query TestFeeCollections {
    feeCollections(first: 10) {
      totalCount
      edges {
        node {
          id
          amountFen
          unit {
            name
          }
        }
      }
    }
  }
`)

const PriceList = graphql(`
  query TestPriceList {
    priceList {
      suffix
      feePerYearFen
      effectiveFrom
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
let unitId: number
let officeId: number
let domainId: number

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['qingfeng', 'nanle', 'puyang', 'conac', 'qfzf', 'qfyy']) cookies[name] = await t.login(name)
  unitId = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
  officeId = (await officeByRegion(t.db.prisma, '410922')).id
  domainId = (await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED', years: 2 })).id
})
afterAll(() => t?.close())

const as = (name: string) => ({ cookie: cookies[name] })
const collectInput = (
  overrides: Partial<{ amountFen: number; invoiceCount: number; idempotencyKey: string; domainIds: string[] }> = {},
) => ({
  unitId: String(unitId),
  domainIds: [String(domainId)],
  renewalIds: [],
  amountFen: 60000,
  invoiceCount: 1,
  idempotencyKey: 'collect-key-0001',
  ...overrides,
})

describe('price list and payment settings', () => {
  it('lists the seeded prices: 300 yuan a year', async () => {
    const result = await t.execute(PriceList, {}, as('qfzf'))
    expect(result.errors).toBeUndefined()
    expect(result.data!.priceList.map((entry) => entry.feePerYearFen)).toContain(30000)
  })

  it('shows a unit the bank details of its same-level office, which only that office edits', async () => {
    const updated = await t.execute(
      UpdatePaymentSettings,
      {
        input: {
          mode: 'BANK_TRANSFER',
          bankName: '中国银行清丰支行',
          accountName: '清丰县编办',
          accountNumber: '6222 1234',
          details: '工作日 9:00-17:00',
        },
      },
      as('qingfeng'),
    )
    expect(updated.errors).toBeUndefined()
    const seen = await t.execute(PaymentSettings, {}, as('qfzf'))
    expect(seen.data!.paymentSettings).toMatchObject({
      bankName: '中国银行清丰支行',
      accountNumber: '6222 1234',
      office: { name: expect.stringContaining('清丰县') },
    })
    const refused = await t.execute(UpdatePaymentSettings, { input: { mode: 'COUNTER' } }, as('qfzf'))
    expect(errorCodes(refused)).toEqual(['FORBIDDEN'])
    const incomplete = await t.execute(UpdatePaymentSettings, { input: { mode: 'BANK_TRANSFER' } }, as('qingfeng'))
    expect(errorCodes(incomplete)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('the money path from CONAC_APPROVED to REGISTERED', () => {
  it('lists the unit as awaiting payment with the amount due', async () => {
    const result = await t.execute(Awaiting, {}, as('qingfeng'))
    expect(result.errors).toBeUndefined()
    const row = result.data!.unitsAwaitingPayment.find((r) => r.unit.id === String(unitId))
    expect(row).toMatchObject({
      amountDueFen: 60000,
      items: [{ kind: 'REGISTRATION', years: 2, feeFen: 60000, domain: { id: String(domainId) } }],
    })
  })

  it('refuses an amount that does not match the price, writing nothing', async () => {
    const before = await moneySnapshot(t.db.prisma)
    const result = await t.execute(CollectFee, { input: collectInput({ amountFen: 30000 }) }, as('qingfeng'))
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.expectedAmountFen).toBe(60000)
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    // The key was not used up by the failed attempt.
    expect(await t.db.prisma.idempotencyRecord.count({ where: { key: 'collect-key-0001' } })).toBe(0)
  })

  it('refuses other roles and other offices, writing nothing', async () => {
    const before = await moneySnapshot(t.db.prisma)
    expect(errorCodes(await t.execute(CollectFee, { input: collectInput() }, as('nanle')))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(CollectFee, { input: collectInput() }, as('puyang')))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(CollectFee, { input: collectInput() }, as('conac')))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(CollectFee, { input: collectInput() }, as('qfzf')))).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(CollectFee, { input: collectInput({ idempotencyKey: 'short' }) }, as('qingfeng'))),
    ).toEqual(['BAD_USER_INPUT'])
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: domainId } })).status).toBe('CONAC_APPROVED')
  })

  let collectionId: string
  it('收费: the domain moves to FEE_COLLECTED and the office holds the money', async () => {
    const result = await t.execute(CollectFee, { input: collectInput() }, as('qingfeng'))
    expect(result.errors).toBeUndefined()
    collectionId = result.data!.collectFee.id
    expect(result.data!.collectFee).toMatchObject({
      amountFen: 60000,
      invoiceCount: 1,
      items: [
        { kind: 'REGISTRATION', years: 2, amountFen: 60000, chargedAt: null, domain: { status: 'FEE_COLLECTED' } },
      ],
    })
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_COLLECTED')).toBe(60000n)
    await expectLedgerConsistent(t.db.prisma)
    expect(await t.db.prisma.notification.count({ where: { template: 'fee.collected' } })).toBeGreaterThanOrEqual(2)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'fee.collect', subjectId: collectionId } })).toBe(1)
  })

  it('收费 with an invoice is one act: one audit row (fee.collect) with the domain, the invoice and the stock before and after', async () => {
    const invoice = await t.db.prisma.invoice.findFirstOrThrow({ where: { feeCollectionId: Number(collectionId) } })
    const stockAfter = (await t.db.prisma.office.findUniqueOrThrow({ where: { id: officeId } })).invoiceStock
    const rows = await t.db.prisma.auditLog.findMany({
      where: {
        OR: [
          { subjectType: 'FeeCollection', subjectId: collectionId },
          { subjectType: 'Invoice', subjectId: String(invoice.id) },
        ],
      },
    })
    expect(rows.map((row) => row.action)).toEqual(['fee.collect'])
    expect(rows[0]).toMatchObject({
      before: { domainStatus: 'CONAC_APPROVED', invoiceStock: stockAfter + 1 },
      after: {
        domainIds: [domainId],
        amountFen: '60000',
        invoiceCount: 1,
        domainStatus: 'FEE_COLLECTED',
        invoiceId: invoice.id,
        invoiceStock: stockAfter,
      },
    })
  })

  it('replays the same idempotency key once, and refuses the key with other parameters', async () => {
    const before = await moneySnapshot(t.db.prisma)
    const again = await t.execute(CollectFee, { input: collectInput() }, as('qingfeng'))
    expect(again.errors).toBeUndefined()
    expect(again.data!.collectFee.id).toBe(collectionId)
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    const reused = await t.execute(CollectFee, { input: collectInput({ invoiceCount: 2 }) }, as('qingfeng'))
    expect(errorCodes(reused)).toEqual(['CONFLICT'])
    expect(reused.errors![0]!.extensions!.reason).toBe('IDEMPOTENCY_KEY_REUSED')
    // A new key for the same, now collected, domain is a conflict too.
    const twice = await t.execute(
      CollectFee,
      { input: collectInput({ idempotencyKey: 'collect-key-0002' }) },
      as('qingfeng'),
    )
    expect(errorCodes(twice)).toEqual(['CONFLICT'])
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    await expectLedgerConsistent(t.db.prisma)
  })

  it('shows the collection to the office, its ancestors and the unit, not to a sibling office', async () => {
    for (const name of ['qingfeng', 'puyang', 'conac', 'qfzf']) {
      const result = await t.execute(FeeCollections, {}, as(name))
      expect(result.data!.feeCollections.edges.map((e) => e.node.id)).toContain(collectionId)
    }
    for (const name of ['nanle', 'qfyy']) {
      const result = await t.execute(FeeCollections, {}, as(name))
      expect(result.data!.feeCollections.edges.map((e) => e.node.id)).not.toContain(collectionId)
    }
  })

  let remittance: { id: string; version: number }
  it('汇款单: the week’s collections move to in transit', async () => {
    const weekStart = mondayOf(new Date()).toISOString()
    expect(
      errorCodes(
        await t.execute(CreateRemittance, { input: { weekStart, idempotencyKey: 'remit-key-0001' } }, as('conac')),
      ),
    ).toEqual(['FORBIDDEN'])
    const tuesday = new Date(Date.parse(weekStart) + 86_400_000).toISOString()
    expect(
      errorCodes(
        await t.execute(
          CreateRemittance,
          { input: { weekStart: tuesday, idempotencyKey: 'remit-key-0001' } },
          as('qingfeng'),
        ),
      ),
    ).toEqual(['BAD_USER_INPUT'])
    const result = await t.execute(
      CreateRemittance,
      { input: { weekStart, bankReference: 'BOC-001', idempotencyKey: 'remit-key-0001' } },
      as('qingfeng'),
    )
    expect(result.errors).toBeUndefined()
    expect(result.data!.createRemittance).toMatchObject({
      amountFen: 60000,
      status: 'SUBMITTED',
      collections: [{ id: collectionId }],
    })
    remittance = result.data!.createRemittance
    // The same Monday written as Beijing midnight (the Sunday in UTC) is that week, already remitted: not "not a Monday".
    const beijingMonday = `${weekStart.slice(0, 10)}T00:00:00+08:00`
    const again = await t.execute(
      CreateRemittance,
      { input: { weekStart: beijingMonday, idempotencyKey: 'remit-key-0002' } },
      as('qingfeng'),
    )
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REMITTED' })
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_COLLECTED')).toBe(0n)
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_IN_TRANSIT')).toBe(60000n)
    await expectLedgerConsistent(t.db.prisma)
  })

  it('认款: only CONAC confirms, once; the office’s 帐户余额 is recharged and pays for the domain the same day', async () => {
    const input = { id: remittance.id, version: remittance.version, idempotencyKey: 'confirm-key-0001' }
    expect(errorCodes(await t.execute(ConfirmRemittance, { input }, as('qingfeng')))).toEqual(['FORBIDDEN'])
    const started = Date.now()
    const result = await t.execute(ConfirmRemittance, { input }, as('conac'))
    expect(result.errors).toBeUndefined()
    expect(result.data!.confirmRemittance).toMatchObject({ status: 'CONFIRMED', version: remittance.version + 1 })
    const second = await t.execute(
      ConfirmRemittance,
      { input: { ...input, idempotencyKey: 'confirm-key-0002' } },
      as('conac'),
    )
    expect(errorCodes(second)).toEqual(['CONFLICT'])
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_IN_TRANSIT')).toBe(0n)
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(0n)
    const domain = (await t.execute(Domain, { id: String(domainId) }, as('qfzf'))).data!.domain
    expect(domain.status).toBe('REGISTERED')
    const expires = new Date(domain.expiresAt!)
    const registered = new Date(domain.registeredAt!)
    expect(registered.getTime()).toBeGreaterThanOrEqual(started - 1000)
    expect(expires.getUTCFullYear() - registered.getUTCFullYear()).toBe(2)
    await expectLedgerConsistent(t.db.prisma)
  })

  it('帐户余额 is readable by the office, its ancestors and CONAC only', async () => {
    const own = await t.execute(OfficeAccount, {}, as('qingfeng'))
    expect(own.data!.officeAccount).toMatchObject({ collectedFen: 0, inTransitFen: 0, prepaidFen: 0 })
    const city = await t.execute(OfficeAccount, { officeId: String(officeId) }, as('puyang'))
    expect(city.data!.officeAccount.prepaidFen).toBe(0)
    expect(errorCodes(await t.execute(OfficeAccount, { officeId: String(officeId) }, as('nanle')))).toEqual([
      'NOT_FOUND',
    ])
    expect(errorCodes(await t.execute(OfficeAccount, {}, as('qfzf')))).toEqual(['FORBIDDEN'])
    const prepaid = own.data!.officeAccount.accounts.find((a) => a.kind === 'OFFICE_PREPAID')!
    const entries = await t.execute(LedgerEntries, { accountId: prepaid.id }, as('conac'))
    expect(entries.data!.ledgerEntries.edges.map((e) => [e.node.amountFen, e.node.transaction.kind])).toEqual([
      [-60000, 'CHARGE'],
      [60000, 'REMITTANCE_CONFIRMATION'],
    ])
    expect(errorCodes(await t.execute(LedgerEntries, { accountId: prepaid.id }, as('nanle')))).toEqual(['NOT_FOUND'])
  })

  it('每日扣费: CONAC runs it once a day; it sweeps up what 认款 left uncharged', async () => {
    // An item the balance covers but nothing charged yet (as if the process died right after 认款).
    const staffId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })).id
    const { domains } = await collectedItems(t.db.prisma, {
      officeId,
      unitId,
      collectedById: staffId,
      count: 1,
      feeFen: 30000n,
    })
    await fundOffice(t.db.prisma, officeId, 30000n)
    const date = new Date().toISOString()
    expect(errorCodes(await t.execute(RunDailyCharge, { date }, as('qingfeng')))).toEqual(['FORBIDDEN'])
    const run = await t.execute(RunDailyCharge, { date }, as('conac'))
    expect(run.errors).toBeUndefined()
    expect(run.data!.runDailyCharge).toMatchObject({ status: 'SUCCEEDED', charged: 1, skipped: 0, chargedFen: 30000 })
    expect((await t.execute(Domain, { id: String(domains[0]!.id) }, as('qfzf'))).data!.domain.status).toBe('REGISTERED')
    expect(await balanceOf(t.db.prisma, officeId, 'OFFICE_PREPAID')).toBe(0n)
    await expectLedgerConsistent(t.db.prisma)
    const again = await t.execute(RunDailyCharge, { date }, as('conac'))
    expect(again.data!.runDailyCharge.id).toBe(run.data!.runDailyCharge.id)
    await expectLedgerConsistent(t.db.prisma)
  })

  it('每日扣费 for another day than today is refused and claims nothing (1971, 9999, tomorrow, last week)', async () => {
    const runs = await t.db.prisma.jobRun.count()
    const money = await moneySnapshot(t.db.prisma)
    const DAY = 86_400_000
    for (const date of [
      '1971-01-01T00:00:00Z',
      '9999-12-31T00:00:00Z',
      new Date(Date.now() + DAY).toISOString(),
      new Date(Date.now() - 7 * DAY).toISOString(),
    ]) {
      const refused = await t.execute(RunDailyCharge, { date }, as('conac'))
      expect(errorCodes(refused), date).toEqual(['BAD_USER_INPUT'])
    }
    expect(await t.db.prisma.jobRun.count()).toBe(runs)
    expect(await moneySnapshot(t.db.prisma)).toEqual(money)
  })

  it('no longer lists the unit as awaiting payment', async () => {
    const result = await t.execute(Awaiting, {}, as('qingfeng'))
    expect(result.data!.unitsAwaitingPayment.find((r) => r.unit.id === String(unitId))).toBeUndefined()
  })
})

const CreateToken = graphql(`
  mutation TestFeesCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

const AwaitingCanCollect = graphql(`
  query TestAwaitingCanCollect {
    unitsAwaitingPayment {
      canCollect
      unit {
        id
      }
    }
  }
`)

describe('integrators and leftovers', () => {
  it('collects with a READ_WRITE token of the office; a READ_ONLY token is refused', async () => {
    const domain = await createDomain(t.db.prisma, { unitId, status: 'CONAC_APPROVED' })
    const readOnly = (await t.execute(CreateToken, { input: { name: '只读', access: 'READ_ONLY' } }, as('qingfeng')))
      .data!.createApiToken.token
    const readWrite = (await t.execute(CreateToken, { input: { name: '读写', access: 'READ_WRITE' } }, as('qingfeng')))
      .data!.createApiToken.token
    const input = collectInput({ domainIds: [String(domain.id)], amountFen: 30000, idempotencyKey: 'token-collect-1' })
    const before = await moneySnapshot(t.db.prisma)
    expect(errorCodes(await t.execute(CollectFee, { input }, { token: readOnly }))).toEqual(['FORBIDDEN'])
    expect(await moneySnapshot(t.db.prisma)).toEqual(before)
    // Only the same-level office may collect: the city office sees the unit but cannot.
    const city = await t.execute(AwaitingCanCollect, {}, as('puyang'))
    expect(city.data!.unitsAwaitingPayment.find((r) => r.unit.id === String(unitId))?.canCollect).toBe(false)
    const county = await t.execute(AwaitingCanCollect, {}, as('qingfeng'))
    expect(county.data!.unitsAwaitingPayment.find((r) => r.unit.id === String(unitId))?.canCollect).toBe(true)
    const result = await t.execute(CollectFee, { input }, { token: readWrite })
    expect(result.errors).toBeUndefined()
    await expectLedgerConsistent(t.db.prisma)
  })

  it('remits an older unremitted collection with a later week', async () => {
    const collection = await t.db.prisma.feeCollection.findFirstOrThrow({ where: { officeId, remittanceId: null } })
    // As if it had been collected two weeks ago and missed that week's remittance.
    await t.db.prisma.feeCollection.update({
      where: { id: collection.id },
      data: { collectedAt: new Date(Date.now() - 15 * 86_400_000) },
    })
    const lastWeek = new Date(mondayOf(new Date()).getTime() - 7 * 86_400_000).toISOString()
    const nextWeek = new Date(mondayOf(new Date()).getTime() + 7 * 86_400_000).toISOString()
    expect(
      errorCodes(
        await t.execute(
          CreateRemittance,
          { input: { weekStart: nextWeek, idempotencyKey: 'remit-next-week' } },
          as('qingfeng'),
        ),
      ),
    ).toEqual(['BAD_USER_INPUT'])
    const result = await t.execute(
      CreateRemittance,
      { input: { weekStart: lastWeek, idempotencyKey: 'remit-last-week' } },
      as('qingfeng'),
    )
    expect(result.errors).toBeUndefined()
    expect(result.data!.createRemittance).toMatchObject({
      amountFen: 30000,
      collections: [{ id: String(collection.id) }],
    })
    await expectLedgerConsistent(t.db.prisma)
  })
})
