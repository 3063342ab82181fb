// The rows of one import file, CSV or XLSX by its extension, as trimmed text cells with their sheet row numbers.
// Failures of the whole file (an encoding that is neither UTF-8 nor GB18030, a workbook that cannot be opened, an
// extension that is neither) come out as a FileProblem: the caller reports the file once, at row 0.
import type { FileKind } from '../templates.ts'
import { csvRecords, decodeChunks, EncodingError } from './csv.ts'
import type { SourceFile } from './sourceFile.ts'
import { trimCell } from './text.ts'
import { kindOfName } from './names.ts'
import { WorkbookError, xlsxRows, type RawRow, type SheetPreference } from './xlsx.ts'

export type { CellFlag, RawRow } from './xlsx.ts'

export class FileProblem extends Error {}

export const extensionOf = (fileName: string) => /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** Rows in batches (a CSV chunk's rows, an XLSX row at a time): a 2,000,000-row file is not 2,000,000 awaits. */
export async function* readRowBatches(file: SourceFile, kind?: FileKind): AsyncGenerator<RawRow[]> {
  const extension = extensionOf(file.fileName)
  if (extension === 'csv' || extension === 'txt') yield* csvRows(file)
  else if (extension === 'xlsx')
    yield* xlsxTrimmed(file, (sheet) => (kind ? kindOfName(sheet) === kind : kindOfName(sheet) !== null))
  else throw new FileProblem('只支持 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）')
}

export async function* readRows(file: SourceFile, kind?: FileKind): AsyncGenerator<RawRow> {
  for await (const batch of readRowBatches(file, kind)) yield* batch
}

async function* csvRows(file: SourceFile): AsyncGenerator<RawRow[]> {
  let row = 0
  const stream = file.open()
  try {
    for await (const records of csvRecords(decodeChunks(stream))) {
      const batch: RawRow[] = new Array(records.length)
      for (let r = 0; r < records.length; r++) {
        const record = records[r]!
        for (let i = 0; i < record.length; i++) record[i] = trimCell(record[i]!)
        batch[r] = { row: ++row, cells: record }
      }
      yield batch
    }
  } catch (error) {
    if (error instanceof EncodingError)
      throw new FileProblem(
        row === 0
          ? '文件编码无法识别，请保存为 UTF-8 或 GB18030 编码的 CSV'
          : `文件编码不一致：第 ${row + 1} 行附近的字节不是 ${error.message === 'utf-8' ? 'UTF-8' : 'GB18030'} 编码，请将整个文件另存为 UTF-8 编码的 CSV`,
      )
    throw error
  } finally {
    stream.destroy()
  }
}

async function* xlsxTrimmed(file: SourceFile, preferred: SheetPreference): AsyncGenerator<RawRow[]> {
  try {
    for await (const raw of xlsxRows(file, preferred)) {
      for (let i = 0; i < raw.cells.length; i++) raw.cells[i] = trimCell(raw.cells[i]!)
      yield [raw]
    }
  } catch (error) {
    if (error instanceof WorkbookError)
      throw new FileProblem('无法读取该 Excel 文件（文件损坏或已加密），请在 Excel 中另存为 .xlsx 后重试')
    throw error
  }
}

/** Whether every cell of a row is empty (a blank line, a formatted but unused spreadsheet row). */
export const isBlank = (cells: readonly string[]) => cells.every((cell) => cell === '')
