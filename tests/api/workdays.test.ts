// The working-day calendar (lib/workdays.ts + lib/holidays.ts): weekends, the State Council's holidays and 调休
// make-up working days, all in Beijing time. Pure functions, no database.
import { describe, expect, it } from 'vitest'
import { HOLIDAY_YEARS } from '../../server/src/lib/holidays.ts'
import { addWorkingDays, beijingDay, isWorkingDay } from '../../server/src/lib/workdays.ts'

/** Noon in Beijing on a calendar day. */
const noon = (day: string) => new Date(`${day}T12:00:00+08:00`)
/** The end of a Beijing day as the UTC instant addWorkingDays returns. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString()
const deadline = (from: Date, n: number) => addWorkingDays(from, n).toISOString()

describe('isWorkingDay', () => {
  it('counts Monday to Friday and not the weekend in an ordinary week', () => {
    // 2026-03-09 is a Monday.
    expect(
      ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'].map((d) => isWorkingDay(noon(d))),
    ).toEqual([true, true, true, true, true])
    expect(isWorkingDay(noon('2026-03-14'))).toBe(false)
    expect(isWorkingDay(noon('2026-03-15'))).toBe(false)
  })

  it('knows the holidays and the 调休 working weekends', () => {
    expect(isWorkingDay(noon('2026-10-01'))).toBe(false) // 国庆节, Thursday
    expect(isWorkingDay(noon('2026-10-07'))).toBe(false) // 国庆节, Wednesday
    expect(isWorkingDay(noon('2026-10-10'))).toBe(true) // Saturday, 调休上班
    expect(isWorkingDay(noon('2026-09-20'))).toBe(true) // Sunday, 调休上班
    expect(isWorkingDay(noon('2026-02-16'))).toBe(false) // 除夕
    expect(isWorkingDay(noon('2026-02-14'))).toBe(true) // Saturday before 春节, 调休上班
    expect(isWorkingDay(noon('2026-01-04'))).toBe(true) // Sunday after 元旦, 调休上班
    expect(isWorkingDay(noon('2025-01-26'))).toBe(true) // Sunday before 春节 2025
    expect(isWorkingDay(noon('2025-10-08'))).toBe(false) // 国庆节、中秋节 2025
    expect(isWorkingDay(noon('2025-10-11'))).toBe(true) // Saturday, 调休上班
  })

  it('decides by the Beijing calendar day, not the UTC one', () => {
    // 2026-09-30T17:00Z is already 1 October (国庆节) in Beijing.
    expect(isWorkingDay(new Date('2026-09-30T17:00:00Z'))).toBe(false)
    expect(isWorkingDay(new Date('2026-09-30T15:00:00Z'))).toBe(true)
    expect(beijingDay(new Date('2026-09-30T17:00:00Z'))).toBe('2026-10-01')
  })

  it('falls back to Monday–Friday outside the table', () => {
    expect(HOLIDAY_YEARS[2030]).toBeUndefined()
    expect(isWorkingDay(noon('2030-10-01'))).toBe(true) // a Tuesday; no holiday data for 2030
    expect(isWorkingDay(noon('2030-10-05'))).toBe(false) // Saturday
  })

  it('marks 2027 as provisional and keeps every table day well-formed', () => {
    expect(HOLIDAY_YEARS[2027]!.provisional).toBe(true)
    expect(HOLIDAY_YEARS[2025]!.provisional).toBe(false)
    expect(HOLIDAY_YEARS[2026]!.provisional).toBe(false)
    for (const [year, data] of Object.entries(HOLIDAY_YEARS)) {
      for (const day of [...data.holidays, ...data.makeUpWorkdays])
        expect(day.startsWith(`${year}-`) && !Number.isNaN(Date.parse(day))).toBe(true)
      // A make-up working day is always a weekend day and never also a holiday.
      for (const day of data.makeUpWorkdays) {
        expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay())
        expect(data.holidays).not.toContain(day)
      }
    }
  })
})

describe('addWorkingDays', () => {
  it('counts from the day after, within a normal week, ending at 23:59:59.999 Beijing time', () => {
    // Monday 2026-03-09 10:00 Beijing + 3 working days → Thursday the 12th, end of day.
    expect(deadline(new Date('2026-03-09T10:00:00+08:00'), 3)).toBe(endOf('2026-03-12'))
    expect(deadline(new Date('2026-03-09T10:00:00+08:00'), 3)).toBe('2026-03-12T15:59:59.999Z')
    expect(deadline(new Date('2026-03-09T10:00:00+08:00'), 0)).toBe(endOf('2026-03-09'))
  })

  it('skips the weekend', () => {
    // Thursday 2026-03-12 + 5 → Fri 13, Mon 16, Tue 17, Wed 18, Thu 19.
    expect(deadline(noon('2026-03-12'), 5)).toBe(endOf('2026-03-19'))
    // Issued on a Saturday: the Saturday never counts; Mon–Fri of the next week.
    expect(deadline(noon('2026-03-14'), 5)).toBe(endOf('2026-03-20'))
  })

  it('skips 国庆 and counts the 调休 Saturday after it', () => {
    // Tuesday 2026-09-29 + 5 → Wed 30 Sep, (1–7 Oct holiday), Thu 8, Fri 9, Sat 10 (调休上班), Mon 12.
    expect(deadline(noon('2026-09-29'), 5)).toBe(endOf('2026-10-12'))
    // Friday 2026-09-18 + 2 → Sun 20 Sep (调休上班), Mon 21.
    expect(deadline(noon('2026-09-18'), 2)).toBe(endOf('2026-09-21'))
  })

  it('skips 春节 and counts the 调休 Saturdays around it', () => {
    // Thursday 2026-02-12 + 5 → Fri 13, Sat 14 (调休上班), (15–23 holiday), Tue 24, Wed 25, Thu 26.
    expect(deadline(noon('2026-02-12'), 5)).toBe(endOf('2026-02-26'))
    // 2025: Friday 2025-01-24 + 5 → Sun 26 (调休上班), Mon 27, (28 Jan – 4 Feb holiday), Wed 5, Thu 6, Fri 7.
    expect(deadline(noon('2025-01-24'), 5)).toBe(endOf('2025-02-07'))
  })

  it('uses the Beijing day when issued late in the evening UTC', () => {
    // 2026-01-05T17:00Z is 01:00 on Tuesday 6 January in Beijing: counting starts on Wednesday the 7th.
    expect(deadline(new Date('2026-01-05T17:00:00Z'), 5)).toBe(endOf('2026-01-13'))
    // An hour earlier it is still Monday 5 January in Beijing (23:00 on the 5th is 15:00Z).
    expect(deadline(new Date('2026-01-05T15:00:00Z'), 5)).toBe(endOf('2026-01-12'))
  })

  it('crosses a year boundary and the 元旦 holiday', () => {
    // Tuesday 2025-12-30 + 3 → Wed 31, (1–3 Jan holiday), Sun 4 Jan (调休上班), Mon 5.
    expect(deadline(noon('2025-12-30'), 3)).toBe(endOf('2026-01-05'))
  })

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError)
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError)
  })
})
