// One data row under check: its cells by template column, the problems found so far (one per cell), and readers
// that normalise a cell or note why not. A row with any problem is refused as a whole.
import { isValidIdNumber, isValidMobile } from '../../../lib/identifiers.ts'
import { badCharacterProblem, compactCode, parseDate, parseWholeNumber, parseYuan, toHalfWidth } from '../read/text.ts'
import type { CellFlag } from '../read/rows.ts'
import type { Problem } from '../templates.ts'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Where each template column sits in a row's cells (the template's order), and which may run over several lines. */
export interface ColumnLayout {
  index: ReadonlyMap<string, number>
  multiLine: readonly boolean[]
}

export class RowCheck {
  readonly problems: Problem[] = []
  /** Columns with a problem (made on the first one: most rows have none). */
  private failed: Set<string> | null = null

  constructor(
    readonly fileName: string,
    readonly row: number,
    private readonly layout: ColumnLayout,
    /** Cell text in the template's column order ('' for a column the file does not have). */
    private readonly cells: readonly string[],
    private readonly flags: readonly (CellFlag | undefined)[] | null,
  ) {}

  get ok() {
    return this.problems.length === 0
  }

  /** Notes a problem in a column (the first one per column counts; '' is the row as a whole). */
  fail(column: string, message: string): null {
    this.failed ??= new Set()
    if (this.failed.has(column)) return null
    this.failed.add(column)
    this.problems.push({ fileName: this.fileName, row: this.row, column, message })
    return null
  }

  hasFailed(column: string) {
    return this.failed?.has(column) ?? false
  }

  /** The trimmed text; null (and a problem when required) when empty or unreadable. */
  text(column: string, required: boolean, maxLength?: number): string | null {
    const at = this.layout.index.get(column)
    if (at === undefined) throw new Error(`no column ${column} in this template`)
    const flag = this.flags?.[at]
    if (flag === 'formula') return this.fail(column, '单元格含公式，请复制后「粘贴为数值」再导入')
    const text = this.cells[at]!
    if (text === '') {
      if (!required) return null
      if (flag === 'merged') return this.fail(column, '合并单元格：该行此列为空，请取消合并并在每一行填写')
      return this.fail(column, '必填项为空')
    }
    const bad = badCharacterProblem(text, this.layout.multiLine[at]!)
    if (bad) return this.fail(column, bad)
    if (maxLength !== undefined && text.length > maxLength) return this.fail(column, `不能超过 ${maxLength} 个字`)
    return text
  }

  /** A code or number: half-width, spaces removed. */
  code(column: string, required: boolean): string | null {
    const text = this.text(column, required)
    return text === null ? null : compactCode(text)
  }

  date(column: string, required: boolean): Date | null {
    const text = this.text(column, required)
    if (text === null) return null
    const parsed = parseDate(text)
    return 'error' in parsed ? this.fail(column, parsed.error) : parsed.value
  }

  fen(column: string, required: boolean, negativeMessage: string): number | null {
    const text = this.text(column, required)
    if (text === null) return null
    const parsed = parseYuan(text)
    if ('error' in parsed) return this.fail(column, parsed.error)
    return parsed.value < 0 ? this.fail(column, negativeMessage) : parsed.value
  }

  whole(column: string, required: boolean, min: number, max: number, rangeMessage: string): number | null {
    const text = this.text(column, required)
    if (text === null) return null
    const parsed = parseWholeNumber(text)
    if ('error' in parsed) return this.fail(column, parsed.error)
    return parsed.value < min || parsed.value > max ? this.fail(column, rangeMessage) : parsed.value
  }

  /** One of the Chinese words of a column, as its value. */
  choice<T>(column: string, required: boolean, words: Record<string, T>): T | null {
    const text = this.text(column, required)
    if (text === null) return null
    const value = words[toHalfWidth(text).replace(/\s/g, '')]
    return value === undefined ? this.fail(column, `应为${Object.keys(words).join('、')}之一`) : value
  }

  mobile(column: string, required: boolean): string | null {
    let mobile = this.code(column, required)
    if (mobile === null) return null
    mobile = mobile.replace(/^(?:\+86|0086)-?/, '').replace(/-/g, '')
    return isValidMobile(mobile) ? mobile : this.fail(column, '手机号格式错误，应为 11 位手机号')
  }

  email(column: string, required: boolean): string | null {
    const email = this.code(column, required)
    if (email === null) return null
    return EMAIL.test(email) && email.length <= 128 ? email : this.fail(column, '电子邮箱格式错误')
  }

  idNumber(column: string, required: boolean): string | null {
    const id = this.code(column, required)?.toUpperCase()
    if (id == null) return null
    if (!/^[0-9]{17}[0-9X]$/.test(id)) return this.fail(column, '身份证号应为 18 位，末位为数字或 X')
    return isValidIdNumber(id) ? id : this.fail(column, '身份证号校验位错误或出生日期不存在')
  }

  postcode(column: string, required: boolean): string | null {
    const postcode = this.code(column, required)
    if (postcode === null) return null
    return /^[0-9]{6}$/.test(postcode) ? postcode : this.fail(column, '邮编应为 6 位数字')
  }
}
