// 用户缴费查询, 用户发票管理, their CSV/XLSX exports, 两代一统 and 奖励比例. Rows are written straight into the database
// so every figure can be checked against an independent sum over the tables.
import { domainToASCII } from 'node:url'
import ExcelJS from 'exceljs'
import type { ResultOf } from '@graphql-typed-document-node/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { officeByRegion, unitByName } from '../testkit/money.ts'
import { parseCsv } from '../testkit/csv.ts'

const UnitPayments = graphql(`
  query TestUnitPayments($first: Int, $after: String, $filter: UnitPaymentFilter) {
    unitPayments(first: $first, after: $after, filter: $filter) {
      totalCount
      totalAmountFen
      totalInvoiceCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          collectedAt
          amountFen
          invoiceCount
          itemsSummary
          remittanceStatus
          remittedAt
          remittanceConfirmedAt
          unit {
            id
            name
          }
          office {
            name
          }
          items {
            kind
            years
            domain {
              fullName
            }
          }
        }
      }
    }
  }
`)

const UnitInvoices = graphql(`
  query TestUnitInvoices($first: Int, $after: String, $filter: UnitInvoiceFilter) {
    unitInvoices(first: $first, after: $after, filter: $filter) {
      totalCount
      totalSheets
      totalAmountFen
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          count
          amountFen
          issuedAt
          unit {
            id
            name
          }
          office {
            name
          }
          parent {
            id
          }
        }
      }
    }
  }
`)

const ProvinceCoordination = graphql(`
  query TestProvinceCoordination($regionCode: String, $from: DateTime, $to: DateTime) {
    provinceCoordination(regionCode: $regionCode, from: $from, to: $to) {
      province {
        code
        name
      }
      rows {
        office {
          id
          name
          level
        }
        collectionCount
        collectedFen
        remittedFen
        confirmedFen
        officeCollectedFen
        officeInTransitFen
        officePrepaidFen
        invoiceStock
        invoiceSheets
        invoicedFen
        rewardFen
      }
      totals {
        collectionCount
        collectedFen
        remittedFen
        confirmedFen
        officeCollectedFen
        officeInTransitFen
        officePrepaidFen
        invoiceStock
        invoiceSheets
        invoicedFen
        rewardFen
      }
    }
  }
`)

const ProvinceCoordinationByCity = graphql(`
  query TestProvinceCoordinationByCity($regionCode: String, $from: DateTime, $to: DateTime, $hideEmpty: Boolean) {
    provinceCoordination(regionCode: $regionCode, from: $from, to: $to, hideEmpty: $hideEmpty) {
      officeCount
      hiddenOfficeCount
      rows {
        office {
          id
        }
      }
      provinceOffice {
        office {
          id
          level
        }
        collectionCount
        collectedFen
        remittedFen
        confirmedFen
        officeCollectedFen
        officeInTransitFen
        officePrepaidFen
        invoiceStock
        invoiceSheets
        invoicedFen
        rewardFen
      }
      cities {
        region {
          code
          name
          level
        }
        hiddenOfficeCount
        office {
          office {
            id
            level
            region {
              code
            }
          }
          collectionCount
          collectedFen
          remittedFen
          confirmedFen
          officeCollectedFen
          officeInTransitFen
          officePrepaidFen
          invoiceStock
          invoiceSheets
          invoicedFen
          rewardFen
        }
        counties {
          office {
            id
            level
            region {
              code
              parent {
                code
              }
            }
          }
          collectionCount
          collectedFen
          remittedFen
          confirmedFen
          officeCollectedFen
          officeInTransitFen
          officePrepaidFen
          invoiceStock
          invoiceSheets
          invoicedFen
          rewardFen
        }
        subtotals {
          collectionCount
          collectedFen
          remittedFen
          confirmedFen
          officeCollectedFen
          officeInTransitFen
          officePrepaidFen
          invoiceStock
          invoiceSheets
          invoicedFen
          rewardFen
        }
      }
      totals {
        collectionCount
        collectedFen
        remittedFen
        confirmedFen
        officeCollectedFen
        officeInTransitFen
        officePrepaidFen
        invoiceStock
        invoiceSheets
        invoicedFen
        rewardFen
      }
    }
  }
`)

const RewardRates = graphql(`
  query TestRewardRates {
    rewardRates {
      id
      basisPoints
      effectiveFrom
    }
  }
`)

