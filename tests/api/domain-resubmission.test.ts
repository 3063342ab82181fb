// A rejected domain application that the unit edits and resubmits (issue 15, defect 8): the reviewer at either level
// sees that it is a resubmission, the earlier decisions and each changed field as old → new (the same mechanism as
// site applications: every decision stores the fields it decided on, ReviewDecision.snapshot); notices name the domain
// as it is now and the old name where it changed, in clean Chinese punctuation; 域名历史查询 shows each decision
// against the name the domain had then, also for decisions recorded before snapshots were stored (reconstructed from
// the audit trail where it tells, left unknown where it does not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { demoUnitId, freshName, officeOfLogin } from '../testkit/domains.ts'
import { createDomain } from '../testkit/fixtures.ts'
import {
  NOTIFICATION_TEMPLATES,
  asSentence,
  renderNotification,
  type NotificationTemplateName,
} from '../../server/src/modules/notifications/templates.ts'

const Apply = graphql(`
  mutation TestResubmissionApply($input: ApplyForDomainInput!) {
    applyForDomain(input: $input) {
      id
      name
      version
    }
  }
`)

const Review = graphql(`
  mutation TestResubmissionReview($input: ReviewDomainInput!) {
    reviewDomain(input: $input) {
      id
      status
      version
    }
  }
`)

const Resubmit = graphql(`
  mutation TestResubmissionResubmit($input: ResubmitDomainApplicationInput!) {
    resubmitDomainApplication(input: $input) {
      id
      name
      years
      status
      version
    }
  }
`)

// What the portal's review page asks for (web/components/domains/ReviewQueue.tsx): the queue's one-statement page.
const Queue = graphql(`
  query TestResubmissionQueue {
    domainReviewQueue(first: 100) {
      edges {
        node {
          id
          fullName
          years
          version
          changesSinceLastRejection {
            field
            before
            after
          }
          reviewDecisions {
            id
            level
            result
            reason
            decidedAt
            reviewerName
            office {
              id
              name
            }
          }
        }
      }
    }
  }
`)

// The same through Prisma (one domain by id).
const One = graphql(`
  query TestResubmissionDomain($id: ID!) {
    domain(id: $id) {
      id
      fullName
      changesSinceLastRejection {
        field
        before
        after
      }
      reviewDecisions {
        level
        result
        reason
        office {
          name
        }
      }
    }
  }
`)

const History = graphql(`
  query TestResubmissionHistory($filter: DomainDecisionFilter) {
    domainReviewDecisions(first: 100, filter: $filter) {
      edges {
        node {
          id
          level
          result
          reason
          domainNameAtDecision
          domain {
            id
            fullName
          }
        }
      }
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

async function apply(name: string, years: number) {
  const result = await t.execute(
    Apply,
    { input: { name, suffix: 'ZHENGWU', years } },
    { cookie: await t.login('qfzf') },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.applyForDomain.id
}

async function review(username: string, id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  const { version } = await t.db.prisma.domain.findUniqueOrThrow({ where: { id: Number(id) } })
  const result = await t.execute(
    Review,
    { input: { id, version, decision, ...(reason ? { reason } : {}) } },
    { cookie: await t.login(username) },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.reviewDomain
}

async function resubmit(id: string, name: string, years: number) {
  const { version } = await t.db.prisma.domain.findUniqueOrThrow({ where: { id: Number(id) } })
  const result = await t.execute(Resubmit, { input: { id, version, name, years } }, { cookie: await t.login('qfzf') })
  expect(result.errors).toBeUndefined()
  return result.data!.resubmitDomainApplication
}

/** The domain read on its own (through Prisma, not the queue's one statement), as `username` sees it. */
async function domainAs(username: string, id: string) {
  const result = await t.execute(One, { id }, { cookie: await t.login(username) })
  expect(result.errors).toBeUndefined()
  return result.data!.domain
}

async function queueNode(username: string, id: string) {
  const result = await t.execute(Queue, {}, { cookie: await t.login(username) })
  expect(result.errors).toBeUndefined()
  const node = result.data!.domainReviewQueue.edges.map((edge) => edge.node).find((candidate) => candidate.id === id)
  expect(node, `domain ${id} in ${username}'s queue`).toBeDefined()
  return node!
}

