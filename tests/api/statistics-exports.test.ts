// 区域统计 exports (GET /exports/region-statistics.csv|xlsx): every cell equals the regionStatistics query for the
// same viewer, region and range — rows per child region in code order, then 合计 — and the scope and errors are
// the query's. Expected rows are built here from the API's answer, never from the export's own code.
import ExcelJS from 'exceljs'
import type { ResultOf } from '@graphql-typed-document-node/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { officeByRegion } from '../testkit/money.ts'
import { createIssuedBadge } from '../testkit/sites.ts'
import { parseCsv } from '../testkit/csv.ts'

const Stats = graphql(`
  query TestRegionStatisticsExport($regionCode: String, $from: DateTime, $to: DateTime) {
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      ...TestRegionStatisticsExportFigures
      children {
        ...TestRegionStatisticsExportFigures
      }
    }
  }
  fragment TestRegionStatisticsExportFigures on RegionStatistics {
    region {
      code
      name
    }
    units {
      total
    }
    domains {
      total
      byStatus {
        key
        count
      }
      expiringWithin30Days
      expiringWithin90Days
    }
    siteApplications {
      total
    }
    badges {
      issued
      installed
      cancelled
    }
    fees {
      collectedFen
      remittedFen
      chargedFen
    }
    invoices {
      stock
      issued
    }
    reviews {
      overdueDomainApplications
      overdueSiteApplications
    }
  }
`)

const CreateToken = graphql(`
  mutation TestStatisticsExportCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

type Figures = Omit<ResultOf<typeof Stats>['regionStatistics'], 'children'>

const HEADER = [
  '地区',
  '地区代码',
  '单位数',
  '域名申请数',
  '已注册域名',
  '30天内到期',
  '90天内到期',
  '网站开办申请',
  '标识颁发',
  '标识安装',
  '标识注销',
  '收费金额（元）',
  '上缴金额（元）',
  '扣费金额（元）',
  '发票库存',
  '开具发票（张）',
  '逾期域名申请',
  '逾期网站申请',
]
const AMOUNTS = [11, 12, 13]

const at = (iso: string) => new Date(iso)
const DAY = 86_400_000
const RANGE = { from: '2024-02-01T00:00:00+08:00', to: '2024-05-01T00:00:00+08:00' }
const FEB = at('2024-02-10T02:00:00Z')
const MAR = at('2024-03-15T02:00:00Z')

let t: TestApp
const cookies: Record<string, string> = {}

/** Fen (a JSON integer from the API) as the export must show it: whole yuan, a point, two digits. */
function yuanText(fen: unknown): string {
  const value = Number(fen)
  expect(Number.isSafeInteger(value)).toBe(true)
  const sign = value < 0 ? '-' : ''
  const abs = Math.abs(value)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** The row the table must show for one node of the API's answer. */
function expectedRow(node: Figures, label: string): (string | number)[] {
  return [
    label,
    node.region.code,
    node.units.total,
    node.domains.total,
    node.domains.byStatus.find((entry) => entry.key === 'REGISTERED')!.count,
    node.domains.expiringWithin30Days,
    node.domains.expiringWithin90Days,
    node.siteApplications.total,
    node.badges.issued,
    node.badges.installed,
    node.badges.cancelled,
    yuanText(node.fees.collectedFen),
    yuanText(node.fees.remittedFen),
    yuanText(node.fees.chargedFen),
    node.invoices.stock,
    node.invoices.issued,
    node.reviews.overdueDomainApplications,
    node.reviews.overdueSiteApplications,
  ]
}

async function expectedTable(
  who: { cookie?: string; token?: string },
  regionCode: string,
  range: { from?: string; to?: string } = {},
) {
  const result = await t.execute(Stats, { regionCode, ...range }, who)
  expect(result.errors).toBeUndefined()
  const root = result.data!.regionStatistics
  return {
    root,
    rows: [...root.children.map((child) => expectedRow(child, child.region.name)), expectedRow(root, '合计')],
  }
}

function exportUrl(extension: 'csv' | 'xlsx', params: Record<string, string>) {
  return `http://test.local/exports/region-statistics.${extension}?${new URLSearchParams(params)}`
}

async function download(
  extension: 'csv' | 'xlsx',
  params: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return t.app.fetch(exportUrl(extension, params), { headers })
}

async function csvRows(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/csv')
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder().decode(bytes.slice(3))
  expect(text.endsWith('\r\n')).toBe(true)
  expect(text.replace(/\r\n/g, '')).not.toContain('\n')
  return parseCsv(text)
}

