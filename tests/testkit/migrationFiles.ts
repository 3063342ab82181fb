// Import files for the 数据迁移 tests: rows of the templates (server/src/modules/migration/templates.ts) as CSV,
// each cell the template's example unless the row says otherwise, so a test names only what it varies.
import { randomInt } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { TEMPLATES, type FileKind } from '../../server/src/modules/migration/templates.ts'
import { makeCreditCode } from './fixtures.ts'

export type Row = Record<string, string>

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)

/** A CSV of the kind's template: the header, then each row (missing cells take the template's example). */
export function templateCsv(kind: FileKind, rows: Row[]): string {
  const headers = TEMPLATES[kind].columns.map((column) => column.header)
  const lines = [headers.join(',')]
  for (const row of rows)
    lines.push(TEMPLATES[kind].columns.map((column) => quote(row[column.header] ?? column.example)).join(','))
  return `${lines.join('\n')}\n`
}

/** A fresh folder under the OS temp dir with the given files written in it. */
export function writeFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migration-'))
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  return dir
}

/** A credit code whose check character is wrong (the validator must refuse it). */
export function badCheckCharacter(code: string): string {
  const last = code.at(-1)!
  return code.slice(0, -1) + (last === '0' ? '1' : '0')
}

export interface UnitsAndDomains {
  tag: string
  creditCodes: string[]
  usernames: string[]
  domainNames: string[]
  units: Row[]
  domains: Row[]
}

/**
 * `count` units of 清丰县 (410922) with one domain each, all valid and unique to this call (the tag keeps names,
 * logins, mobiles and domains apart from any other call's).
 */
export function unitsAndDomains(count: number): UnitsAndDomains {
  const tag = String(randomInt(100_000, 999_999))
  const creditCodes: string[] = []
  const usernames: string[] = []
  const domainNames: string[] = []
  const units: Row[] = []
  const domains: Row[] = []
  for (let index = 0; index < count; index++) {
    const creditCode = makeCreditCode('410922')
    const username = `mig${tag}u${index}`
    const domainName = `迁移测试${tag}号${index}单位`
    creditCodes.push(creditCode)
    usernames.push(username)
    domainNames.push(domainName)
    units.push({
      统一社会信用代码: creditCode,
      单位名称: `迁移测试${tag}号第${index}单位`,
      登录名: username,
      经办人手机: `13${String(tag).slice(0, 3)}${String(index).padStart(6, '0')}`,
      经办人电子邮箱: `${username}@example.cn`,
      经办人身份证号: '',
      上级主管单位: '',
    })
    domains.push({
      域名: `${domainName}.政务`,
      单位统一社会信用代码: creditCode,
      状态: '注册成功',
      注册日期: '2018-03-01',
      到期日期: '2027-03-01',
      年限: '1',
    })
  }
  return { tag, creditCodes, usernames, domainNames, units, domains }
}
