// The 批量机构改革 template (XLSX and CSV) and the example in docs/reorganisation/: the sheets, their headers and
// the 填写说明 sheet. `npm run reorganisation:template -w server` writes the files the portal offers for download;
// tests build their spreadsheets with the same functions.
import ExcelJS from 'exceljs'
import { ITEM_COLUMNS, OBJECT_COLUMNS } from './columns.ts'
import { CSV_OBJECTS_MARKER, ITEMS_SHEET, OBJECTS_SHEET } from './sheet.ts'

export const ITEM_HEADER: readonly string[] = Object.values(ITEM_COLUMNS)
export const OBJECT_HEADER: readonly string[] = Object.values(OBJECT_COLUMNS)

export type ItemRow = Partial<Record<(typeof ITEM_COLUMNS)[keyof typeof ITEM_COLUMNS], string | number | Date>>
export type ObjectRow = Partial<Record<(typeof OBJECT_COLUMNS)[keyof typeof OBJECT_COLUMNS], string | number>>

/** How to fill it in, one line each; the 填写说明 sheet and docs/reorganisation/README.md say the same. */
export const INSTRUCTIONS: readonly string[] = [
  '一、「改革事项」每行一项机构改革，序号不重复；类型填写 更名、合并、拆分 或 撤销。',
  '二、生效日期写作 2018-03-01（也可写 2018/3/1、2018年3月1日、20180301），不能晚于今天。',
  '三、多个统一社会信用代码以「、」或「;」分隔。原单位须在本编办辖区内，每个单位在一批中只能出现一次。',
  '四、合并：设立新单位时填写新单位各列（信用代码、名称、区划代码、单位类型、系统类别、地址、邮编、经办人、手机、邮箱）；由其中一个单位吸收其他单位时，只填写「并入单位统一社会信用代码」。',
  '五、拆分：新单位统一社会信用代码填写两个及以上；新单位其他各列按同样顺序以「、」分隔，个数一致；须在「对象去向」表中写明原单位每个对象的去向。',
  '六、更名：只填写原单位和新名称。撤销：原单位的对象默认注销；如需转入其他单位，填写并入单位统一社会信用代码。',
  '七、「对象去向」可选（拆分除外）：序号对应改革事项；对象类型为 域名、网站标识、网站开办申请、网络红页、用户；对象填写域名（如 清丰县教育局.政务）、标识编号、申请编号、网络红页所属单位的信用代码或用户名；去向填写本行新单位或并入单位的统一社会信用代码，或「注销」。未列出的对象：合并转入新单位（或并入单位），撤销注销。',
  '八、请勿使用公式；单元格前后的空格、全角数字会自动纠正。CSV 文件请保存为 UTF-8 或 GB18030 编码，「对象去向」表以一行「[对象去向]」开始。',
  '九、先「试运行」，报告无问题后方可提交；审核通过后逐项执行，某项因情况变化执行失败时记录原因，其余各项继续执行。',
]

/** An .xlsx with the two sheets (and 填写说明), rows as given (dates as date cells). */
export async function buildWorkbook(
  items: readonly ItemRow[],
  objects: readonly ObjectRow[] = [],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const itemSheet = workbook.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  itemSheet.addRow([...ITEM_HEADER]).font = { bold: true }
  for (const item of items) itemSheet.addRow(ITEM_HEADER.map((name) => item[name as keyof ItemRow] ?? ''))
  itemSheet.columns.forEach((column, index) => (column.width = index < 3 ? 10 : 24))
  itemSheet.getColumn(ITEM_HEADER.indexOf(ITEM_COLUMNS.effectiveDate) + 1).numFmt = 'yyyy-mm-dd'
  const objectSheet = workbook.addWorksheet(OBJECTS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  objectSheet.addRow([...OBJECT_HEADER]).font = { bold: true }
  for (const object of objects) objectSheet.addRow(OBJECT_HEADER.map((name) => object[name as keyof ObjectRow] ?? ''))
  objectSheet.columns.forEach((column, index) => (column.width = [8, 14, 36, 24][index] ?? 20))
  // Fixed document dates, so the committed files do not change each time they are written.
  workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z')
  const help = workbook.addWorksheet('填写说明')
  for (const line of INSTRUCTIONS) help.addRow([line])
  help.getColumn(1).width = 120
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer)
}

const csvField = (value: string | number | Date | undefined): string => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? '')
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The same content as one CSV text (UTF-8 with BOM when written): 改革事项, then [对象去向] and its table. */
export function buildCsv(items: readonly ItemRow[], objects: readonly ObjectRow[] = []): string {
  const lines = [ITEM_HEADER.map(csvField).join(',')]
  for (const item of items) lines.push(ITEM_HEADER.map((name) => csvField(item[name as keyof ItemRow])).join(','))
  lines.push(CSV_OBJECTS_MARKER)
  lines.push(OBJECT_HEADER.map(csvField).join(','))
  for (const object of objects)
    lines.push(OBJECT_HEADER.map((name) => csvField(object[name as keyof ObjectRow])).join(','))
  return `\ufeff${lines.join('\r\n')}\r\n`
}

/** The empty template: headers, and the instructions sheet. */
export async function templateFiles(): Promise<{ xlsx: Uint8Array; csv: string }> {
  return { xlsx: await buildWorkbook([]), csv: buildCsv([]) }
}