async function xlsxSheets(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('spreadsheetml')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  return workbook
}

/** Every cell of the CSV equals the API's figures: counts as integers, amounts as exact "300.00" text. */
async function expectCsvEqualsApi(
  who: { cookie?: string; token?: string },
  headers: Record<string, string>,
  regionCode: string,
  range: { from?: string; to?: string } = {},
) {
  const expected = await expectedTable(who, regionCode, range)
  const [header, ...rows] = await csvRows(await download('csv', { regionCode, ...range }, headers))
  expect(header).toEqual(HEADER)
  expect(rows).toEqual(expected.rows.map((row) => row.map(String)))
  return expected
}

/** Every cell of the XLSX equals the API's figures: counts and amounts as numbers, amounts formatted 0.00. */
async function expectXlsxEqualsApi(
  who: { cookie?: string; token?: string },
  headers: Record<string, string>,
  regionCode: string,
  range: { from?: string; to?: string } = {},
) {
  const expected = await expectedTable(who, regionCode, range)
  const workbook = await xlsxSheets(await download('xlsx', { regionCode, ...range }, headers))
  const sheet = workbook.getWorksheet('区域统计')!
  expect(sheet.rowCount).toBe(expected.rows.length + 1)
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER)
  expect(sheet.getRow(1).font?.bold).toBe(true)
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  expected.rows.forEach((row, r) => {
    const cells = (sheet.getRow(r + 2).values as unknown[]).slice(1)
    expect(cells.length).toBe(HEADER.length)
    row.forEach((value, c) => {
      const cell = sheet.getRow(r + 2).getCell(c + 1)
      if (AMOUNTS.includes(c)) {
        expect(typeof cell.value).toBe('number')
        expect({ column: HEADER[c], text: (cell.value as number).toFixed(2) }).toEqual({
          column: HEADER[c],
          text: value,
        })
        expect(cell.numFmt).toBe('0.00')
      } else {
        expect({ column: HEADER[c], value: cell.value }).toEqual({ column: HEADER[c], value })
      }
    })
  })
  const notes = workbook.getWorksheet('说明')!
  const noteText = (notes.getSheetValues() as unknown[][])
    .filter(Boolean)
    .map((row) => row.slice(1).join(' '))
    .join('\n')
  expect(noteText).toContain(`${expected.root.region.name}（${expected.root.region.code}）`)
  expect(noteText).toContain(range.from || range.to ? '含开始时间，不含结束时间' : '全部时间')
  expect(noteText).toContain('生成时间')
  expect(noteText).toContain('可能大于各下级地区之和')
  return expected
}

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['conac', 'puyang', 'qfzf']) cookies[name] = await t.login(name)
  const prisma = t.db.prisma
  const staff = await prisma.user.findUniqueOrThrow({ where: { username: 'puyang' } })
  const qingfengOffice = await officeByRegion(prisma, '410922')
  const nanleOffice = await officeByRegion(prisma, '410923')
  const cityOffice = await officeByRegion(prisma, '410900')

  // Units in 清丰县, 南乐县 and at 濮阳市's own level (in 合计, in no child's row).
  const qf = await createUnit(prisma, { regionCode: '410922', type: 'PARTY_GOVERNMENT' })
  const nl = await createUnit(prisma, { regionCode: '410923', type: 'PUBLIC_INSTITUTION' })
  const city = await createUnit(prisma, { regionCode: '410900', type: 'PARTY_GOVERNMENT' })
  for (const [id, when] of [
    [qf.id, FEB],
    [nl.id, MAR],
    [city.id, FEB],
  ] as const)
    await prisma.unit.update({ where: { id }, data: { createdAt: when } })

  // Domains: registered ones expiring soon, and one waiting at its office since 2024 (overdue).
  const now = Date.now()
  await createDomain(prisma, { unitId: qf.id, status: 'REGISTERED', expiresAt: new Date(now + 10 * DAY) })
  await createDomain(prisma, {
    unitId: nl.id,
    status: 'REGISTERED',
    suffix: 'GONGYI',
    expiresAt: new Date(now + 60 * DAY),
  })
  await createDomain(prisma, { unitId: city.id, status: 'REGISTERED', expiresAt: new Date(now + 20 * DAY) })
  const waiting = await createDomain(prisma, { unitId: nl.id, status: 'PENDING_OFFICE_REVIEW', suffix: 'GONGYI' })
  await prisma.domain.update({ where: { id: waiting.id }, data: { submittedAt: FEB, createdAt: FEB } })

  // Money: collections by the county offices and by the city office itself, one of them charged, one remitted.
  const collect = async (officeId: number, unitId: number, amountFen: bigint, collectedAt: Date) => {
    const domain = await createDomain(prisma, { unitId, status: 'FEE_COLLECTED' })
    return prisma.feeCollection.create({
      data: {
        officeId,
        unitId,
        amountFen,
        invoiceCount: 1,
        collectedById: staff.id,
        collectedAt,
        items: { create: [{ domainId: domain.id, kind: 'REGISTRATION', years: 1, amountFen }] },
      },
      include: { items: true },
    })
  }
  const a = await collect(qingfengOffice.id, qf.id, 30000n, FEB)
  await collect(nanleOffice.id, nl.id, 33333n, MAR)
  const c = await collect(cityOffice.id, city.id, 12345n, FEB)
  await collect(qingfengOffice.id, qf.id, 50000n, at('2023-12-20T02:00:00Z')) // before the range
  const charge = await prisma.ledgerTransaction.create({ data: { kind: 'CHARGE', memo: 'test charge' } })
  await prisma.feeCollectionItem.update({
    where: { id: a.items[0]!.id },
    data: { chargedAt: MAR, chargeTransactionId: charge.id },
  })
  const remittance = await prisma.remittance.create({
    data: {
      officeId: qingfengOffice.id,
      weekStart: at('2024-02-05T00:00:00Z'),
      amountFen: 30000n,
      status: 'SUBMITTED',
      submittedById: staff.id,
      submittedAt: at('2024-02-16T02:00:00Z'),
    },
  })
  await prisma.feeCollection.update({ where: { id: a.id }, data: { remittanceId: remittance.id } })

  // Invoices: sheets drawn by 清丰县 and the city office, stock held by 南乐县.
  await prisma.invoice.create({
    data: {
      officeId: qingfengOffice.id,
      unitId: qf.id,
      feeCollectionId: a.id,
      issuedById: staff.id,
      kind: 'NORMAL',
      count: 2,
      amountFen: 30000n,
      issuedAt: FEB,
    },
  })
  await prisma.invoice.create({
    data: {
      officeId: cityOffice.id,
      unitId: city.id,
      feeCollectionId: c.id,
      issuedById: staff.id,
      kind: 'NORMAL',
      count: 1,
      amountFen: 12345n,
      issuedAt: MAR,
    },
  })
  await prisma.office.update({ where: { id: nanleOffice.id }, data: { invoiceStock: { increment: 25 } } })

  // Badges: issued in February, one installed in March, one cancelled in March.
  const installed = await createIssuedBadge(prisma, { unitId: qf.id, issuedAt: FEB })
  await prisma.badge.update({ where: { id: installed.badge.id }, data: { installedAt: MAR } })
  const cancelled = await createIssuedBadge(prisma, { unitId: nl.id, issuedAt: FEB })
  await prisma.badge.update({ where: { id: cancelled.badge.id }, data: { status: 'CANCELLED', cancelledAt: MAR } })
})
afterAll(() => t?.close())

