// The rate limits' token buckets in the database (server/src/limits/rateLimit.ts, issue 22): one upsert per spend,
// on a clock the test passes in. A new bucket starts full, refills continuously up to its capacity, a refused spend
// takes nothing, time running backwards refills nothing, buckets of other keys and other rules are apart, and full
// buckets are deleted by forgetFullBuckets (the scheduler's tick) while buckets in use stay. On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forgetFullBuckets, TokenBuckets } from '../../server/src/limits/rateLimit.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db?.destroy())

const START = Date.parse('2026-05-04T02:00:00Z')

/** 10 points refilled over 10 s: one point a second. */
function buckets(clock: { ms: number }, points = 10, windowSeconds = 10) {
  return new TokenBuckets<string>(db.prisma, 'test', { points, windowSeconds, now: () => clock.ms })
}

const rows = () =>
  db.sql.query<{ key: string; points: number; at: Date; full_at: Date }>(
    'SELECT key, points, at, full_at FROM rate_limit_buckets ORDER BY key',
  )

describe('rate-limit buckets in the database', () => {
  it('starts full, spends, refuses what it does not hold (taking nothing) and refills with time up to capacity', async () => {
    const clock = { ms: START }
    const b = buckets(clock)
    expect(await b.spend('a', 4)).toEqual({
      allowed: true,
      limit: 10,
      remaining: 6,
      resetSeconds: 4,
      retryAfterSeconds: 0,
    })
    expect(await b.spend('a', 6)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 10 })
    // Empty: 3 points need 3 s.
    expect(await b.spend('a', 3)).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetSeconds: 10,
      retryAfterSeconds: 3,
    })
    clock.ms += 2_500 // 2.5 points back: still not 3, and the refusal took nothing
    expect(await b.spend('a', 3)).toMatchObject({ allowed: false, remaining: 2, retryAfterSeconds: 1 })
    clock.ms += 500
    expect(await b.spend('a', 3)).toMatchObject({ allowed: true, remaining: 0 })
    // A long pause fills the bucket, never beyond its capacity.
    clock.ms += 3_600_000
    expect(await b.spend('a', 0)).toMatchObject({ allowed: true, remaining: 10, resetSeconds: 0 })
    expect(await b.spend('a', 11)).toMatchObject({ allowed: false, remaining: 10, retryAfterSeconds: 1 })
  })

  it('answers a free operation from its own last spend within a second, and asks the database after', async () => {
    // The database's clock (no test clock): 1000 points a window of 1000 s, so a second refills one point.
    const b = new TokenBuckets<string>(db.prisma, 'free-look', { points: 1000, windowSeconds: 1000 })
    expect(await b.spend('f', 400)).toMatchObject({ allowed: true, remaining: 600 })
    // The row goes (as if another process's figures changed): a free look within the second still tells this
    // process's own last figures, so it did not ask the database (a new bucket there would say 1000).
    await db.sql.query(`DELETE FROM rate_limit_buckets WHERE key LIKE 'free-look:%'`)
    const look = await b.spend('f', 0)
    expect(look.allowed).toBe(true)
    expect(look.remaining).toBeGreaterThanOrEqual(600)
    expect(look.remaining).toBeLessThan(1000)
    // A paid spend always asks the database.
    expect(await b.spend('f', 1)).toMatchObject({ allowed: true, remaining: 999 })
    await db.sql.query(`DELETE FROM rate_limit_buckets WHERE key LIKE 'free-look:%'`)
    // After the second, a free look asks again.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect(await b.spend('f', 0)).toMatchObject({ allowed: true, remaining: 1000 })
  })

  it('refills nothing for time running backwards, and keeps the latest time', async () => {
    const clock = { ms: START + 7_200_000 }
    const b = buckets(clock)
    expect(await b.spend('back', 10)).toMatchObject({ allowed: true, remaining: 0 })
    clock.ms -= 5_000 // another process's clock a little behind
    expect(await b.spend('back', 1)).toMatchObject({ allowed: false, remaining: 0 })
    clock.ms += 5_000 + 1_000 // one second after the latest spend
    expect(await b.spend('back', 1)).toMatchObject({ allowed: true, remaining: 0 })
  })

  it('keeps each key, kind and set of rules in a bucket of its own', async () => {
    const clock = { ms: START }
    const b = buckets(clock)
    await b.spend('x', 10)
    expect(await b.spend('y', 1)).toMatchObject({ allowed: true, remaining: 9 })
    expect(
      await new TokenBuckets<string>(db.prisma, 'other', { points: 10, windowSeconds: 10, now: () => clock.ms }).spend(
        'x',
        1,
      ),
    ).toMatchObject({ allowed: true, remaining: 9 })
    expect(await buckets(clock, 20, 10).spend('x', 1)).toMatchObject({ allowed: true, remaining: 19, limit: 20 })
    const keys = (await rows()).map((row) => row.key)
    expect(keys).toEqual(expect.arrayContaining(['test:10/10:x', 'test:10/10:y', 'other:10/10:x', 'test:20/10:x']))
  })

  it('records when a bucket is full again, and forgetFullBuckets deletes exactly the full ones', async () => {
    await db.sql.exec('DELETE FROM rate_limit_buckets')
    const clock = { ms: START }
    const b = buckets(clock)
    await b.spend('two', 2) // full 2 s later
    await b.spend('eight', 8) // full 8 s later
    const fullAt = Object.fromEntries((await rows()).map((row) => [row.key, new Date(row.full_at).getTime()]))
    expect(fullAt).toEqual({ 'test:10/10:eight': START + 8_000, 'test:10/10:two': START + 2_000 })
    expect(await forgetFullBuckets(db.prisma, new Date(START + 5_000))).toBe(1)
    expect((await rows()).map((row) => row.key)).toEqual(['test:10/10:eight'])
    // A deleted bucket is a full one.
    clock.ms = START + 5_000
    expect(await b.spend('two', 0)).toMatchObject({ remaining: 10 })
    expect(await b.spend('eight', 0)).toMatchObject({ remaining: 7 })
    expect(await forgetFullBuckets(db.prisma, new Date(START + 60_000))).toBe(2)
    expect(await rows()).toEqual([])
  })
})