const SetRewardRate = graphql(`
  mutation TestSetRewardRate($input: SetRewardRateInput!) {
    setRewardRate(input: $input) {
      id
      basisPoints
      effectiveFrom
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
const as = (name: string) => ({ cookie: cookies[name] })
const ids: Record<string, number> = {}

const FEB = new Date('2026-02-10T02:00:00Z')
const MAR = new Date('2026-03-15T02:00:00Z')
const APR = new Date('2026-04-20T02:00:00Z')
const PERIOD = { from: '2026-02-01T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00' }

async function collect(officeRegion: string, unitId: number, amountFen: bigint, collectedAt: Date, invoiceCount = 1) {
  const prisma = t.db.prisma
  const office = await officeByRegion(prisma, officeRegion)
  const staff = await prisma.user.findFirstOrThrow({ where: { role: { not: 'UNIT_USER' } } })
  const domain = await createDomain(prisma, { unitId, status: 'FEE_COLLECTED' })
  return prisma.feeCollection.create({
    data: {
      officeId: office.id,
      unitId,
      amountFen,
      invoiceCount,
      collectedById: staff.id,
      collectedAt,
      items: { create: [{ domainId: domain.id, kind: 'REGISTRATION', years: 1, amountFen }] },
    },
  })
}

async function invoice(
  collection: { id: number; officeId: number; unitId: number },
  data: {
    kind?: 'NORMAL' | 'RED_LETTER' | 'VOID' | 'SPLIT'
    count: number
    amountFen: bigint
    issuedAt: Date
    parentId?: number
  },
) {
  const staff = await t.db.prisma.user.findFirstOrThrow({ where: { role: { not: 'UNIT_USER' } } })
  return t.db.prisma.invoice.create({
    data: {
      officeId: collection.officeId,
      unitId: collection.unitId,
      feeCollectionId: collection.id,
      issuedById: staff.id,
      kind: data.kind ?? 'NORMAL',
      ...data,
    },
  })
}

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['qingfeng', 'nanle', 'puyang', 'henan', 'hebei', 'conac', 'qfzf', 'qfyy', 'pyjy'])
    cookies[name] = await t.login(name)
  const prisma = t.db.prisma
  ids.qfzf = (await unitByName(prisma, '清丰县人民政府办公室')).id
  ids.qfyy = (await unitByName(prisma, '清丰县人民医院')).id
  ids.pyjy = (await unitByName(prisma, '濮阳市教育局')).id
  ids.nanle = (await createUnit(prisma, { regionCode: '410923', name: '南乐县测试局' })).id
  ids.sjz = (await unitByName(prisma, '石家庄市水利局')).id

  // Rates: 10% from January, 5% from 1 March (inside the period); 33333 fen at 10% is 3333.3 -> 3333.
  await prisma.rewardRate.createMany({
    data: [
      { basisPoints: 1000, effectiveFrom: new Date('2026-01-01T00:00:00+08:00') },
      { basisPoints: 500, effectiveFrom: new Date('2026-03-01T00:00:00+08:00') },
    ],
  })
  const a = await collect('410922', ids.qfzf, 33333n, FEB, 2)
  const b = await collect('410922', ids.qfyy, 60000n, MAR)
  const c = await collect('410922', ids.qfzf, 30000n, APR)
  const d = await collect('410923', ids.nanle, 90001n, MAR)
  const e = await collect('410900', ids.pyjy, 30000n, FEB)
  await collect('410922', ids.qfzf, 30000n, new Date('2025-12-20T02:00:00Z')) // before the period
  const staff = await prisma.user.findFirstOrThrow({ where: { role: { not: 'UNIT_USER' } } })
  const remittance = await prisma.remittance.create({
    data: {
      officeId: a.officeId,
      weekStart: new Date('2026-02-09T00:00:00Z'),
      amountFen: 33333n,
      status: 'CONFIRMED',
      submittedById: staff.id,
      submittedAt: new Date('2026-02-13T02:00:00Z'),
      confirmedAt: new Date('2026-02-16T02:00:00Z'),
    },
  })
  await prisma.feeCollection.update({ where: { id: a.id }, data: { remittanceId: remittance.id } })
  await prisma.office.update({ where: { id: a.officeId }, data: { invoiceStock: 40 } })

  const ia = await invoice(a, { count: 2, amountFen: 33333n, issuedAt: FEB })
  await invoice(a, { kind: 'RED_LETTER', count: 1, amountFen: -33333n, issuedAt: MAR, parentId: ia.id })
  await invoice(b, { count: 1, amountFen: 60000n, issuedAt: MAR })
  await invoice(c, { count: 1, amountFen: 30000n, issuedAt: APR })
  await invoice(d, { count: 1, amountFen: 90001n, issuedAt: MAR })
  await invoice(e, { count: 1, amountFen: 30000n, issuedAt: FEB })
  // Hebei: another province, never in Henan's numbers.
  const h = await collect('130000', ids.sjz, 30000n, MAR)
  await invoice(h, { count: 1, amountFen: 30000n, issuedAt: MAR })
})
afterAll(() => t?.close())

type PaymentFilter = { regionCode?: string; unitName?: string; from?: string; to?: string }

async function allPayments(who: string, filter: PaymentFilter = {}) {
  const rows: ResultOf<typeof UnitPayments>['unitPayments']['edges'][number]['node'][] = []
  let after: string | null = null
  let totals: { totalCount: number; totalAmountFen: number }
  for (;;) {
    const result = await t.execute(UnitPayments, { first: 2, after: after as string | null, filter }, as(who))
    expect(result.errors).toBeUndefined()
    const page: ResultOf<typeof UnitPayments>['unitPayments'] = result.data!.unitPayments
    totals = { totalCount: page.totalCount, totalAmountFen: Number(page.totalAmountFen) }
    rows.push(...page.edges.map((edge) => edge.node))
    if (!page.pageInfo.hasNextPage) break
    after = page.pageInfo.endCursor ?? null
  }
  return { rows, ...totals }
}

async function allInvoices(who: string, filter: Record<string, unknown> = {}) {
  const rows: ResultOf<typeof UnitInvoices>['unitInvoices']['edges'][number]['node'][] = []
  let after: string | null = null
  let totals: { totalCount: number; totalAmountFen: number; totalSheets: number }
  for (;;) {
    const result = await t.execute(UnitInvoices, { first: 3, after: after as string | null, filter }, as(who))
    expect(result.errors).toBeUndefined()
    const page: ResultOf<typeof UnitInvoices>['unitInvoices'] = result.data!.unitInvoices
    totals = { totalCount: page.totalCount, totalAmountFen: Number(page.totalAmountFen), totalSheets: page.totalSheets }
    rows.push(...page.edges.map((edge) => edge.node))
    if (!page.pageInfo.hasNextPage) break
    after = page.pageInfo.endCursor ?? null
  }
  return { rows, ...totals }
}

describe('用户缴费查询 (unitPayments)', () => {
  it('scopes rows: a county its own units, the city its counties, a unit itself, CONAC all', async () => {
    const prisma = t.db.prisma
    const unitIdsOf = async (who: string) => new Set((await allPayments(who)).rows.map((row) => Number(row.unit.id)))
    const nanle = await unitIdsOf('nanle')
    expect([...nanle]).toEqual([ids.nanle])
    const qingfeng = await unitIdsOf('qingfeng')
    expect(qingfeng).toEqual(new Set([ids.qfzf, ids.qfyy]))
    const puyang = await unitIdsOf('puyang')
    expect(puyang).toEqual(new Set([ids.qfzf, ids.qfyy, ids.nanle, ids.pyjy]))
    expect([...(await unitIdsOf('qfzf'))]).toEqual([ids.qfzf])
    expect([...(await unitIdsOf('pyjy'))]).toEqual([ids.pyjy])
    const conac = await allPayments('conac')
    expect(conac.totalCount).toBe(await prisma.feeCollection.count())
  })

  it('returns newest first with totals over all pages', async () => {
    const { rows, totalCount, totalAmountFen } = await allPayments('qingfeng')
    const expected = await t.db.prisma.feeCollection.findMany({
      where: { unit: { region: { code: '410922' } } },
      orderBy: { id: 'desc' },
    })
    expect(rows.map((row) => Number(row.id))).toEqual(expected.map((row) => row.id))
    expect(totalCount).toBe(expected.length)
    expect(totalAmountFen).toBe(Number(expected.reduce((sum, row) => sum + row.amountFen, 0n)))
    expect(rows.reduce((sum, row) => sum + Number(row.amountFen), 0)).toBe(totalAmountFen)
    const remitted = rows.find((row) => row.amountFen === 33333)!
    expect(remitted).toMatchObject({
      remittanceStatus: 'CONFIRMED',
      invoiceCount: 2,
      items: [{ kind: 'REGISTRATION', years: 1 }],
    })
    expect(remitted.itemsSummary).toMatch(/\.政务 注册 1年$/)
    expect(rows.find((row) => row.amountFen === 60000)!.remittanceStatus).toBeNull()
  })

  it('filters by region, unit name and period', async () => {
    const nanleOnly = await allPayments('puyang', { regionCode: '410923' })
    expect(nanleOnly.rows.map((row) => Number(row.unit.id))).toEqual([ids.nanle])
    const hospital = await allPayments('puyang', { unitName: '人民医院' })
    expect(hospital).toMatchObject({ totalCount: 1, totalAmountFen: 60000 })
    const period = await allPayments('qingfeng', PERIOD)
    expect(period).toMatchObject({ totalCount: 3, totalAmountFen: 33333 + 60000 + 30000 })
    const march = await allPayments('conac', { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' })
    expect(march.rows.map((row) => row.amountFen).sort()).toEqual([30000, 60000, 90001].sort())
    // A region outside the viewer's scope narrows to nothing, never widens it.
    expect((await allPayments('nanle', { regionCode: '410922' })).totalCount).toBe(0)
    const bad = await t.execute(UnitPayments, { first: 5, filter: { regionCode: '999999' } }, as('conac'))
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT'])
  })

  it('refuses anonymous viewers', async () => {
    const result = await t.execute(UnitPayments, { first: 5 })
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED'])
  })
})

describe('用户发票管理 (unitInvoices)', () => {
  it('scopes and totals, corrections included', async () => {
    const nanle = await allInvoices('nanle')
    expect(nanle.rows.every((row) => Number(row.unit.id) === ids.nanle)).toBe(true)
    expect(nanle).toMatchObject({ totalCount: 1, totalSheets: 1, totalAmountFen: 90001 })
    const qingfeng = await allInvoices('qingfeng')
    expect(qingfeng.totalCount).toBe(4)
    expect(qingfeng.totalAmountFen).toBe(60000 + 30000) // 33333 - 33333 nets out
    expect(qingfeng.totalSheets).toBe(2 + 1 + 1 + 1)
    const own = await allInvoices('qfyy')
    expect(own.rows.map((row) => Number(row.unit.id))).toEqual([ids.qfyy])
    const redLetters = await allInvoices('puyang', { kinds: ['RED_LETTER'] })
    expect(redLetters).toMatchObject({ totalCount: 1, totalAmountFen: -33333 })
    expect(redLetters.rows[0]!.parent).not.toBeNull()
    const hebei = await allInvoices('conac', { regionCode: '130000' })
    expect(hebei.totalAmountFen).toBe(30000)
  })

  it('counts a split invoice once, through its parts, and a void spoils no new sheets', async () => {
    // 南乐: 90001 fen on 1 sheet (from beforeAll), then a 3-sheet invoice split in two, one part voided.
    const collection = await t.db.prisma.feeCollection.findFirstOrThrow({ where: { unitId: ids.nanle } })
    const parent = await invoice(collection, { count: 3, amountFen: 30000n, issuedAt: APR })
    // The parts go in together (one statement), as the database's conservation check requires.
    const staff = await t.db.prisma.user.findFirstOrThrow({ where: { role: { not: 'UNIT_USER' } } })
    const part = {
      officeId: collection.officeId,
      unitId: collection.unitId,
      issuedById: staff.id,
      kind: 'SPLIT' as const,
      issuedAt: APR,
      parentId: parent.id,
    }
    await t.db.prisma.invoice.createMany({
      data: [
        { ...part, count: 2, amountFen: 20000n },
        { ...part, count: 1, amountFen: 10000n },
      ],
    })
    const partA = await t.db.prisma.invoice.findFirstOrThrow({ where: { parentId: parent.id, count: 2 } })
    await invoice(collection, { kind: 'VOID', count: 2, amountFen: -20000n, issuedAt: APR, parentId: partA.id })
    const nanle = await allInvoices('nanle')
    expect(nanle.totalCount).toBe(1 + 4)
    expect(nanle.totalAmountFen).toBe(90001 + 10000) // the parent through its parts, less the voided part
    expect(nanle.totalSheets).toBe(1 + 3) // the sheets drawn: 1, then 3; parts and the void draw none
    const province = await t.execute(ProvinceCoordination, { ...PERIOD, regionCode: '410000' }, as('conac'))
    const row = province.data!.provinceCoordination.rows.find((r) => r.office.name.includes('南乐'))!
    expect(row).toMatchObject({ invoiceSheets: 1 + 3, invoicedFen: 90001 + 10000 })
  })
})

// ---------------------------------------------------------------------------------------------------------------

function exportUrl(name: string, params: Record<string, string | string[]> = {}) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) search.append(key, v)
  return `http://test.local/exports/${name}?${search}`
}

