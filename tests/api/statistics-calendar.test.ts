// The pieces the 区域统计 counters rely on besides the triggers: the SQL working-day calendar (review turnaround is
// computed in the database) must be the TypeScript one, and percentiles read from a histogram must be those of
// the values it stands for.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isWorkingDay } from '../../server/src/lib/workdays.ts'
import { histogramPercentile, percentile, workingDaysBetween } from '../../server/src/modules/statistics/turnaround.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'

const DAY = 86_400_000

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
})

afterAll(async () => {
  await db?.close()
})

describe('the SQL working-day calendar', () => {
  it('marks the same days working as lib/workdays.ts, holidays and 调休 included (2024–2028)', async () => {
    const rows = await db.prisma.$queryRaw<{ day: string; working: boolean }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "working" FROM working_calendar WHERE "day" BETWEEN '2024-01-01' AND '2028-12-31' ORDER BY "day"`
    expect(rows.length).toBe(1827)
    const differences = rows.filter((row) => row.working !== isWorkingDay(new Date(`${row.day}T12:00:00+08:00`)))
    expect(differences).toEqual([])
    // 2025-01-26 (Sunday) was a 调休 working day, 2025-10-01 a holiday.
    expect(rows.find((row) => row.day === '2025-01-26')?.working).toBe(true)
    expect(rows.find((row) => row.day === '2025-10-01')?.working).toBe(false)
  })

  it('counts working days between two instants as workingDaysBetween does', async () => {
    const base = Date.parse('2024-12-20T00:00:00Z')
    const pairs = fc.sample(
      fc
        .tuple(fc.integer({ min: 0, max: 1_100 * 24 }), fc.integer({ min: 0, max: 60 * 24 }))
        .map(
          ([start, length]) =>
            [new Date(base + start * 3_600_000), new Date(base + (start + length) * 3_600_000)] as const,
        ),
      { numRuns: 300, seed: 8 },
    )
    const fromSql = await db.prisma.$queryRaw<{ days: number }[]>`
      SELECT working_days_between(p.s, p.e) AS "days"
      FROM unnest(${pairs.map(([start]) => start)}::timestamp[], ${pairs.map(([, end]) => end)}::timestamp[]) WITH ORDINALITY AS p(s, e, i)
      ORDER BY p.i`
    expect(fromSql.map((row) => row.days)).toEqual(pairs.map(([start, end]) => workingDaysBetween(start, end)))
    expect(new Set(fromSql.map((row) => row.days)).size).toBeGreaterThan(10)
  })

  it('falls back to Monday to Friday outside the table', async () => {
    const start = new Date('2070-01-02T16:00:00Z') // 3 January 2070, Beijing
    const end = new Date('2070-01-20T16:00:00Z') // 21 January 2070, Beijing
    const [row] = await db.prisma.$queryRaw<
      { days: number }[]
    >`SELECT working_days_between(${start}::timestamp, ${end}::timestamp) AS "days"`
    let expected = 0
    for (let t = start.getTime() + 8 * 3_600_000 + DAY; t <= end.getTime() + 8 * 3_600_000; t += DAY) {
      const weekday = new Date(t).getUTCDay()
      if (weekday !== 0 && weekday !== 6) expected += 1
    }
    expect(row!.days).toBe(expected)
    expect(expected).toBeGreaterThan(10)
  })
})

describe('percentiles from a histogram', () => {
  it('equal the percentiles of the values, whatever the order and splitting of the entries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 200 }),
        fc.constantFrom(0.5, 0.9, 0.1, 1),
        (values, p) => {
          // Each value as its own entry, plus a +1/−1 pair that cancels (a counter and a pending delta).
          const entries = values.map((value) => ({ value, count: 1 }))
          entries.push({ value: 7, count: 1 }, { value: 7, count: -1 })
          expect(histogramPercentile(entries.reverse(), p)).toBe(percentile(values, p))
        },
      ),
      { seed: 8, numRuns: 300 },
    )
  })
})
