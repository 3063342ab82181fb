// When a scheduled job is due: a time of day in Beijing time (UTC+8, no daylight saving), every day or on
// working days only (the holiday calendar of lib/holidays.ts, 调休 make-up days included). A job's period is the
// Beijing calendar day of its slot, so one run covers one day. A job that works through a queue a little at a time
// (迁移账号认领通知) runs every N minutes instead: its period is the N-minute slot (periodKeyFor).
import { beijingDay, isWorkingDay } from '../../lib/workdays.ts'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
/** How far back latestDueSlot looks (a long holiday is at most a couple of weeks). */
const LOOKBACK_DAYS = 31

export type Schedule = DailySchedule | IntervalSchedule

export interface DailySchedule {
  /** DAILY every day; WORKDAYS on working days only. */
  days: 'DAILY' | 'WORKDAYS'
  /** Beijing time of day. */
  hour: number
  minute: number
}

/** Every N minutes (a divisor of a day), slots on the multiples of N from Beijing midnight. */
export interface IntervalSchedule {
  everyMinutes: number
}

const isInterval = (schedule: Schedule): schedule is IntervalSchedule => 'everyMinutes' in schedule

const dayNumber = (date: Date) => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / DAY_MS)

/** The slot instant on Beijing day number n. */
function slotOn(schedule: DailySchedule, n: number): Date {
  return new Date(n * DAY_MS - BEIJING_OFFSET_MS + (schedule.hour * 60 + schedule.minute) * 60_000)
}

function runsOn(schedule: DailySchedule, slot: Date): boolean {
  return schedule.days === 'DAILY' || isWorkingDay(slot)
}

/** The schedule in words, for the jobs page, e.g. 每天 01:00（北京时间）. */
export function describeSchedule(schedule: Schedule): string {
  if (isInterval(schedule)) return `每 ${schedule.everyMinutes} 分钟`
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`
  return `${schedule.days === 'DAILY' ? '每天' : '工作日'} ${time}（北京时间）`
}

/** The next slot strictly after `now`. */
export function nextRunAt(schedule: Schedule, now: Date): Date {
  if (isInterval(schedule)) return new Date(intervalSlotOf(schedule, now).getTime() + schedule.everyMinutes * 60_000)
  for (let n = dayNumber(now); ; n += 1) {
    const slot = slotOn(schedule, n)
    if (slot.getTime() > now.getTime() && runsOn(schedule, slot)) return slot
  }
}

/** The latest slot at or before `now` (within a month), or null. */
export function latestDueSlot(schedule: Schedule, now: Date): Date | null {
  if (isInterval(schedule)) return intervalSlotOf(schedule, now)
  const today = dayNumber(now)
  for (let n = today; n > today - LOOKBACK_DAYS; n -= 1) {
    const slot = slotOn(schedule, n)
    if (slot.getTime() <= now.getTime() && runsOn(schedule, slot)) return slot
  }
  return null
}

/** The period a run at `date` covers: its Beijing calendar day, YYYY-MM-DD. */
export const periodKeyOf = (date: Date): string => beijingDay(date)

/** The period of a job's run at `date`: the Beijing day, or for an interval job its slot, YYYY-MM-DD HH:MM. */
export function periodKeyFor(schedule: Schedule, date: Date): string {
  if (!isInterval(schedule)) return periodKeyOf(date)
  const slot = new Date(intervalSlotOf(schedule, date).getTime() + BEIJING_OFFSET_MS)
  return `${beijingDay(date)} ${slot.toISOString().slice(11, 16)}`
}

/** The start of the N-minute slot `now` falls in (slots counted from Beijing midnight). */
function intervalSlotOf(schedule: IntervalSchedule, now: Date): Date {
  const step = schedule.everyMinutes * 60_000
  const midnight = dayNumber(now) * DAY_MS - BEIJING_OFFSET_MS
  return new Date(midnight + Math.floor((now.getTime() - midnight) / step) * step)
}
