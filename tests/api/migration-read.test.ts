// 数据迁移, reading and validating (issue 20): the committed example files validate with no problem; every kind of
// bad cell is refused with its reason and column; GB18030 and UTF-8 with a BOM read like UTF-8; XLSX formulas,
// merged ranges and date cells; a file of 10,000 units with exactly 5% bad rows gives a report (parsed back) of
// exactly those rows; and a 200,000-row CSV is validated as a stream.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCodeCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { toALabel } from '../../server/src/lib/idna.ts'
import { encodeGb18030 } from '../../server/src/modules/migration/read/gb18030.ts'
import { kindOf } from '../../server/src/modules/migration/read/kind.ts'
import { fileFromBytes, fileFromPath, type SourceFile } from '../../server/src/modules/migration/read/sourceFile.ts'
import { badCharacterProblem, parseDate, parseYuan } from '../../server/src/modules/migration/read/text.ts'
import { problemsReportXlsx, REPORT_SHEET } from '../../server/src/modules/migration/report.ts'
import {
  KIND_ORDER,
  TEMPLATES,
  type AnyRecord,
  type FileKind,
  type Problem,
} from '../../server/src/modules/migration/templates.ts'
import { loadValidationContext, type ValidationContext } from '../../server/src/modules/migration/validate/context.ts'
import { validateFile } from '../../server/src/modules/migration/validate/validateFile.ts'
import { domainNameProblem } from '../../server/src/modules/migration/validate/domainName.ts'
import { nameProblem } from '../../server/src/modules/domainApplications/names.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'
import {
  COLUMNS_END,
  COLUMNS_START,
  columnsMarkdown,
  csvText as csvTextOf,
  EXAMPLES as EXAMPLE_ROWS,
} from '../../server/scripts/migration-templates.ts'

const EXAMPLES = path.join(import.meta.dirname, '../../docs/migration/examples')

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db?.destroy()
})

