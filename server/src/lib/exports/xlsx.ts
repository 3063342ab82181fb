// The Excel (XLSX) files of the exports: a sheet of one table, the header row in bold, every cell written by
// cells.ts (text neutralised, counts and amounts as numbers), amount columns shown with two decimals.
import ExcelJS from 'exceljs'
import { type Cell, xlsxValue } from './cells.ts'

export interface TableSheet {
  title: string
  header: readonly string[]
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>
  /** Indexes of the columns holding yuanCell amounts: number format 0.00. */
  amountColumns: readonly number[]
  /** Each column's width in characters, by index. */
  widthOf: (index: number) => number
  /** Keep the header row in view while scrolling. */
  frozenHeader?: boolean
}

/** Adds the table as a worksheet of its own. */
export async function addTableSheet(workbook: ExcelJS.Workbook, table: TableSheet): Promise<ExcelJS.Worksheet> {
  const sheet = workbook.addWorksheet(
    table.title,
    table.frozenHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : undefined,
  )
  sheet.addRow(table.header.map(xlsxValue)).font = { bold: true }
  for await (const row of table.rows) sheet.addRow(row.map(xlsxValue))
  sheet.columns.forEach((column, index) => (column.width = table.widthOf(index)))
  for (const index of table.amountColumns) sheet.getColumn(index + 1).numFmt = '0.00'
  return sheet
}

export const workbookBuffer = async (workbook: ExcelJS.Workbook): Promise<ArrayBuffer> =>
  (await workbook.xlsx.writeBuffer()) as ArrayBuffer
