// Which template a file is: by its name's start (注册单位.csv, 注册单位-河南.xlsx; the longest template name first, so
// 编办人员 is not taken for 编办), else by its header row (the template whose columns it has most of, all required
// ones among them).
import { TEMPLATES, type FileKind } from '../templates.ts'

export { headerKey, kindOfName } from './names.ts'
import { BY_NAME_LENGTH, headerKey, kindOfName } from './names.ts'
import { FileProblem, isBlank, readRows } from './rows.ts'
import type { SourceFile } from './sourceFile.ts'

export function kindOfHeader(header: readonly string[]): FileKind | null {
  const present = new Set(header.map(headerKey))
  let best: FileKind | null = null
  let bestScore = 0
  for (const kind of BY_NAME_LENGTH) {
    const columns = TEMPLATES[kind].columns
    if (!columns.every((column) => !column.required || present.has(headerKey(column.header)))) continue
    const score = columns.filter((column) => present.has(headerKey(column.header))).length / columns.length
    if (score > bestScore) [best, bestScore] = [kind, score]
  }
  return best
}

export async function kindOf(file: SourceFile): Promise<FileKind | null> {
  const byName = kindOfName(file.fileName)
  if (byName) return byName
  try {
    for await (const { cells } of readRows(file)) if (!isBlank(cells)) return kindOfHeader(cells)
  } catch (error) {
    if (error instanceof FileProblem) return null
    throw error
  }
  return null
}
