// 域名审核: the same-level office (初审) then CONAC (复审), each transition guarded by (status, version), with its
// review decision, audit row and notifications; wrong level, wrong office and out of scope change nothing;
// review queues and 域名历史查询.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId, freshName, officeOfLogin, reviewTrail } from '../testkit/domains.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Apply = graphql(`
  mutation TestReviewApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      name
      status
      version
    }
  }
`)

const Review = graphql(`
  mutation TestReviewDomain($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
      reviewDecisions {
        level
        result
        reason
        office {
          name
        }
        reviewerName
      }
    }
  }
`)

const Resubmit = graphql(`
  mutation TestReviewResubmit($input: ResubmitDomainApplicationInput!) {
    resubmitDomainApplication(input: $input) {
      id
      name
      status
      version
    }
  }
`)

const Queue = graphql(`
  query TestDomainReviewQueue($first: Int, $after: String) {
    domainReviewQueue(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          status
          awaitingReviewSince
          unit {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    domainReviewQueueSummary {
      pending
      oldestSubmittedAt
      overThreeDays
    }
  }
`)

const History = graphql(`
  query TestDomainReviewDecisions($filter: DomainDecisionFilter, $first: Int) {
    domainReviewDecisions(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          level
          result
          reason
          domainNameAtDecision
          domain {
            id
            name
            status
          }
        }
      }
    }
  }
`)

const CreateToken = graphql(`
  mutation TestReviewCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
    }
  }
