// Review turnaround in working days (工作日, the Beijing calendar of lib/holidays.ts with 调休) and its percentiles:
// the TypeScript statement of what the SQL calendar (working_days_between) computes, and the overdue test of a
// wait, which the escalation job applies the same way.
import { addWorkingDays, isWorkingDay } from '../../lib/workdays.ts'

const DAY_MS = 86_400_000
const BEIJING_OFFSET_MS = 8 * 3_600_000
const beijingDayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)
const workingDayCache = new Map<number, boolean>()

function isWorkingDayNumber(day: number): boolean {
  let working = workingDayCache.get(day)
  if (working === undefined) {
    working = isWorkingDay(new Date(day * DAY_MS - BEIJING_OFFSET_MS))
    workingDayCache.set(day, working)
  }
  return working
}

/**
 * Working days from `start` to `end`: the working days after the Beijing day of `start` up to and including the
 * Beijing day of `end` — the smallest n with end <= addWorkingDays(start, n), the count the escalation job's
 * deadlines use. Decided the same day: 0; submitted on a Friday and decided on the Monday: 1.
 */
export function workingDaysBetween(start: Date, end: Date): number {
  let count = 0
  for (let day = beijingDayNumber(start) + 1, last = beijingDayNumber(end); day <= last; day += 1) {
    if (isWorkingDayNumber(day)) count += 1
  }
  return count
}

/** percentile() of the values a histogram stands for (value, how many times), without expanding it. */
export function histogramPercentile(histogram: { value: number; count: number }[], p: number): number | null {
  const counts = new Map<number, number>()
  for (const entry of histogram) counts.set(entry.value, (counts.get(entry.value) ?? 0) + entry.count)
  const entries = [...counts]
    .map(([value, count]) => ({ value, count }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => a.value - b.value)
  const total = entries.reduce((n, entry) => n + entry.count, 0)
  if (!total) return null
  const valueAtRank = (rank: number) => {
    let seen = 0
    for (const entry of entries) {
      seen += entry.count
      if (rank < seen) return entry.value
    }
    return entries.at(-1)!.value
  }
  const position = (total - 1) * p
  const lower = Math.floor(position)
  const low = valueAtRank(lower)
  const high = valueAtRank(Math.ceil(position))
  return Math.round((low + (high - low) * (position - lower)) * 1e6) / 1e6
}

/** Deadlines by the Beijing day a wait started and the working days allowed (they never change). */
const deadlines = new Map<string, number>()

/**
 * The escalation job's test (jobs/escalation.ts) for a wait that started on a Beijing day (YYYY-MM-DD): waiting
 * past the end of the N-th working day after it. The deadline depends only on the day, so it is computed once.
 */
export function isOverdueSinceDay(day: string, now: Date, workingDays: number): boolean {
  if (!Number.isInteger(workingDays) || workingDays < 1) return false
  const key = `${day}|${workingDays}`
  let deadline = deadlines.get(key)
  if (deadline === undefined) {
    deadline = addWorkingDays(new Date(`${day}T00:00:00+08:00`), workingDays).getTime()
    deadlines.set(key, deadline)
  }
  return now.getTime() > deadline
}

/** Percentile by linear interpolation between closest ranks (PostgreSQL percentile_cont), rounded to 6 decimals; null for no values. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * p
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const value = sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
  return Math.round(value * 1e6) / 1e6
}