/** The bodies of the notifications written since `sinceId`, by template. */
async function noticesSince(sinceId: number) {
  return t.db.prisma.notification.findMany({ where: { id: { gt: sinceId } }, orderBy: { id: 'asc' } })
}
const lastNotificationId = async () =>
  (await t.db.prisma.notification.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0

/** Two punctuation marks in a row (。。 ，。 。， …): what a reason ending in a full stop made of the notices. */
const DOUBLED = /[。，；：！？!?.,;][。，；：！？]/

describe('the reviewer sees a resubmission for what it is', () => {
  it('office: the earlier rejection with level, office, time and reason, and old → new name and years', async () => {
    const oldName = freshName('旧名称')
    const newName = freshName('新名称')
    const id = await apply(oldName, 2)
    await review('qingfeng', id, 'REJECT', '名称与单位职能不符，请重新申请。')
    await resubmit(id, newName, 3)
    const changes = [
      { field: 'name', before: `${oldName}.政务`, after: `${newName}.政务` },
      { field: 'years', before: '2', after: '3' },
    ]

    const office = await officeOfLogin(t, 'qingfeng')
    const node = await queueNode('qingfeng', id)
    expect(node.fullName).toBe(`${newName}.政务`)
    expect(node.changesSinceLastRejection).toEqual(changes)
    expect(node.reviewDecisions).toEqual([
      expect.objectContaining({
        level: 'OFFICE',
        result: 'REJECTED',
        reason: '名称与单位职能不符，请重新申请。',
        office: { id: String(office.id), name: office.name },
      }),
    ])
    expect(Date.parse(node.reviewDecisions[0]!.decidedAt)).toBeGreaterThan(Date.now() - 600_000)
    expect(node.reviewDecisions[0]!.reviewerName).toBeTruthy()

    // Read through Prisma (not the queue's one statement): the same answer; the unit sees it too.
    expect((await domainAs('qingfeng', id)).changesSinceLastRejection).toEqual(changes)
    expect((await domainAs('qfzf', id)).changesSinceLastRejection).toEqual(changes)
  })

  it('CONAC: after the office approves, the changes since the rejection and every earlier decision', async () => {
    const first = freshName('初名')
    const second = freshName('改名')
    const id = await apply(first, 1)
    await review('qingfeng', id, 'REJECT', '名称过长')
    await resubmit(id, second, 1)
    await review('qingfeng', id, 'APPROVE')

    const node = await queueNode('conac', id)
    expect(node.changesSinceLastRejection).toEqual([
      { field: 'name', before: `${first}.政务`, after: `${second}.政务` },
    ])
    expect(node.reviewDecisions.map((d) => [d.level, d.result, d.reason])).toEqual([
      ['OFFICE', 'REJECTED', '名称过长'],
      ['OFFICE', 'APPROVED', null],
    ])

    // CONAC rejects; the unit changes only the years; the office then sees the change since CONAC's rejection.
    await review('conac', id, 'REJECT', '年限须与编制批复一致')
    await resubmit(id, second, 2)
    expect((await domainAs('qingfeng', id)).changesSinceLastRejection).toEqual([
      { field: 'years', before: '1', after: '2' },
    ])
    expect((await queueNode('qingfeng', id)).reviewDecisions.map((d) => [d.level, d.result])).toEqual([
      ['OFFICE', 'REJECTED'],
      ['OFFICE', 'APPROVED'],
      ['CONAC', 'REJECTED'],
    ])
  })

  it('a resubmission without changes lists none; a first application has no earlier decision', async () => {
    const name = freshName('未改')
    const id = await apply(name, 2)
    expect((await queueNode('qingfeng', id)).changesSinceLastRejection).toEqual([])
    await review('qingfeng', id, 'REJECT', '请补充说明')
    await resubmit(id, name, 2)
    expect((await domainAs('qingfeng', id)).changesSinceLastRejection).toEqual([])
    expect((await queueNode('qingfeng', id)).reviewDecisions.map((d) => d.result)).toEqual(['REJECTED'])
  })
})

describe('notices name the domain as it is now', () => {
  it('the old name where it changed, and no doubled punctuation when a reason ends in a full stop', async () => {
    const oldName = freshName('通知旧名')
    const newName = freshName('通知新名')
    const id = await apply(oldName, 2)
    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnit } })

    let since = await lastNotificationId()
    await review('qingfeng', id, 'REJECT', '名称与单位职能不符，请重新申请。')
    const rejection = (await noticesSince(since)).find((n) => n.channel === 'SMS')!
    expect(rejection.body).toBe(
      `您单位申请的域名 ${oldName}.政务 编办审核未通过，原因：名称与单位职能不符，请重新申请。请修改后重新提交。`,
    )

    since = await lastNotificationId()
    await resubmit(id, newName, 2)
    const toOffice = await noticesSince(since)
    expect(toOffice.length).toBeGreaterThan(0)
    for (const notice of toOffice) {
      expect(notice.body).toBe(`${unit.name} 修改后重新提交了域名 ${newName}.政务（原 ${oldName}.政务），待您审核。`)
    }

    since = await lastNotificationId()
    await review('qingfeng', id, 'APPROVE')
    const approved = await noticesSince(since)
    expect(approved.find((n) => n.channel === 'SMS')!.body).toBe(
      `您单位申请的域名 ${newName}.政务（原 ${oldName}.政务）编办审核通过，已提交 CONAC 审核。`,
    )
    const conacStaff = await t.db.prisma.user.findMany({ where: { role: 'CONAC_STAFF' }, select: { id: true } })
    const toConac = approved.filter((n) => conacStaff.some((user) => user.id === n.userId))
    expect(toConac.length).toBeGreaterThan(0)
    expect(toConac[0]!.body).toBe(
      `${unit.name} 的域名 ${newName}.政务（原 ${oldName}.政务）已通过编办审核，待 CONAC 审核。`,
    )

    since = await lastNotificationId()
    await review('conac', id, 'REJECT', '含义不明确！')
    const conacRejection = (await noticesSince(since)).find((n) => n.channel === 'EMAIL')!
    expect(conacRejection.subject).toBe(`域名 ${newName}.政务 CONAC审核未通过`)
    // The name has not changed since the last decision: no 原 name any more.
    expect(conacRejection.body).toBe(
      `您单位申请的域名 ${newName}.政务 CONAC审核未通过，原因：含义不明确！请修改后重新提交。`,
    )

    const all = await t.db.prisma.notification.findMany({
      where: { payload: { path: ['domainId'], equals: Number(id) } },
    })
    for (const notice of all) expect(notice.body).not.toMatch(DOUBLED)
  })
})

