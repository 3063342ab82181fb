// Each event notifies exactly once: the event is driven through the API, the rows it wrote are asserted by
// dedupeKey, template and recipient, and repeating the same mutation (CONFLICT, or an idempotent replay) writes
// no second notification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mondayOf } from '../../server/src/modules/fees/calendar.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { freshName } from '../testkit/domains.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { officeByRegion, unitByName } from '../testkit/money.ts'

const Apply = graphql(`
  mutation TestEventsApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      name
      version
    }
  }
`)
const Review = graphql(`
  mutation TestEventsReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)
const CollectFee = graphql(`
  mutation TestEventsCollectFee($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
    }
  }
`)
const CreateRemittance = graphql(`
  mutation TestEventsCreateRemittance($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      version
      amountFen
    }
  }
`)
const ConfirmRemittance = graphql(`
  mutation TestEventsConfirmRemittance($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
      status
      version
    }
  }
`)
const RequestInvoices = graphql(`
  mutation TestEventsRequestInvoices($input: RequestInvoicesInput!) {
    requestInvoices(input: $input) {
      id
      version
    }
  }
`)
const Ship = graphql(`
  mutation TestEventsShip($input: ShipInvoiceRequestInput!) {
    shipInvoiceRequest(input: $input) {
      id
      version
    }
  }
`)
const Reject = graphql(`
  mutation TestEventsReject($input: RejectInvoiceRequestInput!) {
    rejectInvoiceRequest(input: $input) {
      id
      version
    }
  }
`)
const Sign = graphql(`
  mutation TestEventsSign($input: SignInvoiceRequestInput!) {
    signInvoiceRequest(input: $input) {
      id
      version
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
const as = (name: string) => ({ cookie: cookies[name] })
let unit: { id: number; handlerMobile: string; handlerEmail: string; users: { id: number }[] }
let officeStaff: { id: number; email: string | null }[]
let conacStaff: number[]
let officeId: number

type Row = {
  channel: string
  userId: number | null
  address: string | null
  template: string
  dedupeKey: string | null
  body: string
}
const lastId = async () =>
  (await t.db.prisma.notification.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0
const since = (id: number): Promise<Row[]> =>
  t.db.prisma.notification.findMany({ where: { id: { gt: id } }, orderBy: { id: 'asc' } })
/** [channel, recipient, template, dedupeKey] of each row, sorted, for exact comparison. */
const shape = (rows: Row[]) =>
  rows
    .map((r) => [r.channel, r.channel === 'IN_APP' ? r.userId : r.address, r.template, r.dedupeKey])
    .sort((a, b) => String(a).localeCompare(String(b)))
const sorted = (rows: unknown[][]) => rows.sort((a, b) => String(a).localeCompare(String(b)))

/** Runs a repeat of an event and asserts it wrote no notification (and answered as expected). */
async function expectNoSecondNotification(
  repeat: () => Promise<{ errors?: unknown }>,
  code: string | null = 'CONFLICT',
) {
  const before = await t.db.prisma.notification.count()
  const marker = await lastId()
  const result = (await repeat()) as Parameters<typeof errorCodes>[0]
  if (code) expect(errorCodes(result)).toEqual([code])
  else expect(result.errors).toBeUndefined()
  expect(await since(marker)).toEqual([])
  expect(await t.db.prisma.notification.count()).toBe(before)
}

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['qingfeng', 'conac', 'qfzf']) cookies[name] = await t.login(name)
  const unitRow = await unitByName(t.db.prisma, '清丰县人民政府办公室')
  unit = await t.db.prisma.unit.findUniqueOrThrow({
    where: { id: unitRow.id },
    select: {
      id: true,
      handlerMobile: true,
      handlerEmail: true,
      users: { where: { status: 'ACTIVE' }, select: { id: true } },
    },
  })
  officeId = (await officeByRegion(t.db.prisma, '410922')).id
  officeStaff = await t.db.prisma.user.findMany({
    where: { officeId, status: 'ACTIVE' },
    select: { id: true, email: true },
  })
  conacStaff = (
    await t.db.prisma.user.findMany({ where: { role: 'CONAC_STAFF', status: 'ACTIVE' }, select: { id: true } })
  ).map((u) => u.id)
  expect(officeStaff.length).toBeGreaterThan(0)
  expect(conacStaff.length).toBeGreaterThan(0)
})
afterAll(() => t?.close())

