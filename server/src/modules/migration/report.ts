// 校验报告: every refused row of a run as an XLSX people can download, filter and fix their files from. Columns
// 文件, 行号, 列, 原因, in the order the problems came (file by file, row by row), then a summary line. Written with
// exceljs' streaming writer (rows are committed as they come), so a report of a million problems is not a workbook
// held in memory. Text goes through the exports' formula guard: a cell's text came from the uploaded file.
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { neutraliseFormula } from '../../lib/exports/cells.ts'
import type { Problem } from './templates.ts'

export const REPORT_SHEET = '校验报告'
export const REPORT_HEADER = ['文件', '行号', '列', '原因'] as const

export async function problemsReportXlsx(problems: Iterable<Problem> | AsyncIterable<Problem>): Promise<Buffer> {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: REPORT_HEADER[0], width: 28 },
    { header: REPORT_HEADER[1], width: 10 },
    { header: REPORT_HEADER[2], width: 22 },
    { header: REPORT_HEADER[3], width: 70 },
  ]
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  const rows = new Set<string>()
  let count = 0
  for await (const problem of problems) {
    count++
    rows.add(`${problem.fileName}\u0000${problem.row}`)
    sheet
      .addRow([
        neutraliseFormula(problem.fileName),
        problem.row,
        neutraliseFormula(problem.column),
        neutraliseFormula(problem.message),
      ])
      .commit()
  }
  sheet.addRow([]).commit()
  sheet
    .addRow([count ? `共 ${count} 个问题，涉及 ${rows.size} 行；这些行未导入，改正后重新导入即可` : '未发现问题'])
    .commit()
  sheet.commit()
  await workbook.commit()
  await done
  return Buffer.concat(chunks)
}