async function validate(
  kind: FileKind,
  file: SourceFile,
  context?: ValidationContext,
): Promise<{ records: AnyRecord[]; problems: Problem[]; context: ValidationContext }> {
  const ctx = context ?? (await loadValidationContext(db.prisma))
  const problems: Problem[] = []
  const records: AnyRecord[] = []
  for await (const record of validateFile(kind, file, ctx, (problem) => problems.push(problem))) records.push(record)
  return { records, problems, context: ctx }
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const csvFile = (name: string, lines: string[][]) =>
  fileFromBytes(
    name,
    utf8(
      lines
        .map((cells) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        .join('\r\n'),
    ),
  )

describe('the example files', () => {
  it('validate, all of them in KIND_ORDER as one run, with no problem', async () => {
    const files = readdirSync(EXAMPLES).map((name) => fileFromPath(path.join(EXAMPLES, name)))
    const context = await loadValidationContext(db.prisma)
    const kinds = new Map<SourceFile, FileKind>()
    for (const file of files) {
      const kind = await kindOf(file)
      expect(kind, file.fileName).not.toBeNull()
      kinds.set(file, kind!)
    }
    const counts: Record<string, number> = {}
    for (const kind of KIND_ORDER)
      for (const file of files.filter((each) => kinds.get(each) === kind)) {
        const { records, problems } = await validate(kind, file, context)
        expect(problems, file.fileName).toEqual([])
        expect(records.length, file.fileName).toBeGreaterThan(0)
        counts[file.fileName] = records.length
      }
    expect(Object.keys(counts).length).toBe(files.length)
  })

  it('are what server/scripts/migration-templates.ts writes, and the README’s column tables are current', () => {
    for (const kind of KIND_ORDER)
      expect(readFileSync(path.join(EXAMPLES, `${TEMPLATES[kind].fileName}.csv`), 'utf8')).toBe(
        csvTextOf(kind, EXAMPLE_ROWS[kind]),
      )
    const readme = readFileSync(path.join(EXAMPLES, '../README.md'), 'utf8')
    expect(readme).toContain(`${COLUMNS_START}\n\n${columnsMarkdown()}\n\n${COLUMNS_END}`)
  })
})

// ── helpers: a file of one kind from rows keyed by header, based on the example rows ──

const header = (kind: FileKind) => TEMPLATES[kind].columns.map((column) => column.header)
const rowsOf = (kind: FileKind, rows: Record<string, string>[]) => [
  header(kind),
  ...rows.map((row) => header(kind).map((column) => row[column] ?? '')),
]
const kindFile = (kind: FileKind, rows: Record<string, string>[], name = `${TEMPLATES[kind].fileName}.csv`) =>
  csvFile(name, rowsOf(kind, rows))

/** A context with the example offices and units (as a run would have them after their files). */
async function exampleContext(): Promise<ValidationContext> {
  const context = await loadValidationContext(db.prisma)
  for (const kind of ['offices', 'units', 'domains', 'dnsRecords'] as const) {
    const { problems } = await validate(kind, kindFile(kind, EXAMPLE_ROWS[kind]), context)
    expect(problems).toEqual([])
  }
  return context
}

const creditCode = (marks: string, region: string, org: string) =>
  `${marks}${region}${org}${creditCodeCheckCharacter(`${marks}${region}${org}`)}`
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0')

const unit = EXAMPLE_ROWS.units[0]!
type UnitRow = Record<string, string> & { 统一社会信用代码: string; 单位名称: string; 登录名: string }
const newUnit = (i: number, changes: Record<string, string> = {}): UnitRow => ({
  ...unit,
  统一社会信用代码: creditCode('11', '410922', String(700000000 + i)),
  单位名称: `清丰县测试单位${i}`,
  登录名: `qftest${i}`,
  ...changes,
})

/** Validates one changed row of a kind (after the example offices, units and domains) and returns its problems. */
async function problemsOf(kind: FileKind, row: Record<string, string>) {
  const { problems, records } = await validate(kind, kindFile(kind, [row], `测试-${kind}.csv`), await exampleContext())
  return { problems: problems.map(({ row, column, message }) => ({ row, column, message })), records }
}

describe('bad cells are refused with their reason and column', () => {
  const cases: [string, FileKind, Record<string, string>, string, RegExp][] = [
    [
      'credit code check character',
      'units',
      newUnit(1, { 统一社会信用代码: wrongCheck(newUnit(1).统一社会信用代码) }),
      '统一社会信用代码',
      /^统一社会信用代码校验位错误$/,
    ],
    ['unknown region', 'units', newUnit(2, { 行政区划代码: '419999' }), '行政区划代码', /^行政区划代码不存在$/],
    ['a 市辖区 grouping', 'units', newUnit(3, { 行政区划代码: '110100' }), '行政区划代码', /统计分组/],
    ['impossible date', 'units', newUnit(4, { 注册日期: '2018-02-30' }), '注册日期', /^日期不存在/],
    ['two-digit year', 'units', newUnit(5, { 注册日期: '18/3/1' }), '注册日期', /^日期有歧义/],
    ['bad mobile', 'units', newUnit(6, { 经办人手机: '1381234567' }), '经办人手机', /^手机号格式错误/],
    [
      'ID number check character',
      'units',
      newUnit(7, { 经办人身份证号: '410922198805120212' }),
      '经办人身份证号',
      /^身份证号校验位错误/,
    ],
    ['another unit’s login', 'units', newUnit(8, { 登录名: 'qfzf' }), '登录名', /^登录名已被其他单位或编办的账号使用$/],
    [
      'an office’s login',
      'units',
      newUnit(9, { 登录名: 'py-admin' }),
      '登录名',
      /^登录名已被其他单位或编办的账号使用$/,
    ],
    [
      'another unit’s name',
      'units',
      newUnit(10, { 单位名称: '清丰县人民政府办公室' }),
      '单位名称',
      /^单位名称已被系统中的其他单位使用$/,
    ],
    ['a NUL byte', 'units', newUnit(11, { 单位名称: '清丰县\u0000测试' }), '单位名称', /控制字符/],
    ['a line break in a name', 'units', newUnit(13, { 单位名称: '清丰县\n测试' }), '单位名称', /换行/],
    [
      'unknown unit type',
      'units',
      newUnit(14, { 单位类型: '机关' }),
      '单位类型',
      /^应为党政机关、群团机关、事业单位、社会组织之一$/,
    ],
    ['empty required cell', 'units', newUnit(15, { 通讯地址: '' }), '通讯地址', /^必填项为空$/],
    ['bad postcode', 'units', newUnit(16, { 邮编: '45730' }), '邮编', /^邮编应为 6 位数字$/],
    [
      'invalid domain name',
      'domains',
      { ...EXAMPLE_ROWS.domains[0]!, 域名: '-清丰.政务' },
      '域名',
      /^域名不合法：域名不能以连字符/,
    ],
    [
      'domain with a space',
      'domains',
      { ...EXAMPLE_ROWS.domains[0]!, 域名: '清丰 自然.政务' },
      '域名',
      /^域名不合法：域名不能包含空格/,
    ],
    ['domain without suffix', 'domains', { ...EXAMPLE_ROWS.domains[0]!, 域名: '清丰自然资源' }, '域名', /后缀/],
    [
      'suffix of another unit type',
      'domains',
      { ...EXAMPLE_ROWS.domains[1]!, 域名: '清丰一高新.政务' },
      '域名',
      /^域名后缀与单位类型不符/,
    ],
    [
      'unit missing',
      'domains',
      {
        ...EXAMPLE_ROWS.domains[0]!,
        域名: '清丰新域名.政务',
        单位统一社会信用代码: creditCode('11', '410922', '799999999'),
      },
      '单位统一社会信用代码',
      /^单位不存在（本批文件和系统中均无该统一社会信用代码）$/,
    ],
    [
      'expiry before registration',
      'domains',
      { ...EXAMPLE_ROWS.domains[0]!, 域名: '清丰新域名.政务', 到期日期: '2017-03-01' },
      '到期日期',
      /^到期日期早于注册日期$/,
    ],
    [
      'years out of range',
      'domains',
      { ...EXAMPLE_ROWS.domains[0]!, 域名: '清丰新域名.政务', 年限: '11' },
      '年限',
      /1-10/,
    ],
    ['duplicate within the run', 'domains', EXAMPLE_ROWS.domains[0]!, '域名', /^与文件「域名\.csv」第 2 行重复$/],
    [
      'DNS: bad IPv4',
      'dnsRecords',
      { ...EXAMPLE_ROWS.dnsRecords[0]!, 记录值: '203.0.113.300' },
      '记录值',
      /^IPv4 地址格式不正确$/,
    ],
    ['DNS: MX without priority', 'dnsRecords', { ...EXAMPLE_ROWS.dnsRecords[2]!, 优先级: '' }, '优先级', /MX 优先级/],
    [
      'DNS: unknown domain',
      'dnsRecords',
      { ...EXAMPLE_ROWS.dnsRecords[0]!, 域名: '不存在的域名.政务' },
      '域名',
      /^域名不存在/,
    ],
    [
      'DNS: URL转发 is not imported',
      'dnsRecords',
      { ...EXAMPLE_ROWS.dnsRecords[0]!, 记录类型: 'URL转发' },
      '记录类型',
      /^应为A、AAAA、CNAME、MX、TXT之一$/,
    ],
    [
      'DNS: CNAME beside other records',
      'dnsRecords',
      { ...EXAMPLE_ROWS.dnsRecords[0]!, 记录类型: 'CNAME', 记录值: 'web.example.cn' },
      '主机记录',
      /^该主机记录已有其他解析记录，不能添加 CNAME 记录/,
    ],
    [
      'badge number of another region',
      'badges',
      { ...EXAMPLE_ROWS.badges[0]!, 标识编号: '201841092300101' },
      '标识编号',
      /^标识编号与单位所在行政区划不符$/,
    ],
    [
      'badge year implausible',
      'badges',
      { ...EXAMPLE_ROWS.badges[0]!, 标识编号: '199941092200101' },
      '标识编号',
      /年份/,
    ],
    [
      'badge on another unit’s domain',
      'badges',
      { ...EXAMPLE_ROWS.badges[0]!, 中文域名: '南乐县妇联.政务' },
      '中文域名',
      /^该域名不属于此单位$/,
    ],
    ['self-built badge without IP', 'badges', { ...EXAMPLE_ROWS.badges[0]!, IP地址: '' }, 'IP地址', /^必填项为空$/],
    [
      'cancelled badge without date',
      'badges',
      { ...EXAMPLE_ROWS.badges[1]!, 注销日期: '' },
      '注销日期',
      /^必填项为空$/,
    ],
    [
      'negative balance',
      'balances',
      { ...EXAMPLE_ROWS.balances[0]!, '帐户余额（元）': '-5.00' },
      '帐户余额（元）',
      /^帐户余额不能为负$/,
    ],
    [
      'three decimals',
      'balances',
      { ...EXAMPLE_ROWS.balances[0]!, '帐户余额（元）': '5.001' },
      '帐户余额（元）',
      /两位小数/,
    ],
    [
      'staff login of another office',
      'officeStaff',
      { ...EXAMPLE_ROWS.officeStaff[0]!, 登录名: 'py-admin' },
      '登录名',
      /已被其他/,
    ],
    [
      'staff role unknown',
      'officeStaff',
      { ...EXAMPLE_ROWS.officeStaff[0]!, 登录名: 'qf_new', 角色: '主任' },
      '角色',
      /管理员、审核员、财务/,
    ],
    [
      'office of a region without office',
      'invoiceStock',
      { 行政区划代码: '110100', '发票余量（张）': '3' },
      '行政区划代码',
      /没有编办/,
    ],
    [
      'site application: paper materials of a 事业单位',
      'siteApplications',
      { ...EXAMPLE_ROWS.siteApplications[0]!, 状态: '待寄送材料' },
      '状态',
      /党政机关和群团机关/,
    ],
  ]
  it.each(cases)('%s', async (_name, kind, row, column, message) => {
    const { problems, records } = await problemsOf(kind, row)
    expect(records).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ row: 2, column })
    expect(problems[0]!.message).toMatch(message)
  })

  it('a re-run of a unit already in the database keeps its own login and name (not duplicates)', async () => {
    const demo = await db.prisma.unit.findFirstOrThrow({
      where: { users: { some: { username: 'qfzf' } } },
      include: { region: true },
    })
    const { problems, records } = await problemsOf('units', {
      ...unit,
      统一社会信用代码: demo.creditCode,
      单位名称: demo.name,
      行政区划代码: demo.regionCode,
      登录名: 'QFZF',
    })
    expect(problems).toEqual([])
    expect(records).toMatchObject([{ creditCode: demo.creditCode, username: 'qfzf' }])
  })

  it('the same office’s staff login is fine; an office’s 编办名称 taken by another region is not', async () => {
    expect((await problemsOf('officeStaff', { ...EXAMPLE_ROWS.officeStaff[2]!, 登录名: 'py-admin' })).problems).toEqual(
      [],
    )
    const { problems } = await problemsOf('offices', { ...EXAMPLE_ROWS.offices[0]!, 行政区划代码: '410926' })
    expect(problems).toMatchObject([{ column: '编办名称', message: '编办名称已被行政区划 410922 的编办使用' }])
  })

  it('several bad cells of one row: one problem each', async () => {
    const { problems } = await problemsOf('units', newUnit(30, { 邮编: 'x', 经办人手机: 'y', 注册日期: '2018-13-01' }))
    expect(problems.map((problem) => problem.column).sort()).toEqual(['注册日期', '经办人手机', '邮编'].sort())
  })
})

