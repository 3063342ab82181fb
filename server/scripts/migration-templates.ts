// Writes docs/migration/: the empty templates (templates/<名称>.csv with the header row, templates/<名称>.xlsx
// with the header and a 填写说明 sheet) and the example files (examples/), a few rows of every kind that agree with
// each other and with the seeded regions and offices: credit codes and ID numbers carry right check characters
// (computed here), every domain's unit is an example unit, every badge number holds its unit's region code.
// examples/ is one consistent run: all CSV in UTF-8, plus 注册单位-补充.xlsx (more units, as Excel) and
// 域名-补充-GB18030.csv (their domains, in GB18030 as Excel saves a CSV on a Chinese Windows).
// Run: npx tsx server/scripts/migration-templates.ts   (tests/api/migration-read.test.ts checks every example.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { repositoryRoot } from '../src/config.ts'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../src/lib/identifiers.ts'
import { encodeGb18030 } from '../src/modules/migration/read/gb18030.ts'
import { KIND_ORDER, TEMPLATES, type FileKind } from '../src/modules/migration/templates.ts'

const creditCode = (marks: string, region: string, org: string) =>
  `${marks}${region}${org}${creditCodeCheckCharacter(`${marks}${region}${org}`)}`
const idNumber = (region: string, birth: string, sequence: string) =>
  `${region}${birth}${sequence}${idNumberCheckCharacter(`${region}${birth}${sequence}`)}`

const QF = '410922'
const NL = '410923'
const PY = '410900'

const UNIT = {
  ziranziyuan: creditCode('11', QF, '005311201'),
  yizhong: creditCode('12', QF, '005311382'),
  fulian: creditCode('13', NL, '005320455'),
  cishan: creditCode('51', PY, '005302916'),
  // 注册单位-补充.xlsx
  nongye: creditCode('11', NL, '005320617'),
  tushuguan: creditCode('12', PY, '005302208'),
}

type Rows = Record<string, string>[]

