// Reads and validates one import file: the header row is matched to the template's columns (loosely: spaces,
// full-width brackets, a * mark), then each data row is checked (kinds.ts). A refused row gives one Problem per cell
// that is wrong; a valid row is yielded, normalised, in file order, and its keys join the context for what follows.
// Problems with the whole file (its encoding, no header, a missing required column) are reported at row 0 or 1 and
// nothing of the file is yielded.
import { headerKey } from '../read/names.ts'
import { FileProblem, isBlank, readRowBatches, type CellFlag } from '../read/rows.ts'
import type { SourceFile } from '../read/sourceFile.ts'
import { TEMPLATES, type FileKind, type Problem, type RecordOf } from '../templates.ts'
import { fileIndexOf, packOrigin, type ValidationContext } from './context.ts'
import { CHECKERS, MULTI_LINE } from './kinds.ts'
import { RowCheck, type ColumnLayout } from './row.ts'

/** onRow is called every ROW_REPORT rows read and once at the end of the file. */
export const ROW_REPORT = 1000

export async function* validateFile<K extends FileKind>(
  kind: K,
  file: SourceFile,
  context: ValidationContext,
  onProblem: (problem: Problem) => void,
  onRow?: (rowsRead: number) => void,
): AsyncGenerator<RecordOf[K]> {
  const template = TEMPLATES[kind]
  const checker = CHECKERS[kind]
  const fileIndex = fileIndexOf(context, file.fileName)
  const fileProblem = (row: number, column: string, message: string) =>
    onProblem({ fileName: file.fileName, row, column, message })
  /** By position in the file: the template's header text, or null for a column the template does not have. */
  let columns: (string | null)[] | null = null
  /** The file's column of each template column (by the template's order), -1 when absent. */
  let positions: number[] = []
  const layout = columnLayout(kind)
  let rowsRead = 0
  try {
    for await (const batch of readRowBatches(file, kind))
      for (const raw of batch) {
        if (isBlank(raw.cells) && !raw.flags) continue
        if (columns === null) {
          columns = matchHeader(raw.cells, kind, (column, message) => fileProblem(raw.row, column, message))
          if (columns === null) return
          positions = template.columns.map((column) => columns!.indexOf(column.header))
          continue
        }
        rowsRead++
        if (onRow && rowsRead % ROW_REPORT === 0) onRow(rowsRead)
        const cells: string[] = new Array(positions.length)
        let flags: (CellFlag | undefined)[] | null = null
        for (let i = 0; i < positions.length; i++) {
          const at = positions[i]!
          cells[i] = at < 0 ? '' : (raw.cells[at] ?? '')
          const flag = at < 0 ? undefined : raw.flags?.[at]
          if (flag) (flags ??= [])[i] = flag
        }
        const check = new RowCheck(file.fileName, raw.row, layout, cells, flags)
        const origin = packOrigin(fileIndex, raw.row)
        const checked = checker(check, context, origin)
        if (checked && check.ok) {
          checked.remember()
          yield checked.record as RecordOf[K]
        } else {
          if (check.ok) check.fail('', '该行无法导入') // a checker that refused without saying why
          for (const problem of check.problems) onProblem(problem)
        }
      }
    if (columns === null) fileProblem(0, '', `文件为空：没有表头行（应为「${template.fileName}」模板的列）`)
  } catch (error) {
    if (error instanceof FileProblem) fileProblem(0, '', error.message)
    else throw error
  } finally {
    onRow?.(rowsRead)
  }
}

const layouts = new Map<FileKind, ColumnLayout>()

/** Each template column's index in a RowCheck's cells, and which may run over several lines. */
function columnLayout(kind: FileKind): ColumnLayout {
  let layout = layouts.get(kind)
  if (!layout) {
    const columns = TEMPLATES[kind].columns
    layout = {
      index: new Map(columns.map((column, index) => [column.header, index])),
      multiLine: columns.map((column) => MULTI_LINE.has(column.header)),
    }
    layouts.set(kind, layout)
  }
  return layout
}

/** The template column of each position, or null (with problems reported) when the header does not fit. */
function matchHeader(
  header: readonly string[],
  kind: FileKind,
  problem: (column: string, message: string) => void,
): (string | null)[] | null {
  const template = TEMPLATES[kind]
  const byKey = new Map(template.columns.map((column) => [headerKey(column.header), column.header]))
  const columns: (string | null)[] = header.map((text) => byKey.get(headerKey(text)) ?? null)
  let fits = true
  const seen = new Set<string>()
  for (const column of columns) {
    if (!column) continue
    if (seen.has(column)) {
      problem(column, `表头中「${column}」出现了两次`)
      fits = false
    }
    seen.add(column)
  }
  for (const column of template.columns)
    if (column.required && !seen.has(column.header)) {
      problem(column.header, `缺少必填列「${column.header}」（请使用「${template.fileName}」模板的表头）`)
      fits = false
    }
  return fits ? columns : null
}
