// Instants as they enter through the API (the DateTime scalar, and the /exports query strings). `new Date(text)`
// accepted far too much: "+275760-09-13" (a year PostgreSQL cannot store: INTERNAL_SERVER_ERROR), "2026-02-30"
// (silently 2 March), "1", or local times that depend on the server's time zone. Only these are accepted:
//   YYYY-MM-DD                                   midnight UTC of that day
//   YYYY-MM-DDTHH:mm[:ss[.fraction]](Z|±HH:mm)   an instant with its offset (fractions below milliseconds dropped)
// with a real calendar date and time, and a year in MIN_YEAR..MAX_YEAR.

export const MIN_YEAR = 1900
export const MAX_YEAR = 2199

export const DATE_TIME_FORMAT_MESSAGE = '时间格式应为 ISO 8601，例如 2026-11-22 或 2026-11-22T08:30:00+08:00'

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2})))?$/

export type DateTimeCheck = { ok: true; value: Date } | { ok: false; problem: string }

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function checkDateTime(raw: unknown): DateTimeCheck {
  const match = typeof raw === 'string' ? PATTERN.exec(raw) : null
  if (!match) return { ok: false, problem: DATE_TIME_FORMAT_MESSAGE }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone, sign, offsetHours = '0', offsetMinutes = '0'] =
    match
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: `年份应在 ${MIN_YEAR} 到 ${MAX_YEAR} 之间` }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return { ok: false, problem: `日期不存在：${y}-${mo}-${d}` }
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, problem: '时间不存在：时应为 00-23，分和秒应为 00-59' }
  if (zone !== undefined && zone !== 'Z' && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59))
    return { ok: false, problem: '时区偏移应在 -14:00 到 +14:00 之间' }
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes))
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3))
  const value = new Date(Date.UTC(year, month - 1, day, hour, minute - offset, second, milliseconds))
  return { ok: true, value }
}