describe('normalised where unambiguous', () => {
  it('full-width digits and letters, stray spaces of every width, dates in the Chinese ways', async () => {
    const plain = newUnit(40)
    const fullWidth = (text: string) => text.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    const { problems, records } = await problemsOf('units', {
      ...plain,
      统一社会信用代码: `\u3000${fullWidth(plain.统一社会信用代码)} `,
      单位名称: `\u00a0${plain.单位名称}\u200b`,
      行政区划代码: fullWidth('410922'),
      经办人手机: '１３８ １２３４ ０００１',
      邮编: ' 457300\t',
      登录名: 'QFTEST40',
      注册日期: '２０１５年３月１日',
    })
    expect(problems).toEqual([])
    expect(records[0]).toMatchObject({
      creditCode: plain.统一社会信用代码,
      name: plain.单位名称,
      regionCode: '410922',
      handlerMobile: '13812340001',
      postcode: '457300',
      username: 'qftest40',
      registeredAt: new Date('2015-03-01T00:00:00Z'),
    })
  })

  it.each(['2018-03-01', '2018/3/1', '2018.3.1', '2018年3月1日', '20180301', '2018-3-1 08:30:00'])(
    'date %s',
    (text) => {
      expect(parseDate(text)).toEqual({ value: new Date('2018-03-01T00:00:00Z') })
    },
  )

  it('amounts in yuan to integer fen from the text', () => {
    expect(parseYuan('12,000.50')).toEqual({ value: 1_200_050 })
    expect(parseYuan('0.29')).toEqual({ value: 29 })
    expect(parseYuan('￥３５００.５')).toEqual({ value: 350_050 })
    expect(parseYuan('100元')).toEqual({ value: 10_000 })
    expect(parseYuan('1e3')).toHaveProperty('error')
  })

  it('a domain given as its A-label', async () => {
    const { problems, records } = await problemsOf('domains', {
      ...EXAMPLE_ROWS.domains[0]!,
      域名: `${toALabel('清丰新网站').toUpperCase()}.xn--zfr164b`,
      单位统一社会信用代码: EXAMPLE_ROWS.units[0]!.统一社会信用代码!,
    })
    expect(problems).toEqual([])
    expect(records).toMatchObject([{ name: '清丰新网站', suffix: 'ZHENGWU' }])
  })

  it('control characters and halves of a character are refused in any cell', () => {
    expect(badCharacterProblem('张\ud800三', false)).toMatch(/残缺的编码/)
    expect(badCharacterProblem('张\udc00', false)).toMatch(/残缺的编码/)
    expect(badCharacterProblem('😀 fine', false)).toBeNull()
    expect(badCharacterProblem('a\u0007b', true)).toMatch(/控制字符/)
    expect(badCharacterProblem('第一行\n第二行', true)).toBeNull()
    expect(badCharacterProblem('第一行\n第二行', false)).toMatch(/换行/)
  })
})

