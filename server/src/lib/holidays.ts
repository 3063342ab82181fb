// Mainland China public holidays (法定节假日, including the days added by 调休) and the make-up working days
// (调休上班, usually a Saturday or Sunday) as announced each year by 国务院办公厅. Dates are Beijing calendar days.
// The working-day calendar in workdays.ts reads only this table; years not listed fall back to Monday–Friday.
//
// To add a year: copy the notice's 放假 ranges (every day, weekends included) into `holidays` and its 上班 days
// into `makeUpWorkdays`, and set `provisional: false`.

export interface HolidayYear {
  /** Every non-working day of the announced holidays, weekends inside a range included: YYYY-MM-DD. */
  holidays: string[]
  /** Saturdays/Sundays that are working days (调休上班): YYYY-MM-DD. */
  makeUpWorkdays: string[]
  /** True when the year is derived from the statutory rules, not copied from the State Council notice. */
  provisional: boolean
  source: string
}

/** Every day from first to last inclusive: range('2025-01-28', '2025-02-04'). */
function range(first: string, last: string): string[] {
  const days: string[] = []
  const end = Date.parse(`${last}T00:00:00Z`)
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

export const HOLIDAY_YEARS: Record<number, HolidayYear> = {
  2025: {
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    provisional: false,
    holidays: [
      '2025-01-01', // 元旦
      ...range('2025-01-28', '2025-02-04'), // 春节（除夕至正月初七）
      ...range('2025-04-04', '2025-04-06'), // 清明节
      ...range('2025-05-01', '2025-05-05'), // 劳动节
      ...range('2025-05-31', '2025-06-02'), // 端午节
      ...range('2025-10-01', '2025-10-08'), // 国庆节、中秋节
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）',
    provisional: false,
    holidays: [
      ...range('2026-01-01', '2026-01-03'), // 元旦
      ...range('2026-02-15', '2026-02-23'), // 春节（腊月二十八至正月初七）
      ...range('2026-04-04', '2026-04-06'), // 清明节
      ...range('2026-05-01', '2026-05-05'), // 劳动节
      ...range('2026-06-19', '2026-06-21'), // 端午节
      ...range('2026-09-25', '2026-09-27'), // 中秋节
      ...range('2026-10-01', '2026-10-07'), // 国庆节
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  // PROVISIONAL: the State Council notice for 2027 was not available when this was written. The days below are
  // the statutory holidays of 全国年节及纪念日放假办法 (2024 revision) on their 2027 dates, with the 补假 the law
  // requires when a holiday falls on a weekend, and no 调休 make-up working days. Replace with the notice (issue 6).
  // Lunar dates: 除夕 2027-02-05 (the new moon is at 23:56 Beijing time on 02-06, so 正月初一 is 02-06),
  // 端午 2027-06-09, 中秋 2027-09-15; 清明 2027-04-05.
  2027: {
    source: '按《全国年节及纪念日放假办法》推算（暂定，待国务院办公厅通知发布后更新）',
    provisional: true,
    holidays: [
      ...range('2027-01-01', '2027-01-03'), // 元旦 (Fri) + weekend
      ...range('2027-02-05', '2027-02-10'), // 春节: 除夕 Fri, 初一–初三 Sat–Mon, 补假 Tue–Wed
      '2027-04-05', // 清明节 (Mon)
      ...range('2027-05-01', '2027-05-04'), // 劳动节 Sat–Sun, 补假 Mon–Tue
      '2027-06-09', // 端午节 (Wed)
      '2027-09-15', // 中秋节 (Wed)
      ...range('2027-10-01', '2027-10-05'), // 国庆节 Fri–Sun, 补假 Mon–Tue
    ],
    makeUpWorkdays: [],
  },
}
