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
export async function buildWorkbook(items: readonly ItemRow[], objects: readonly ObjectRow[] = []): Promise<Uint8Array> {
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