describe('encodings and CSV quoting', () => {
  const text = csvTextOf('units', [newUnit(50), newUnit(51, { 开办主体职能: '第一行，含逗号\n第二行："引号"' })])

  it('UTF-8, UTF-8 with a BOM and GB18030 read the same', async () => {
    const read = async (bytes: Uint8Array) => (await validate('units', fileFromBytes('注册单位.csv', bytes))).records
    const plain = await read(utf8(text))
    expect(plain).toHaveLength(2)
    expect(plain[1]).toMatchObject({ functions: '第一行，含逗号\n第二行："引号"' })
    expect(await read(utf8('\ufeff' + text))).toEqual(plain)
    expect(await read(encodeGb18030(text))).toEqual(plain)
    // GB18030 files are known by their bytes, whatever the file's size or where the first 汉字 falls in a chunk
    const padded = csvTextOf('units', [
      ...Array.from({ length: 3000 }, (_, i) =>
        newUnit(1000 + i, {
          单位名称: `unit${i}x`,
          上级主管单位: '',
          开办主体职能: '',
          通讯地址: 'Zhongyuan Road 1',
          经办人姓名: 'Li',
        }),
      ),
      newUnit(52),
    ])
    const gb = await validate('units', fileFromBytes('注册单位.csv', encodeGb18030(padded)))
    expect(gb.problems).toEqual([])
    expect(gb.records.at(-1)).toMatchObject({ name: newUnit(52).单位名称 })
  })

  it('a file in neither encoding is reported once, as a whole', async () => {
    const { problems, records } = await validate(
      'units',
      fileFromBytes('注册单位.csv', Uint8Array.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0xff])),
    )
    expect(records).toEqual([])
    expect(problems).toEqual([
      { fileName: '注册单位.csv', row: 0, column: '', message: expect.stringMatching(/编码无法识别/) },
    ])
  })

  it('a missing required column refuses the file; unknown columns are ignored', async () => {
    const lines = rowsOf('units', [newUnit(53)])
    const without = lines.map((cells) => cells.filter((_, i) => i !== 1).concat('备注'))
    const { problems } = await validate('units', csvFile('注册单位.csv', without))
    expect(problems).toEqual([
      {
        fileName: '注册单位.csv',
        row: 1,
        column: '单位名称',
        message: expect.stringMatching(/缺少必填列「单位名称」/),
      },
    ])
    const extra = lines.map((cells, i) => [...cells, i === 0 ? '备注' : 'x'])
    expect((await validate('units', csvFile('注册单位.csv', extra))).problems).toEqual([])
  })

  it('a file’s kind from its name, else from its header', async () => {
    expect(await kindOf(fileFromBytes('编办人员-河南.csv', utf8('x')))).toBe('officeStaff')
    expect(await kindOf(fileFromBytes('编办.xlsx', utf8('x')))).toBe('offices')
    expect(await kindOf(fileFromBytes('export-2026.csv', utf8(csvTextOf('badges', []))))).toBe('badges')
    expect(await kindOf(fileFromBytes('export-2026.csv', encodeGb18030(csvTextOf('domains', []))))).toBe('domains')
    expect(await kindOf(fileFromBytes('export.csv', utf8('a,b,c\r\n')))).toBeNull()
  })
})

