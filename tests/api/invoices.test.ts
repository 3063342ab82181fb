// 预开发票申请/签收 and 用户发票: the 30,000-yuan request cap, CONAC's ship/reject, signing adds stock once, issuing
// draws stock (never below zero, also under concurrency), collectFee issues its invoice, 作废/红字 are new rows once
// only, 拆分 conserves count and amount (in the service and in the database), and offices act only in their scope.
// With TEST_DATABASE_URL the concurrent cases really race on PostgreSQL; on PGlite the calls are serialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { moneySnapshot, officeByRegion, unitByName } from '../testkit/money.ts'

const RequestInvoices = graphql(`
  mutation TestRequestInvoices($input: RequestInvoicesInput!) {
    requestInvoices(input: $input) {
      id
      count
      invoiceType
      faceValueFen
      mailingAddress
      status
      version
      office {
        id
      }
    }
  }
`)
const ShipInvoiceRequest = graphql(`
  mutation TestShipInvoiceRequest($input: ShipInvoiceRequestInput!) {
    shipInvoiceRequest(input: $input) {
      id
      status
      version
      trackingNumber
      shippedAt
    }
  }
`)
const RejectInvoiceRequest = graphql(`
  mutation TestRejectInvoiceRequest($input: RejectInvoiceRequestInput!) {
    rejectInvoiceRequest(input: $input) {
      id
      status
      version
      rejectReason
    }
  }
`)
const SignInvoiceRequest = graphql(`
  mutation TestSignInvoiceRequest($input: SignInvoiceRequestInput!) {
    signInvoiceRequest(input: $input) {
      id
      status
      version
      signedAt
      office {
        invoiceStock
      }
    }
  }
`)
const InvoiceRequests = graphql(`
  query TestInvoiceRequests($filter: InvoiceRequestFilter) {
    invoiceRequests(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          status
          count
          office {
            id
            name
            invoiceStock
          }
        }
      }
    }
  }
`)
const MyInvoiceStock = graphql(`
  query TestMyInvoiceStock {
    myInvoiceStock
  }
`)
const MyOfficeStock = graphql(`
  query TestMyOfficeStock {
    me {
      office {
        id
        invoiceStock
      }
    }
  }
`)
const CollectionOffices = graphql(`
  query TestInvoiceCollectionOffices {
    feeCollections(first: 5) {
      edges {
        node {
          office {
            id
            invoiceStock
          }
        }
      }
    }
  }
`)
const IssueInvoice = graphql(`
  mutation TestIssueInvoice($input: IssueInvoiceInput!) {
    issueInvoice(input: $input) {
      id
      kind
      count
      amountFen
      corrected
      unit {
        id
      }
      feeCollection {
        id
      }
      office {
        id
      }
    }
  }
`)
const VoidInvoice = graphql(`
  mutation TestVoidInvoice($input: VoidInvoiceInput!) {
    voidInvoice(input: $input) {
      id
      kind
      count
      amountFen
      note
      parent {
        id
        corrected
      }
    }
  }
`)
const RedLetterInvoice = graphql(`
  mutation TestRedLetterInvoice($input: RedLetterInvoiceInput!) {
    redLetterInvoice(input: $input) {
      id
      kind
      count
      amountFen
      parent {
        id
        corrected
      }
    }
  }
`)
const SplitInvoice = graphql(`
  mutation TestSplitInvoice($input: SplitInvoiceInput!) {
    splitInvoice(input: $input) {
      id
      kind
      count
      amountFen
      corrected
      children {
        id
        kind
        count
        amountFen
        unit {
          id
        }
      }
    }
  }
`)
const CollectFee = graphql(`
  mutation TestInvoiceCollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
      amountFen
      invoiceCount
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
const as = (name: string) => ({ cookie: cookies[name] })
let qingfengOffice: number
let nanleOffice: number
let staffId: number
let government: number
let hospital: number
let cityUnit: number
let keySeq = 0
const key = () => `invoice-key-${String(++keySeq).padStart(4, '0')}`

beforeAll(async () => {
  t = await createTestApp({ poolSize: 20 })
  for (const name of ['qingfeng', 'nanle', 'puyang', 'henan', 'conac', 'qfzf', 'qfyy'])
    cookies[name] = await t.login(name)
  qingfengOffice = (await officeByRegion(t.db.prisma, '410922')).id
  nanleOffice = (await officeByRegion(t.db.prisma, '410923')).id
  staffId = (await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })).id
  government = (await unitByName(t.db.prisma, '清丰县人民政府办公室')).id
  hospital = (await unitByName(t.db.prisma, '清丰县人民医院')).id
  cityUnit = (await unitByName(t.db.prisma, '濮阳市教育局')).id
})
afterAll(() => t?.close())

async function stockOf(officeId: number): Promise<number> {
  return (await t.db.prisma.office.findUniqueOrThrow({ where: { id: officeId } })).invoiceStock
}

/** Sets an office's stock with one movement (the only way the stock changes). */
async function setStock(officeId: number, target: number): Promise<void> {
  const diff = target - (await stockOf(officeId))
  if (diff === 0) return
  await t.db.prisma.invoiceStockMovement.create({
    data: { officeId, quantity: diff, reason: diff > 0 ? 'SIGNED' : 'ISSUED', createdById: staffId },
  })
  expect(await stockOf(officeId)).toBe(target)
}

async function snapshot() {
  const prisma = t.db.prisma
  return {
    requests: await prisma.invoiceRequest.findMany({ orderBy: { id: 'asc' } }),
    movements: await prisma.invoiceStockMovement.count(),
    invoices: await prisma.invoice.count(),
    stocks: (await prisma.office.findMany({ select: { id: true, invoiceStock: true }, orderBy: { id: 'asc' } })).map(
      (o) => [o.id, o.invoiceStock],
    ),
    audit: await prisma.auditLog.count(),
    idempotency: await prisma.idempotencyRecord.count(),
  }
}

const requestInput = (overrides: Partial<{ count: number; faceValueFen: number; mailingAddress: string }> = {}) => ({
  count: 50,
  invoiceType: 'GENERAL' as const,
  faceValueFen: 1_000_000,
  mailingAddress: '河南省濮阳市清丰县城关镇 清丰县编办',
  ...overrides,
})

async function issue(
  overrides: Partial<{
    unitId: string
    count: number
    amountFen: number
    feeCollectionId: string
    idempotencyKey: string
  }> = {},
  who = 'qingfeng',
) {
  return t.execute(
    IssueInvoice,
    { input: { unitId: String(government), count: 1, amountFen: 30000, idempotencyKey: key(), ...overrides } },
    as(who),
  )
}

describe('预开发票申请', () => {
  it('accepts 2,999,999 and 3,000,000 fen and refuses 3,000,001 with the field message, writing nothing', async () => {
    for (const faceValueFen of [2_999_999, 3_000_000]) {
      const result = await t.execute(RequestInvoices, { input: requestInput({ faceValueFen }) }, as('qingfeng'))
      expect(result.errors).toBeUndefined()
      expect(result.data!.requestInvoices).toMatchObject({
        faceValueFen,
        status: 'REQUESTED',
        version: 0,
        office: { id: String(qingfengOffice) },
      })
    }
    const before = await snapshot()
    const refused = await t.execute(
      RequestInvoices,
      { input: requestInput({ faceValueFen: 3_000_001 }) },
      as('qingfeng'),
    )
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(refused.errors![0]!.extensions!.fields).toMatchObject({
      faceValueFen: '每次申请的发票票面总额不能超过 30,000 元',
    })
    expect(await snapshot()).toEqual(before)
  })

  it('validates the count and the mailing address', async () => {
    const before = await snapshot()
    const cases: [Partial<{ count: number; faceValueFen: number; mailingAddress: string }>, string][] = [
      [{ count: 0 }, 'count'],
      [{ count: 1001 }, 'count'],
      [{ faceValueFen: 0 }, 'faceValueFen'],
      [{ mailingAddress: '   ' }, 'mailingAddress'],
      [{ mailingAddress: '址'.repeat(257) }, 'mailingAddress'],
    ]
    for (const [overrides, field] of cases) {
      const result = await t.execute(RequestInvoices, { input: requestInput(overrides) }, as('qingfeng'))
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      expect(Object.keys(result.errors![0]!.extensions!.fields as object)).toContain(field)
    }
    expect(
      (
        await t.execute(
          RequestInvoices,
          { input: requestInput({ count: 1000, mailingAddress: '址'.repeat(256) }) },
          as('qingfeng'),
        )
      ).errors,
    ).toBeUndefined()
    const after = await snapshot()
    expect(after.requests).toHaveLength(before.requests.length + 1)
  })

  it('is for offices below CONAC: CONAC and unit users are refused', async () => {
    const before = await snapshot()
    expect(errorCodes(await t.execute(RequestInvoices, { input: requestInput() }, as('conac')))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(RequestInvoices, { input: requestInput() }, as('qfzf')))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(RequestInvoices, { input: requestInput() }))).toEqual(['UNAUTHENTICATED'])
    expect(await snapshot()).toEqual(before)
  })

  it('request → ship (CONAC) → sign (the office): the stock rises by the count exactly once', async () => {
    const stock = await stockOf(qingfengOffice)
    const requested = (await t.execute(RequestInvoices, { input: requestInput({ count: 40 }) }, as('qingfeng'))).data!
      .requestInvoices
    // Only CONAC ships; only the requesting office signs, and only after shipping.
    expect(
      errorCodes(await t.execute(ShipInvoiceRequest, { input: { id: requested.id, version: 0 } }, as('qingfeng'))),
    ).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 0 } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    expect(
      errorCodes(await t.execute(ShipInvoiceRequest, { input: { id: requested.id, version: 5 } }, as('conac'))),
    ).toEqual(['CONFLICT'])
    const shipped = await t.execute(
      ShipInvoiceRequest,
      { input: { id: requested.id, version: 0, trackingNumber: 'SF1234567890' } },
      as('conac'),
    )
    expect(shipped.errors).toBeUndefined()
    expect(shipped.data!.shipInvoiceRequest).toMatchObject({
      status: 'SHIPPED',
      version: 1,
      trackingNumber: 'SF1234567890',
    })
    expect(await stockOf(qingfengOffice)).toBe(stock)
    // A sibling office cannot see it; the city above sees it but cannot sign for the county.
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('nanle'))),
    ).toEqual(['NOT_FOUND'])
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('puyang'))),
    ).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('conac'))),
    ).toEqual(['FORBIDDEN'])
    expect(await stockOf(qingfengOffice)).toBe(stock)

    const signed = await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('qingfeng'))
    expect(signed.errors).toBeUndefined()
    expect(signed.data!.signInvoiceRequest).toMatchObject({
      status: 'SIGNED',
      version: 2,
      office: { invoiceStock: stock + 40 },
    })
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 2 } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    expect(await stockOf(qingfengOffice)).toBe(stock + 40)
    const movements = await t.db.prisma.invoiceStockMovement.findMany({
      where: { invoiceRequestId: Number(requested.id) },
    })
    expect(movements).toMatchObject([{ officeId: qingfengOffice, quantity: 40, reason: 'SIGNED' }])
    expect((await t.execute(MyInvoiceStock, {}, as('qingfeng'))).data!.myInvoiceStock).toBe(stock + 40)
    expect(
      await t.db.prisma.auditLog.count({ where: { subjectType: 'InvoiceRequest', subjectId: requested.id } }),
    ).toBe(3)
  })

  it('signs once when the office signs many times at once', { timeout: 60_000 }, async () => {
    const stock = await stockOf(qingfengOffice)
    const requested = (await t.execute(RequestInvoices, { input: requestInput({ count: 25 }) }, as('qingfeng'))).data!
      .requestInvoices
    await t.execute(ShipInvoiceRequest, { input: { id: requested.id, version: 0 } }, as('conac'))
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('qingfeng')),
      ),
    )
    expect(results.filter((r) => !r.errors)).toHaveLength(1)
    expect(results.filter((r) => errorCodes(r)[0] === 'CONFLICT')).toHaveLength(7)
    expect(await stockOf(qingfengOffice)).toBe(stock + 25)
    expect(await t.db.prisma.invoiceStockMovement.count({ where: { invoiceRequestId: Number(requested.id) } })).toBe(1)
  })

  it('CONAC rejects with a reason; a rejected request cannot be shipped or signed', async () => {
    const requested = (await t.execute(RequestInvoices, { input: requestInput() }, as('nanle'))).data!.requestInvoices
    expect(
      errorCodes(
        await t.execute(RejectInvoiceRequest, { input: { id: requested.id, version: 0, reason: ' ' } }, as('conac')),
      ),
    ).toEqual(['BAD_USER_INPUT'])
    expect(
      errorCodes(
        await t.execute(
          RejectInvoiceRequest,
          { input: { id: requested.id, version: 0, reason: '地址不完整' } },
          as('nanle'),
        ),
      ),
    ).toEqual(['FORBIDDEN'])
    const rejected = await t.execute(
      RejectInvoiceRequest,
      { input: { id: requested.id, version: 0, reason: '邮寄地址不完整' } },
      as('conac'),
    )
    expect(rejected.data!.rejectInvoiceRequest).toMatchObject({
      status: 'REJECTED',
      version: 1,
      rejectReason: '邮寄地址不完整',
    })
    const before = await snapshot()
    expect(
      errorCodes(await t.execute(ShipInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('conac'))),
    ).toEqual(['CONFLICT'])
    expect(
      errorCodes(await t.execute(SignInvoiceRequest, { input: { id: requested.id, version: 1 } }, as('nanle'))),
    ).toEqual(['CONFLICT'])
    expect(await snapshot()).toEqual(before)
  })

  it('lists requests in scope, newest first: an office its subtree, CONAC all; nanle never sees qingfeng’s', async () => {
    const ids = async (who: string, filter?: object) => {
      const result = await t.execute(InvoiceRequests, { filter }, as(who))
      expect(result.errors).toBeUndefined()
      return result.data!.invoiceRequests
    }
    const all = await ids('conac')
    const qingfeng = await ids('qingfeng')
    const nanle = await ids('nanle')
    const puyang = await ids('puyang')
    expect(qingfeng.edges.every((e) => e.node.office.id === String(qingfengOffice))).toBe(true)
    expect(nanle.edges.every((e) => e.node.office.id === String(nanleOffice))).toBe(true)
    expect(nanle.totalCount).toBeGreaterThan(0)
    expect(puyang.totalCount).toBe(
      qingfeng.totalCount +
        nanle.totalCount +
        (await t.db.prisma.invoiceRequest.count({ where: { office: { regionCode: '410900' } } })),
    )
    expect(all.totalCount).toBe(await t.db.prisma.invoiceRequest.count())
    const numbers = all.edges.map((e) => Number(e.node.id))
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a))
    // Filters: by status, by office (an office outside the subtree yields nothing).
    expect((await ids('qingfeng', { statuses: ['SIGNED'] })).edges.every((e) => e.node.status === 'SIGNED')).toBe(true)
    expect((await ids('nanle', { officeId: String(qingfengOffice) })).totalCount).toBe(0)
    expect((await ids('puyang', { officeId: String(qingfengOffice) })).totalCount).toBe(qingfeng.totalCount)
    // Office.invoiceStock: the office itself and its ancestors see it.
    expect(puyang.edges.find((e) => e.node.office.id === String(qingfengOffice))!.node.office.invoiceStock).toBe(
      await stockOf(qingfengOffice),
    )
    expect(errorCodes(await t.execute(InvoiceRequests, {}, as('qfzf')))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(MyInvoiceStock, {}, as('qfzf')))).toEqual(['FORBIDDEN'])
  })

  it('shows Office.invoiceStock to the office and not to a unit user', async () => {
    const own = await t.execute(MyOfficeStock, {}, as('qingfeng'))
    expect(own.data!.me!.office).toEqual({ id: String(qingfengOffice), invoiceStock: await stockOf(qingfengOffice) })
    const domain = await createDomain(t.db.prisma, { unitId: government, status: 'CONAC_APPROVED' })
    expect(
      (
        await t.execute(
          CollectFee,
          {
            input: {
              unitId: String(government),
              domainIds: [String(domain.id)],
              amountFen: 30000,
              invoiceCount: 0,
              idempotencyKey: key(),
            },
          },
          as('qingfeng'),
        )
      ).errors,
    ).toBeUndefined()
    const seen = await t.execute(CollectionOffices, {}, as('qfzf'))
    expect(seen.errors).toBeUndefined()
    expect(seen.data!.feeCollections.edges.length).toBeGreaterThan(0)
    expect(seen.data!.feeCollections.edges.every((e) => e.node.office.invoiceStock === null)).toBe(true)
  })
})

describe('开具发票', () => {
  it('draws the stock; a retry with the same key replays; more than the stock is a CONFLICT that writes nothing', async () => {
    await setStock(qingfengOffice, 10)
    const input = {
      unitId: String(government),
      count: 3,
      amountFen: 90000,
      idempotencyKey: 'issue-replay-0001',
      note: '现场开具',
    }
    const first = await t.execute(IssueInvoice, { input }, as('qingfeng'))
    expect(first.errors).toBeUndefined()
    expect(first.data!.issueInvoice).toMatchObject({
      kind: 'NORMAL',
      count: 3,
      amountFen: 90000,
      corrected: false,
      unit: { id: String(government) },
      office: { id: String(qingfengOffice) },
    })
    expect(await stockOf(qingfengOffice)).toBe(7)
    const again = await t.execute(IssueInvoice, { input }, as('qingfeng'))
    expect(again.data!.issueInvoice.id).toBe(first.data!.issueInvoice.id)
    expect(await stockOf(qingfengOffice)).toBe(7)
    expect(
      await t.db.prisma.invoiceStockMovement.findMany({ where: { invoiceId: Number(first.data!.issueInvoice.id) } }),
    ).toMatchObject([{ quantity: -3, reason: 'ISSUED' }])
    const notified = await t.db.prisma.notification.count({
      where: {
        template: 'invoice.issued',
        dedupeKey: { startsWith: `invoice.issued:${first.data!.issueInvoice.id}:` },
      },
    })
    expect(notified).toBeGreaterThan(0)

    const before = await snapshot()
    const refused = await issue({ count: 8 })
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(refused.errors![0]).toMatchObject({
      message: '发票余额不足（现有 7 张）',
      extensions: { reason: 'INSUFFICIENT_INVOICE_STOCK' },
    })
    expect(await snapshot()).toEqual(before)
    expect((await issue({ count: 7 })).errors).toBeUndefined()
    expect(await stockOf(qingfengOffice)).toBe(0)
  })

  it('validates the input and issues only to the office’s same-level units', async () => {
    await setStock(qingfengOffice, 10)
    const before = await snapshot()
    expect(errorCodes(await issue({ count: 0 }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await issue({ amountFen: 0 }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await issue({ unitId: String(cityUnit) }))).toEqual(['NOT_FOUND']) // a city-level unit is outside the county's view
    expect(errorCodes(await issue({}, 'nanle'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await issue({}, 'puyang'))).toEqual(['FORBIDDEN']) // the city sees the county's unit but does not collect for it
    expect(errorCodes(await issue({}, 'conac'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await issue({}, 'qfzf'))).toEqual(['FORBIDDEN'])
    expect(await snapshot()).toEqual(before)
  })

  it('with a fee collection, may not exceed what is not yet invoiced of it', async () => {
    await setStock(qingfengOffice, 20)
    const domain = await createDomain(t.db.prisma, { unitId: government, status: 'CONAC_APPROVED' })
    const collected = await t.execute(
      CollectFee,
      {
        input: {
          unitId: String(government),
          domainIds: [String(domain.id)],
          amountFen: 30000,
          invoiceCount: 0,
          idempotencyKey: key(),
        },
      },
      as('qingfeng'),
    )
    const collectionId = collected.data!.collectFee.id
    expect((await issue({ feeCollectionId: collectionId, amountFen: 20000 })).errors).toBeUndefined()
    const over = await issue({ feeCollectionId: collectionId, amountFen: 10001 })
    expect(errorCodes(over)).toEqual(['BAD_USER_INPUT'])
    expect(over.errors![0]!.extensions!.fields).toHaveProperty('amountFen')
    const rest = await issue({ feeCollectionId: collectionId, amountFen: 10000 })
    expect(rest.data!.issueInvoice.feeCollection).toEqual({ id: collectionId })
    // Another unit's collection, or another office's, is not found.
    expect(errorCodes(await issue({ unitId: String(hospital), feeCollectionId: collectionId }))).toEqual(['NOT_FOUND'])
  })

  it('collectFee with invoiceCount issues an invoice for the collected amount and draws the stock', async () => {
    await setStock(qingfengOffice, 5)
    const domain = await createDomain(t.db.prisma, {
      unitId: hospital,
      suffix: 'GONGYI',
      status: 'CONAC_APPROVED',
      years: 2,
    })
    const result = await t.execute(
      CollectFee,
      {
        input: {
          unitId: String(hospital),
          domainIds: [String(domain.id)],
          amountFen: 60000,
          invoiceCount: 2,
          idempotencyKey: key(),
        },
      },
      as('qingfeng'),
    )
    expect(result.errors).toBeUndefined()
    expect(await stockOf(qingfengOffice)).toBe(3)
    const invoices = await t.db.prisma.invoice.findMany({
      where: { feeCollectionId: Number(result.data!.collectFee.id) },
    })
    expect(invoices).toMatchObject([
      { kind: 'NORMAL', count: 2, amountFen: 60000n, unitId: hospital, officeId: qingfengOffice },
    ])
  })

  it('collectFee with too little stock is refused whole: nothing changes', async () => {
    await setStock(qingfengOffice, 1)
    const domain = await createDomain(t.db.prisma, { unitId: government, status: 'CONAC_APPROVED' })
    const beforeMoney = await moneySnapshot(t.db.prisma)
    const before = await snapshot()
    const result = await t.execute(
      CollectFee,
      {
        input: {
          unitId: String(government),
          domainIds: [String(domain.id)],
          amountFen: 30000,
          invoiceCount: 2,
          idempotencyKey: key(),
        },
      },
      as('qingfeng'),
    )
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(result.errors![0]).toMatchObject({
      message: '发票余额不足（现有 1 张）',
      extensions: { reason: 'INSUFFICIENT_INVOICE_STOCK' },
    })
    expect(await moneySnapshot(t.db.prisma)).toEqual(beforeMoney)
    expect(await snapshot()).toEqual(before)
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).status).toBe('CONAC_APPROVED')
  })

  it(
    'never overdraws under concurrent issuing: stock 5, 10 issues of 1 sheet → exactly 5',
    { timeout: 120_000 },
    async () => {
      await setStock(qingfengOffice, 5)
      const movementsBefore = await t.db.prisma.invoiceStockMovement.count({
        where: { officeId: qingfengOffice, reason: 'ISSUED' },
      })
      const results = await Promise.all(Array.from({ length: 10 }, () => issue({ count: 1 })))
      expect(results.filter((r) => !r.errors)).toHaveLength(5)
      const refused = results.filter((r) => r.errors)
      expect(refused).toHaveLength(5)
      expect(refused.every((r) => r.errors![0]!.extensions!.reason === 'INSUFFICIENT_INVOICE_STOCK')).toBe(true)
      expect(await stockOf(qingfengOffice)).toBe(0)
      expect(
        await t.db.prisma.invoiceStockMovement.count({ where: { officeId: qingfengOffice, reason: 'ISSUED' } }),
      ).toBe(movementsBefore + 5)
      const sum = await t.db.prisma.invoiceStockMovement.aggregate({
        where: { officeId: qingfengOffice },
        _sum: { quantity: true },
      })
      expect(sum._sum.quantity).toBe(0)
    },
  )
})

describe('作废, 红字 and 拆分', () => {
  async function issued(count = 2, amountFen = 60000, unitId = government) {
    await setStock(qingfengOffice, Math.max(await stockOf(qingfengOffice), count + 10))
    const result = await issue({ count, amountFen, unitId: String(unitId) })
    expect(result.errors).toBeUndefined()
    return result.data!.issueInvoice
  }

  it('作废 is a new VOID row; the parent is unchanged, the stock is not restored, and it happens once', async () => {
    const parent = await issued()
    const row = await t.db.prisma.invoice.findUniqueOrThrow({ where: { id: Number(parent.id) } })
    const stock = await stockOf(qingfengOffice)
    expect(errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '' } }, as('qingfeng')))).toEqual([
      'BAD_USER_INPUT',
    ])
    const voided = await t.execute(VoidInvoice, { input: { id: parent.id, reason: '填写错误' } }, as('qingfeng'))
    expect(voided.errors).toBeUndefined()
    expect(voided.data!.voidInvoice).toMatchObject({
      kind: 'VOID',
      count: 2,
      amountFen: -60000,
      note: '填写错误',
      parent: { id: parent.id, corrected: true },
    })
    expect(await t.db.prisma.invoice.findUniqueOrThrow({ where: { id: Number(parent.id) } })).toEqual(row)
    expect(await stockOf(qingfengOffice)).toBe(stock)
    const before = await snapshot()
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '再次作废' } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    expect(
      errorCodes(await t.execute(RedLetterInvoice, { input: { id: parent.id, reason: '再次红冲' } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    // A VOID row itself cannot be corrected or split.
    expect(
      errorCodes(
        await t.execute(
          VoidInvoice,
          { input: { id: voided.data!.voidInvoice.id, reason: '作废作废' } },
          as('qingfeng'),
        ),
      ),
    ).toEqual(['CONFLICT'])
    expect(await snapshot()).toEqual(before)
  })

  it(
    '红字 is a new negative row on new sheets from the stock, once, even when sent at once',
    { timeout: 60_000 },
    async () => {
      const parent = await issued(1, 30000)
      const stock = await stockOf(qingfengOffice)
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.execute(RedLetterInvoice, { input: { id: parent.id, reason: '金额有误' } }, as('qingfeng')),
        ),
      )
      const ok = results.filter((r) => !r.errors)
      expect(ok).toHaveLength(1)
      expect(results.filter((r) => errorCodes(r)[0] === 'CONFLICT')).toHaveLength(4)
      expect(ok[0]!.data!.redLetterInvoice).toMatchObject({
        kind: 'RED_LETTER',
        count: 1,
        amountFen: -30000,
        parent: { id: parent.id, corrected: true },
      })
      expect(await stockOf(qingfengOffice)).toBe(stock - 1)
      expect(await t.db.prisma.invoice.count({ where: { parentId: Number(parent.id) } })).toBe(1)
    },
  )

  it('红字 with too little stock is refused and writes nothing', async () => {
    const parent = await issued(1, 30000)
    await setStock(qingfengOffice, 1)
    const before = await snapshot()
    const refused = await t.execute(
      RedLetterInvoice,
      { input: { id: parent.id, reason: '金额有误', count: 2 } },
      as('qingfeng'),
    )
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(refused.errors![0]!.extensions!.reason).toBe('INSUFFICIENT_INVOICE_STOCK')
    expect(await snapshot()).toEqual(before)
  })

  it('拆分 conserves count and amount: wrong sums are refused and write nothing; a parent is split once', async () => {
    const parent = await issued(3, 90000)
    const stock = await stockOf(qingfengOffice)
    const before = await snapshot()
    const wrong = [
      [
        { unitId: String(government), count: 2, amountFen: 60000 },
        { unitId: String(hospital), count: 2, amountFen: 30000 },
      ],
      [
        { unitId: String(government), count: 2, amountFen: 60000 },
        { unitId: String(hospital), count: 1, amountFen: 29999 },
      ],
      [{ unitId: String(government), count: 3, amountFen: 90000 }],
      [
        { unitId: String(government), count: 3, amountFen: 90000 },
        { unitId: String(hospital), count: 0, amountFen: 0 },
      ],
    ]
    for (const parts of wrong) {
      expect(errorCodes(await t.execute(SplitInvoice, { input: { id: parent.id, parts } }, as('qingfeng')))).toEqual([
        'BAD_USER_INPUT',
      ])
    }
    expect(
      errorCodes(
        await t.execute(
          SplitInvoice,
          {
            input: {
              id: parent.id,
              parts: [
                { unitId: String(government), count: 2, amountFen: 60000 },
                { unitId: String(cityUnit), count: 1, amountFen: 30000 },
              ],
            },
          },
          as('qingfeng'),
        ),
      ),
    ).toEqual(['NOT_FOUND'])
    expect(await snapshot()).toEqual(before)

    const parts = [
      { unitId: String(government), count: 2, amountFen: 50000 },
      { unitId: String(hospital), count: 1, amountFen: 40000 },
    ]
    const split = await t.execute(SplitInvoice, { input: { id: parent.id, parts } }, as('qingfeng'))
    expect(split.errors).toBeUndefined()
    expect(split.data!.splitInvoice).toMatchObject({
      id: parent.id,
      kind: 'NORMAL',
      corrected: false,
      children: [
        { kind: 'SPLIT', count: 2, amountFen: 50000, unit: { id: String(government) } },
        { kind: 'SPLIT', count: 1, amountFen: 40000, unit: { id: String(hospital) } },
      ],
    })
    expect(await stockOf(qingfengOffice)).toBe(stock)
    expect(errorCodes(await t.execute(SplitInvoice, { input: { id: parent.id, parts } }, as('qingfeng')))).toEqual([
      'CONFLICT',
    ])
    // The split parent is no longer corrected itself; its parts are.
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '作废原票' } }, as('qingfeng'))),
    ).toEqual(['CONFLICT'])
    const child = split.data!.splitInvoice.children[1]!
    const voided = await t.execute(VoidInvoice, { input: { id: child.id, reason: '单位信息有误' } }, as('qingfeng'))
    expect(voided.data!.voidInvoice).toMatchObject({ kind: 'VOID', count: 1, amountFen: -40000 })
    // A split part cannot be split again.
    expect(
      errorCodes(
        await t.execute(
          SplitInvoice,
          {
            input: {
              id: split.data!.splitInvoice.children[0]!.id,
              parts: [
                { unitId: String(government), count: 1, amountFen: 25000 },
                { unitId: String(government), count: 1, amountFen: 25000 },
              ],
            },
          },
          as('qingfeng'),
        ),
      ),
    ).toEqual(['CONFLICT'])
  })

  it('a corrected invoice cannot be split', async () => {
    const parent = await issued(2, 60000)
    await t.execute(VoidInvoice, { input: { id: parent.id, reason: '填写错误' } }, as('qingfeng'))
    const result = await t.execute(
      SplitInvoice,
      {
        input: {
          id: parent.id,
          parts: [
            { unitId: String(government), count: 1, amountFen: 30000 },
            { unitId: String(hospital), count: 1, amountFen: 30000 },
          ],
        },
      },
      as('qingfeng'),
    )
    expect(errorCodes(result)).toEqual(['CONFLICT'])
  })

  it('the database refuses a split that breaks conservation, a second correction, and edits of history', async () => {
    const parent = await issued(2, 60000)
    const id = Number(parent.id)
    const base = { officeId: qingfengOffice, unitId: government, parentId: id, issuedById: staffId }
    await expect(
      t.db.prisma.invoice.createMany({
        data: [
          { ...base, kind: 'SPLIT', count: 1, amountFen: 30000n },
          { ...base, kind: 'SPLIT', count: 1, amountFen: 29999n },
        ],
      }),
    ).rejects.toThrow(/invoices_split_conservation/)
    await expect(
      t.db.prisma.invoice.create({ data: { ...base, kind: 'SPLIT', count: 2, amountFen: 60000n } }),
    ).rejects.toThrow(/invoices_split_conservation/)
    await expect(
      t.db.prisma.invoice.create({ data: { ...base, kind: 'VOID', count: 2, amountFen: -1n } }),
    ).rejects.toThrow(/invoices_correction_rule/)
    await t.db.prisma.invoice.create({ data: { ...base, kind: 'VOID', count: 2, amountFen: -60000n } })
    await expect(
      t.db.prisma.invoice.create({ data: { ...base, kind: 'RED_LETTER', count: 1, amountFen: -60000n } }),
    ).rejects.toThrow()
    await expect(t.db.prisma.invoice.update({ where: { id }, data: { amountFen: 1n } })).rejects.toThrow(/append-only/)
    await expect(t.db.prisma.invoice.delete({ where: { id } })).rejects.toThrow(/append-only/)
    expect(await t.db.prisma.invoice.count({ where: { parentId: id } })).toBe(1)
  })

  it('only the issuing office acts: nanle never sees qingfeng’s invoice, the city is refused, unit users too', async () => {
    const parent = await issued(2, 60000)
    const before = await snapshot()
    const parts = [
      { unitId: String(government), count: 1, amountFen: 30000 },
      { unitId: String(government), count: 1, amountFen: 30000 },
    ]
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '越权作废' } }, as('nanle'))),
    ).toEqual(['NOT_FOUND'])
    expect(
      errorCodes(await t.execute(RedLetterInvoice, { input: { id: parent.id, reason: '越权红冲' } }, as('nanle'))),
    ).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(SplitInvoice, { input: { id: parent.id, parts } }, as('nanle')))).toEqual([
      'NOT_FOUND',
    ]) // qingfeng's units are not in nanle's view
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '越权作废' } }, as('puyang'))),
    ).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '越权作废' } }, as('conac'))),
    ).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: parent.id, reason: '越权作废' } }, as('qfzf'))),
    ).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(SplitInvoice, { input: { id: parent.id, parts } }, as('qfzf')))).toEqual([
      'FORBIDDEN',
    ])
    expect(
      errorCodes(await t.execute(VoidInvoice, { input: { id: '999999', reason: '不存在的' } }, as('qingfeng'))),
    ).toEqual(['NOT_FOUND'])
    expect(await snapshot()).toEqual(before)
  })
})
