// The portal's one way to write dates, times and money. Every page uses these, so a date never reads 2025/12/6 on
// one page and 2025-12-06 on the next.
//
// Dates and times are Beijing time (Asia/Shanghai), whatever zone the browser or the server runs in: the registry's
// days (the daily charge, 安装期限, review deadlines) are Beijing days.
//   formatDate('2025-12-06T02:05:00Z')      → 2025-12-06
//   formatDateTime('2025-12-06T02:05:00Z')  → 2025-12-06 10:05
//   formatDeadline('2025-12-11T15:59:59Z')  → 2025-12-11 23:59（北京时间）   for deadlines a person must meet
//
// Money is integer fen in the API (the Fen scalar) and is written in yuan with thousands separators and two
// decimals, without a currency sign: formatYuan(180000) → 1,800.00. A table names the unit in its column header
// ("金额（元）"); running text puts 元 after the number ("共 1,800.00 元").
// An empty value (null, undefined) is written as —.

const EMPTY = '—'

const BEIJING_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The Beijing calendar date and clock time of an instant, as zero-padded strings; null for a missing or bad value. */
function beijingParts(value: string | Date | null | undefined) {
  if (value == null || value === '') return null
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return null
  const parts = Object.fromEntries(BEIJING_PARTS.formatToParts(date).map((part) => [part.type, part.value]))
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute }
}

/** 2025-12-06 (the Beijing date of the instant). */
export function formatDate(value: string | Date | null | undefined): string {
  const parts = beijingParts(value)
  return parts ? `${parts.year}-${parts.month}-${parts.day}` : EMPTY
}

/** 2025-12-06 14:05 (Beijing time). */
export function formatDateTime(value: string | Date | null | undefined): string {
  const parts = beijingParts(value)
  return parts ? `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}` : EMPTY
}

/** A deadline with its time and zone spelled out: 2025-12-11 23:59（北京时间）. */
export function formatDeadline(value: string | Date | null | undefined): string {
  const text = formatDateTime(value)
  return text === EMPTY ? EMPTY : `${text}（北京时间）`
}

/** Whole days since an instant (0 on the first day); null for a missing value. */
export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000))
}

/** A Fen value from the API (a JSON integer; codegen types custom scalars as unknown) as a number of fen. */
export function fenOf(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0
}

/** 180000 fen → "1,800.00"; −5 fen → "-0.05". */
export function formatYuan(value: unknown): string {
  if (value == null) return EMPTY
  const fen = fenOf(value)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`
}

/** "300" or "300.5" or "300.50" → 30050 fen; null when it is not an amount (yuan text is parsed without floats). */
export function parseYuanToFen(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** A wait as people read it: seconds while they tick visibly (under two minutes), else whole minutes rounded up ("31 分钟", not "1841 秒"). */
export function formatWait(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`
}
