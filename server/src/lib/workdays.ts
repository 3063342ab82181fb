// The working-day calendar (工作日): weekends, the public holidays and the 调休 make-up working days of
// holidays.ts, all in Beijing time (UTC+8, no daylight saving). Used for deadlines such as "install the badge
// within 5 working days of the notice". Years missing from the table count Monday–Friday as working days.
import { HOLIDAY_YEARS } from './holidays.ts'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

const holidays = new Set<string>()
const makeUpWorkdays = new Set<string>()
for (const year of Object.values(HOLIDAY_YEARS)) {
  for (const day of year.holidays) holidays.add(day)
  for (const day of year.makeUpWorkdays) makeUpWorkdays.add(day)
}

/** The Beijing calendar day of an instant, as YYYY-MM-DD. */
export function beijingDay(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** Days since 1970-01-01 of a Beijing calendar day (for stepping day by day without time-of-day drift). */
const dayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)
const dayKey = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

function isWorkingDayKey(n: number): boolean {
  const key = dayKey(n)
  if (makeUpWorkdays.has(key)) return true
  if (holidays.has(key)) return false
  const weekday = new Date(n * DAY_MS).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/** Whether the Beijing calendar day containing `date` is a working day. */
export function isWorkingDay(date: Date): boolean {
  return isWorkingDayKey(dayNumber(date))
}

/** The first instant (00:00:00.000 Beijing) of the Beijing day containing `date`. */
export function startOfBeijingDay(date: Date): Date {
  return new Date(dayNumber(date) * DAY_MS - BEIJING_OFFSET_MS)
}

/** The last instant (23:59:59.999 Beijing) of the Beijing day containing `date`. */
export function endOfBeijingDay(date: Date): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - BEIJING_OFFSET_MS - 1)
}

/**
 * The end (23:59:59.999 Beijing time) of the n-th working day after the Beijing day of `from`; the day of `from`
 * itself never counts, whether or not it is a working day. n = 0 gives the end of the day of `from`.
 */
export function addWorkingDays(from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`)
  let day = dayNumber(from)
  for (let counted = 0; counted < n;) {
    day += 1
    if (isWorkingDayKey(day)) counted += 1
  }
  return new Date((day + 1) * DAY_MS - BEIJING_OFFSET_MS - 1)
}