export const EXAMPLES: Record<FileKind, Rows> = {
  offices: [
    {
      行政区划代码: QF,
      编办名称: '河南省濮阳市清丰县机构编制委员会办公室',
      地址: '河南省濮阳市清丰县中原路1号',
      邮编: '457300',
      电话: '0393-7221234',
    },
    {
      行政区划代码: NL,
      编办名称: '河南省濮阳市南乐县机构编制委员会办公室',
      地址: '河南省濮阳市南乐县人民路18号',
      邮编: '457400',
      电话: '0393-6221000',
    },
    { 行政区划代码: PY, 编办名称: '河南省濮阳市机构编制委员会办公室', 地址: '', 邮编: '457000', 电话: '' },
  ],
  officeStaff: [
    {
      登录名: 'qf_zhangsan',
      姓名: '张三',
      所属编办行政区划代码: QF,
      手机: '13912345678',
      电子邮箱: 'zhangsan@example.cn',
      角色: '审核员、财务',
      状态: '正常',
    },
    {
      登录名: 'nl.wanghong',
      姓名: '王红',
      所属编办行政区划代码: NL,
      手机: '13912345679',
      电子邮箱: 'wanghong@example.cn',
      角色: '管理员',
      状态: '',
    },
    {
      登录名: 'py-liuyang',
      姓名: '刘洋',
      所属编办行政区划代码: PY,
      手机: '13912345680',
      电子邮箱: 'liuyang@example.cn',
      角色: '管理员、审核员',
      状态: '停用',
    },
  ],
  units: [
    unitRow(UNIT.ziranziyuan, '清丰县自然资源局', '党政机关', '政府', QF, {
      上级主管单位: '清丰县人民政府',
      开办主体职能: '负责全县自然资源调查、确权登记和国土空间规划。',
      通讯地址: '河南省濮阳市清丰县建设路12号',
      邮编: '457300',
      固定电话: '0393-7225100',
      经办人姓名: '陈静',
      经办人手机: '13812340001',
      经办人电子邮箱: 'chenjing@example.cn',
      经办人身份证号: idNumber(QF, '19880512', '021'),
      登录名: 'qfzrzy',
      注册日期: '2015-03-01',
    }),
    unitRow(UNIT.yizhong, '清丰县第一高级中学', '事业单位', '事业单位', QF, {
      上级主管单位: '清丰县教育局',
      开办主体职能: '实施普通高中学历教育。',
      通讯地址: '河南省濮阳市清丰县文化路6号',
      邮编: '457300',
      固定电话: '',
      经办人姓名: '郭鹏',
      经办人手机: '13812340002',
      经办人电子邮箱: 'guopeng@example.cn',
      经办人身份证号: '',
      登录名: 'qfyz',
      注册日期: '2016/9/1',
    }),
    unitRow(UNIT.fulian, '南乐县妇女联合会', '群团机关', '群团', NL, {
      上级主管单位: '中共南乐县委',
      开办主体职能: '',
      通讯地址: '河南省濮阳市南乐县人民路20号',
      邮编: '457400',
      固定电话: '0393-6223300',
      经办人姓名: '韩梅',
      经办人手机: '13812340003',
      经办人电子邮箱: 'hanmei@example.cn',
      经办人身份证号: idNumber(NL, '19791103', '046'),
      登录名: 'nlfl',
      注册日期: '2014年11月20日',
    }),
    unitRow(UNIT.cishan, '濮阳市慈善总会', '社会组织', '社会组织', PY, {
      上级主管单位: '濮阳市民政局',
      开办主体职能: '募集善款，开展扶贫济困等慈善活动。',
      通讯地址: '河南省濮阳市华龙区胜利路100号',
      邮编: '457000',
      固定电话: '',
      经办人姓名: '马骏',
      经办人手机: '13812340004',
      经办人电子邮箱: 'majun@example.cn',
      经办人身份证号: '',
      登录名: 'pycszh',
      状态: '正常',
      注册日期: '20170405',
    }),
  ],
  domains: [
    domainRow('清丰县自然资源局.政务', UNIT.ziranziyuan, '注册成功', '2018-03-01', '2027-03-01', '1'),
    domainRow('清丰一高.公益', UNIT.yizhong, '注册成功', '2016-10-10', '2026-10-10', '5'),
    domainRow('南乐县妇联.政务', UNIT.fulian, '注册成功', '2015-01-05', '2027-01-05', '3'),
    domainRow('濮阳慈善.公益', UNIT.cishan, '已过期', '2017-05-01', '2026-05-01', '1'),
  ],
  dnsRecords: [
    { 域名: '清丰县自然资源局.政务', 主机记录: '@', 记录类型: 'A', 记录值: '203.0.113.10', TTL: '600', 优先级: '' },
    {
      域名: '清丰县自然资源局.政务',
      主机记录: 'www',
      记录类型: 'CNAME',
      记录值: 'www.qfzrzy.gov.cn',
      TTL: '',
      优先级: '',
    },
    {
      域名: '清丰县自然资源局.政务',
      主机记录: '@',
      记录类型: 'MX',
      记录值: 'mail.qfzrzy.gov.cn',
      TTL: '3600',
      优先级: '10',
    },
    { 域名: '清丰一高.公益', 主机记录: '@', 记录类型: 'AAAA', 记录值: '2001:db8::20', TTL: '600', 优先级: '' },
    { 域名: '清丰一高.公益', 主机记录: '@', 记录类型: 'TXT', 记录值: 'v=spf1 -all', TTL: '', 优先级: '' },
  ],
  badges: [
    {
      标识编号: `2018${QF}00101`,
      单位统一社会信用代码: UNIT.ziranziyuan,
      网站名称: '清丰县自然资源局网',
      放置方式: '自建网站',
      中文域名: '清丰县自然资源局.政务',
      英文域名: 'www.qfzrzy.gov.cn',
      IP地址: '203.0.113.10',
      颁发日期: '2018-06-01',
      状态: '正常',
      注销日期: '',
    },
    {
      标识编号: `2019${PY}00007`,
      单位统一社会信用代码: UNIT.cishan,
      网站名称: '濮阳市慈善总会',
      放置方式: '网络红页',
      中文域名: '濮阳慈善.公益',
      英文域名: '',
      IP地址: '',
      颁发日期: '2019-08-15',
      状态: '已注销',
      注销日期: '2026-05-02',
    },
  ],
  siteApplications: [
    {
      申请编号: 'WZ-2026-000123',
      单位统一社会信用代码: UNIT.yizhong,
      网站名称: '清丰县第一高级中学网',
      网站简介: '学校概况、招生信息和校园新闻。',
      中文域名: '清丰一高.公益',
      网络红页: '否',
      英文域名: 'www.qfyg.cn',
      IP地址: '2001:db8::20',
      负责人姓名: '郭校长',
      负责人手机: '13712345678',
      负责人电子邮箱: 'principal@example.cn',
      经办人姓名: '郭鹏',
      经办人手机: '13812340002',
      经办人电子邮箱: 'guopeng@example.cn',
      经办人身份证号: idNumber(QF, '19920202', '013'),
      状态: '初审中',
      提交日期: '2026-11-20',
    },
    {
      申请编号: 'WZ-2026-000124',
      单位统一社会信用代码: UNIT.fulian,
      网站名称: '南乐县妇女联合会',
      网站简介: '',
      中文域名: '南乐县妇联.政务',
      网络红页: '是',
      英文域名: '',
      IP地址: '',
      负责人姓名: '李主席',
      负责人手机: '13712345679',
      负责人电子邮箱: 'lizx@example.cn',
      经办人姓名: '韩梅',
      经办人手机: '13812340003',
      经办人电子邮箱: 'hanmei@example.cn',
      经办人身份证号: '',
      状态: '待寄送材料',
      提交日期: '2026-10-08',
    },
  ],
  balances: [
    { 行政区划代码: QF, '帐户余额（元）': '12000.00', '代收未汇款（元）': '600.00' },
    { 行政区划代码: NL, '帐户余额（元）': '3500.5', '代收未汇款（元）': '' },
  ],
  invoiceStock: [
    { 行政区划代码: QF, '发票余量（张）': '35' },
    { 行政区划代码: NL, '发票余量（张）': '10' },
  ],
}