describe('XLSX', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<SourceFile> {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('说明').addRow(['请勿改动表头'])
    const sheet = book.addWorksheet('注册单位')
    sheet.addRow(header('units'))
    fill(sheet)
    return fileFromBytes('单位导出.xlsx', new Uint8Array(await book.xlsx.writeBuffer()))
  }
  const cellsOf = (row: Record<string, string>) => header('units').map((column) => row[column] ?? '')
  const columnOf = (name: string) => header('units').indexOf(name) + 1

  it('the sheet named like the template; date cells, numbers, rich text; a formula and a merged range reported', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(cellsOf(newUnit(60)))
      sheet.addRow(cellsOf(newUnit(61)))
      sheet.addRow(cellsOf(newUnit(62)))
      sheet.addRow(cellsOf(newUnit(63)))
      sheet.getCell(2, columnOf('注册日期')).value = new Date(Date.UTC(2015, 2, 1))
      sheet.getCell(2, columnOf('邮编')).value = 457300
      sheet.getCell(2, columnOf('单位名称')).value = {
        richText: [{ text: '清丰县' }, { font: { bold: true }, text: '测试单位60' }],
      }
      sheet.getCell(3, columnOf('单位名称')).value = { formula: 'CONCATENATE("清丰","单位")', result: '清丰单位' }
      // 单位类型 merged over rows 4 and 5: only row 4 keeps the value
      sheet.mergeCells(4, columnOf('单位类型'), 5, columnOf('单位类型'))
    })
    expect(await kindOf(file)).toBe('units')
    const { records, problems } = await validate('units', file)
    expect(records).toHaveLength(2)
    expect(records[0]).toMatchObject({
      fileName: '单位导出.xlsx',
      row: 2,
      name: '清丰县测试单位60',
      postcode: '457300',
      registeredAt: new Date('2015-03-01T00:00:00Z'),
    })
    expect(records[1]).toMatchObject({ row: 4, type: 'PARTY_GOVERNMENT' })
    expect(problems).toEqual([
      { fileName: '单位导出.xlsx', row: 3, column: '单位名称', message: expect.stringMatching(/^单元格含公式/) },
      { fileName: '单位导出.xlsx', row: 5, column: '单位类型', message: expect.stringMatching(/^合并单元格/) },
    ])
  })

  it('a big workbook is streamed: the same cells, formulas still refused (merges cannot be seen there)', async () => {
    const small = await workbook((sheet) => {
      sheet.addRow(cellsOf(newUnit(70)))
      sheet.addRow(cellsOf(newUnit(71)))
      sheet.getCell(2, columnOf('注册日期')).value = new Date(Date.UTC(2015, 2, 1))
      sheet.getCell(3, columnOf('邮编')).value = { formula: '457000+300', result: 457300 }
    })
    // Over IN_MEMORY_LIMIT by its size: read with exceljs' streaming WorkbookReader.
    const big: SourceFile = { ...small, size: 1 << 30 }
    const { records, problems } = await validate('units', big)
    expect(records).toMatchObject([{ row: 2, registeredAt: new Date('2015-03-01T00:00:00Z') }])
    expect(problems).toEqual([
      { fileName: '单位导出.xlsx', row: 3, column: '邮编', message: expect.stringMatching(/^单元格含公式/) },
    ])
  })

  it('a damaged workbook is reported as a whole', async () => {
    const { problems } = await validate('units', fileFromBytes('注册单位.xlsx', utf8('PK\u0003\u0004 not really')))
    expect(problems).toMatchObject([{ row: 0, column: '', message: expect.stringMatching(/无法读取该 Excel 文件/) }])
  })
})