/**
 * The example in docs/reorganisation/: one row of each kind, with made-up (but well-formed) credit codes of 河南省
 * 濮阳市 units. Its dry run in a real database reports those units as not found; it shows the layout.
 */
export const EXAMPLE_ITEMS: readonly ItemRow[] = [
  {
    [ITEM_COLUMNS.sequence]: 1,
    [ITEM_COLUMNS.kind]: '更名',
    [ITEM_COLUMNS.effectiveDate]: '2024-03-01',
    [ITEM_COLUMNS.sources]: '11410922MB0000001D',
    [ITEM_COLUMNS.newName]: '清丰县政务服务和大数据管理局',
    [ITEM_COLUMNS.note]: '濮编〔2024〕12号',
  },
  {
    [ITEM_COLUMNS.sequence]: 2,
    [ITEM_COLUMNS.kind]: '合并',
    [ITEM_COLUMNS.effectiveDate]: '2024-03-01',
    [ITEM_COLUMNS.sources]: '11410922MB0000002G、11410922MB0000003K',
    [ITEM_COLUMNS.targetCodes]: '11410922MB0000004N',
    [ITEM_COLUMNS.targetNames]: '清丰县文化广电和旅游局',
    [ITEM_COLUMNS.targetRegions]: '410922',
    [ITEM_COLUMNS.targetTypes]: '党政机关',
    [ITEM_COLUMNS.targetCategories]: '政府',
    [ITEM_COLUMNS.targetAddresses]: '清丰县中原路18号',
    [ITEM_COLUMNS.targetPostcodes]: '457300',
    [ITEM_COLUMNS.targetHandlers]: '王明',
    [ITEM_COLUMNS.targetMobiles]: '13900000001',
    [ITEM_COLUMNS.targetEmails]: 'wangming@example.com',
    [ITEM_COLUMNS.note]: '濮编〔2024〕13号',
  },
  {
    [ITEM_COLUMNS.sequence]: 3,
    [ITEM_COLUMNS.kind]: '合并',
    [ITEM_COLUMNS.effectiveDate]: '2024-03-01',
    [ITEM_COLUMNS.sources]: '11410922MB0000005R',
    [ITEM_COLUMNS.absorbingCode]: '11410922MB0000006W',
    [ITEM_COLUMNS.note]: '濮编〔2024〕14号（并入）',
  },
  {
    [ITEM_COLUMNS.sequence]: 4,
    [ITEM_COLUMNS.kind]: '拆分',
    [ITEM_COLUMNS.effectiveDate]: '2024-03-01',
    [ITEM_COLUMNS.sources]: '11410922MB00000070',
    [ITEM_COLUMNS.targetCodes]: '11410922MB00000083、11410922MB00000096',
    [ITEM_COLUMNS.targetNames]: '清丰县农业农村局、清丰县水利局',
    [ITEM_COLUMNS.targetRegions]: '410922、410922',
    [ITEM_COLUMNS.targetTypes]: '党政机关、党政机关',
    [ITEM_COLUMNS.targetCategories]: '政府、政府',
    [ITEM_COLUMNS.targetAddresses]: '清丰县农业路1号、清丰县水利路2号',
    [ITEM_COLUMNS.targetPostcodes]: '457300、457300',
    [ITEM_COLUMNS.targetHandlers]: '李华、赵强',
    [ITEM_COLUMNS.targetMobiles]: '13900000002、13900000003',
    [ITEM_COLUMNS.targetEmails]: 'lihua@example.com、zhaoqiang@example.com',
    [ITEM_COLUMNS.note]: '濮编〔2024〕15号',
  },
  {
    [ITEM_COLUMNS.sequence]: 5,
    [ITEM_COLUMNS.kind]: '撤销',
    [ITEM_COLUMNS.effectiveDate]: '2024-03-01',
    [ITEM_COLUMNS.sources]: '12410922MB00000108',
    [ITEM_COLUMNS.note]: '濮编〔2024〕16号',
  },
]

export const EXAMPLE_OBJECTS: readonly ObjectRow[] = [
  {
    [OBJECT_COLUMNS.sequence]: 4,
    [OBJECT_COLUMNS.objectType]: '域名',
    [OBJECT_COLUMNS.object]: '清丰县农业农村和水利局.政务',
    [OBJECT_COLUMNS.destination]: '11410922MB00000083',
  },
  {
    [OBJECT_COLUMNS.sequence]: 4,
    [OBJECT_COLUMNS.objectType]: '域名',
    [OBJECT_COLUMNS.object]: '清丰县水利.政务',
    [OBJECT_COLUMNS.destination]: '11410922MB00000096',
  },
  {
    [OBJECT_COLUMNS.sequence]: 4,
    [OBJECT_COLUMNS.objectType]: '用户',
    [OBJECT_COLUMNS.object]: 'qfnyslj',
    [OBJECT_COLUMNS.destination]: '11410922MB00000083',
  },
  {
    [OBJECT_COLUMNS.sequence]: 5,
    [OBJECT_COLUMNS.objectType]: '网站标识',
    [OBJECT_COLUMNS.object]: '202441092200001',
    [OBJECT_COLUMNS.destination]: '注销',
  },
]

export async function exampleFile(): Promise<{ xlsx: Uint8Array; csv: string }> {
  return { xlsx: await buildWorkbook(EXAMPLE_ITEMS, EXAMPLE_OBJECTS), csv: buildCsv(EXAMPLE_ITEMS, EXAMPLE_OBJECTS) }
}
