// Reads the 批量机构改革 spreadsheet (docs/reorganisation/README.md describes it) into plain text cells, before any
// business rule: XLSX through exceljs (the library the exports use), CSV in UTF-8 (with or without BOM) or GB18030.
// Cells are text; what is unambiguous is normalised here (a date cell → YYYY-MM-DD, rich text → its text, stray
// spaces trimmed); what is not is reported with its row and column (a formula, a file that is neither encoding).
import ExcelJS from 'exceljs'

/** One cell problem: 行号 (1-based sheet row), 列 (the header's text, or '' for the whole row/file) and 中文原因. */
export interface SheetProblem {
  sheet: string
  row: number
  column: string
  message: string
}

/** A data row: its sheet row number and its cells by header text. */
export interface SheetRow {
  row: number
  cells: Record<string, string>
}

export interface ReadSheets {
  /** Rows by sheet title (改革事项, 对象去向), empty rows left out. */
  sheets: Record<string, SheetRow[]>
  problems: SheetProblem[]
}

export const ITEMS_SHEET = '改革事项'
export const OBJECTS_SHEET = '对象去向'
/** In a CSV file (one table only), a line whose first cell is this starts the 对象去向 table. */
export const CSV_OBJECTS_MARKER = `[${OBJECTS_SHEET}]`

/** At most this many data rows per sheet: a province's reform is hundreds, not hundreds of thousands. */
export const MAX_ROWS = 5000

/** Spaces of every width (incl. U+3000 and the no-break space) and zero-width characters around a cell's text. */
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g

export const cleanCell = (text: string): string => text.replace(EDGE_SPACE, '')

/** Reads either format, by the file name's extension (xlsx or csv). */
export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<ReadSheets> {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (extension === 'xlsx') return readXlsx(bytes)
  if (extension === 'csv') return readCsv(bytes)
  return {
    sheets: {},
    problems: [{ sheet: '', row: 0, column: '', message: '只支持 .xlsx 或 .csv 文件，请使用下载的模板填写' }],
  }
}

async function readXlsx(bytes: Uint8Array): Promise<ReadSheets> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch {
    return {
      sheets: {},
      problems: [{ sheet: '', row: 0, column: '', message: '无法读取该 Excel 文件，请另存为 .xlsx 后重试' }],
    }
  }
  const problems: SheetProblem[] = []
  const sheets: Record<string, SheetRow[]> = {}
  for (const title of [ITEMS_SHEET, OBJECTS_SHEET]) {
    const sheet = workbook.worksheets.find((each) => cleanCell(each.name) === title)
    if (!sheet) continue
    const grid: string[][] = []
    const rowNumbers: number[] = []
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
        const text = cellText(cell.value)
        if (text === null) {
          problems.push({
            sheet: title,
            row: rowNumber,
            column: `第${columnNumber}列`,
            message: '单元格含公式，请粘贴为数值后再上传',
          })
          values[columnNumber - 1] = ''
        } else values[columnNumber - 1] = text
      })
      grid.push(Array.from(values, (value) => value ?? ''))
      rowNumbers.push(rowNumber)
    })
    sheets[title] = tableRows(title, grid, rowNumbers, problems)
  }
  if (!sheets[ITEMS_SHEET])
    problems.push({ sheet: ITEMS_SHEET, row: 0, column: '', message: `文件中没有名为「${ITEMS_SHEET}」的工作表` })
  // A formula problem names the column by number; name it by its header where the header row says.
  return { sheets, problems }
}

/** A cell's text; null for a formula (its cached result may be stale, so it is refused rather than guessed). */
function cellText(value: ExcelJS.CellValue): string | null {
  if (value == null) return ''
  if (value instanceof Date) return isoDate(value)
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') return cleanCell(value)
  if ('formula' in value || 'sharedFormula' in value) return null
  if ('richText' in value) return cleanCell(value.richText.map((part) => part.text).join(''))
  if ('text' in value) return cleanCell(String(value.text))
  if ('error' in value) return ''
  return cleanCell(String(value))
}

/** An Excel date cell is a calendar date stored as UTC midnight: its UTC parts are the date typed. */
const isoDate = (date: Date) => date.toISOString().slice(0, 10)

function readCsv(bytes: Uint8Array): ReadSheets {
  const text = decodeText(bytes)
  if (text === null)
    return {
      sheets: {},
      problems: [{ sheet: '', row: 0, column: '', message: '文件编码无法识别，请保存为 UTF-8 或 GB18030 编码的 CSV' }],
    }
  const records = parseCsv(text)
  const problems: SheetProblem[] = []
  const sheets: Record<string, SheetRow[]> = {}
  let title = ITEMS_SHEET
  let grid: string[][] = []
  let numbers: number[] = []
  records.forEach((record, index) => {
    if (cleanCell(record[0] ?? '') === CSV_OBJECTS_MARKER) {
      sheets[title] = tableRows(title, grid, numbers, problems)
      title = OBJECTS_SHEET
      grid = []
      numbers = []
      return
    }
    const cells = record.map(cleanCell)
    if (cells.some((cell) => cell.startsWith('=') && cell.length > 1))
      for (const [column, cell] of cells.entries())
        if (cell.startsWith('=') && cell.length > 1) {
          problems.push({
            sheet: title,
            row: index + 1,
            column: `第${column + 1}列`,
            message: '单元格含公式，请填写数值',
          })
          cells[column] = ''
        }
    grid.push(cells)
    numbers.push(index + 1)
  })
  sheets[title] = tableRows(title, grid, numbers, problems)
  return { sheets, problems }
}

/** UTF-8 when it decodes cleanly (a BOM is dropped), else GB18030 (what Excel writes on a Chinese Windows), else null. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {}
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    // GB18030 decodes almost any byte string; a real Chinese sheet has Chinese characters in its header.
    return /[\u4e00-\u9fff]/.test(text) ? text : null
  } catch {
    return null
  }
}

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === ',') {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** The first non-empty row is the header; each later non-empty row becomes cells by header text. */
function tableRows(title: string, grid: string[][], rowNumbers: number[], problems: SheetProblem[]): SheetRow[] {
  const rows: SheetRow[] = []
  let header: string[] | null = null
  for (const [index, cells] of grid.entries()) {
    if (cells.every((cell) => cell === '')) continue
    if (!header) {
      header = cells.map(cleanCell)
      continue
    }
    if (rows.length >= MAX_ROWS) {
      problems.push({
        sheet: title,
        row: rowNumbers[index]!,
        column: '',
        message: `每张表最多 ${MAX_ROWS} 行，请分批上传`,
      })
      break
    }
    const record: Record<string, string> = {}
    header.forEach((name, column) => {
      if (name) record[name] = cells[column] ?? ''
    })
    rows.push({ row: rowNumbers[index]!, cells: record })
  }
  return rows
}
