// 区域统计's kept answers (server/src/modules/statistics/answerCache.ts, issue 21): a dashboard asked again is
// answered from the counters' rows of the previous request while the counters' version (the deltas' sequence)
// stays; any new delta changes the answer at once, and folding the deltas keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forgetStatisticsAnswers } from '../../server/src/modules/statistics/answerCache.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'

const UnitTotals = graphql(`
  query StatisticsAnswersUnitTotals($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      units {
        total
      }
    }
  }
`)

const CITY = '410900' // 濮阳市: its counters have a root row per county

let t: TestApp
let cookie: string
beforeAll(async () => {
  t = await createTestApp()
  cookie = await t.login('puyang')
})
afterAll(() => t?.close())

async function unitTotal(): Promise<number> {
  const result = await t.execute(UnitTotals, { regionCode: CITY }, { cookie })
  expect(result.errors).toBeUndefined()
  return result.data!.regionStatistics.units.total
}

const compact = () => t.db.prisma.$queryRawUnsafe(`SELECT compact_region_statistics()::int AS "folded"`)

describe('kept statistics answers', () => {
  it('changes the answer with the next delta, and keeps it when the deltas are folded', async () => {
    await compact()
    const before = await unitTotal()
    expect(await unitTotal()).toBe(before)
    // A delta as the units' trigger writes it: one more unit of some type in one county of the city.
    await t.db.prisma.$executeRawUnsafe(
      `INSERT INTO region_statistic_deltas (root, child, metric, bucket, k1, n) VALUES ($1, '410922', 'units_type', '', 'PARTY_GOVERNMENT', 1)`,
      CITY,
    )
    expect(await unitTotal()).toBe(before + 1)
    await compact()
    expect(await unitTotal()).toBe(before + 1)
    await t.db.prisma.$executeRawUnsafe(
      `INSERT INTO region_statistic_deltas (root, child, metric, bucket, k1, n) VALUES ($1, '410922', 'units_type', '', 'PARTY_GOVERNMENT', -1)`,
      CITY,
    )
    expect(await unitTotal()).toBe(before)
  })

  // An answer is kept only when no transaction of the server was in progress around its reads; PGlite has one
  // connection, so there it is always kept, while a shared PostgreSQL runs other test files' transactions.
  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    'answers from the kept rows until forgotten when the counters change without a delta (a rebuild)',
    async () => {
      await compact()
      const before = await unitTotal()
      // As rebuild_region_statistics() in another process would: the counters change, the deltas' sequence does not.
      await t.db.prisma.$executeRawUnsafe(
        `UPDATE region_statistics SET n = n + 5 WHERE root = $1 AND metric = 'units_type' AND bucket = '' AND child = (SELECT min(child) FROM region_statistics WHERE root = $1 AND metric = 'units_type' AND bucket = '')`,
        CITY,
      )
      expect(await unitTotal()).toBe(before)
      forgetStatisticsAnswers() // what finishImport() does after its rebuild
      expect(await unitTotal()).toBe(before + 5)
    },
  )
})
