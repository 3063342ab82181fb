// The portal's one date, time and money format (web/components/ui/format.ts, issue 15 item 11): Beijing dates as
// 2025-12-06 whatever the process's zone, times as 2025-12-06 14:05, deadlines with their zone, money in yuan with
// thousands separators and two decimals.
import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatDeadline,
  formatYuan,
  parseYuanToFen,
} from '../../web/components/ui/format.ts'

describe('dates and times: Beijing, zero-padded, one format', () => {
  it.each([
    ['2025-12-06T02:05:00Z', '2025-12-06', '2025-12-06 10:05'],
    // 16:00 UTC is already the next Beijing day.
    ['2025-06-15T16:00:00Z', '2025-06-16', '2025-06-16 00:00'],
    ['2026-12-11T15:59:59.999Z', '2026-12-11', '2026-12-11 23:59'],
    ['2025-01-01T00:00:00+08:00', '2025-01-01', '2025-01-01 00:00'],
  ])('%s → %s / %s', (iso, date, dateTime) => {
    expect(formatDate(iso)).toBe(date)
    expect(formatDateTime(iso)).toBe(dateTime)
    expect(formatDate(new Date(iso))).toBe(date)
  })

  it('a deadline says its time and zone', () => {
    expect(formatDeadline('2026-12-11T15:59:59.999Z')).toBe('2026-12-11 23:59（北京时间）')
  })

  it('a missing or unreadable value is —', () => {
    for (const value of [null, undefined, '', 'not a date']) {
      expect(formatDate(value)).toBe('—')
      expect(formatDateTime(value)).toBe('—')
      expect(formatDeadline(value)).toBe('—')
    }
  })
})

describe('money: integer fen written as yuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [180000, '1,800.00'],
    [123456789, '1,234,567.89'],
    [-30050, '-300.50'],
  ])('%i fen → %s', (fen, text) => expect(formatYuan(fen)).toBe(text))

  it('no amount is —; yuan text parses back to fen without floats', () => {
    expect(formatYuan(null)).toBe('—')
    expect(parseYuanToFen('300.5')).toBe(30050)
    expect(parseYuanToFen('0.29')).toBe(29)
    expect(parseYuanToFen('1,800')).toBeNull()
  })
})
