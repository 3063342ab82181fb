// Calendar helpers in China time (UTC+8): working hours, working days (Monday to Friday; the holiday calendar is
// not consulted, which only shifts a few decisions by a day), and the remittance weeks of the fee module.
export const HOUR = 3_600_000
export const DAY = 86_400_000
export const YEAR = 365.25 * DAY
const CST = 8 * HOUR
/** 1970-01-05 was a Monday. */
const EPOCH_MONDAY = 4 * DAY

/** 0 = Monday .. 6 = Sunday, in China time. */
export function weekdayCst(ms: number): number {
  return (Math.floor((ms + CST) / DAY) + 3) % 7
}

/** Start (UTC instant) of the China-time day containing ms. */
export function dayStartCst(ms: number): number {
  return Math.floor((ms + CST) / DAY) * DAY - CST
}

/** A time in office hours (09:00-17:30 China time) on the same China day, moved back to Friday from a weekend. */
export function officeHours(ms: number, r: number): number {
  let start = dayStartCst(ms)
  const wd = weekdayCst(start)
  if (wd >= 5) start -= (wd - 4) * DAY
  return start + 9 * HOUR + Math.floor(r * 8.5 * HOUR)
}

/** `n` working days before ms (n >= 1), at an office-hours time. */
export function workdaysBefore(ms: number, n: number, r: number): number {
  let day = dayStartCst(ms)
  while (n > 0) {
    day -= DAY
    if (weekdayCst(day) < 5) n--
  }
  return day + 9 * HOUR + Math.floor(r * 8.5 * HOUR)
}

/** `n` working days after ms (n >= 1), at an office-hours time. */
export function workdaysAfter(ms: number, n: number, r: number): number {
  let day = dayStartCst(ms)
  while (n > 0) {
    day += DAY
    if (weekdayCst(day) < 5) n--
  }
  return day + 9 * HOUR + Math.floor(r * 8.5 * HOUR)
}

/** End (23:59:59.999 China time) of the n-th working day after ms: the badge installation deadline. */
export function workdayDeadline(ms: number, n: number): number {
  return workdaysAfter(ms, n, 0) - 9 * HOUR + DAY - 1
}

/** Index of the China-time week (Monday-Sunday) containing ms. */
export function weekNumber(ms: number): number {
  return Math.floor((ms + CST - EPOCH_MONDAY) / (7 * DAY))
}

/** The Monday of week w as a UTC date (what remittances.weekStart stores), in ms. */
export function weekMondayDate(w: number): number {
  return EPOCH_MONDAY + w * 7 * DAY
}

/** The instant week w starts (Monday 00:00 China time). */
export function weekStartInstant(w: number): number {
  return weekMondayDate(w) - CST
}

/** Adds whole years in UTC, like the fee module's addYears. */
export function addYears(ms: number, years: number): number {
  const d = new Date(ms)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.getTime()
}

export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