/** More units, written as XLSX (注册单位-补充.xlsx). */
export const EXTRA_UNITS: Rows = [
  unitRow(UNIT.nongye, '南乐县农业农村局', '党政机关', '政府', NL, {
    上级主管单位: '南乐县人民政府',
    开办主体职能: '负责全县农业农村经济发展。',
    通讯地址: '河南省濮阳市南乐县兴业路8号',
    邮编: '457400',
    固定电话: '0393-6225588',
    经办人姓名: '周敏',
    经办人手机: '13812340005',
    经办人电子邮箱: 'zhoumin@example.cn',
    经办人身份证号: idNumber(NL, '19900101', '032'),
    登录名: 'nlnync',
    注册日期: '2016-04-18',
  }),
  unitRow(UNIT.tushuguan, '濮阳市图书馆', '事业单位', '事业单位', PY, {
    上级主管单位: '濮阳市文化广电和旅游局',
    开办主体职能: '公共图书借阅、地方文献收藏。',
    通讯地址: '河南省濮阳市华龙区京开大道66号',
    邮编: '457000',
    固定电话: '',
    经办人姓名: '吴倩',
    经办人手机: '13812340006',
    经办人电子邮箱: 'wuqian@example.cn',
    经办人身份证号: '',
    登录名: 'pytsg',
    注册日期: '2018-12-03',
  }),
]

/** Their domains, written in GB18030 (域名-补充-GB18030.csv). */
export const EXTRA_DOMAINS: Rows = [
  domainRow('南乐县农业农村局.政务', UNIT.nongye, '注册成功', '2016-05-01', '2027-05-01', '2'),
  domainRow('濮阳市图书馆.公益', UNIT.tushuguan, '宽限期', '2019-01-10', '2026-11-30', '1'),
]

function unitRow(
  code: string,
  name: string,
  type: string,
  category: string,
  region: string,
  rest: Record<string, string>,
): Record<string, string> {
  return {
    统一社会信用代码: code,
    单位名称: name,
    单位类型: type,
    系统类别: category,
    行政区划代码: region,
    状态: '正常',
    ...rest,
  }
}

