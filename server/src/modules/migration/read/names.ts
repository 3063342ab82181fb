// Template names: a file's (or a worksheet's) kind by its name's start, the longest template name first, so
// 编办人员 is not taken for 编办; and header cells compared loosely.
import path from 'node:path'
import { TEMPLATES, type FileKind } from '../templates.ts'

export const BY_NAME_LENGTH = (Object.keys(TEMPLATES) as FileKind[]).sort(
  (a, b) => TEMPLATES[b].fileName.length - TEMPLATES[a].fileName.length,
)

/** A header cell compared loosely: no spaces, half-width brackets, no 必填 mark (*). */
export const headerKey = (text: string) =>
  text
    .replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\*|\*$/g, '')

export function kindOfName(fileName: string): FileKind | null {
  const base = path.basename(fileName).normalize('NFC')
  return BY_NAME_LENGTH.find((kind) => base.startsWith(TEMPLATES[kind].fileName)) ?? null
}