describe('a file of 10,000 units with exactly 5% bad rows', () => {
  it('gives a report of exactly those rows (parsed back from the XLSX)', async () => {
    const badness: ((i: number) => Record<string, string>)[] = [
      (i) => ({ 统一社会信用代码: wrongCheck(newUnit(i).统一社会信用代码) }),
      () => ({ 行政区划代码: '419999' }),
      () => ({ 注册日期: '2018-02-30' }),
      () => ({ 经办人手机: '12345' }),
      () => ({ 经办人身份证号: '410922198805120212' }),
      () => ({ 单位类型: '' }),
      () => ({ 登录名: 'qfzf' }),
      () => ({ 邮编: '４５７３' }),
      () => ({ 单位名称: `坏\u0001名` }),
      () => ({ 注册日期: '3/1/18' }),
      (i) => ({ 统一社会信用代码: newUnit(i - 1).统一社会信用代码 }), // the row before's: a duplicate
    ]
    const rows: Record<string, string>[] = []
    const badRows = new Set<number>()
    for (let i = 0; i < 10_000; i++) {
      const bad = i % 20 === 7 // every twentieth row: 500 of 10,000
      const base = newUnit(100_000 + i, {
        注册日期: ['2015-03-01', '2015/3/1', '2015年3月1日', '20150301'][i % 4]!,
        经办人手机: i % 3 ? '13812340001' : '１３８１２３４０００１',
        单位名称: i % 5 ? `清丰县测试单位${100_000 + i}` : ` 清丰县测试单位${100_000 + i}\u3000`,
      })
      rows.push(bad ? { ...base, ...badness[((i / 20) % badness.length) | 0]!(100_000 + i) } : base)
      if (bad) badRows.add(i + 2) // sheet rows: the header is row 1
    }
    expect(badRows.size).toBe(500)
    const { records, problems } = await validate('units', fileFromBytes('注册单位.csv', utf8(csvTextOf('units', rows))))
    expect(records).toHaveLength(9_500)
    const report = await problemsReportXlsx(problems)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(report as unknown as ArrayBuffer)
    const sheet = book.getWorksheet(REPORT_SHEET)!
    expect(sheet.getRow(1).values).toEqual([undefined, '文件', '行号', '列', '原因'])
    const reported: { file: string; row: number; column: string; message: string }[] = []
    sheet.eachRow((row, number) => {
      if (number === 1) return
      const [, file, line, column, message] = row.values as unknown[]
      if (typeof line === 'number')
        reported.push({ file: String(file), row: line, column: String(column), message: String(message) })
    })
    expect(new Set(reported.map((each) => each.row))).toEqual(badRows)
    expect(reported).toHaveLength(500)
    expect(reported.every((each) => each.file === '注册单位.csv' && each.column && each.message)).toBe(true)
    const summary = sheet.getRow(sheet.rowCount).getCell(1).value
    expect(summary).toBe('共 500 个问题，涉及 500 行；这些行未导入，改正后重新导入即可')
  })
})

