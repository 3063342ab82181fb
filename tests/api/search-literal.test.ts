// Search text is matched as written. Prisma turns contains/startsWith into LIKE without escaping the operand
// (prisma/prisma#19506), so "%" found every row in scope and "_" any character; lib/likeText.ts escapes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Units = graphql(`
  query TestLiteralUnits($search: String, $regionCode: String) {
    units(first: 100, search: $search, regionCode: $regionCode) {
      totalCount
      edges {
        node {
          name
        }
      }
    }
  }
`)
const Domains = graphql(`
  query TestLiteralDomains($filter: DomainFilter) {
    domains(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          name
        }
      }
    }
  }
`)
const Decisions = graphql(`
  query TestLiteralDecisions($filter: DomainDecisionFilter) {
    domainReviewDecisions(first: 1, filter: $filter) {
      totalCount
    }
  }
`)
const Payments = graphql(`
  query TestLiteralPayments($filter: UnitPaymentFilter) {
    unitPayments(first: 1, filter: $filter) {
      totalCount
    }
  }
`)

const WILD_UNIT = '清丰县通配符_测试%单位'
// A domain name cannot hold "%" or "_" (DNS refuses them); the unit's name does, and a domain is found through it.
const WILD_DOMAIN = '百分号下划线测试'
let t: TestApp
let conac: string
/** A decision on a domain of `unitId` and a fee collected from it, so both lists have a row of it. */
async function decideAndCollect(unitId: number, domainName?: string) {
  const prisma = t.db.prisma
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
  const staff = await prisma.user.findFirstOrThrow({ where: { officeId: office.id } })
  const domain = await createDomain(prisma, { unitId, name: domainName })
  await prisma.reviewDecision.create({
    data: {
      subject: 'DOMAIN',
      domainId: domain.id,
      level: 'OFFICE',
      officeId: office.id,
      reviewerId: staff.id,
      result: 'APPROVED',
    },
  })
  await prisma.feeCollection.create({
    data: {
      officeId: office.id,
      unitId,
      amountFen: 50_000n,
      invoiceCount: 1,
      collectedById: staff.id,
      items: { create: [{ domainId: domain.id, kind: 'REGISTRATION', years: 1, amountFen: 50_000n }] },
    },
  })
}

beforeAll(async () => {
  t = await createTestApp()
  const wild = await createUnit(t.db.prisma, { regionCode: '410922', name: WILD_UNIT })
  await decideAndCollect(wild.id, WILD_DOMAIN)
  await decideAndCollect((await createUnit(t.db.prisma, { regionCode: '410922', name: '清丰县普通测试局' })).id)
  conac = await t.login('conac')
})
afterAll(() => t?.close())

async function data<T>(result: Promise<{ data?: T | null; errors?: unknown }>): Promise<T> {
  const { data, errors } = await result
  expect(errors).toBeUndefined()
  return data!
}

describe('search text is literal, not a LIKE pattern', () => {
  it('units: "%", "_" and "\\" find only names that contain them; the pattern around them still matches', async () => {
    const names = async (search: string) =>
      (await data(t.execute(Units, { search }, { cookie: conac }))).units.edges.map((edge) => edge.node.name)
    expect((await data(t.execute(Units, {}, { cookie: conac }))).units.totalCount).toBeGreaterThan(1)
    expect(await names('%')).toEqual([WILD_UNIT])
    expect(await names('_')).toEqual([WILD_UNIT])
    expect(await names('符_测试%单')).toEqual([WILD_UNIT])
    expect(await names('清丰县_')).toEqual([]) // "_" is not "any one character"
    expect(await names('\\')).toEqual([])
    expect(await names('\\%')).toEqual([])
    expect((await data(t.execute(Units, { regionCode: '%' }, { cookie: conac }))).units.totalCount).toBe(0)
    expect((await data(t.execute(Units, { regionCode: '4109__' }, { cookie: conac }))).units.totalCount).toBe(0)
  })

  it('domains: by name, by unit name and by region code', async () => {
    const names = async (filter: object) =>
      (await data(t.execute(Domains, { filter }, { cookie: conac }))).domains.edges.map((edge) => edge.node.name)
    expect((await data(t.execute(Domains, {}, { cookie: conac }))).domains.totalCount).toBeGreaterThan(1)
    expect(await names({ search: '%' })).toEqual([WILD_DOMAIN])
    expect(await names({ search: '号%下' })).toEqual([]) // as a LIKE pattern it would match 百分号下划线测试
    expect(await names({ search: '通配符_' })).toEqual([WILD_DOMAIN]) // through the unit's name
    expect(await names({ regionCode: '%' })).toEqual([])
    expect(await names({ regionCode: '4109_2' })).toEqual([])
  })

  it('域名历史查询 and 用户缴费查询', async () => {
    const decisions = async (filter: object) =>
      (await data(t.execute(Decisions, { filter }, { cookie: conac }))).domainReviewDecisions.totalCount
    const payments = async (filter: object) =>
      (await data(t.execute(Payments, { filter }, { cookie: conac }))).unitPayments.totalCount
    expect(await decisions({})).toBeGreaterThan(1)
    expect(await decisions({ search: '%' })).toBe(1)
    expect(await decisions({ search: '_' })).toBe(1)
    expect(await decisions({ search: '清丰县_' })).toBe(0)
    expect(await payments({})).toBeGreaterThan(1)
    expect(await payments({ unitName: '%' })).toBe(1)
    expect(await payments({ unitName: '通配符_测试%' })).toBe(1)
    expect(await payments({ unitName: '清丰县_' })).toBe(0)
  })
})
