// When a scheduled job is due: a time of day in Beijing time (UTC+8, no daylight saving), every day or on
// working days only (the holiday calendar of lib/holidays.ts, 调休 make-up days included). A job's period is the
// Beijing calendar day of its slot, so one run covers one day.
import { beijingDay, isWorkingDay } from '../../lib/workdays.ts'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
/** How far back latestDueSlot looks (a long holiday is at most a couple of weeks). */
const LOOKBACK_DAYS = 31

export interface Schedule {
  /** DAILY every day; WORKDAYS on working days only. */
  days: 'DAILY' | 'WORKDAYS'
  /** Beijing time of day. */
  hour: number
  minute: number
}

const dayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)

/** The slot instant on Beijing day number n. */
function slotOn(schedule: Schedule, n: number): Date {
  return new Date(n * DAY_MS - BEIJING_OFFSET_MS + (schedule.hour * 60 + schedule.minute) * 60_000)
}

function runsOn(schedule: Schedule, slot: Date): boolean {
  return schedule.days === 'DAILY' || isWorkingDay(slot)
}

/** The schedule in words, for the jobs page, e.g. 每天 01:00（北京时间）. */
export function describeSchedule(schedule: Schedule): string {
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`
  return `${schedule.days === 'DAILY' ? '每天' : '工作日'} ${time}（北京时间）`
}

/** The next slot strictly after `now`. */
export function nextRunAt(schedule: Schedule, now: Date): Date {
  for (let n = dayNumber(now); ; n += 1) {
    const slot = slotOn(schedule, n)
    if (slot.getTime() > now.getTime() && runsOn(schedule, slot)) return slot
  }
}

/** The latest slot at or before `now` (within a month), or null. */
export function latestDueSlot(schedule: Schedule, now: Date): Date | null {
  const today = dayNumber(now)
  for (let n = today; n > today - LOOKBACK_DAYS; n -= 1) {
    const slot = slotOn(schedule, n)
    if (slot.getTime() <= now.getTime() && runsOn(schedule, slot)) return slot
  }
  return null
}

/** The period a run at `date` covers: its Beijing calendar day, YYYY-MM-DD. */
export const periodKeyOf = (date: Date): string => beijingDay(date)
