// 区域统计 counters under concurrent writes: several workers change units, domains, reviews, fees, invoices and
// stock at once (in transactions, some rolled back, with compactions running in between), then the running totals
// the triggers kept must equal a full recomputation from the base tables (rebuild_region_statistics()), and the API
// must answer from them what the baseline GROUP BY answers. Runs on PGlite, and on PostgreSQL with real concurrency
// when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { counterStatisticsSource } from '../../server/src/modules/statistics/counters.ts'
import { useStatisticsSource } from '../../server/src/modules/statistics/loader.ts'
import { sqlStatisticsSource } from '../../server/src/modules/statistics/baseline.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Stats = graphql(`
  query TestStatisticsUnderLoad($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      units {
        total
        byType {
          key
          count
        }
      }
      domains {
        total
        byStatus {
          key
          count
        }
        expiringWithin30Days
        expiringWithin90Days
        registrationsByMonth {
          month
          count
        }
      }
      fees {
        collectedFen
        chargedFen
        chargedByMonth {
          month
          count
          amountFen
        }
      }
      invoices {
        stock
        issued
        issuedAmountFen
      }
      reviews {
        turnaround {
          level
          decisions
          medianWorkingDays
          p90WorkingDays
        }
        overdueDomainApplications
      }
      children {
        region {
          code
        }
        units {
          total
        }
        domains {
          total
        }
        fees {
          collectedFen
        }
        invoices {
          stock
          issuedAmountFen
        }
      }
    }
  }