describe('domain application and review', () => {
  let domain: { id: string; name: string }
  it('a submitted domain tells the same-level office’s staff once', async () => {
    const marker = await lastId()
    const applied = await t.execute(
      Apply,
      { input: { name: freshName('消息'), suffix: 'ZHENGWU', years: 2 } },
      as('qfzf'),
    )
    expect(applied.errors).toBeUndefined()
    domain = applied.data!.applyForDomain
    const rows = await since(marker)
    expect(shape(rows)).toEqual(
      sorted(
        officeStaff.map((u) => [
          'IN_APP',
          u.id,
          'domain.awaitingOfficeReview',
          `domain-apply:${domain.id}:0:IN_APP:${u.id}`,
        ]),
      ),
    )
    expect(rows[0]!.body).toContain(`${domain.name}.政务`)
  })

  it('office approval: SMS + EMAIL to the handler, IN_APP to the unit and CONAC, once', async () => {
    const marker = await lastId()
    const input = { id: domain.id, version: 0, decision: 'APPROVE' as const }
    expect((await t.execute(Review, { input }, as('qingfeng'))).errors).toBeUndefined()
    const decision = await t.db.prisma.reviewDecision.findFirstOrThrow({
      where: { domainId: Number(domain.id), level: 'OFFICE' },
    })
    const key = (channel: string, recipient: string | number) => `domain-review:${decision.id}:${channel}:${recipient}`
    expect(shape(await since(marker))).toEqual(
      sorted([
        ['SMS', unit.handlerMobile, 'domain.officeApproved', key('SMS', unit.handlerMobile)],
        ['EMAIL', unit.handlerEmail, 'domain.officeApproved', key('EMAIL', unit.handlerEmail)],
        ...unit.users.map((u) => ['IN_APP', u.id, 'domain.officeApproved', key('IN_APP', u.id)]),
        ...conacStaff.map((id) => ['IN_APP', id, 'domain.awaitingConacReview', key('IN_APP', id)]),
      ]),
    )
    await expectNoSecondNotification(() => t.execute(Review, { input }, as('qingfeng')))
  })

  it('CONAC rejection with a reason: the unit is told the reason, once', async () => {
    const marker = await lastId()
    const input = { id: domain.id, version: 1, decision: 'REJECT' as const, reason: '域名与单位名称不符' }
    expect((await t.execute(Review, { input }, as('conac'))).errors).toBeUndefined()
    const decision = await t.db.prisma.reviewDecision.findFirstOrThrow({
      where: { domainId: Number(domain.id), level: 'CONAC' },
    })
    const key = (channel: string, recipient: string | number) => `domain-review:${decision.id}:${channel}:${recipient}`
    const rows = await since(marker)
    expect(shape(rows)).toEqual(
      sorted([
        ['SMS', unit.handlerMobile, 'domain.conacRejected', key('SMS', unit.handlerMobile)],
        ['EMAIL', unit.handlerEmail, 'domain.conacRejected', key('EMAIL', unit.handlerEmail)],
        ...unit.users.map((u) => ['IN_APP', u.id, 'domain.conacRejected', key('IN_APP', u.id)]),
      ]),
    )
    for (const row of rows) expect(row.body).toContain('原因：域名与单位名称不符')
    await expectNoSecondNotification(() => t.execute(Review, { input }, as('conac')))
  })
})

