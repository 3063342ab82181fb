// XLSX through exceljs: the first worksheet, or the one named like the template (注册单位). Cells become text as the
// person sees them: a date cell → YYYY-MM-DD, rich text → its text, numbers as typed. A formula is not taken (its
// cached result may be stale or absent): the cell is flagged and reported. A merged range keeps its value in the
// top-left cell only; the other cells are flagged, so an empty required cell there is reported as 合并单元格.
//
// Files up to IN_MEMORY_LIMIT are loaded whole, which is what tells merged cells apart; bigger ones are streamed
// (exceljs' WorkbookReader, which does not read merges: an empty cell there is reported as empty).
import ExcelJS from 'exceljs'
import type { SourceFile } from './sourceFile.ts'

// A loaded workbook costs some hundred bytes a cell: 4 MB of XLSX (tens of thousands of rows) stays well under 1 GB.
export const IN_MEMORY_LIMIT = 4 * 1024 * 1024

export type CellFlag = 'formula' | 'merged'

export interface RawRow {
  /** 1-based sheet row. */
  row: number
  cells: string[]
  /** By column index, when a cell is a formula or inside a merged range (not its top-left cell). */
  flags?: (CellFlag | undefined)[]
}

/** The XLSX could not be opened (not a workbook, encrypted, damaged). */
export class WorkbookError extends Error {}

/** Which worksheet to read: the first one `preferred` says yes to, else the first. */
export type SheetPreference = (sheetName: string) => boolean

export async function* xlsxRows(file: SourceFile, preferred: SheetPreference): AsyncGenerator<RawRow> {
  if (file.size <= IN_MEMORY_LIMIT) yield* loadedRows(file, preferred)
  else yield* streamedRows(file, preferred)
}

async function readAll(file: SourceFile): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of file.open()) chunks.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks)
}

async function* loadedRows(file: SourceFile, preferred: SheetPreference): AsyncGenerator<RawRow> {
  const workbook = new ExcelJS.Workbook()
  try {
    const bytes = await readAll(file)
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch (error) {
    throw new WorkbookError(String(error))
  }
  const sheet = workbook.worksheets.find((each) => preferred(each.name.trim())) ?? workbook.worksheets[0]
  if (!sheet) return
  const rows: RawRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    let flags: (CellFlag | undefined)[] | undefined
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const index = columnNumber - 1
      if (cell.isMerged && cell.master !== cell) {
        ;(flags ??= [])[index] = 'merged'
        cells[index] = ''
        return
      }
      const text = cellText(cell.value)
      if (text === null) {
        ;(flags ??= [])[index] = 'formula'
        cells[index] = ''
      } else cells[index] = text
    })
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? ''), flags })
  })
  yield* rows
}

/**
 * A big workbook is read as it streams, and a sheet passed by cannot be gone back to: the first sheet is read unless
 * it is an explanation sheet and a later one is named like a template (the README says: data on the first sheet).
 */
async function* streamedRows(file: SourceFile, preferred: SheetPreference): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file.open(), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  })
  let chosen = false
  try {
    for await (const worksheet of reader) {
      const name = ((worksheet as unknown as { name?: string }).name ?? '').trim()
      if (chosen) break
      if (!preferred(name) && /说明|填写/.test(name)) continue
      chosen = true
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const cells: string[] = []
        let flags: (CellFlag | undefined)[] | undefined
        row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
          const text = cellText(cell.value)
          if (text === null) {
            ;(flags ??= [])[columnNumber - 1] = 'formula'
            cells[columnNumber - 1] = ''
          } else cells[columnNumber - 1] = text
        })
        yield { row: row.number, cells: Array.from(cells, (cell) => cell ?? ''), flags }
      }
    }
  } catch (error) {
    throw new WorkbookError(String(error))
  }
}

/** A cell's text; null for a formula. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value == null) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10) // an Excel date is UTC midnight of the day typed
  if (typeof value === 'boolean') return value ? '是' : '否'
  if ('formula' in value || 'sharedFormula' in value) return null
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value) return String(value.text)
  if ('error' in value) return ''
  return String(value)
}

/** A number as typed: no exponent for long digit strings, no float noise (0.1+0.2) from the stored double. */
function numberText(value: number): string {
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value)
  return String(Number(value.toPrecision(15)))
}
