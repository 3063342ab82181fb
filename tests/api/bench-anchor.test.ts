// The issue-21 benchmark's anchor (server/scripts/bench/postgraphile.ts): the SQL function PostGraphile serves the
// county's review queue from lists the same domains in the same order as our queue does, and the check the
// benchmark runs before timing (pageDifferences) tells equal pages from different ones. No timings here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ANCHOR_SCHEMA,
  anchorPage,
  oursPage,
  pageDifferences,
  QUEUE_FUNCTION_SQL,
} from '../../server/scripts/bench/postgraphile.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { freshName } from '../testkit/domains.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Queue = graphql(`
  query TestBenchAnchorQueue($first: Int) {
    domainReviewQueue(first: $first) {
      totalCount
      edges {
        node {
          id
          unit {
            id
            region {
              code
            }
          }
        }
      }
    }
  }
`)

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await t.db.prisma.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS ${ANCHOR_SCHEMA}`)
  await t.db.prisma.$executeRawUnsafe(QUEUE_FUNCTION_SQL)
})
afterAll(() => t?.close())

/** The anchor's page as PostGraphile would shape it: the function's first rows with unit and region, the total. */
async function anchorQueue(regionCode: string, first: number) {
  const rows = await t.db.prisma.$queryRawUnsafe<{ id: number; unitId: number; regionCode: string }[]>(
    `SELECT q.id, q."unitId", u."regionCode" FROM ${ANCHOR_SCHEMA}.county_review_queue($1) q
       JOIN units u ON u.id = q."unitId" LIMIT ${first}`,
    regionCode,
  )
  const [total] = await t.db.prisma.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM ${ANCHOR_SCHEMA}.county_review_queue($1)`,
    regionCode,
  )
  return anchorPage({
    data: {
      countyReviewQueue: {
        totalCount: total!.count,
        nodes: rows.map((row) => ({
          id: row.id,
          unitByUnitId: { id: row.unitId, regionByRegionCode: { code: row.regionCode } },
        })),
      },
    },
  })
}

describe('the benchmark anchor', () => {
  it('lists the office queue of a county in our order, and the check finds a page that differs', async () => {
    // 南乐县 (nanle's county): two units, pending domains with equal and different submission times, and domains
    // the queue leaves out (approved, another county).
    const [a, b] = [
      await createUnit(t.db.prisma, { regionCode: '410923' }),
      await createUnit(t.db.prisma, { regionCode: '410923' }),
    ]
    const other = await createUnit(t.db.prisma, { regionCode: '410922' })
    const same = new Date(Date.now() - 2 * 86_400_000)
    const times = [same, new Date(Date.now() - 5 * 86_400_000), same, new Date(Date.now() - 86_400_000)]
    for (const [i, submittedAt] of times.entries()) {
      const domain = await createDomain(t.db.prisma, { unitId: i % 2 ? a.id : b.id, name: freshName('基准') })
      await t.db.prisma.domain.update({ where: { id: domain.id }, data: { submittedAt } })
    }
    await createDomain(t.db.prisma, { unitId: a.id, name: freshName('已通过'), status: 'OFFICE_APPROVED' })
    await createDomain(t.db.prisma, { unitId: other.id, name: freshName('别县') })

    const nanle = await t.login('nanle')
    for (const first of [3, 20]) {
      const result = await t.execute(Queue, { first }, { cookie: nanle })
      const ours = oursPage(result)
      const anchor = await anchorQueue('410923', first)
      expect(ours.rows).toHaveLength(Math.min(first, 4))
      expect(ours.totalCount).toBe(4)
      expect(pageDifferences(ours, anchor)).toEqual([])
    }

    const ours = oursPage(await t.execute(Queue, { first: 20 }, { cookie: nanle }))
    const swapped = { ...ours, rows: [ours.rows[1]!, ours.rows[0]!, ...ours.rows.slice(2)] }
    expect(pageDifferences(ours, swapped)).toHaveLength(2)
    expect(pageDifferences(ours, { ...ours, totalCount: 5 })).toEqual(['totalCount: ours 4, PostGraphile 5'])
    expect(pageDifferences({ totalCount: 0, rows: [] }, { totalCount: 0, rows: [] })).toHaveLength(1)
  })
})