describe('区域统计 exports equal the API', () => {
  it('CSV for 濮阳市 as puyang, all time and in a range', async () => {
    const all = await expectCsvEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410900')
    const codes = all.rows.map((row) => row[1])
    expect(codes.at(-1)).toBe('410900')
    expect(codes.slice(0, -1)).toEqual([...codes.slice(0, -1)].sort())
    expect(codes).toContain('410922')

    const ranged = await expectCsvEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410900', RANGE)
    // Only this file's 2024 data falls in the range, so the figures are known exactly.
    const row = (code: string) => ranged.rows.find((r) => r[1] === code)!
    const total = ranged.rows.at(-1)!
    expect(total[0]).toBe('合计')
    expect(row('410922').slice(11, 14)).toEqual(['300.00', '300.00', '300.00'])
    expect(row('410923').slice(11, 14)).toEqual(['333.33', '0.00', '0.00'])
    // 合计 includes the city office's own 123.45, which is in no child's row.
    expect(total.slice(11, 14)).toEqual(['756.78', '300.00', '300.00'])
    expect(total[2]).toBe(3)
    expect(row('410922')[2]).toBe(1)
    expect(total[15]).toBe(3)
    expect(row('410922').slice(8, 11)).toEqual([1, 1, 0])
    expect(row('410923').slice(8, 11)).toEqual([1, 0, 1])
    expect(Number(total[16])).toBeGreaterThanOrEqual(1)
  })

  it('XLSX for 濮阳市 as puyang, all time and in a range', async () => {
    await expectXlsxEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410900')
    await expectXlsxEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410900', RANGE)
  })

  it('CSV and XLSX for 濮阳市 as conac', async () => {
    await expectCsvEqualsApi({ cookie: cookies.conac }, { cookie: cookies.conac! }, '410900')
    await expectCsvEqualsApi({ cookie: cookies.conac }, { cookie: cookies.conac! }, '410900', RANGE)
    await expectXlsxEqualsApi({ cookie: cookies.conac }, { cookie: cookies.conac! }, '410900')
    await expectXlsxEqualsApi({ cookie: cookies.conac }, { cookie: cookies.conac! }, '410900', RANGE)
  })

  it('a county has only its 合计 row', async () => {
    const { rows } = await expectCsvEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410922', RANGE)
    expect(rows.length).toBe(1)
    expect(rows[0]!.slice(0, 2)).toEqual(['合计', '410922'])
    await expectXlsxEqualsApi({ cookie: cookies.puyang }, { cookie: cookies.puyang! }, '410922', RANGE)
  })

  it('names the file after the region and range, with an ASCII fallback', async () => {
    const csv = await download('csv', { regionCode: '410900', ...RANGE }, { cookie: cookies.puyang! })
    const disposition = csv.headers.get('content-disposition')!
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('区域统计-濮阳市-20240201-20240501.csv')}`)
    expect(disposition).toContain('filename="region-statistics-410900-20240201-20240501.csv"')
    const xlsx = await download('xlsx', { regionCode: '410900' }, { cookie: cookies.puyang! })
    expect(xlsx.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('区域统计-濮阳市-不限-不限.xlsx')}`,
    )
    expect(csv.headers.get('cache-control')).toBe('no-store')
  })

  it('a read-only API token of puyang downloads the same table', async () => {
    const created = await t.execute(
      CreateToken,
      { input: { name: '统计导出只读', access: 'READ_ONLY' } },
      { cookie: cookies.puyang! },
    )
    expect(created.errors).toBeUndefined()
    const token = created.data!.createApiToken.token
    const bearer = { authorization: `Bearer ${token}` }
    await expectCsvEqualsApi({ token }, bearer, '410900', RANGE)
    await expectXlsxEqualsApi({ token }, bearer, '410900')
    expect((await download('csv', { regionCode: '130000' }, bearer)).status).toBe(403)
  })
})