describe('streaming', () => {
  it('validates a 200,000-row CSV produced on the fly, never held whole', async () => {
    const rowCount = 200_000
    const headerLine = header('units').join(',') + '\r\n'
    const base = newUnit(0)
    const line = (i: number) =>
      header('units')
        .map((column) =>
          column === '统一社会信用代码'
            ? creditCode('12', '410922', String(300_000_000 + i))
            : column === '单位名称'
              ? `清丰县流式单位${i}`
              : column === '登录名'
                ? `stream${i}`
                : column === '单位类型'
                  ? '事业单位'
                  : column === '系统类别'
                    ? '事业单位'
                    : (base[column] ?? ''),
        )
        .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(',') + '\r\n'
    let bytesProduced = 0
    const file: SourceFile = {
      fileName: '注册单位-流式.csv',
      size: 0,
      open: () =>
        Readable.from(
          (function* () {
            yield Buffer.from(headerLine)
            for (let start = 0; start < rowCount; start += 2000) {
              const chunk = Buffer.from(
                Array.from({ length: Math.min(2000, rowCount - start) }, (_, k) => line(start + k)).join(''),
              )
              bytesProduced += chunk.length
              yield chunk
            }
          })(),
        ),
    }
    const context = await loadValidationContext(db.prisma)
    let valid = 0
    let problems = 0
    let lastRowsRead = 0
    const started = performance.now()
    for await (const record of validateFile(
      'units',
      file,
      context,
      () => problems++,
      (rows) => (lastRowsRead = rows),
    )) {
      valid++
      void record
    }
    const seconds = (performance.now() - started) / 1000
    console.log(
      `streamed ${rowCount} unit rows (${(bytesProduced / 2 ** 20).toFixed(0)} MB) in ${seconds.toFixed(1)} s: ${Math.round(rowCount / seconds)} rows/s`,
    )
    expect(problems).toBe(0)
    expect(valid).toBe(rowCount)
    expect(lastRowsRead).toBe(rowCount)
  })
})

