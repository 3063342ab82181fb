// What a cell's text means, before any business rule: what is unambiguous is normalised (stray spaces of every
// width, full-width digits and letters in codes and numbers, dates written in the usual Chinese ways, amounts in
// yuan), what is not comes back as the Chinese reason the report shows.
import { restoreNeutralised } from '../../../lib/exports/cells.ts'

/** Spaces of every width (incl. U+3000 and the no-break space) and zero-width characters around a cell's text. */
const EDGE_SPACE = /^[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+|[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]+$/g

/** Whether a character code may be one EDGE_SPACE removes (a cheap test before the regular expression). */
const maybeSpace = (code: number) =>
  code <= 0x20 ||
  code === 0x85 ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x3000) ||
  code === 0xfeff

export function trimCell(text: string): string {
  const trimmed =
    text === '' || (!maybeSpace(text.charCodeAt(0)) && !maybeSpace(text.charCodeAt(text.length - 1)))
      ? text
      : text.replace(EDGE_SPACE, '')
  // The apostrophe our exports (and Excel) put before text a spreadsheet would run as a formula: '@ is the host @.
  return trimmed.charCodeAt(0) === 0x27 ? restoreNeutralised(trimmed) : trimmed
}

/** Any space or zero-width character anywhere (inside a code they are typing slips, never meaning). */
const ANY_SPACE = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]/g

// eslint-disable-next-line no-control-regex -- the control characters are what this looks for
const MAYBE_BAD = /[\u0000-\u001f\u007f\ud800-\udfff]/
// eslint-disable-next-line no-control-regex -- the control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
// eslint-disable-next-line no-control-regex -- the control characters are what this looks for
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Characters no cell may hold: control characters (NUL included) and halves of a character (lone surrogates, what a
 * broken export leaves). Line breaks and tabs are allowed only where `multiLine` (long free text).
 */
export function badCharacterProblem(text: string, multiLine: boolean): string | null {
  if (!MAYBE_BAD.test(text)) return null
  if (LONE_SURROGATE.test(text)) return '含有无法识别的字符（残缺的编码），请检查原数据'
  if ((multiLine ? CONTROL : CONTROL_OR_BREAK).test(text))
    return multiLine ? '含有控制字符，请删除' : '含有换行、制表符或其他控制字符，请删除'
  return null
}

/** Full-width ASCII forms (０-９, Ａ-Ｚ, －, ．, ＠ …) to ASCII, the ideographic space to a space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/
const HAS_SPACE = /[\s\u3000\u00a0\u200b-\u200d\u2060\ufeff]/

export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}

/** A code, number or date as typed: half-width, every space removed (１２３ ４５ → 12345). */
export function compactCode(text: string): string {
  const half = toHalfWidth(text)
  return HAS_SPACE.test(half) ? half.replace(ANY_SPACE, '') : half
}

export type Parsed<T> = { value: T } | { error: string }

const DATE_PATTERNS: RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
]
/** An export's timestamp: the date part counts (times are Beijing time, the date is the Beijing day). */
const TIME_TAIL = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/

export const MIN_YEAR = 1990
export const MAX_YEAR = 2100

/**
 * A calendar date as the Beijing day it names, as UTC midnight (RecordOf's dates). Accepted: 2018-03-01, 2018/3/1,
 * 2018.3.1, 2018年3月1日, 20180301 (full-width digits too), with a time of day after it ignored. Refused: two-digit
 * years and day-first orders (18/3/1, 1/3/2018: which is the year, the month?) and days that do not exist.
 */
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

export function parseDate(raw: string): Parsed<Date> {
  const iso = ISO_DAY.exec(raw)
  if (iso) return calendarDate(raw, Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const text = toHalfWidth(raw).trim().replace(TIME_TAIL, '').trim()
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text)
    if (!match) continue
    return calendarDate(raw, Number(match[1]), Number(match[2]), Number(match[3]))
  }
  if (/^\d{1,2}[-/.年]\d{1,2}[-/.月]\d{1,4}日?$/.test(text))
    return { error: `日期有歧义（${raw}），请写成 4 位年份在前的形式，如 2018-03-01` }
  return { error: `日期格式无法识别（${raw}），请写成 2018-03-01 的形式` }
}

function calendarDate(raw: string, year: number, month: number, day: number): Parsed<Date> {
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `日期的年份不合理（${year}）` }
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return { error: `日期不存在（${raw}）` }
  return { value: date }
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10)

/**
 * An amount in yuan (at most two decimals; a leading ¥ or a trailing 元 and thousands separators allowed) to
 * integer fen, from the text itself: never through a floating-point number, so 0.29 is 29 fen, not 28.999….
 */
export function parseYuan(raw: string): Parsed<number> {
  let text = compactCode(raw)
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  if (/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '')
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text)
  if (!match) return { error: `金额格式不正确（${raw}），请填写以元为单位的数字，如 1200.50` }
  const decimals = match[3] ?? ''
  if (decimals.length > 2) return { error: '金额最多两位小数（分）' }
  if (match[2]!.length > 12) return { error: '金额过大' }
  const fen = Number(match[2]) * 100 + Number(decimals.padEnd(2, '0'))
  return { value: match[1] === '-' && fen !== 0 ? -fen : fen }
}

/** A whole number (full-width digits, thousands separators and a trailing .0 from a spreadsheet allowed). */
export function parseWholeNumber(raw: string): Parsed<number> {
  let text = compactCode(raw)
  if (/^-?\d{1,3}(,\d{3})+(\.0*)?$/.test(text)) text = text.replace(/,/g, '')
  const match = /^(-?\d{1,12})(?:\.0*)?$/.exec(text)
  if (!match) return { error: `应为整数（${raw}）` }
  return { value: Number(match[1]) }
}
