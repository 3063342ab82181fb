// The calendar of the money path: remittances cover China-time weeks (Monday to Sunday), the daily charge runs per
// China-time day, and a registration or renewal lasts whole years.
import { badInput } from '../../errors.ts'

const DAY_MS = 86_400_000
/** China Standard Time, for the calendar weeks and days of remittances and the daily charge. */
const CST_OFFSET_MS = 8 * 3_600_000

/** Adds whole years in UTC (29 February becomes 1 March). */
export function addYears(date: Date, years: number): Date {
  const next = new Date(date)
  next.setUTCFullYear(next.getUTCFullYear() + years)
  return next
}

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export function dayKey(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a China-time day (YYYY-MM-DD) begins. */
export function startOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`))
}

/**
 * A calendar week (Monday to Sunday, China time) given by any instant of its Monday in China time: 2026-11-30
 * (UTC midnight, what the portal sends) and 2026-11-30T00:00:00+08:00 are both that Monday. `monday` is the
 * Monday's date as a UTC midnight (how Remittance.weekStart is stored).
 */
export function weekOf(weekStart: Date): { monday: Date; from: Date; to: Date } {
  const local = new Date(weekStart.getTime() + CST_OFFSET_MS)
  const monday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()))
  if (monday.getUTCDay() !== 1) throw badInput('汇款周应从星期一开始', { weekStart: '请选择星期一' })
  const from = new Date(monday.getTime() - CST_OFFSET_MS)
  return { monday, from, to: new Date(from.getTime() + 7 * DAY_MS) }
}

/** The Monday (as a UTC date) of the China-time week containing `date`. */
export function mondayOf(date: Date): Date {
  const local = new Date(date.getTime() + CST_OFFSET_MS)
  const day = local.getUTCDay() || 7
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1)))
}
