// The dry run's report as an Excel file (试运行报告.xlsx): one sheet of problems (行号, 列, 原因) and one of rows
// (序号, 行号, 类型, 内容, 对象数, 问题数), written with the exports' table helper (text neutralised against formulas).
import ExcelJS from 'exceljs'
import { addTableSheet, workbookBuffer } from '../../lib/exports/xlsx.ts'
import { KIND_TEXT } from './columns.ts'
import type { DryRunReport } from './dryRun.ts'

export async function reportWorkbook(report: Omit<DryRunReport, 'plans'>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  await addTableSheet(workbook, {
    title: '问题',
    header: ['工作表', '行号', '列', '原因'],
    rows: report.problems.map((p) => [p.sheet, p.row || '', p.column, p.message]),
    amountColumns: [],
    widthOf: (index) => [10, 8, 24, 80][index] ?? 12,
    frozenHeader: true,
  })
  await addTableSheet(workbook, {
    title: '改革事项',
    header: ['序号', '行号', '类型', '内容', '对象数', '问题数'],
    rows: report.rows.map((row) => [
      row.sequence || '',
      row.sheetRow,
      row.kind ? KIND_TEXT[row.kind] : '',
      row.summary,
      row.objectCount,
      row.problemCount,
    ]),
    amountColumns: [],
    widthOf: (index) => [8, 8, 8, 70, 8, 8][index] ?? 12,
    frozenHeader: true,
  })
  return new Uint8Array(await workbookBuffer(workbook))
}
