// 区域统计 (regionStatistics): small fixed datasets in regions the demo seed leaves empty (山西 140000 for units,
// domains, fees, invoices and reviews; 内蒙古 150000 for site applications and badges), with every expected number
// worked out by hand in the comments; then who may ask for which subtree.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { createIssuedBadge } from '../testkit/sites.ts'
import { useStatisticsSource } from '../../server/src/modules/statistics/loader.ts'
import { sqlStatisticsSource } from '../../server/src/modules/statistics/baseline.ts'
import type { StatisticsSource } from '../../server/src/modules/statistics/source.ts'
import { counterStatisticsSource } from '../../server/src/modules/statistics/counters.ts'

const Stats = graphql(`
  query TestRegionStatistics($regionCode: String, $from: DateTime, $to: DateTime) {
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      region {
        code
      }
      from
      to
      units {
        total
        byType {
          key
          count
        }
        bySystemCategory {
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
        bySuffix {
          key
          count
        }
        expiringWithin30Days
        expiringWithin90Days
        registrationsByMonth {
          month
          count
        }
        renewalsByMonth {
          month
          count
        }
      }
      siteApplications {
        total
        byStatus {
          key
          count
        }
      }
      badges {
        issued
        installed
        cancelled
      }
      fees {
        collectedFen
        remittedFen
        chargedFen
        collectedByMonth {
          month
          count
          amountFen
        }
        remittedByMonth {
          month
          count
          amountFen
        }
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
        overdueSiteApplications
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
      }
    }
  }
`)

const DrillDown = graphql(`
  query TestRegionStatisticsDrillDown($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      region {
        code
      }
      units {
        total
      }
      domains {
        total
        expiringWithin90Days
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
          expiringWithin90Days
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
        }
      }
    }
  }
`)

// Series two ways: only the children's totals (the counters then sum the series over the children in the
// database), and the children's months too, asked through a fragment.
const ChildTotals = graphql(`
  query TestRegionStatisticsChildTotals($regionCode: String, $from: DateTime, $to: DateTime) {
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      domains {
        registrationsByMonth {
          month
          count
        }
        renewalsByMonth {
          month
          count
        }
      }
      fees {
        collectedFen
        remittedFen
        chargedFen
        collectedByMonth {
          month
          count
          amountFen
        }
        chargedByMonth {
          month
          count
          amountFen
        }
      }
      children {
        region {
          code
        }
        fees {
          collectedFen
          remittedFen
          chargedFen
        }
        children {
          region {
            code
          }
          fees {
            collectedFen
          }
        }
      }
    }
  }
`)

const ChildSeries = graphql(`
  query TestRegionStatisticsChildSeries($regionCode: String, $from: DateTime, $to: DateTime) {
    regionStatistics(regionCode: $regionCode, from: $from, to: $to) {
      fees {
        collectedFen
        remittedByMonth {
          month
          count
          amountFen
        }
      }
      children {
        region {
          code
        }
        ...TestChildSeriesFigures
      }
    }
  }

  fragment TestChildSeriesFigures on RegionStatistics {
    domains {
      registrationsByMonth {
        month
        count
      }
      renewalsByMonth {
        month
        count
      }
    }
    fees {
      collectedFen
      remittedFen
      chargedFen
      collectedByMonth {
        month
        count
        amountFen
      }
      remittedByMonth {
        month
        count
        amountFen
      }
      chargedByMonth {
        month
        count
        amountFen
      }
    }
  }
`)

const Totals = graphql(`
  query TestRegionStatisticsTotals($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      region {
        code
      }
      units {
        total
      }
      children {
        region {
          code
        }
        units {
          total
        }
      }
    }
  }
`)