describe('the domain name rule at import speed', () => {
  it('says what names.ts nameProblem says, for ordinary and odd names alike', () => {
    const names = [
      ...[
        '清丰县人民政府',
        '清丰一高',
        'abc',
        'ab',
        'a',
        '清',
        'qf-zf',
        'qf--zf',
        'ab--cd',
        '-清丰',
        '清丰-',
        '清丰 县',
      ],
      ...[
        'ＡＢ清丰',
        '清丰.县',
        'xn--abc',
        '中国',
        '政府',
        '测试',
        '清丰😀',
        'straße',
        '⼀二三',
        '㐀清丰',
        '清丰\u200d县',
      ],
      '清'.repeat(17),
      '清丰县人民政府办公室清丰县人民政府办公室',
      Array.from({ length: 30 }, (_, i) => String.fromCharCode(0x4e00 + i * 331)).join(''),
    ]
    for (const name of names) expect(domainNameProblem(name), name).toBe(nameProblem(name))
  })
})

describe('what the database already holds', () => {
  it('a DNS record or badge may name a domain only the database has, of its own unit', async () => {
    const domain = await db.prisma.domain.findFirstOrThrow({
      where: { status: 'REGISTERED' },
      include: { unit: true },
    })
    const fullName = `${domain.name}.${domain.suffix === 'ZHENGWU' ? '政务' : '公益'}`
    const dns = await problemsOf('dnsRecords', { ...EXAMPLE_ROWS.dnsRecords[0]!, 域名: fullName })
    expect(dns.problems).toEqual([])
    expect(dns.records).toMatchObject([{ domainName: domain.name, domainSuffix: domain.suffix }])
    const badge = await problemsOf('badges', { ...EXAMPLE_ROWS.badges[0]!, 中文域名: fullName })
    expect(badge.problems).toEqual([{ row: 2, column: '中文域名', message: '该域名不属于此单位' }])
  })
})