describe('区域统计 exports: scope and input as the query', () => {
  async function expectError(response: Response, status: number, code: string) {
    expect(response.status).toBe(status)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] }
    expect(body.errors[0]!.extensions.code).toBe(code)
    expect(body.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/)
  }

  it('refuses anonymous, unit users, other subtrees, unknown regions and bad ranges', async () => {
    for (const extension of ['csv', 'xlsx'] as const) {
      await expectError(await download(extension, { regionCode: '410900' }), 401, 'UNAUTHENTICATED')
      await expectError(
        await download(extension, { regionCode: '410900' }, { cookie: cookies.qfzf! }),
        403,
        'FORBIDDEN',
      )
      await expectError(
        await download(extension, { regionCode: '130000' }, { cookie: cookies.puyang! }),
        403,
        'FORBIDDEN',
      )
      await expectError(
        await download(extension, { regionCode: '999999' }, { cookie: cookies.conac! }),
        404,
        'NOT_FOUND',
      )
      await expectError(
        await download(
          extension,
          { regionCode: '410900', from: RANGE.to, to: RANGE.from },
          { cookie: cookies.puyang! },
        ),
        400,
        'BAD_USER_INPUT',
      )
      await expectError(
        await download(
          extension,
          { regionCode: '410900', from: RANGE.from, to: RANGE.from },
          { cookie: cookies.puyang! },
        ),
        400,
        'BAD_USER_INPUT',
      )
      await expectError(
        await download(extension, { regionCode: '410900', from: 'yesterday' }, { cookie: cookies.puyang! }),
        400,
        'BAD_USER_INPUT',
      )
      await expectError(
        await download(extension, { regionCode: '4109' }, { cookie: cookies.puyang! }),
        400,
        'BAD_USER_INPUT',
      )
    }
    await expectError(
      await download('csv', { regionCode: '410900' }, { authorization: 'Bearer not-a-real-token-value' }),
      401,
      'INVALID_TOKEN',
    )
  })

  it('defaults to the viewer’s own region like the query', async () => {
    const [, ...rows] = await csvRows(await download('csv', {}, { cookie: cookies.puyang! }))
    expect(rows.at(-1)!.slice(0, 2)).toEqual(['合计', '410900'])
  })
})