`)

let t: TestApp
let qfzfUnit: number
beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
})
afterAll(() => t?.close())

async function apply(username = 'qfzf') {
  const result = await t.execute(
    Apply,
    { input: { name: freshName('审核'), suffix: 'ZHENGWU', years: 2 } },
    { cookie: await t.login(username) },
  )
  expect(result.errors).toBeUndefined()
  return { id: result.data!.applyForDomain.id, name: result.data!.applyForDomain.name }
}

const row = (id: string) => t.db.prisma.domain.findUniqueOrThrow({ where: { id: Number(id) } })

describe('apply → office approval → CONAC approval', () => {
  it('moves through both levels with one decision, one audit row and notifications per step', async () => {
    const { id, name } = await apply()
    const qingfeng = await t.login('qingfeng')
    const office = await t.execute(Review, { input: { id, version: 0, decision: 'APPROVE' } }, { cookie: qingfeng })
    expect(office.errors).toBeUndefined()
    expect(office.data!.reviewDomain).toMatchObject({ status: 'OFFICE_APPROVED', version: 1 })
    expect(office.data!.reviewDomain.reviewDecisions).toEqual([
      expect.objectContaining({
        level: 'OFFICE',
        result: 'APPROVED',
        reason: null,
        office: { name: (await officeOfLogin(t, 'qingfeng')).name },
      }),
    ])

    const conac = await t.execute(
      Review,
      { input: { id, version: 1, decision: 'APPROVE' } },
      { cookie: await t.login('conac') },
    )
    expect(conac.errors).toBeUndefined()
    expect(conac.data!.reviewDomain).toMatchObject({ status: 'CONAC_APPROVED', version: 2 })

    const trail = await reviewTrail(t, Number(id))
    expect(trail.decisions.map((d) => [d.subject, d.level, d.result])).toEqual([
      ['DOMAIN', 'OFFICE', 'APPROVED'],
      ['DOMAIN', 'CONAC', 'APPROVED'],
    ])
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'conac' } })
    expect(trail.decisions[1]!.reviewerId).toBe(reviewer.id)
    expect(
      trail.audits.map((a) => [
        a.action,
        (a.before as { status?: string } | null)?.status ?? null,
        (a.after as { status: string }).status,
      ]),
    ).toEqual([
      ['domain.apply', null, 'PENDING_OFFICE_REVIEW'],
      ['domain.review', 'PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED'],
      ['domain.review', 'OFFICE_APPROVED', 'CONAC_APPROVED'],
    ])

    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnit }, include: { users: true } })
    const conacStaff = await t.db.prisma.user.findMany({ where: { role: 'CONAC_STAFF' } })
    const [first, second] = trail.decisions
    const of = (decisionId: number) =>
      trail.notifications.filter((n) => n.dedupeKey!.startsWith(`domain-review:${decisionId}:`))
    // Office approval: SMS + EMAIL to the handler, IN_APP to the unit's users and to CONAC staff (work waiting).
    expect(
      of(first!.id)
        .filter((n) => n.channel === 'SMS')
        .map((n) => n.address),
    ).toEqual([unit.handlerMobile])
    expect(
      of(first!.id)
        .filter((n) => n.channel === 'EMAIL')
        .map((n) => n.address),
    ).toEqual([unit.handlerEmail])
    expect(
      of(first!.id)
        .filter((n) => n.channel === 'IN_APP')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([...unit.users.map((u) => u.id), ...conacStaff.map((u) => u.id)].sort())
    expect(of(first!.id).find((n) => n.channel === 'SMS')!.body).toContain(`${name}.政务 编办审核通过`)
    expect(of(first!.id).find((n) => n.channel === 'SMS')!.dedupeKey).toBe(
      `domain-review:${first!.id}:SMS:${unit.handlerMobile}`,
    )
    // CONAC approval: the unit only.
    expect(
      of(second!.id)
        .map((n) => n.channel)
        .sort(),
    ).toEqual(['EMAIL', 'SMS', ...unit.users.map(() => 'IN_APP')].sort())
    expect(of(second!.id).find((n) => n.channel === 'EMAIL')!.body).toContain('CONAC审核通过')
  })
})

describe('rejection at each level, then edit and resubmit', () => {
  it('office rejection needs a reason, is notified with it, and the unit resubmits', async () => {
    const { id, name } = await apply()
    const qingfeng = await t.login('qingfeng')
    for (const reason of [undefined, '', ' x ', 'x'.repeat(501)]) {
      const refused = await t.execute(
        Review,
        { input: { id, version: 0, decision: 'REJECT', reason } },
        { cookie: qingfeng },
      )
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    }
    expect((await row(id)).status).toBe('PENDING_OFFICE_REVIEW')
    expect((await reviewTrail(t, Number(id))).decisions).toHaveLength(0)

    const rejected = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'REJECT', reason: '名称与单位名称不符' } },
      { cookie: qingfeng },
    )
    expect(rejected.data!.reviewDomain).toMatchObject({ status: 'OFFICE_REJECTED', version: 1 })
    const trail = await reviewTrail(t, Number(id))
    expect(trail.decisions[0]).toMatchObject({ level: 'OFFICE', result: 'REJECTED', reason: '名称与单位名称不符' })
    const sms = trail.notifications.find((n) => n.channel === 'SMS')!
    expect(sms.body).toContain(`${name}.政务 编办审核未通过`)
    expect(sms.body).toContain('名称与单位名称不符')
    // No notice to CONAC after a rejection.
    const conacStaff = await t.db.prisma.user.findMany({ where: { role: 'CONAC_STAFF' } })
    expect(trail.notifications.some((n) => conacStaff.some((u) => u.id === n.userId))).toBe(false)

    const newName = freshName('清丰县政府办')
    const resubmitted = await t.execute(
      Resubmit,
      { input: { id, version: 1, name: newName, years: 3 } },
      { cookie: await t.login('qfzf') },
    )
    expect(resubmitted.data!.resubmitDomainApplication).toMatchObject({
      status: 'PENDING_OFFICE_REVIEW',
      version: 2,
      name: newName,
    })
    const approved = await t.execute(Review, { input: { id, version: 2, decision: 'APPROVE' } }, { cookie: qingfeng })
    expect(approved.data!.reviewDomain.status).toBe('OFFICE_APPROVED')
    // The rejection stays in the history after the resubmission.
    const history = await t.execute(History, { filter: { result: 'REJECTED' }, first: 100 }, { cookie: qingfeng })
    expect(history.data!.domainReviewDecisions.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({
        level: 'OFFICE',
        reason: '名称与单位名称不符',
        domainNameAtDecision: name,
        domain: expect.objectContaining({ id, name: newName }),
      }),
    )
  })

  it('CONAC rejection, then resubmission goes back to the office', async () => {
    const domain = await createDomain(t.db.prisma, {
      unitId: qfzfUnit,
      name: freshName('待复审'),
      status: 'OFFICE_APPROVED',
    })
    const id = String(domain.id)
    const conac = await t.login('conac')
    const rejected = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'REJECT', reason: '域名含义不明确' } },
      { cookie: conac },
    )
    expect(rejected.data!.reviewDomain).toMatchObject({ status: 'CONAC_REJECTED', version: 1 })
    expect((await reviewTrail(t, domain.id)).decisions[0]).toMatchObject({
      level: 'CONAC',
      result: 'REJECTED',
      reason: '域名含义不明确',
    })
    const resubmitted = await t.execute(
      Resubmit,
      { input: { id, version: 1, name: domain.name, years: 1 } },
      { cookie: await t.login('qfzf') },
    )
    expect(resubmitted.data!.resubmitDomainApplication.status).toBe('PENDING_OFFICE_REVIEW')
    // CONAC cannot skip the office.
    const early = await t.execute(Review, { input: { id, version: 2, decision: 'APPROVE' } }, { cookie: conac })
    expect(errorCodes(early)).toEqual(['CONFLICT'])
    expect((await row(id)).version).toBe(2)
  })
})

describe('concurrency', () => {
  it('10 concurrent reviews of one application: exactly one succeeds, one decision, version +1', async () => {
    const { id } = await apply()
    const cookies = await Promise.all(Array.from({ length: 10 }, () => t.login('qingfeng')))
    const results = await Promise.all(
      cookies.map((cookie, index) =>
        t.execute(
          Review,
          { input: { id, version: 0, decision: index % 2 ? 'APPROVE' : 'REJECT', reason: '并发审核测试' } },
          { cookie },
        ),
      ),
    )
    expect(results.filter((result) => !result.errors)).toHaveLength(1)
    expect(results.flatMap((result) => errorCodes(result))).toEqual(Array(9).fill('CONFLICT'))
    const trail = await reviewTrail(t, Number(id))
    expect(trail.decisions).toHaveLength(1)
    expect(trail.audits.filter((a) => a.action === 'domain.review')).toHaveLength(1)
    expect((await row(id)).version).toBe(1)
  })

  it('the same cookie ten times, and a stale version', async () => {
    const { id } = await apply()
    const cookie = await t.login('qingfeng')
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.execute(Review, { input: { id, version: 0, decision: 'APPROVE' } }, { cookie }),
      ),
    )
    expect(results.filter((result) => !result.errors)).toHaveLength(1)
    const stale = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'APPROVE' } },
      { cookie: await t.login('conac') },
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    expect(stale.errors![0]!.message).toBe('该申请已被处理或已变更，请刷新')
    expect((await reviewTrail(t, Number(id))).decisions).toHaveLength(1)
  })
})

describe('who may review', () => {
  it.each([
    ['puyang', 'FORBIDDEN'], // city office: in scope, wrong level
    ['henan', 'FORBIDDEN'],
    ['qfzf', 'FORBIDDEN'], // the unit itself
    ['nanle', 'NOT_FOUND'], // sibling county: outside the scope
    ['hebei', 'NOT_FOUND'],
    ['qfyy', 'FORBIDDEN'], // another unit: unit users never review (the permission rule answers first)
  ])('%s gets %s and nothing changes', async (username, code) => {
    const { id } = await apply()
    const before = await row(id)
    const result = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'APPROVE' } },
      { cookie: await t.login(username) },
    )
    expect(errorCodes(result)).toEqual([code])
    expect(await row(id)).toEqual(before)
    const trail = await reviewTrail(t, Number(id))
    expect(trail.decisions).toHaveLength(0)
    expect(trail.audits.map((a) => a.action)).toEqual(['domain.apply'])
  })

  it('a city-level unit is reviewed by the city office, not by a county office', async () => {
    const { id } = await apply('pyjy')
    const county = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'APPROVE' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(county)).toEqual(['NOT_FOUND'])
    const city = await t.execute(
      Review,
      { input: { id, version: 0, decision: 'APPROVE' } },
      { cookie: await t.login('puyang') },
    )
    expect(city.data!.reviewDomain.status).toBe('OFFICE_APPROVED')
  })

  it('API tokens: a read-only token may not review; a read-write token of the right office may', async () => {
    const cookie = await t.login('qingfeng')
    const readOnly = (await t.execute(CreateToken, { input: { name: '只读', access: 'READ_ONLY' } }, { cookie })).data!
      .createApiToken.token
    const readWrite = (await t.execute(CreateToken, { input: { name: '读写', access: 'READ_WRITE' } }, { cookie }))
      .data!.createApiToken.token
    const { id } = await apply()
    const refused = await t.execute(Review, { input: { id, version: 0, decision: 'APPROVE' } }, { token: readOnly })
    expect(errorCodes(refused)).toEqual(['FORBIDDEN'])
    expect((await row(id)).status).toBe('PENDING_OFFICE_REVIEW')
    const done = await t.execute(Review, { input: { id, version: 0, decision: 'APPROVE' } }, { token: readWrite })
    expect(done.data!.reviewDomain.status).toBe('OFFICE_APPROVED')
    const staff = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    expect((await reviewTrail(t, Number(id))).decisions[0]!.reviewerId).toBe(staff.id)
  })
})

describe('queues and history', () => {
  it('each level sees its own queue, oldest first, with a summary', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410923' }) // 南乐县: nanle's own queue starts empty
    const nanle = await t.login('nanle')
    const empty = await t.execute(Queue, { first: 10 }, { cookie: nanle })
    expect(empty.data!.domainReviewQueue.totalCount).toBe(0)
    expect(empty.data!.domainReviewQueueSummary).toEqual({ pending: 0, oldestSubmittedAt: null, overThreeDays: 0 })

    const old = await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('旧申请') })
    await t.db.prisma.domain.update({
      where: { id: old.id },
      data: { submittedAt: new Date(Date.now() - 5 * 86_400_000) },
    })
    const fresh = await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('新申请') })
    await createDomain(t.db.prisma, { unitId: unit.id, name: freshName('已通过'), status: 'OFFICE_APPROVED' })

    const queue = await t.execute(Queue, { first: 1 }, { cookie: nanle })
    expect(queue.data!.domainReviewQueue.totalCount).toBe(2)
    expect(queue.data!.domainReviewQueue.edges.map((e) => e.node.id)).toEqual([String(old.id)])
    const next = await t.execute(
      Queue,
      { first: 1, after: queue.data!.domainReviewQueue.pageInfo.endCursor },
      { cookie: nanle },
    )
    expect(next.data!.domainReviewQueue.edges.map((e) => e.node.id)).toEqual([String(fresh.id)])
    expect(next.data!.domainReviewQueue.pageInfo.hasNextPage).toBe(false)
    const summary = queue.data!.domainReviewQueueSummary
    expect(summary.pending).toBe(2)
    expect(summary.overThreeDays).toBe(1)
    expect(new Date(summary.oldestSubmittedAt!).getTime()).toBeLessThan(Date.now() - 4 * 86_400_000)

    // The city office does not see county units' applications in its queue.
    const puyang = await t.execute(Queue, { first: 100 }, { cookie: await t.login('puyang') })
    expect(puyang.data!.domainReviewQueue.edges.some((e) => e.node.id === String(old.id))).toBe(false)

    // CONAC sees the office-approved ones.
    const conac = await t.execute(Queue, { first: 100 }, { cookie: await t.login('conac') })
    expect(conac.data!.domainReviewQueue.edges.every((e) => e.node.status === 'OFFICE_APPROVED')).toBe(true)
    expect(conac.data!.domainReviewQueue.totalCount).toBe(
      await t.db.prisma.domain.count({ where: { status: 'OFFICE_APPROVED' } }),
    )
    expect(conac.data!.domainReviewQueueSummary.pending).toBe(conac.data!.domainReviewQueue.totalCount)
  })

  it('CONAC counts the age from the office approval', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const waiting = await createDomain(t.db.prisma, {
      unitId: unit.id,
      name: freshName('久待复审'),
      status: 'OFFICE_APPROVED',
    })
    // Submitted long ago, but approved by the office 4 days ago: the age counts from the approval.
    await t.db.prisma.domain.update({
      where: { id: waiting.id },
      data: { submittedAt: new Date(Date.now() - 30 * 86_400_000), updatedAt: new Date(Date.now() - 4 * 86_400_000) },
    })
    const conac = await t.execute(Queue, { first: 1 }, { cookie: await t.login('conac') })
    expect(conac.data!.domainReviewQueue.edges[0]!.node.id).toBe(String(waiting.id))
    const since = new Date(conac.data!.domainReviewQueue.edges[0]!.node.awaitingReviewSince!).getTime()
    expect(Math.round((Date.now() - since) / 86_400_000)).toBe(4)
    expect(conac.data!.domainReviewQueueSummary.overThreeDays).toBe(1)
  })

  it('unit users have no queue', async () => {
    const result = await t.execute(Queue, { first: 10 }, { cookie: await t.login('qfzf') })
    expect(errorCodes(result)).toContain('FORBIDDEN')
  })

  it('history is scoped like domains', async () => {
    const { id } = await apply()
    await t.execute(
      Review,
      { input: { id, version: 0, decision: 'REJECT', reason: '历史查询测试' } },
      { cookie: await t.login('qingfeng') },
    )
    const find = async (username: string) => {
      const result = await t.execute(
        History,
        { filter: { result: 'REJECTED' }, first: 100 },
        { cookie: await t.login(username) },
      )
      expect(result.errors).toBeUndefined()
      return result.data!.domainReviewDecisions.edges.some((e) => e.node.reason === '历史查询测试')
    }
    expect(await find('qfzf')).toBe(true)
    expect(await find('henan')).toBe(true)
    expect(await find('conac')).toBe(true)
    expect(await find('nanle')).toBe(false)
    expect(await find('qfyy')).toBe(false)
    expect(await find('hebei')).toBe(false)
  })
})

// The queue page reads its rows with their unit, region, applying office and decisions in one statement
// (server/src/modules/domainApplications/queue.ts); a selection beyond those goes through Prisma. Both must
// give the same answer, pages and cursors included.
describe('the portal review-queue page', () => {
  const NODE = `id fullName years version status submittedAt awaitingReviewSince submittedByOffice { id name }
    unit { id name type region { code fullName } }
    reviewDecisions { id level result reason decidedAt reviewerName office { id name } }
    changesSinceLastRejection { field before after }`
  // unit.region.office is not among the relations the one statement loads, so this one goes through Prisma.
  const queueText = (viaPrisma: boolean) => `query Q($first: Int, $after: String, $last: Int, $before: String) {
    domainReviewQueueSummary { pending oldestSubmittedAt overThreeDays }
    domainReviewQueue(first: $first, after: $after, last: $last, before: $before) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { ${NODE} ${viaPrisma ? 'unit { region { office { id } } }' : ''} } }
    } }`
  type Page = {
    domainReviewQueue: {
      edges: { cursor: string; node: { unit: { region: { office?: unknown } } } }[]
      pageInfo: { endCursor: string | null; startCursor: string | null }
    }
  }
  async function both(cookie: string, variables: Record<string, unknown>) {
    const run = async (viaPrisma: boolean) => {
      const response = await t.post(JSON.stringify({ query: queueText(viaPrisma), variables }), { cookie })
      const body = (await response.json()) as { data: Page; errors?: unknown }
      expect(body.errors).toBeUndefined()
      for (const edge of body.data.domainReviewQueue.edges) delete edge.node.unit.region.office
      return body.data
    }
    const [fast, prisma] = [await run(false), await run(true)]
    expect(fast).toEqual(prisma)
    return fast
  }

  it('gives the same rows, relations, counts and cursors as Prisma', async () => {
    // Applications in 清丰县's queue: one by the unit, one by the office on its behalf (submittedByOffice), and one
    // rejected and resubmitted (with a decision).
    const qingfeng = await t.login('qingfeng')
    await apply()
    const byOffice = await t.post(
      JSON.stringify({
        query: 'mutation ($input: ApplyForDomainInput!) { applyForDomain(input: $input) { id } }',
        variables: { input: { unitId: String(qfzfUnit), name: freshName('代申请'), suffix: 'ZHENGWU', years: 1 } },
      }),
      { cookie: qingfeng },
    )
    expect(((await byOffice.json()) as { errors?: unknown }).errors).toBeUndefined()
    const { id, name } = await apply()
    await t.execute(
      Review,
      { input: { id, version: 0, decision: 'REJECT', reason: '队列一致性测试' } },
      { cookie: qingfeng },
    )
    await t.execute(Resubmit, { input: { id, version: 1, name, years: 1 } }, { cookie: await t.login('qfzf') })

    const all = await both(qingfeng, { first: 100 })
    const edges = all.domainReviewQueue.edges
    expect(edges.length).toBeGreaterThanOrEqual(3)
    expect(
      edges.some((edge) => (edge.node as unknown as { reviewDecisions: unknown[] }).reviewDecisions.length > 0),
    ).toBe(true)
    expect(
      edges.some((edge) => (edge.node as unknown as { submittedByOffice: unknown }).submittedByOffice !== null),
    ).toBe(true)

    const first = await both(qingfeng, { first: 2 })
    await both(qingfeng, { first: 2, after: first.domainReviewQueue.pageInfo.endCursor })
    await both(qingfeng, { last: 2, before: edges.at(-1)!.cursor })
    await both(qingfeng, { last: 2 })
    await both(await t.login('conac'), { first: 3 })
  })
})