describe('域名历史查询', () => {
  it('shows each decision against the name the domain had when it was decided', async () => {
    const first = freshName('历史旧名')
    const second = freshName('历史新名')
    const id = await apply(first, 1)
    await review('qingfeng', id, 'REJECT', '名称不规范')
    await resubmit(id, second, 1)
    await review('qingfeng', id, 'APPROVE')
    await review('conac', id, 'REJECT', '仍不规范')

    const history = await t.execute(History, { filter: { search: second } }, { cookie: await t.login('qingfeng') })
    expect(history.errors).toBeUndefined()
    const rows = history
      .data!.domainReviewDecisions.edges.map((edge) => edge.node)
      .filter((node) => node.domain?.id === id)
    // Newest first; the domain is now called `second`.
    expect(rows.map((node) => [node.level, node.result, node.domainNameAtDecision, node.domain!.fullName])).toEqual([
      ['CONAC', 'REJECTED', second, `${second}.政务`],
      ['OFFICE', 'APPROVED', second, `${second}.政务`],
      ['OFFICE', 'REJECTED', first, `${second}.政务`],
    ])
  })

  it('decisions recorded before snapshots were stored: reconstructed from the audit trail, unknown where it does not tell', async () => {
    // Rows shaped as the code before this change wrote them: no snapshot, the review's audit row with the name only.
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({
      where: { username: 'qingfeng' },
      include: { office: true },
    })
    const legacyDecision = async (domainId: number, reason: string) => {
      const [row] = await t.db.sql.query<{ id: number }>(
        `INSERT INTO review_decisions (subject, "domainId", level, "officeId", "reviewerId", result, reason, "decidedAt")
         VALUES ('DOMAIN', $1, 'OFFICE', $2, $3, 'REJECTED', $4, now() - interval '2 hours') RETURNING id`,
        [domainId, reviewer.office!.id, reviewer.id, reason],
      )
      return row!.id
    }
    const audit = (action: string, domainId: number, before: unknown, after: unknown, hoursAgo: number) =>
      t.db.sql.query(
        `INSERT INTO audit_logs ("actorUserId", action, "subjectType", "subjectId", before, after, at) VALUES ($1, $2, 'Domain', $3, $4, $5, now() - make_interval(hours => $6))`,
        [
          reviewer.id,
          action,
          String(domainId),
          before == null ? null : JSON.stringify(before),
          JSON.stringify(after),
          hoursAgo,
        ],
      )
    const snapshotOf = async (decisionId: number) =>
      (
        await t.db.sql.query<{ snapshot: unknown }>(
          'SELECT review_snapshot_from_history(x) AS snapshot FROM review_decisions x WHERE x.id = $1',
          [decisionId],
        )
      )[0]!.snapshot

    // 1. Applied, rejected, then renamed and given another term: the name from the review's audit row, the years
    //    from the resubmission's `before`.
    const renamed = await createDomain(t.db.prisma, { unitId: qfzfUnit, name: freshName('迁移新名'), years: 3 })
    const oldName = freshName('迁移旧名')
    await audit('domain.apply', renamed.id, null, { name: oldName, years: 2, status: 'PENDING_OFFICE_REVIEW' }, 3)
    const d1 = await legacyDecision(renamed.id, '迁移测试一')
    await audit(
      'domain.review',
      renamed.id,
      { status: 'PENDING_OFFICE_REVIEW', version: 0 },
      { status: 'OFFICE_REJECTED', version: 1, decisionId: d1, level: 'OFFICE', name: oldName, reason: '迁移测试一' },
      2,
    )
    await audit(
      'domain.resubmit',
      renamed.id,
      { name: oldName, years: 2, status: 'OFFICE_REJECTED' },
      { name: renamed.name, years: 3, status: 'PENDING_OFFICE_REVIEW' },
      1,
    )
    expect(await snapshotOf(d1)).toEqual({ name: oldName, years: 2 })

    // 2. Rejected and not resubmitted, with its whole trail: the current values are those it was decided on.
    const untouched = await createDomain(t.db.prisma, { unitId: qfzfUnit, name: freshName('迁移未改'), years: 4 })
    await audit('domain.apply', untouched.id, null, { name: untouched.name, years: 4 }, 3)
    const d2 = await legacyDecision(untouched.id, '迁移测试二')
    await audit(
      'domain.review',
      untouched.id,
      null,
      { status: 'OFFICE_REJECTED', decisionId: d2, name: untouched.name },
      2,
    )
    expect(await snapshotOf(d2)).toEqual({ name: untouched.name, years: 4 })

    // 3. A decision on a domain with no audit trail at all (loaded from elsewhere): nothing is known.
    const imported = await createDomain(t.db.prisma, { unitId: qfzfUnit, name: freshName('迁移导入'), years: 1 })
    const d3 = await legacyDecision(imported.id, '迁移测试三')
    expect(await snapshotOf(d3)).toBeNull()

    // The migration's backfill is this function over the rows without a snapshot; the guard lets it fill them once.
    await t.db.sql.query(
      `UPDATE review_decisions x SET snapshot = known.snapshot
         FROM (SELECT r.id, review_snapshot_from_history(r) AS snapshot FROM review_decisions r WHERE r.id = ANY($1::int[]) AND r.snapshot IS NULL) known
        WHERE x.id = known.id AND known.snapshot IS NOT NULL`,
      [[d1, d2, d3]],
    )
    await expect(
      t.db.sql.query(`UPDATE review_decisions SET snapshot = '{"name":"改写"}' WHERE id = $1`, [d1]),
    ).rejects.toThrow(/append-only/)

    const history = await t.execute(History, { filter: { search: '迁移' } }, { cookie: await t.login('qingfeng') })
    const byId = new Map(history.data!.domainReviewDecisions.edges.map((edge) => [edge.node.id, edge.node]))
    expect(byId.get(String(d1))).toMatchObject({
      domainNameAtDecision: oldName,
      domain: { fullName: `${renamed.name}.政务` },
    })
    expect(byId.get(String(d2))).toMatchObject({ domainNameAtDecision: untouched.name })
    expect(byId.get(String(d3))).toMatchObject({
      domainNameAtDecision: null,
      domain: { fullName: `${imported.name}.政务` },
    })
  })
})