function domainRow(name: string, unit: string, status: string, registered: string, expires: string, years: string) {
  return { 域名: name, 单位统一社会信用代码: unit, 状态: status, 注册日期: registered, 到期日期: expires, 年限: years }
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text)

export function csvText(kind: FileKind, rows: Rows): string {
  const headers = TEMPLATES[kind].columns.map((column) => column.header)
  return [headers, ...rows.map((row) => headers.map((header) => row[header] ?? ''))]
    .map((cells) => cells.map(csvField).join(',') + '\r\n')
    .join('')
}

export async function xlsxBytes(kind: FileKind, rows: Rows, withNotes: boolean): Promise<Buffer> {
  const template = TEMPLATES[kind]
  const workbook = new ExcelJS.Workbook()
  // Fixed document dates, so regenerating gives the same files when nothing changed.
  workbook.created = workbook.modified = new Date('2026-12-07T00:00:00Z')
  workbook.creator = 'migration-templates.ts'
  const sheet = workbook.addWorksheet(template.fileName, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = template.columns.map((column) => ({
    header: column.header,
    width: Math.max(12, column.header.length * 2 + 4, column.example.length * 1.6),
    style: { numFmt: '@' }, // text: long codes stay as typed instead of turning into numbers
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(template.columns.map((column) => row[column.header] ?? ''))
  if (withNotes) {
    const notes = workbook.addWorksheet('填写说明')
    notes.columns = [
      { header: '列', width: 24 },
      { header: '必填', width: 8 },
      { header: '说明', width: 60 },
      { header: '示例', width: 32 },
    ]
    notes.getRow(1).font = { bold: true }
    for (const column of template.columns)
      notes.addRow([column.header, column.required ? '是' : '否', column.note, column.example])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export const COLUMNS_START = '<!-- columns: written by server/scripts/migration-templates.ts -->'
export const COLUMNS_END = '<!-- end of columns -->'

/** The README's column tables, from TEMPLATES (so the documentation cannot drift from what is read). */
export function columnsMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|') || ' '
  return KIND_ORDER.map((kind) => {
    const template = TEMPLATES[kind]
    const lines = [
      `### ${template.fileName} (\`${kind}\`)`,
      '',
      `File name starts with \`${template.fileName}\`. Key: ${template.key.map((key) => `\`${key}\``).join(' + ')}.`,
      '',
      '| column | required | format | example |',
      '|---|---|---|---|',
      ...template.columns.map(
        (column) =>
          `| ${column.header} | ${column.required ? '是' : ''} | ${cell(column.note)} | ${cell(column.example)} |`,
      ),
    ]
    return lines.join('\n')
  }).join('\n\n')
}

async function main() {
  const root = path.join(repositoryRoot, 'docs/migration')
  const templates = path.join(root, 'templates')
  const examples = path.join(root, 'examples')
  mkdirSync(templates, { recursive: true })
  mkdirSync(examples, { recursive: true })
  for (const kind of KIND_ORDER) {
    const name = TEMPLATES[kind].fileName
    writeFileSync(path.join(templates, `${name}.csv`), '\ufeff' + csvText(kind, []))
    writeFileSync(path.join(templates, `${name}.xlsx`), await xlsxBytes(kind, [], true))
    writeFileSync(path.join(examples, `${name}.csv`), csvText(kind, EXAMPLES[kind]))
  }
  writeFileSync(path.join(examples, '注册单位-补充.xlsx'), await xlsxBytes('units', EXTRA_UNITS, false))
  writeFileSync(path.join(examples, '域名-补充-GB18030.csv'), encodeGb18030(csvText('domains', EXTRA_DOMAINS)))
  const readmePath = path.join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const start = readme.indexOf(COLUMNS_START)
  const end = readme.indexOf(COLUMNS_END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${COLUMNS_START} … ${COLUMNS_END} section`)
  writeFileSync(
    readmePath,
    `${readme.slice(0, start + COLUMNS_START.length)}\n\n${columnsMarkdown()}\n\n${readme.slice(end)}`,
  )
  console.log(`wrote ${root}/templates, ${root}/examples and the column tables of README.md`)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
