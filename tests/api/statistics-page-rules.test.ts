// The 区域统计 page's own rules (web/components/statistics), which need no server: the 近12个月 preset in Beijing
// time (it equalled 今年 every December), the months a trend chart draws (a single month of data drew a single dot),
// and the one money format of the page (amounts read 1800.00 there and 1,800.00 on the fee pages).
import { describe, expect, it } from 'vitest'
import { formatYuan } from '../../web/components/statistics/money.ts'
import { rangePresets, trendMonths } from '../../web/components/statistics/range.ts'

const preset = (label: string, now: Date) => {
  const found = rangePresets(now).find((entry) => entry.label === label)
  if (!found) throw new Error(`no preset ${label}`)
  return { from: found.from, to: found.to }
}

describe('近12个月', () => {
  it('is the twelve whole months before this one, not this year', () => {
    const now = new Date('2026-12-06T08:00:00Z') // 2026-12-06 16:00 in Beijing
    expect(preset('近12个月', now)).toEqual({ from: '2025-12-01', to: '2026-11-30' })
    expect(preset('今年', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  })

  it('turns with the Beijing month, not the UTC one', () => {
    // 2026-12-01 00:30 in Beijing is still November in UTC.
    expect(preset('近12个月', new Date('2026-11-30T16:30:00Z'))).toEqual({ from: '2025-12-01', to: '2026-11-30' })
    // 2026-11-30 23:30 in Beijing.
    expect(preset('近12个月', new Date('2026-11-30T15:30:00Z'))).toEqual({ from: '2025-11-01', to: '2026-10-31' })
    // 2027-01-01 07:00 in Beijing: last year's twelve months, and 今年 is the new year.
    expect(preset('近12个月', new Date('2026-12-31T23:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(preset('今年', new Date('2026-12-31T23:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-12-31' })
  })

  it('covers exactly twelve months and differs from 今年 in every month of the year', () => {
    for (let month = 0; month < 24; month++) {
      const now = new Date(Date.UTC(2026, month, 15, 4))
      const recent = preset('近12个月', now)
      expect(recent, now.toISOString()).not.toEqual(preset('今年', now))
      expect(trendMonths({ dataMonths: [], from: recent.from, to: recent.to, now })).toHaveLength(12)
      // It ends on the last day of last month (Beijing).
      const lastMonth = new Date(Date.UTC(2026, month, 0))
      expect(recent.to).toBe(lastMonth.toISOString().slice(0, 10))
    }
  })
})

describe('the months of a trend chart', () => {
  const now = new Date('2026-12-06T08:00:00Z')

  it('draws every month of the chosen range, with or without data, up to this month', () => {
    expect(trendMonths({ dataMonths: ['2026-03'], from: '2025-12-01', to: '2026-11-30', now })).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ])
    // 今年: January to this month, not to December.
    expect(trendMonths({ dataMonths: [], from: '2026-01-01', to: '2026-12-31', now })).toHaveLength(12)
    expect(
      trendMonths({ dataMonths: [], from: '2026-01-01', to: '2026-12-31', now: new Date('2026-03-01T00:00:00Z') }),
    ).toEqual(['2026-01', '2026-02', '2026-03'])
    // A range wholly in the future has no month to draw.
    expect(trendMonths({ dataMonths: [], from: '2027-02-01', to: '2027-03-31', now })).toEqual([])
  })

  it('draws at least the last twelve months for 全部时间, so one month of data is a point on a line, not a lone dot', () => {
    const months = trendMonths({ dataMonths: ['2026-12'], from: '', to: '', now })
    expect(months).toHaveLength(12)
    expect(months[0]).toBe('2026-01')
    expect(months.at(-1)).toBe('2026-12')
    // Older data widens it back to its first month.
    const wider = trendMonths({ dataMonths: ['2024-06', '2026-12'], from: '', to: '', now })
    expect(wider[0]).toBe('2024-06')
    expect(wider).toHaveLength(31)
    // Only a start: from there to this month.
    expect(trendMonths({ dataMonths: [], from: '2026-10-15', to: '', now })).toEqual(['2026-10', '2026-11', '2026-12'])
  })
})

describe('money on the statistics page', () => {
  it('groups thousands, keeps two decimals and says 元 when asked', () => {
    expect(formatYuan(180000)).toBe('1,800.00')
    expect(formatYuan('180000', { unit: true })).toBe('1,800.00 元')
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(-150)).toBe('-1.50')
    expect(formatYuan(123456789012)).toBe('1,234,567,890.12')
    // Beyond 2^53 fen it stays exact (the API sends big sums as strings).
    expect(formatYuan('900719925474099312')).toBe('9,007,199,254,740,993.12')
    expect(formatYuan(null)).toBe('—')
    expect(formatYuan('not money')).toBe('—')
  })
})
