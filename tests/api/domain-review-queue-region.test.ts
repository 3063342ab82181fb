// The office review queue (待审核域名) finds its rows by domains.queueRegionCode, which the database's triggers keep
// equal to the unit's region code while the domain is PENDING_OFFICE_REVIEW (migration
// 20261207103500_office_queue_region). The queue must follow whatever moves a pending application: a 机构改革 merge
// into a unit of another county, a unit whose region changes, a review that takes it out of the queue and a
// resubmission that puts it back. After every step the column agrees with the units for every domain, and the
// queue's rows and counts agree with the same filter written through the units (reviewQueueWhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { beijingDay } from '../../server/src/lib/workdays.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { ReorganisationPlanInput } from '../graphql/generated/graphql.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { freshName } from '../testkit/domains.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Queue = graphql(`
  query TestQueueRegion($first: Int) {
    domainReviewQueue(first: $first) {
      totalCount
      edges {
        node {
          id
          unit {
            id
          }
        }
      }
    }
    domainReviewQueueSummary {
      pending
    }
  }
`)

const DryRun = graphql(`
  query TestQueueRegionDryRun($plan: ReorganisationPlanInput!) {
    reorganisationDryRun(plan: $plan) {
      objects {
        objectType
        objectId
      }
    }
  }
`)

const Propose = graphql(`
  mutation TestQueueRegionPropose($input: ReorganisationPlanInput!) {
    proposeReorganisation(input: $input) {
      id
    }
  }
`)

const Approve = graphql(`
  mutation TestQueueRegionApprove($input: ReviewReorganisationInput!) {
    reviewReorganisation(input: $input) {
      status
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  for (const login of ['qingfeng', 'nanle', 'puyang']) cookies[login] = await t.login(login)
  // The four-eyes rule: the city office's plan is approved by a second reviewer of the same office.
  const second = await makeUserLike(t, 'puyang', { officeRoles: ['REVIEWER'] })
  cookies.puyang2 = await t.login(second.username)
}, 120_000)

afterAll(async () => {
  await t?.close()
})