`)

const REGIONS = ['410000', '410900', '410922', '410923', '130000', '130100']
const WORKERS = 6
const OPERATIONS_PER_WORKER = 30

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed
  return (n: number) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state % n
  }
}

interface CounterRow {
  root: string
  child: string
  metric: string
  bucket: string
  k1: string
  k2: string
  n: string
  fen: string
}

/** The counters as the readers see them: compacted rows plus pending deltas. */
const counters = (prisma: PrismaClient) => prisma.$queryRaw<CounterRow[]>`
  SELECT "root"::text, "child"::text, "metric", "bucket", "k1", "k2", SUM("n")::text AS "n", SUM("fen")::text AS "fen"
  FROM (SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM region_statistics
        UNION ALL SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM region_statistic_deltas) s
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM("n") <> 0 OR SUM("fen") <> 0
  ORDER BY 1, 2, 3, 4, 5, 6`

let t: TestApp
let conac: string

beforeAll(async () => {
  t = await createTestApp({ poolSize: 8 })
  conac = await t.login('conac')
})

afterAll(async () => {
  await t?.close()
})

describe('region statistics under concurrent writes', () => {
  it('keep running totals equal to a full recomputation after a mixed concurrent workload', async () => {
    const prisma = t.db.prisma
    const reviewer = await prisma.user.findUniqueOrThrow({ where: { username: 'conac' } })
    const offices = new Map(
      (await prisma.office.findMany({ where: { regionCode: { in: REGIONS } } })).map((office) => [
        office.regionCode,
        office,
      ]),
    )
    const before = await counters(prisma)

    const worker = async (seed: number) => {
      const pick = random(seed)
      const units: { id: number; regionCode: string }[] = []
      const pending: number[] = []
      const approved: number[] = []
      let rolledBack = 0
      for (let i = 0; i < OPERATIONS_PER_WORKER; i++) {
        const regionCode = REGIONS[pick(REGIONS.length)]!
        const office = offices.get(regionCode)!
        const unit = units.length ? units[pick(units.length)]! : null
        const month = 1 + pick(9)
        const at = new Date(`2026-0${month}-${String(1 + pick(27)).padStart(2, '0')}T0${pick(10)}:30:00Z`)
        switch (unit ? pick(9) : 0) {
          case 0: {
            const created = await createUnit(prisma, {
              regionCode,
              type: pick(2) ? 'PARTY_GOVERNMENT' : 'PUBLIC_INSTITUTION',
            })
            units.push({ id: created.id, regionCode })
            break
          }
          case 1: {
            const domain = await createDomain(prisma, { unitId: unit!.id, suffix: pick(2) ? 'ZHENGWU' : 'GONGYI' })
            await prisma.domain.update({ where: { id: domain.id }, data: { submittedAt: at, createdAt: at } })
            pending.push(domain.id)
            break
          }
          case 2: {
            // The office approves: the status first, the decision after it (the counters read the decision at commit).
            const id = pending.pop()
            if (!id) break
            await prisma.$transaction(async (tx) => {
              await tx.domain.update({ where: { id }, data: { status: 'OFFICE_APPROVED', version: { increment: 1 } } })
              await tx.reviewDecision.create({
                data: {
                  subject: 'DOMAIN',
                  domainId: id,
                  level: 'OFFICE',
                  officeId: office.id,
                  reviewerId: reviewer.id,
                  result: 'APPROVED',
                  decidedAt: new Date(),
                },
              })
            })
            approved.push(id)
            break
          }
          case 3: {
            // CONAC approves and the domain is registered, expiring within the next 100 days.
            const id = approved.pop()
            if (!id) break
            await prisma.$transaction(async (tx) => {
              await tx.reviewDecision.create({
                data: {
                  subject: 'DOMAIN',
                  domainId: id,
                  level: 'CONAC',
                  officeId: offices.get('410000')!.id,
                  reviewerId: reviewer.id,
                  result: 'APPROVED',
                },
              })
              await tx.domain.update({
                where: { id },
                data: {
                  status: 'REGISTERED',
                  registeredAt: at,
                  expiresAt: new Date(Date.now() + pick(100) * 86_400_000),
                },
              })
            })
            break
          }
          case 4: {
            // 收费 and its charge.
            const domain = await createDomain(prisma, { unitId: unit!.id, status: 'REGISTERED' })
            await prisma.$transaction(async (tx) => {
              const collection = await tx.feeCollection.create({
                data: {
                  officeId: office.id,
                  unitId: unit!.id,
                  amountFen: BigInt(1000 * (1 + pick(50))),
                  invoiceCount: 1,
                  collectedById: reviewer.id,
                  collectedAt: at,
                },
              })
              const charge = await tx.ledgerTransaction.create({ data: { kind: 'CHARGE', memo: '并发测试扣费' } })
              await tx.feeCollectionItem.create({
                data: {
                  feeCollectionId: collection.id,
                  domainId: domain.id,
                  kind: 'REGISTRATION',
                  years: 1,
                  amountFen: collection.amountFen,
                  chargedAt: at,
                  chargeTransactionId: charge.id,
                },
              })
            })
            break
          }
          case 5: {
            // An invoice, split into two parts in one statement.
            const parent = await prisma.invoice.create({
              data: {
                officeId: office.id,
                unitId: unit!.id,
                issuedById: reviewer.id,
                count: 2,
                amountFen: 9000n,
                issuedAt: at,
              },
            })
            const part = {
              officeId: office.id,
              unitId: unit!.id,
              issuedById: reviewer.id,
              kind: 'SPLIT' as const,
              count: 1,
              parentId: parent.id,
              issuedAt: new Date(at.getTime() + 40 * 86_400_000),
            }
            await prisma.invoice.createMany({
              data: [
                { ...part, amountFen: 4000n },
                { ...part, amountFen: 5000n },
              ],
            })
            break
          }
          case 6:
            await prisma.office.update({ where: { id: office.id }, data: { invoiceStock: { increment: 1 + pick(5) } } })
            break
          case 7:
            // Work that is rolled back leaves no trace in the counters.
            await prisma
              .$transaction(async (tx) => {
                await tx.unit.update({ where: { id: unit!.id }, data: { type: 'MASS_ORGANIZATION' } })
                await tx.office.update({ where: { id: office.id }, data: { invoiceStock: { increment: 100 } } })
                throw new Error('rolled back on purpose')
              })
              .catch(() => {
                rolledBack += 1
              })
            break
          default:
            await prisma.$queryRaw`SELECT compact_region_statistics()`
        }
      }
      return rolledBack
    }
    const rolledBack = await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(1_000 + i)))
    expect(rolledBack.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)

    const incremental = await counters(prisma)
    expect(incremental).not.toEqual(before) // the workload moved the counters
    await prisma.$queryRaw`SELECT rebuild_region_statistics()`
    const recomputed = await counters(prisma)
    expect(incremental).toEqual(recomputed)

    // And the API answers from them what the baseline computes from the base tables.
    for (const regionCode of ['410000', '410900', '130000', null]) {
      const fromCounters = await t.execute(Stats, { regionCode }, { cookie: conac })
      const previous = useStatisticsSource(sqlStatisticsSource)
      const fromBaseline = await t
        .execute(Stats, { regionCode }, { cookie: conac })
        .finally(() => useStatisticsSource(previous))
      expect(fromCounters.errors).toBeUndefined()
      expect(fromCounters.data, String(regionCode)).toEqual(fromBaseline.data)
    }
    expect(useStatisticsSource(counterStatisticsSource)).toBe(counterStatisticsSource)
  })
})