const CreateToken = graphql(`
  mutation TestStatisticsCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

const at = (iso: string) => new Date(iso)
const DAY = 86_400_000

let t: TestApp
const cookies: Record<string, string> = {}

/** key -> count, leaving out zeros (the API lists every enum value). */
const counts = (list: { key: string; count: number }[]) =>
  Object.fromEntries(list.filter((row) => row.count).map((row) => [row.key, row.count]))
const child = <T extends { region: { code: string } }>(list: T[], code: string) =>
  list.find((row) => row.region.code === code)!

async function stats(regionCode: string | null, range: { from?: string; to?: string } = {}, who = 'conac') {
  const result = await t.execute(Stats, { regionCode, ...range }, { cookie: cookies[who]! })
  expect(result.errors).toBeUndefined()
  return result.data!.regionStatistics
}

beforeAll(async () => {
  t = await createTestApp()
  for (const name of ['conac', 'puyang', 'qingfeng', 'qfzf']) cookies[name] = await t.login(name)
  const prisma = t.db.prisma
  const reviewer = await prisma.user.findUniqueOrThrow({ where: { username: 'conac' } })
  const office = (regionCode: string) => prisma.office.findUniqueOrThrow({ where: { regionCode } })
  const conacOffice = await office('100000')

  // Units: A, B in 小店区 140105; C in 迎泽区 140106; D at 太原市 140100 itself; E in 新荣区 140212 (大同市).
  const unitA = await createUnit(prisma, { regionCode: '140105', type: 'PARTY_GOVERNMENT' })
  const unitB = await createUnit(prisma, { regionCode: '140105', type: 'PUBLIC_INSTITUTION' })
  const unitC = await createUnit(prisma, { regionCode: '140106', type: 'PARTY_GOVERNMENT' })
  const unitD = await createUnit(prisma, { regionCode: '140100', type: 'MASS_ORGANIZATION' })
  const unitE = await createUnit(prisma, { regionCode: '140212', type: 'PARTY_GOVERNMENT' })
  const created: [number, string][] = [
    [unitA.id, '2025-12-01'],
    [unitB.id, '2026-01-15'],
    [unitC.id, '2026-01-20'],
    [unitD.id, '2026-03-01'],
    [unitE.id, '2026-01-10'],
  ]
  for (const [id, day] of created)
    await prisma.unit.update({ where: { id }, data: { createdAt: at(`${day}T00:00:00Z`) } })

  // Domains: (unit, status, suffix, createdAt, registeredAt, expiresAt)
  // Expiry windows are Beijing days: [today, today + 30) and [today, today + 90).
  const today = Math.floor((Date.now() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000
  const domain = async (
    unitId: number,
    status: 'REGISTERED' | 'EXPIRED' | 'PENDING_OFFICE_REVIEW',
    suffix: 'ZHENGWU' | 'GONGYI',
    createdAt: string,
    registeredAt: string | null,
    expiresAt: Date | null,
  ) => {
    const row = await createDomain(prisma, { unitId, status, suffix, expiresAt: expiresAt ?? undefined })
    return prisma.domain.update({
      where: { id: row.id },
      data: { createdAt: at(createdAt), ...(registeredAt ? { registeredAt: at(registeredAt), expiresAt } : {}) },
    })
  }
  const d1 = await domain(
    unitA.id,
    'REGISTERED',
    'ZHENGWU',
    '2025-12-10T00:00:00Z',
    '2026-01-31T17:00:00Z',
    new Date(today + 10 * DAY),
  ) // 30 and 90
  const d2 = await domain(
    unitA.id,
    'REGISTERED',
    'ZHENGWU',
    '2026-01-05T00:00:00Z',
    '2026-01-31T15:59:59Z',
    new Date(today + 60 * DAY),
  ) // 90
  const d3 = await domain(unitB.id, 'PENDING_OFFICE_REVIEW', 'GONGYI', '2026-02-01T00:00:00Z', null, null)
  const d4 = await domain(
    unitC.id,
    'REGISTERED',
    'ZHENGWU',
    '2026-01-20T00:00:00Z',
    '2025-12-31T16:00:00Z',
    new Date(today + 30 * DAY - 3_600_000),
  ) // 30 and 90: the last hour of day 29
  const d5 = await domain(
    unitC.id,
    'REGISTERED',
    'ZHENGWU',
    '2026-03-01T00:00:00Z',
    '2026-02-10T00:00:00Z',
    new Date(today + 30 * DAY + 3_600_000),
  ) // 90 only: day 30
  await domain(unitD.id, 'EXPIRED', 'GONGYI', '2025-06-01T00:00:00Z', '2024-05-01T00:00:00Z', new Date(today - DAY)) // neither
  await domain(
    unitD.id,
    'REGISTERED',
    'ZHENGWU',
    '2025-06-01T00:00:00Z',
    '2026-03-15T00:00:00Z',
    new Date(today + 90 * DAY + 3_600_000),
  ) // neither: day 90
  await domain(
    unitE.id,
    'REGISTERED',
    'ZHENGWU',
    '2026-01-10T00:00:00Z',
    '2026-01-10T00:00:00Z',
    new Date(today - 3_600_000),
  ) // yesterday: neither
  // d3 waits for its same-level office since 2026-01-05: long overdue.
  await prisma.domain.update({ where: { id: d3.id }, data: { submittedAt: at('2026-01-05T02:00:00Z') } })

  // Reviews with known working-day gaps (Beijing calendar 2026: 元旦 1-3 Jan, 春节 15-23 Feb, 调休 14 Feb).
  const county105 = await office('140105')
  const county106 = await office('140106')
  const decide = (domainId: number, level: 'OFFICE' | 'CONAC', officeId: number, decidedAt: string) =>
    prisma.reviewDecision.create({
      data: {
        subject: 'DOMAIN',
        domainId,
        level,
        officeId,
        reviewerId: reviewer.id,
        result: 'APPROVED',
        decidedAt: at(decidedAt),
      },
    })
  await prisma.domain.update({ where: { id: d1.id }, data: { submittedAt: at('2026-01-09T02:00:00Z') } }) // Fri
  await decide(d1.id, 'OFFICE', county105.id, '2026-01-12T03:00:00Z') // Mon: 1
  await decide(d1.id, 'CONAC', conacOffice.id, '2026-01-15T03:00:00Z') // Thu: Tue Wed Thu = 3
  await prisma.domain.update({ where: { id: d2.id }, data: { submittedAt: at('2026-01-05T02:00:00Z') } }) // Mon
  await decide(d2.id, 'OFFICE', county105.id, '2026-01-05T08:00:00Z') // same day: 0
  await decide(d2.id, 'CONAC', conacOffice.id, '2026-01-07T01:00:00Z') // Wed: 2
  await prisma.domain.update({ where: { id: d4.id }, data: { submittedAt: at('2026-01-20T02:00:00Z') } }) // Tue
  await decide(d4.id, 'OFFICE', county106.id, '2026-01-23T02:00:00Z') // Fri: 3
  await decide(d4.id, 'CONAC', conacOffice.id, '2026-01-26T02:00:00Z') // Mon across the weekend: 1
  await prisma.domain.update({ where: { id: d5.id }, data: { submittedAt: at('2026-02-13T02:00:00Z') } }) // Fri before 春节
  await decide(d5.id, 'OFFICE', county106.id, '2026-02-24T02:00:00Z') // Tue: Sat 14 Feb (调休) + Tue 24 Feb = 2

  // Fees of the offices: 小店区 collects 5000 (10 Jan) and 10000 (31 Jan 17:00Z = 1 Feb Beijing), remits 15000
  // (2 Feb); 10000 of it charged on 3 Feb. 太原市 collects 20000 (1 Mar).
  const collect = (officeId: number, unitId: number, amountFen: bigint, collectedAt: string) =>
    prisma.feeCollection.create({
      data: { officeId, unitId, amountFen, invoiceCount: 1, collectedById: reviewer.id, collectedAt: at(collectedAt) },
    })
  await collect(county105.id, unitA.id, 5000n, '2026-01-10T02:00:00Z')
  const big = await collect(county105.id, unitA.id, 10000n, '2026-01-31T17:00:00Z')
  const city = await office('140100')
  await collect(city.id, unitD.id, 20000n, '2026-03-01T02:00:00Z')
  await prisma.remittance.create({
    data: {
      officeId: county105.id,
      weekStart: at('2026-02-02T00:00:00Z'),
      amountFen: 15000n,
      submittedById: reviewer.id,
      submittedAt: at('2026-02-02T03:00:00Z'),
    },
  })
  const charge = await prisma.ledgerTransaction.create({ data: { kind: 'CHARGE', memo: '测试扣费' } })
  await prisma.feeCollectionItem.create({
    data: {
      feeCollectionId: big.id,
      domainId: d1.id,
      kind: 'REGISTRATION',
      years: 1,
      amountFen: 10000n,
      chargedAt: at('2026-02-03T01:00:00Z'),
      chargeTransactionId: charge.id,
    },
  })

  // Invoices: stock 7 (小店区), 3 (迎泽区), 11 (太原市). 小店区 issues: 1 sheet 10000 and its 红字 -10000 (1 sheet);
  // 2 sheets 5000; 2 sheets 8000 split into 3000 + 5000 (the parts draw no sheets; the parent's amount is not counted).
  await prisma.office.update({ where: { id: county105.id }, data: { invoiceStock: 7 } })
  await prisma.office.update({ where: { id: county106.id }, data: { invoiceStock: 3 } })
  await prisma.office.update({ where: { id: city.id }, data: { invoiceStock: 11 } })
  const invoice = (data: {
    kind?: 'NORMAL' | 'RED_LETTER' | 'SPLIT'
    count: number
    amountFen: bigint
    parentId?: number
    issuedAt: string
  }) =>
    prisma.invoice.create({
      data: { officeId: county105.id, unitId: unitA.id, issuedById: reviewer.id, ...data, issuedAt: at(data.issuedAt) },
    })
  const first = await invoice({ count: 1, amountFen: 10000n, issuedAt: '2026-02-05T02:00:00Z' })
  await invoice({
    kind: 'RED_LETTER',
    count: 1,
    amountFen: -10000n,
    parentId: first.id,
    issuedAt: '2026-02-06T02:00:00Z',
  })
  await invoice({ count: 2, amountFen: 5000n, issuedAt: '2026-01-12T02:00:00Z' })
  const parent = await invoice({ count: 2, amountFen: 8000n, issuedAt: '2026-03-02T02:00:00Z' })
  const part = {
    officeId: county105.id,
    unitId: unitA.id,
    issuedById: reviewer.id,
    kind: 'SPLIT' as const,
    count: 1,
    parentId: parent.id,
    issuedAt: at('2026-03-02T03:00:00Z'),
  }
  // one statement: the database checks that the parts conserve the parent's sheets and amount
  await prisma.invoice.createMany({
    data: [
      { ...part, amountFen: 3000n },
      { ...part, amountFen: 5000n },
    ],
  })

  // Site applications and badges in 新城区 150102: issued 20 Jan; issued 5 Mar, installed 10 Mar; issued 1 Dec 2025,
  // cancelled 1 Feb; plus one application waiting for its office since 5 Jan (overdue) and a draft (never counted).
  const unitF = await createUnit(prisma, { regionCode: '150102', type: 'PARTY_GOVERNMENT' })
  const b1 = await createIssuedBadge(prisma, { unitId: unitF.id, issuedAt: at('2026-01-20T02:00:00Z') })
  const b2 = await createIssuedBadge(prisma, { unitId: unitF.id, issuedAt: at('2026-03-05T02:00:00Z') })
  await prisma.badge.update({ where: { id: b2.badge.id }, data: { installedAt: at('2026-03-10T02:00:00Z') } })
  const b3 = await createIssuedBadge(prisma, { unitId: unitF.id, issuedAt: at('2025-12-01T02:00:00Z') })
  await prisma.badge.update({
    where: { id: b3.badge.id },
    data: { status: 'CANCELLED', cancelledAt: at('2026-02-01T02:00:00Z') },
  })
  await prisma.siteApplication.update({ where: { id: b3.application.id }, data: { status: 'BADGE_CANCELLED' } })
  const { id: _id, serialNumber, createdAt: _c, updatedAt: _u, chineseDomainId: _d, ...fields } = b1.application
  await prisma.siteApplication.create({
    data: {
      ...fields,
      serialNumber: `${serialNumber}P`,
      status: 'PENDING_OFFICE_REVIEW',
      submittedAt: at('2026-01-05T02:00:00Z'),
    },
  })
  await prisma.siteApplication.create({
    data: { ...fields, serialNumber: `${serialNumber}D`, status: 'DRAFT', submittedAt: null },
  })
})

afterAll(async () => {
  await t?.close()
})

// Every figure twice: from the counters the triggers keep (ranges below that are not month-aligned in Beijing time
// fall back to the baseline even then) and from the baseline GROUP BY.
describe.each([
  ['counters', counterStatisticsSource],
  ['baseline GROUP BY', sqlStatisticsSource],
])('regionStatistics: figures from the %s', (_name, source) => {
  let previous: StatisticsSource
  beforeAll(() => {
    previous = useStatisticsSource(source)
  })
  afterAll(() => {
    useStatisticsSource(previous)
  })

  it('counts units by type and system category for a county, its city (counties + own level) and the province', async () => {
    const county = await stats('140105')
    expect(county.region.code).toBe('140105')
    expect(county.units.total).toBe(2)
    expect(counts(county.units.byType)).toEqual({ PARTY_GOVERNMENT: 1, PUBLIC_INSTITUTION: 1 })
    expect(counts(county.units.bySystemCategory)).toEqual({ GOVERNMENT: 1, PUBLIC_INSTITUTION: 1 })
    expect(county.units.byType.map((row) => row.key)).toEqual([
      'PARTY_GOVERNMENT',
      'MASS_ORGANIZATION',
      'PUBLIC_INSTITUTION',
      'SOCIAL_ORGANIZATION',
    ])
    expect(county.children).toEqual([])

    const city = await stats('140100')
    // A, B (小店区) + C (迎泽区) + D (太原市 itself)
    expect(city.units.total).toBe(4)
    expect(counts(city.units.byType)).toEqual({ PARTY_GOVERNMENT: 2, PUBLIC_INSTITUTION: 1, MASS_ORGANIZATION: 1 })
    expect(counts(city.units.bySystemCategory)).toEqual({ GOVERNMENT: 3, PUBLIC_INSTITUTION: 1 })
    // children in code order; D sits at the city's own level, so in no child
    const codes = city.children.map((row) => row.region.code)
    expect(codes).toEqual([...codes].sort())
    expect(codes).toContain('140105')
    expect(child(city.children, '140105').units.total).toBe(2)
    expect(child(city.children, '140106').units.total).toBe(1)
    expect(city.children.reduce((total, row) => total + row.units.total, 0)).toBe(3)

    const province = await stats('140000')
    expect(province.units.total).toBe(5)
    expect(child(province.children, '140100').units.total).toBe(4)
    expect(child(province.children, '140200').units.total).toBe(1)
  })

  it('counts domains by status and suffix, and those expiring within 30 and 90 days', async () => {
    const county = await stats('140105')
    expect(county.domains.total).toBe(3)
    expect(counts(county.domains.byStatus)).toEqual({ REGISTERED: 2, PENDING_OFFICE_REVIEW: 1 })
    expect(counts(county.domains.bySuffix)).toEqual({ ZHENGWU: 2, GONGYI: 1 })
    expect([county.domains.expiringWithin30Days, county.domains.expiringWithin90Days]).toEqual([1, 2])

    const other = await stats('140106')
    // the last hour of day 29 is within 30; the first hours of day 30 only within 90
    expect([other.domains.expiringWithin30Days, other.domains.expiringWithin90Days]).toEqual([1, 2])

    const city = await stats('140100')
    expect(city.domains.total).toBe(7)
    expect(counts(city.domains.byStatus)).toEqual({ REGISTERED: 5, PENDING_OFFICE_REVIEW: 1, EXPIRED: 1 })
    expect(counts(city.domains.bySuffix)).toEqual({ ZHENGWU: 5, GONGYI: 2 })
    // D's: expired yesterday, or in 91 days: neither
    expect([city.domains.expiringWithin30Days, city.domains.expiringWithin90Days]).toEqual([2, 4])
    expect(child(city.children, '140105').domains.total).toBe(3)
    expect(child(city.children, '140106').domains.total).toBe(2)

    const province = await stats('140000')
    expect(province.domains.total).toBe(8)
    // E's domain is REGISTERED but expired an hour ago
    expect([province.domains.expiringWithin30Days, province.domains.expiringWithin90Days]).toEqual([2, 4])
  })

  it('buckets registrations by Beijing month: 2026-01-31T17:00Z is February', async () => {
    const county = await stats('140105')
    expect(county.domains.registrationsByMonth).toEqual([
      { month: '2026-01', count: 1 }, // 2026-01-31T15:59:59Z = 23:59:59 Beijing
      { month: '2026-02', count: 1 }, // 2026-01-31T17:00Z = 1 Feb 01:00 Beijing
    ])
    const city = await stats('140100')
    expect(city.domains.registrationsByMonth).toEqual([
      { month: '2024-05', count: 1 },
      { month: '2026-01', count: 2 }, // incl. 2025-12-31T16:00Z = 1 Jan 00:00 Beijing
      { month: '2026-02', count: 2 },
      { month: '2026-03', count: 1 },
    ])
    expect(city.domains.renewalsByMonth).toEqual([])
  })

  it('restricts flows to [from, to) and leaves the expiry windows alone', async () => {
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }
    const city = await stats('140100', range)
    expect(city.from).toBe(range.from)
    expect(city.to).toBe(range.to)
    // units created in January: B, C; domains applied for: d2 (5 Jan), d4 (20 Jan); d3 (1 Feb 00:00Z) is excluded
    expect(city.units.total).toBe(2)
    expect(city.domains.total).toBe(2)
    expect(counts(city.domains.byStatus)).toEqual({ REGISTERED: 2 })
    expect(child(city.children, '140105').domains.total).toBe(1)
    expect([city.domains.expiringWithin30Days, city.domains.expiringWithin90Days]).toEqual([2, 4])
    // registered in range: d2 (31 Jan 15:59:59Z, Beijing January) and d1 (31 Jan 17:00Z, Beijing February);
    // d4 (31 Dec 16:00Z) is before the range although its Beijing month is January
    expect(city.domains.registrationsByMonth).toEqual([
      { month: '2026-01', count: 1 },
      { month: '2026-02', count: 1 },
    ])
    const province = await stats('140000', range)
    expect(province.units.total).toBe(3) // B, C, E
    expect(province.domains.total).toBe(3) // d2, d4, E's
  })

  it('sums fees in fen per office, by Beijing month, within the range', async () => {
    const county = await stats('140105')
    expect(county.fees.collectedFen).toBe(15000)
    expect(county.fees.collectedByMonth).toEqual([
      { month: '2026-01', count: 1, amountFen: 5000 },
      { month: '2026-02', count: 1, amountFen: 10000 },
    ])
    expect(county.fees.remittedFen).toBe(15000)
    expect(county.fees.remittedByMonth).toEqual([{ month: '2026-02', count: 1, amountFen: 15000 }])
    expect(county.fees.chargedFen).toBe(10000)
    expect(county.fees.chargedByMonth).toEqual([{ month: '2026-02', count: 1, amountFen: 10000 }])

    const city = await stats('140100')
    expect(city.fees.collectedFen).toBe(35000)
    expect(city.fees.collectedByMonth.map((row) => row.amountFen)).toEqual([5000, 10000, 20000])

    const ranged = await stats('140100', { from: '2026-01-15T00:00:00Z', to: '2026-04-01T00:00:00Z' })
    expect(ranged.fees.collectedFen).toBe(30000)
    expect(ranged.fees.remittedFen).toBe(15000)
    const none = await stats('140100', { from: '2026-03-02T00:00:00Z', to: '2026-04-01T00:00:00Z' })
    expect([none.fees.collectedFen, none.fees.remittedFen, none.fees.chargedFen]).toEqual([0, 0, 0])
  })

  it('counts invoice stock (now) and sheets and amounts issued (in the range)', async () => {
    const county = await stats('140105')
    // sheets: 1 + 1 (红字) + 2 + 2 (split parent) = 6; amount: 10000 - 10000 + 5000 + 3000 + 5000 = 13000
    expect(county.invoices).toEqual({ stock: 7, issued: 6, issuedAmountFen: 13000 })
    const city = await stats('140100')
    expect(city.invoices).toEqual({ stock: 21, issued: 6, issuedAmountFen: 13000 })
    const february = await stats('140100', { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })
    expect(february.invoices).toEqual({ stock: 21, issued: 2, issuedAmountFen: 0 })
  })

  it('computes review turnaround in working days (median and p90 interpolated) and overdue items', async () => {
    const level = (s: Awaited<ReturnType<typeof stats>>, name: string) =>
      s.reviews.turnaround.find((row) => row.level === name)!
    const city = await stats('140100')
    expect(city.reviews.turnaround.map((row) => row.level)).toEqual(['OFFICE', 'CONAC', 'PAPER'])
    // OFFICE: 1, 0, 3, 2 -> sorted 0 1 2 3: median 1.5, p90 at 2.7 -> 2.7
    expect(level(city, 'OFFICE')).toEqual({
      level: 'OFFICE',
      decisions: 4,
      medianWorkingDays: 1.5,
      p90WorkingDays: 2.7,
    })
    // CONAC: 3, 2, 1 -> median 2, p90 at 1.8 -> 2 + 0.8 = 2.8
    expect(level(city, 'CONAC')).toEqual({ level: 'CONAC', decisions: 3, medianWorkingDays: 2, p90WorkingDays: 2.8 })
    expect(level(city, 'PAPER')).toEqual({
      level: 'PAPER',
      decisions: 0,
      medianWorkingDays: null,
      p90WorkingDays: null,
    })
    expect(city.reviews.overdueDomainApplications).toBe(1) // d3, waiting since 5 Jan
    expect(city.reviews.overdueSiteApplications).toBe(0)

    const county = await stats('140106')
    // OFFICE: 3 and 2 (across 春节 with the 调休 Saturday) -> median 2.5, p90 2.9
    expect(level(county, 'OFFICE')).toEqual({
      level: 'OFFICE',
      decisions: 2,
      medianWorkingDays: 2.5,
      p90WorkingDays: 2.9,
    })
    expect(county.reviews.overdueDomainApplications).toBe(0)

    const ranged = await stats('140100', { from: '2026-01-10T00:00:00Z', to: '2026-02-01T00:00:00Z' })
    // OFFICE 12 Jan (1) and 23 Jan (3); CONAC 15 Jan (3) and 26 Jan (1)
    expect(level(ranged, 'OFFICE')).toMatchObject({ decisions: 2, medianWorkingDays: 2 })
    expect(level(ranged, 'CONAC')).toMatchObject({ decisions: 2, medianWorkingDays: 2 })
    expect(ranged.reviews.overdueDomainApplications).toBe(1) // now, whatever the range
  })

  it('counts site applications by status (no drafts) and badges issued, installed and cancelled', async () => {
    const county = await stats('150102')
    expect(county.siteApplications.total).toBe(4)
    expect(counts(county.siteApplications.byStatus)).toEqual({
      BADGE_ISSUED: 2,
      BADGE_CANCELLED: 1,
      PENDING_OFFICE_REVIEW: 1,
    })
    expect(county.siteApplications.byStatus.map((row) => row.key)).not.toContain('DRAFT')
    expect(county.badges).toEqual({ issued: 3, installed: 1, cancelled: 1 })
    expect(county.reviews.overdueSiteApplications).toBe(1)

    const ranged = await stats('150100', { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })
    expect(ranged.siteApplications.total).toBe(2) // submitted 5 Jan and 20 Jan
    expect(ranged.badges).toEqual({ issued: 1, installed: 0, cancelled: 1 })
  })

  it('drills down province -> city -> county with the same numbers at every level', async () => {
    const result = await t.execute(DrillDown, { regionCode: '140000' }, { cookie: cookies.conac! })
    expect(result.errors).toBeUndefined()
    const province = result.data!.regionStatistics
    expect(province.units.total).toBe(5)
    const taiyuan = child(province.children, '140100')
    expect(taiyuan.units.total).toBe(4)
    expect(taiyuan.domains).toEqual({ total: 7, expiringWithin90Days: 4 })
    expect(child(taiyuan.children, '140105')).toEqual({
      region: { code: '140105' },
      units: { total: 2 },
      domains: { total: 3 },
    })
    expect(child(taiyuan.children, '140106')).toEqual({
      region: { code: '140106' },
      units: { total: 1 },
      domains: { total: 2 },
    })
    const datong = child(province.children, '140200')
    expect(child(datong.children, '140212')).toEqual({
      region: { code: '140212' },
      units: { total: 1 },
      domains: { total: 1 },
    })
  })

  it('asks the source once per family and tree level, never once per child', async () => {
    const calls: { family: string; depth: number; roots: number }[] = []
    const counting = Object.fromEntries(
      (Object.keys(sqlStatisticsSource) as (keyof StatisticsSource)[]).map((family) => [
        family,
        (query: Parameters<StatisticsSource[typeof family]>[0]) => {
          calls.push({ family, depth: query.roots[0]!.depth, roots: query.roots.length })
          return (sqlStatisticsSource[family] as (q: typeof query) => Promise<unknown>)(query)
        },
      ]),
    ) as unknown as StatisticsSource
    const previous = useStatisticsSource(counting)
    try {
      const result = await t.execute(DrillDown, { regionCode: '140000' }, { cookie: cookies.conac! })
      expect(result.errors).toBeUndefined()
    } finally {
      useStatisticsSource(previous)
    }
    const cities = await t.db.prisma.region.count({ where: { parentCode: '140000' } })
    // the province and its cities from one statement set; all the cities' counties from one more
    expect(calls.sort((a, b) => a.family.localeCompare(b.family) || a.depth - b.depth)).toEqual([
      { family: 'domains', depth: 2, roots: 1 },
      { family: 'domains', depth: 3, roots: cities },
      { family: 'units', depth: 2, roots: 1 },
      { family: 'units', depth: 3, roots: cities },
    ])
  })

  it('rejects a bad range', async () => {
    const backwards = await t.execute(
      Stats,
      { regionCode: '140000', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { cookie: cookies.conac! },
    )
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT'])
    const empty = await t.execute(
      Stats,
      { regionCode: '140000', from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { cookie: cookies.conac! },
    )
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT'])
    const tooLong = await t.execute(
      Stats,
      { regionCode: '140000', from: '2010-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      { cookie: cookies.conac! },
    )
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT'])
  })

  it('answers month-aligned Beijing ranges from the counters exactly as the baseline does', async () => {
    const ranges = [
      {},
      { from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' },
      { from: '2026-02-01T00:00:00+08:00' },
      { to: '2026-03-01T00:00:00+08:00' },
      { from: '2025-12-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' },
    ]
    for (const regionCode of ['140000', '140100', '140105', '150100', null]) {
      for (const range of ranges) {
        const previous = useStatisticsSource(sqlStatisticsSource)
        const expected = await stats(regionCode, range).finally(() => useStatisticsSource(previous))
        const fromCounters = useStatisticsSource(counterStatisticsSource)
        const actual = await stats(regionCode, range).finally(() => useStatisticsSource(fromCounters))
        expect(actual, `${regionCode} ${JSON.stringify(range)}`).toEqual(expected)
      }
    }
  })

  it('answers series summed over the children, and the children’s own months when asked, as the baseline does', async () => {
    type Variables = { regionCode: string | null; from?: string; to?: string }
    const ask = async <R>(
      document: TypedDocumentNode<{ regionStatistics: R }, Variables>,
      source: StatisticsSource,
      regionCode: string | null,
      range: { from?: string; to?: string },
    ) => {
      const previous = useStatisticsSource(source)
      try {
        const result = await t.execute(document, { regionCode, ...range }, { cookie: cookies.conac! })
        expect(result.errors).toBeUndefined()
        return result.data!.regionStatistics
      } finally {
        useStatisticsSource(previous)
      }
    }
    for (const regionCode of ['140000', '140100', '140105', null]) {
      for (const range of [{}, { from: '2026-01-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' }]) {
        const label = `${regionCode} ${JSON.stringify(range)}`
        const totals = await ask(ChildTotals, counterStatisticsSource, regionCode, range)
        expect(totals, label).toEqual(await ask(ChildTotals, sqlStatisticsSource, regionCode, range))
        const series = await ask(ChildSeries, counterStatisticsSource, regionCode, range)
        expect(series, label).toEqual(await ask(ChildSeries, sqlStatisticsSource, regionCode, range))
        // The fixture has fees in 山西's children, so the comparison is not between empty answers.
        if (regionCode === '140000') {
          expect(
            totals.children.some((row) => Number(row.fees.collectedFen) > 0),
            label,
          ).toBe(true)
          expect(series.children.flatMap((row) => row.fees.collectedByMonth).length, label).toBeGreaterThan(0)
        }
      }
    }
  })
})

describe('regionStatistics: who may see which subtree', () => {
  it('lets the 濮阳市 office see its own city by default and 南乐县 below it', async () => {
    const own = await t.execute(Totals, {}, { cookie: cookies.puyang! })
    expect(own.errors).toBeUndefined()
    expect(own.data!.regionStatistics.region.code).toBe('410900')
    const nanle = await t.execute(Totals, { regionCode: '410923' }, { cookie: cookies.puyang! })
    expect(nanle.errors).toBeUndefined()
    expect(nanle.data!.regionStatistics.region.code).toBe('410923')
  })

  it('refuses regions outside the subtree with FORBIDDEN and no data', async () => {
    for (const [who, regionCode] of [
      ['puyang', '130000'],
      ['puyang', '410100'],
      ['puyang', '410000'],
      ['qingfeng', '410900'],
      ['qingfeng', '410923'],
    ] as const) {
      const result = await t.execute(Totals, { regionCode }, { cookie: cookies[who]! })
      expect({ who, regionCode, codes: errorCodes(result) }).toEqual({ who, regionCode, codes: ['FORBIDDEN'] })
      expect(result.data?.regionStatistics ?? null).toBeNull()
      expect(result.errors![0]!.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('answers NOT_FOUND for an unknown region and BAD_USER_INPUT for a malformed code', async () => {
    expect(errorCodes(await t.execute(Totals, { regionCode: '999999' }, { cookie: cookies.conac! }))).toEqual([
      'NOT_FOUND',
    ])
    expect(errorCodes(await t.execute(Totals, { regionCode: '41x' }, { cookie: cookies.puyang! }))).toEqual([
      'BAD_USER_INPUT',
    ])
  })

  it('refuses unit users and asks anonymous callers to log in', async () => {
    const unitUser = await t.execute(Totals, {}, { cookie: cookies.qfzf! })
    expect(errorCodes(unitUser)).toEqual(['FORBIDDEN'])
    expect(unitUser.data?.regionStatistics ?? null).toBeNull()
    const anonymous = await t.execute(Totals, { regionCode: '410900' })
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED'])
  })

  it('serves a read-only API token of the 濮阳市 office within its subtree', async () => {
    const created = await t.execute(
      CreateToken,
      { input: { name: '统计只读', access: 'READ_ONLY' } },
      { cookie: cookies.puyang! },
    )
    expect(created.errors).toBeUndefined()
    const token = created.data!.createApiToken.token
    const own = await t.execute(Totals, { regionCode: '410922' }, { token })
    expect(own.errors).toBeUndefined()
    expect(own.data!.regionStatistics.region.code).toBe('410922')
    expect(errorCodes(await t.execute(Totals, { regionCode: '130000' }, { token }))).toEqual(['FORBIDDEN'])
  })

  it('shows CONAC the country, its total the sum of the provinces', async () => {
    const result = await t.execute(Totals, {}, { cookie: cookies.conac! })
    expect(result.errors).toBeUndefined()
    const country = result.data!.regionStatistics
    expect(country.region.code).toBe('100000')
    expect(country.units.total).toBeGreaterThanOrEqual(6)
    expect(country.children.reduce((total, row) => total + row.units.total, 0)).toBe(country.units.total)
    expect(child(country.children, '140000').units.total).toBe(5)
    expect(child(country.children, '150000').units.total).toBe(1)
    expect(child(country.children, '410000').units.total).toBeGreaterThan(0)
  })
})