/** Domains whose queueRegionCode is not what the triggers promise (the unit's region while pending, else null). */
async function staleQueueRegions() {
  const [row] = await t.db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM domains d JOIN units u ON u.id = d."unitId"
      WHERE d."queueRegionCode" IS DISTINCT FROM
            (CASE WHEN d.status = 'PENDING_OFFICE_REVIEW' THEN u."regionCode" END)`,
  )
  return row!.n
}

/** The ids in `login`'s queue, checked against the same queue read through the units with Prisma. */
async function queueOf(login: string, regionCode: string) {
  const result = await t.execute(Queue, { first: 100 }, { cookie: cookies[login] })
  expect(result.errors).toBeUndefined()
  const queue = result.data!.domainReviewQueue
  const where = { status: 'PENDING_OFFICE_REVIEW' as const, unit: { regionCode } }
  const expected = await t.db.prisma.domain.findMany({
    where,
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    select: { id: true },
    take: 100,
  })
  const ids = queue.edges.map((edge) => Number(edge.node.id))
  expect(ids).toEqual(expected.map((domain) => domain.id))
  const total = await t.db.prisma.domain.count({ where })
  expect(queue.totalCount).toBe(total)
  expect(result.data!.domainReviewQueueSummary.pending).toBe(total)
  // The tests below look for their own rows, so the queue must fit one page.
  expect(total).toBeLessThan(100)
  return ids
}

describe('the office queue follows the pending application', () => {
  it('a 机构改革 merge into a unit of another county moves it to that county’s queue', async () => {
    const target = await createUnit(t.db.prisma, { regionCode: '410922' }) // 清丰县
    const source = await createUnit(t.db.prisma, { regionCode: '410923' }) // 南乐县
    const pending = await createDomain(t.db.prisma, { unitId: source.id, name: freshName('改革待审') })
    expect(await queueOf('nanle', '410923')).toContain(pending.id)
    expect(await queueOf('qingfeng', '410922')).not.toContain(pending.id)

    const plan: ReorganisationPlanInput = {
      kind: 'MERGE',
      effectiveDate: beijingDay(new Date()),
      sourceUnitIds: [String(target.id), String(source.id)],
      targets: [{ ref: 'T1', existingUnitId: String(target.id) }],
      assignments: [],
      note: '跨县合并，待审申请随单位转移',
    }
    const dry = await t.execute(DryRun, { plan }, { cookie: cookies.puyang })
    expect(dry.errors).toBeUndefined()
    plan.assignments = dry.data!.reorganisationDryRun.objects.map((o) => ({
      objectType: o.objectType,
      objectId: o.objectId,
      action: 'MOVE' as const,
      targetRef: 'T1',
    }))
    const filed = await t.execute(Propose, { input: plan }, { cookie: cookies.puyang })
    expect(filed.errors).toBeUndefined()
    const done = await t.execute(
      Approve,
      { input: { id: filed.data!.proposeReorganisation.id, approve: true } },
      { cookie: cookies.puyang2 },
    )
    expect(done.errors).toBeUndefined()
    expect(done.data!.reviewReorganisation.status).toBe('CARRIED_OUT')

    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: pending.id } })).unitId).toBe(target.id)
    expect(await queueOf('qingfeng', '410922')).toContain(pending.id)
    expect(await queueOf('nanle', '410923')).not.toContain(pending.id)
    expect(await staleQueueRegions()).toBe(0)
  })

  it('a unit whose region changes takes its pending applications along, and only those', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410923' })
    const pending = await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('迁移待审') })
    const approved = await createDomain(t.db.prisma, {
      unitId: unit.id,
      name: freshName('迁移已过'),
      status: 'OFFICE_APPROVED',
    })
    expect(await queueOf('nanle', '410923')).toContain(pending.id)

    await t.db.prisma.unit.update({ where: { id: unit.id }, data: { regionCode: '410922' } })
    expect(await queueOf('qingfeng', '410922')).toContain(pending.id)
    expect(await queueOf('nanle', '410923')).not.toContain(pending.id)
    const rows = await t.db.prisma.domain.findMany({
      where: { id: { in: [pending.id, approved.id] } },
      select: { id: true, queueRegionCode: true },
      orderBy: { id: 'asc' },
    })
    expect(rows).toEqual([
      { id: pending.id, queueRegionCode: '410922' },
      { id: approved.id, queueRegionCode: null },
    ])
    expect(await staleQueueRegions()).toBe(0)
  })

  it('leaves the queue when it leaves the pending status, and comes back when it returns to it', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410923' })
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('进出队列') })
    expect(await queueOf('nanle', '410923')).toContain(domain.id)

    await t.db.prisma.domain.update({ where: { id: domain.id }, data: { status: 'OFFICE_REJECTED' } })
    expect(await queueOf('nanle', '410923')).not.toContain(domain.id)
    expect(await staleQueueRegions()).toBe(0)

    await t.db.prisma.domain.update({ where: { id: domain.id }, data: { status: 'PENDING_OFFICE_REVIEW' } })
    expect(await queueOf('nanle', '410923')).toContain(domain.id)
    expect(await staleQueueRegions()).toBe(0)
  })

  it('a value written by anyone but the triggers does not stick', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410923' })
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('写错地区') })
    await t.db.prisma.domain.update({ where: { id: domain.id }, data: { queueRegionCode: '410922' } })
    const registered = await createDomain(t.db.prisma, {
      unitId: unit.id,
      name: freshName('已注册'),
      status: 'REGISTERED',
    })
    await t.db.prisma.domain.update({ where: { id: registered.id }, data: { queueRegionCode: '410923' } })
    expect(await staleQueueRegions()).toBe(0)
    expect(await queueOf('qingfeng', '410922')).not.toContain(domain.id)
    expect(await queueOf('nanle', '410923')).toContain(domain.id)
  })
})