describe('认款', () => {
  it('confirming a remittance tells the remitting office’s staff in the portal and by email, once', async () => {
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, status: 'CONAC_APPROVED', years: 1 })
    const collected = await t.execute(
      CollectFee,
      {
        input: {
          unitId: String(unit.id),
          domainIds: [String(domain.id)],
          renewalIds: [],
          amountFen: 30000,
          invoiceCount: 0,
          idempotencyKey: 'events-collect-0001',
        },
      },
      as('qingfeng'),
    )
    expect(collected.errors).toBeUndefined()
    const remitted = await t.execute(
      CreateRemittance,
      { input: { weekStart: mondayOf(new Date()).toISOString(), idempotencyKey: 'events-remit-0001' } },
      as('qingfeng'),
    )
    expect(remitted.errors).toBeUndefined()
    const remittance = remitted.data!.createRemittance
    const marker = await lastId()
    const input = { id: remittance.id, version: remittance.version, idempotencyKey: 'events-confirm-0001' }
    expect((await t.execute(ConfirmRemittance, { input }, as('conac'))).errors).toBeUndefined()
    const id = remittance.id
    // The balance it recharged pays for the domain at once, which tells the unit it is registered.
    const item = await t.db.prisma.feeCollectionItem.findFirstOrThrow({ where: { domainId: domain.id } })
    expect(shape(await since(marker))).toEqual(
      sorted([
        ...officeStaff.map((u) => ['IN_APP', u.id, 'remittance.confirmed', `remittance.confirmed:${id}:${u.id}`]),
        ...officeStaff
          .filter((u) => u.email)
          .map((u) => ['EMAIL', u.email, 'remittance.confirmed', `remittance.confirmed:${id}:EMAIL:${u.id}`]),
        ...unit.users.map((u) => ['IN_APP', u.id, 'domain.charged', `domain.charged:${item.id}:${u.id}`]),
      ]),
    )
    expect(officeStaff.some((u) => u.email)).toBe(true)
    // The same key replays the result; a new key for the confirmed remittance is a conflict. Neither notifies.
    await expectNoSecondNotification(() => t.execute(ConfirmRemittance, { input }, as('conac')), null)
    await expectNoSecondNotification(() =>
      t.execute(ConfirmRemittance, { input: { ...input, idempotencyKey: 'events-confirm-0002' } }, as('conac')),
    )
  })
})

describe('预开发票', () => {
  const requestInput = {
    count: 10,
    invoiceType: 'GENERAL' as const,
    faceValueFen: 300000,
    mailingAddress: '河南省濮阳市清丰县 清丰县编办',
  }
  const officeRows = (template: string, key: string) => [
    ...officeStaff.map((u) => ['IN_APP', u.id, template, `${key}:IN_APP:${u.id}`]),
    ...officeStaff.filter((u) => u.email).map((u) => ['EMAIL', u.email, template, `${key}:EMAIL:${u.id}`]),
  ]

  it('request (→ CONAC), ship (→ the office), sign (→ CONAC): each notifies once', async () => {
    let marker = await lastId()
    const requested = await t.execute(RequestInvoices, { input: requestInput }, as('qingfeng'))
    expect(requested.errors).toBeUndefined()
    const id = requested.data!.requestInvoices.id
    expect(shape(await since(marker))).toEqual(
      sorted(
        conacStaff.map((u) => ['IN_APP', u, 'invoiceRequest.submitted', `invoice-request:${id}:submitted:IN_APP:${u}`]),
      ),
    )

    marker = await lastId()
    const ship = { id, version: 0, trackingNumber: 'SF0000000001' }
    expect((await t.execute(Ship, { input: ship }, as('conac'))).errors).toBeUndefined()
    const shipped = await since(marker)
    expect(shape(shipped)).toEqual(sorted(officeRows('invoiceRequest.shipped', `invoice-request:${id}:shipped`)))
    expect(shipped[0]!.body).toContain('SF0000000001')
    await expectNoSecondNotification(() => t.execute(Ship, { input: ship }, as('conac')))

    marker = await lastId()
    expect((await t.execute(Sign, { input: { id, version: 1 } }, as('qingfeng'))).errors).toBeUndefined()
    expect(shape(await since(marker))).toEqual(
      sorted(conacStaff.map((u) => ['IN_APP', u, 'invoiceRequest.signed', `invoice-request:${id}:signed:IN_APP:${u}`])),
    )
    await expectNoSecondNotification(() => t.execute(Sign, { input: { id, version: 1 } }, as('qingfeng')))
  })

  it('a rejected request tells the office the reason, once', async () => {
    const id = (await t.execute(RequestInvoices, { input: requestInput }, as('qingfeng'))).data!.requestInvoices.id
    const marker = await lastId()
    const input = { id, version: 0, reason: '发票类型填写有误' }
    expect((await t.execute(Reject, { input }, as('conac'))).errors).toBeUndefined()
    const rows = await since(marker)
    expect(shape(rows)).toEqual(sorted(officeRows('invoiceRequest.rejected', `invoice-request:${id}:rejected`)))
    for (const row of rows) expect(row.body).toContain('原因：发票类型填写有误')
    await expectNoSecondNotification(() => t.execute(Reject, { input }, as('conac')))
  })
})
