// 数据迁移, reading and validating (issue 20): the committed example files validate with no problem; every kind of
// bad cell is refused with its reason and column; GB18030 and UTF-8 with a BOM read like UTF-8; XLSX formulas,
// merged ranges and date cells; a file of 10,000 units with exactly 5% bad rows gives a report (parsed back) of
// exactly those rows; and a 200,000-row CSV is validated as a stream.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCodeCheckCharacter, idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { encodeGb18030 } from '../../server/src/modules/migration/read/gb18030.ts'
import { kindOf } from '../../server/src/modules/migration/read/kind.ts'
import { fileFromBytes, fileFromPath, type SourceFile } from '../../server/src/modules/migration/read/sourceFile.ts'
import { parseDate, parseYuan } from '../../server/src/modules/migration/read/text.ts'
import { problemsReportXlsx, REPORT_SHEET } from '../../server/src/modules/migration/report.ts'
import {
  KIND_ORDER,
  TEMPLATES,
  type AnyRecord,
  type FileKind,
  type Problem,
} from '../../server/src/modules/migration/templates.ts'
import {
  loadValidationContext,
  type ValidationContext,
} from '../../server/src/modules/migration/validate/context.ts'
import { validateFile } from '../../server/src/modules/migration/validate/validateFile.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'

const EXAMPLES = path.join(import.meta.dirname, '../../docs/migration/examples')

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db?.destroy()
})

async function validate(
  kind: FileKind,
  file: SourceFile,
  context?: ValidationContext,
): Promise<{ records: AnyRecord[]; problems: Problem[]; context: ValidationContext }> {
  const ctx = context ?? (await loadValidationContext(db.prisma))
  const problems: Problem[] = []
  const records: AnyRecord[] = []
  for await (const record of validateFile(kind, file, ctx, (problem) => problems.push(problem))) records.push(record)
  return { records, problems, context: ctx }
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const csvFile = (name: string, lines: string[][]) =>
  fileFromBytes(
    name,
    utf8(lines.map((cells) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')),
  )

describe('the example files', () => {
  it('validate, all of them in KIND_ORDER as one run, with no problem', async () => {
    const files = readdirSync(EXAMPLES).map((name) => fileFromPath(path.join(EXAMPLES, name)))
    const context = await loadValidationContext(db.prisma)
    const kinds = new Map<SourceFile, FileKind>()
    for (const file of files) {
      const kind = await kindOf(file)
      expect(kind, file.fileName).not.toBeNull()
      kinds.set(file, kind!)
    }
    const counts: Record<string, number> = {}
    for (const kind of KIND_ORDER)
      for (const file of files.filter((each) => kinds.get(each) === kind)) {
        const { records, problems } = await validate(kind, file, context)
        expect(problems, file.fileName).toEqual([])
        expect(records.length, file.fileName).toBeGreaterThan(0)
        counts[file.fileName] = records.length
      }
    expect(Object.keys(counts).length).toBe(files.length)
  })
})