async function fetchExport(
  name: string,
  params: Record<string, string | string[]>,
  headers: Record<string, string> = {},
) {
  return t.app.fetch(exportUrl(name, params), { headers })
}

const yuanToFen = (text: string) => Math.round(Number(text) * 100)

describe('exports', () => {
  it('CSV of payments holds exactly the rows and sum of the query', async () => {
    const filter = { regionCode: '410900', ...PERIOD }
    const query = await allPayments('puyang', filter)
    const response = await fetchExport('unit-payments.csv', filter, { cookie: cookies.puyang! })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('用户缴费查询')}`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)))
    expect(header![0]).toBe('收费编号')
    expect(header).toContain('金额（元）')
    expect(rows.map((row) => Number(row[0]))).toEqual(query.rows.map((row) => Number(row.id)))
    const amount = header!.indexOf('金额（元）')
    expect(rows.every((row) => /^-?\d+\.\d{2}$/.test(row[amount]!))).toBe(true)
    expect(rows.reduce((sum, row) => sum + yuanToFen(row[amount]!), 0)).toBe(query.totalAmountFen)
    expect(rows.find((row) => row[amount] === '333.33')).toBeDefined()
    // China time: 2026-02-10T02:00Z is 10:00 in Beijing.
    expect(rows.find((row) => row[amount] === '333.33')![1]).toBe('2026-02-10 10:00:00')
  })

  it('XLSX of invoices holds exactly the rows and sums of the query', async () => {
    const filter = { kinds: ['NORMAL', 'RED_LETTER'] }
    const query = await allInvoices('qingfeng', filter)
    const response = await fetchExport(
      'unit-invoices.xlsx',
      { kinds: 'NORMAL,RED_LETTER' },
      { cookie: cookies.qingfeng! },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const values = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1))
    const [header, ...rows] = values
    expect(header![0]).toBe('发票记录编号')
    expect(rows.map((row) => Number(row[0]))).toEqual(query.rows.map((row) => Number(row.id)))
    const amount = (header as string[]).indexOf('金额（元）')
    const sheets = (header as string[]).indexOf('张数')
    expect(rows.reduce((sum, row) => sum + Math.round(Number(row[amount]) * 100), 0)).toBe(query.totalAmountFen)
    expect(rows.reduce((sum, row) => sum + Number(row[sheets]), 0)).toBe(query.totalSheets)
  })

  it('scopes exports like the query, for a unit and for an API-less anonymous caller', async () => {
    const response = await fetchExport('unit-payments.csv', {}, { cookie: cookies.qfyy! })
    const [, ...rows] = parseCsv((await response.text()).replace(/^\uFEFF/, ''))
    expect(rows.length).toBe((await allPayments('qfyy')).totalCount)
    expect(rows.every((row) => row[2] === '清丰县人民医院')).toBe(true)

    for (const name of ['unit-payments.csv', 'unit-payments.xlsx', 'unit-invoices.csv', 'unit-invoices.xlsx']) {
      const anonymous = await fetchExport(name, {})
      expect(anonymous.status).toBe(401)
    }
    const badToken = await fetchExport('unit-invoices.csv', {}, { authorization: 'Bearer not-a-real-token-value' })
    expect(badToken.status).toBe(401)
    const badFilter = await fetchExport('unit-invoices.csv', { kinds: 'NOPE' }, { cookie: cookies.conac! })
    expect(badFilter.status).toBe(400)
    const unknown = await fetchExport('users.csv', {}, { cookie: cookies.conac! })
    expect(unknown.status).toBe(404)
  })

  it('缴费项目 names each domain as registered and as DNS carries it (A-label), in CSV and XLSX', async () => {
    const csv = await fetchExport('unit-payments.csv', {}, { cookie: cookies.conac! })
    const [csvHeader, ...csvRows] = parseCsv((await csv.text()).replace(/^\uFEFF/, ''))
    const xlsx = await fetchExport('unit-payments.xlsx', {}, { cookie: cookies.conac! })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    const [xlsxHeader, ...xlsxRows] = workbook.worksheets[0]!.getSheetValues()
      .filter(Boolean)
      .map((row) => (row as unknown[]).slice(1).map(String))
    for (const [header, rows] of [
      [csvHeader!, csvRows],
      [xlsxHeader!, xlsxRows],
    ] as const) {
      const items = rows.flatMap((row) => row[header.indexOf('缴费项目')]!.split('；'))
      expect(items.length).toBeGreaterThan(0)
      for (const item of items) {
        const parts = /^(.+\.(?:政务|公益))（(xn--[a-z0-9-]+\.xn--(?:zfr164b|55qw42g))） (?:注册|续费) \d+年$/.exec(
          item,
        )
        expect(parts, item).not.toBeNull()
        expect(domainToASCII(parts![1]!), item).toBe(parts![2])
      }
    }
  })

  it('refuses more rows than the cap with 413', async () => {
    const { handleExportRequest } = await import('../../server/src/http/exports.ts')
    const response = await handleExportRequest(
      t.db.prisma,
      new Request(exportUrl('unit-payments.csv'), { headers: { cookie: cookies.conac! } }),
      { rowLimit: 2 },
    )
    expect(response!.status).toBe(413)
    expect(await response!.text()).toContain('超过单次导出上限')
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('两代一统 (provinceCoordination)', () => {
  it('equals independent sums over the tables, reward with a rate change inside the period', async () => {
    const prisma = t.db.prisma
    const result = await t.execute(ProvinceCoordination, PERIOD, as('henan'))
    expect(result.errors).toBeUndefined()
    const view = result.data!.provinceCoordination
    expect(view.province.code).toBe('410000')
    const offices = await prisma.office.findMany({
      where: { region: { path: { startsWith: '/100000/410000/' } } },
      include: { accounts: true },
    })
    expect(view.rows.length).toBe(offices.length)
    expect(view.rows[0]!.office.level).toBe('PROVINCE')

    const from = new Date(PERIOD.from)
    const to = new Date(PERIOD.to)
    const rates = await prisma.rewardRate.findMany({ orderBy: { effectiveFrom: 'desc' } })
    const rateAt = (date: Date) => rates.find((rate) => rate.effectiveFrom <= date)?.basisPoints ?? 0
    for (const office of offices) {
      const row = view.rows.find((r) => Number(r.office.id) === office.id)!
      const collections = await prisma.feeCollection.findMany({
        where: { officeId: office.id, collectedAt: { gte: from, lt: to } },
      })
      const invoices = await prisma.invoice.findMany({
        where: { officeId: office.id, issuedAt: { gte: from, lt: to } },
        include: { children: true },
      })
      // Sheets drawn (开具, 红字); amounts net of corrections, a split parent through its parts.
      const drawn = invoices.filter((i) => i.kind === 'NORMAL' || i.kind === 'RED_LETTER')
      const counted = invoices.filter((i) => !i.children.some((child) => child.kind === 'SPLIT'))
      const remitted = await prisma.remittance.findMany({
        where: { officeId: office.id, submittedAt: { gte: from, lt: to } },
      })
      const balance = (kind: string) => Number(office.accounts.find((a) => a.kind === kind)?.balanceFen ?? 0n)
      expect(row).toMatchObject({
        collectionCount: collections.length,
        collectedFen: Number(collections.reduce((s, c) => s + c.amountFen, 0n)),
        remittedFen: Number(remitted.reduce((s, r) => s + r.amountFen, 0n)),
        invoiceSheets: drawn.reduce((s, i) => s + i.count, 0),
        invoicedFen: Number(counted.reduce((s, i) => s + i.amountFen, 0n)),
        invoiceStock: office.invoiceStock,
        officeCollectedFen: balance('OFFICE_COLLECTED'),
        officeInTransitFen: balance('OFFICE_IN_TRANSIT'),
        officePrepaidFen: balance('OFFICE_PREPAID'),
        rewardFen: collections.reduce(
          (s, c) => s + Math.floor((Number(c.amountFen) * rateAt(c.collectedAt)) / 10000),
          0,
        ),
      })
    }
    const qingfeng = view.rows.find((r) => r.office.name.includes('清丰'))!
    // 33333 in February at 10% -> 3333 (rounded down); 60000 in March at 5% -> 3000; 30000 in April at 5% -> 1500.
    expect(qingfeng).toMatchObject({
      collectionCount: 3,
      collectedFen: 123333,
      rewardFen: 3333 + 3000 + 1500,
      remittedFen: 33333,
      confirmedFen: 33333,
      invoiceStock: 40,
    })
    const sum = (key: keyof (typeof view.rows)[number]) => view.rows.reduce((s, r) => s + (r[key] as number), 0)
    for (const key of Object.keys(view.totals) as (keyof typeof view.totals)[]) {
      if ((key as string) === '__typename') continue
      expect({ key, value: view.totals[key] }).toEqual({ key, value: sum(key as keyof (typeof view.rows)[number]) })
    }
    // Hebei's collection is not in Henan's totals.
    expect(view.totals.collectedFen).toBe(123333 + 90001 + 30000)
  })

  it('lets CONAC pick any province (regionCode required) and refuses everyone else', async () => {
    const conac = await t.execute(ProvinceCoordination, { regionCode: '130000' }, as('conac'))
    expect(conac.errors).toBeUndefined()
    expect(conac.data!.provinceCoordination.totals.collectedFen).toBe(30000)
    expect(errorCodes(await t.execute(ProvinceCoordination, {}, as('conac')))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodes(await t.execute(ProvinceCoordination, { regionCode: '410900' }, as('conac')))).toEqual([
      'BAD_USER_INPUT',
    ])
    expect(errorCodes(await t.execute(ProvinceCoordination, { regionCode: '410000' }, as('hebei')))).toEqual([
      'FORBIDDEN',
    ])
    for (const who of ['qingfeng', 'puyang', 'qfzf']) {
      expect(errorCodes(await t.execute(ProvinceCoordination, {}, as(who)))).toEqual(['FORBIDDEN'])
    }
  })
})

describe('两代一统 by city (cities, subtotals, hideEmpty)', () => {
  type View = NonNullable<ResultOf<typeof ProvinceCoordinationByCity>['provinceCoordination']>
  type Figures = View['totals']
  const FIGURES = [
    'collectionCount',
    'collectedFen',
    'remittedFen',
    'confirmedFen',
    'officeCollectedFen',
    'officeInTransitFen',
    'officePrepaidFen',
    'invoiceStock',
    'invoiceSheets',
    'invoicedFen',
    'rewardFen',
  ] as const
  const figuresOf = (row: Figures) => Object.fromEntries(FIGURES.map((key) => [key, row[key]]))
  const sumOf = (rows: Figures[]) =>
    Object.fromEntries(FIGURES.map((key) => [key, rows.reduce((s, r) => s + (r[key] as number), 0)]))
  const isZero = (row: Figures) => FIGURES.every((key) => row[key] === 0)

  async function view(who: string, variables: { regionCode?: string; hideEmpty?: boolean }) {
    const result = await t.execute(ProvinceCoordinationByCity, { ...PERIOD, ...variables }, as(who))
    expect(result.errors).toBeUndefined()
    return result.data!.provinceCoordination
  }

  it('groups every office of the province by its city, each subtotal the sum of the city office and its counties', async () => {
    const all = await view('henan', {})
    const offices = await t.db.prisma.office.findMany({
      where: { region: { path: { startsWith: '/100000/410000/' } } },
      include: { region: true },
    })
    expect(all.officeCount).toBe(offices.length)
    expect(all.hiddenOfficeCount).toBe(0)
    expect(all.provinceOffice!.office.level).toBe('PROVINCE')
    // Every office once: the province's own, then each city's own and its counties.
    const grouped = [
      all.provinceOffice!,
      ...all.cities.flatMap((city) => [...(city.office ? [city.office] : []), ...city.counties]),
    ]
    expect(grouped.map((row) => Number(row.office.id)).sort((a, b) => a - b)).toEqual(
      offices.map((o) => o.id).sort((a, b) => a - b),
    )
    expect(all.cities.map((city) => city.region.code)).toEqual([...all.cities.map((city) => city.region.code)].sort())
    for (const city of all.cities) {
      expect(city.region.level).toBe('CITY')
      for (const county of city.counties) expect(county.office.region.parent?.code).toBe(city.region.code)
      expect({ city: city.region.name, ...figuresOf(city.subtotals) }).toEqual({
        city: city.region.name,
        ...sumOf([...(city.office ? [city.office] : []), ...city.counties]),
      })
    }
    // 濮阳市: its own 30000 (February) plus 清丰县 123333 and 南乐县 90001.
    const puyang = all.cities.find((city) => city.region.code === '410900')!
    expect(puyang.office!.office.region.code).toBe('410900')
    expect(puyang.subtotals).toMatchObject({ collectionCount: 5, collectedFen: 30000 + 123333 + 90001 })
    // 济源市 sits under 省直辖县级行政区划, a grouping without an office of its own.
    const direct = all.cities.find((city) => city.region.code === '419000')!
    expect(direct.office).toBeNull()
    expect(direct.counties.map((county) => county.office.region.code)).toContain('419001')
    // The province total is the province office plus the city subtotals.
    expect(figuresOf(all.totals)).toEqual(sumOf([all.provinceOffice!, ...all.cities.map((city) => city.subtotals)]))
  })

  it('hideEmpty leaves out exactly the offices with no figure at all, and no sum changes', async () => {
    // 金水区 collected nothing in the period but holds invoices: it stays in view, and so does 郑州市 with it.
    const jinshui = await officeByRegion(t.db.prisma, '410105')
    await t.db.prisma.office.update({ where: { id: jinshui.id }, data: { invoiceStock: 5 } })
    const all = await view('henan', {})
    const shown = await view('henan', { hideEmpty: true })
    const allRows = [
      all.provinceOffice!,
      ...all.cities.flatMap((city) => [...(city.office ? [city.office] : []), ...city.counties]),
    ]
    const shownRows = [
      ...(shown.provinceOffice ? [shown.provinceOffice] : []),
      ...shown.cities.flatMap((city) => [...(city.office ? [city.office] : []), ...city.counties]),
    ]
    const idsOf = (rows: { office: { id: string } }[]) => rows.map((row) => row.office.id).sort()
    expect(idsOf(shownRows)).toEqual(idsOf(allRows.filter((row) => !isZero(row))))
    expect(idsOf(shown.rows)).toEqual(idsOf(shownRows))
    expect(shownRows.length).toBeLessThan(allRows.length / 4)
    expect(shown.officeCount).toBe(all.officeCount)
    expect(shown.hiddenOfficeCount).toBe(allRows.filter(isZero).length)
    expect(shown.hiddenOfficeCount + shownRows.length).toBe(all.officeCount)
    expect(shownRows.map((row) => row.office.id)).toContain(String(jinshui.id))
    expect(figuresOf(shown.totals)).toEqual(figuresOf(all.totals))
    for (const city of all.cities) {
      const kept = shown.cities.find((c) => c.region.code === city.region.code)
      if (!kept) {
        expect(isZero(city.subtotals), city.region.name).toBe(true)
        continue
      }
      expect(figuresOf(kept.subtotals)).toEqual(figuresOf(city.subtotals))
      expect(kept.hiddenOfficeCount).toBe(
        [...(city.office ? [city.office] : []), ...city.counties].filter(isZero).length,
      )
    }
    expect(shown.cities.map((city) => city.region.code)).toEqual(expect.arrayContaining(['410100', '410900']))
    expect(shown.cities.every((city) => !isZero(city.subtotals))).toBe(true)
  })

  it('keeps each office to its own province, whether or not empty offices are hidden', async () => {
    const hebei = await view('conac', { regionCode: '130000', hideEmpty: true })
    expect(hebei.totals.collectedFen).toBe(30000)
    expect(hebei.cities.every((city) => city.region.code.startsWith('13'))).toBe(true)
    const henan = await view('henan', { hideEmpty: true })
    expect(henan.cities.every((city) => city.region.code.startsWith('41'))).toBe(true)
    expect(
      errorCodes(await t.execute(ProvinceCoordinationByCity, { regionCode: '410000', hideEmpty: true }, as('hebei'))),
    ).toEqual(['FORBIDDEN'])
    for (const who of ['puyang', 'qingfeng', 'qfzf']) {
      expect(errorCodes(await t.execute(ProvinceCoordinationByCity, { hideEmpty: true }, as(who))), who).toEqual([
        'FORBIDDEN',
      ])
    }
  })
})

describe('奖励比例 (rewardRates, setRewardRate)', () => {
  // Dates relative to today, so the test does not expire: rates may only start today (Beijing) or later.
  const nextYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() + 1
  const DAY = 86_400_000
  const beijingMidnight = (offsetDays: number) =>
    `${new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY).toISOString().slice(0, 10)}T00:00:00+08:00`

  it('CONAC sets a dated rate; others are refused; bad values are refused; history is never edited', async () => {
    const set = await t.execute(
      SetRewardRate,
      { input: { basisPoints: 800, effectiveFrom: `${nextYear}-01-01T00:00:00+08:00` } },
      as('conac'),
    )
    expect(set.errors).toBeUndefined()
    expect(set.data!.setRewardRate.basisPoints).toBe(800)
    const audit = await t.db.prisma.auditLog.findFirst({
      where: { action: 'rewardRate.set', subjectId: set.data!.setRewardRate.id },
    })
    expect(audit).not.toBeNull()
    const again = await t.execute(
      SetRewardRate,
      { input: { basisPoints: 900, effectiveFrom: `${nextYear}-01-01T00:00:00+08:00` } },
      as('conac'),
    )
    expect(errorCodes(again)).toEqual(['CONFLICT'])
    for (const basisPoints of [-1, 10001]) {
      const bad = await t.execute(
        SetRewardRate,
        { input: { basisPoints, effectiveFrom: `${nextYear}-06-01T00:00:00+08:00` } },
        as('conac'),
      )
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT'])
    }
    expect(
      errorCodes(
        await t.execute(
          SetRewardRate,
          { input: { basisPoints: 100, effectiveFrom: `${nextYear}-06-01T00:00:00Z` } },
          as('henan'),
        ),
      ),
    ).toEqual(['FORBIDDEN'])
    const list = await t.execute(RewardRates, {}, as('qingfeng'))
    expect(list.data!.rewardRates.map((rate) => rate.basisPoints)).toEqual([800, 500, 1000])
    expect(errorCodes(await t.execute(RewardRates, {}, as('qfzf')))).toEqual(['FORBIDDEN'])
  })

  it('a rate starts from now on: retroactive (earlier today included) and impossible dates are refused and nothing is written', async () => {
    const before = await t.db.prisma.rewardRate.count()
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString()
    for (const effectiveFrom of [
      '1970-01-01T00:00:00Z',
      beijingMidnight(-1),
      beijingMidnight(0),
      aMinuteAgo,
      `${nextYear}-02-30T00:00:00+08:00`,
      `${nextYear}-13-01T00:00:00+08:00`,
    ]) {
      const refused = await t.execute(SetRewardRate, { input: { basisPoints: 700, effectiveFrom } }, as('conac'))
      expect(errorCodes(refused), effectiveFrom).toEqual(['BAD_USER_INPUT'])
    }
    expect(await t.db.prisma.rewardRate.count()).toBe(before)
    for (const effectiveFrom of [new Date(Date.now() + 60_000).toISOString(), beijingMidnight(1)]) {
      const accepted = await t.execute(SetRewardRate, { input: { basisPoints: 700, effectiveFrom } }, as('conac'))
      expect(accepted.errors, effectiveFrom).toBeUndefined()
      expect(accepted.data!.setRewardRate.effectiveFrom).toBe(new Date(effectiveFrom).toISOString())
    }
  })
})