describe('every notification template', () => {
  // Reasons as reviewers type them: with a full stop, an exclamation, a trailing comma or ASCII stop, or nothing.
  const reasons = [
    '名称与单位职能不符，请重新申请。',
    '含义不明确！',
    '材料不全，',
    'Not clear.',
    '请补充说明？',
    '缺少附件',
  ]
  it.each(reasons)('reads without doubled punctuation when the reason is %j', (reason) => {
    for (const name of Object.keys(NOTIFICATION_TEMPLATES) as NotificationTemplateName[]) {
      const text = renderNotification(name, {
        unit: '清丰县人民政府办公室',
        domain: '清丰.政务',
        formerDomain: '清丰县.政务',
        reason,
        deadline: '2026-12-31',
        days: 3,
        site: '清丰县人民政府门户网站',
        serialNumber: 'WZ-2026-000001',
        badgeNumber: '202641092200001',
        office: '清丰县编办',
        amount: '1,800.00',
        number: 'HK-1',
        count: 2,
        formCopies: 4,
        tracking: '顺丰 SF1',
        what: '域名申请',
        kind: '变更',
      })
      for (const part of [text.subject, text.body, text.sms]) expect(part, name).not.toMatch(DOUBLED)
    }
  })

  it('keeps one closing mark of the reason', () => {
    expect(asSentence('名称不符，请重新申请。')).toBe('名称不符，请重新申请。')
    expect(asSentence('名称不符。。')).toBe('名称不符。')
    expect(asSentence('含义不明确!')).toBe('含义不明确！')
    expect(asSentence('材料不全， ')).toBe('材料不全。')
    expect(asSentence('见附件（第 2 页）')).toBe('见附件（第 2 页）。')
  })
})
