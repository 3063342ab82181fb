// 标识管理: a unit's change (变更) and cancellation (注销) requests, the same-level office's review, the DNS forward
// of the Chinese domain that follows the badge, the one-pending-request rule, races, who may not act, and the public
// verification (公开核验) that must show no personal data.
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { RequestBadgeChangeInput, SaveSiteApplicationDraftInput } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { makeIdNumber } from '../testkit/fixtures.ts'
import { ageCodes, freshMobile, latestCode } from '../testkit/registration.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const BadgeFields = graphql(`
  query TestBadgeList {
    badges(first: 100) {
      edges {
        node {
          id
          badgeNumber
          status
          version
          placement
          siteName
          englishDomain
          ipAddress
          cancelledAt
          snippet
          verificationUrl
          chineseDomain {
            id
            fullName
          }
          pendingChangeRequest {
            id
            kind
          }
          changeRequests {
            id
            kind
            status
          }
        }
      }
    }
  }
`)

const RequestChange = graphql(`
  mutation TestBadgeRequestChange($input: RequestBadgeChangeInput!) {
    requestBadgeChange(input: $input) {
      id
      kind
      status
      version
      newPlacement
      newSiteName
      newEnglishDomain
      newIpAddress
      reason
      requestedByName
      changes {
        field
        before
        after
      }
      badge {
        id
        version
        pendingChangeRequest {
          id
        }
      }
    }
  }
`)

const RequestCancel = graphql(`
  mutation TestBadgeRequestCancel($input: RequestBadgeCancellationInput!) {
    requestBadgeCancellation(input: $input) {
      id
      kind
      status
      version
      reason
    }
  }
`)

const Withdraw = graphql(`
  mutation TestBadgeWithdraw($input: WithdrawBadgeChangeRequestInput!) {
    withdrawBadgeChangeRequest(input: $input) {
      id
      pendingChangeRequest {
        id
      }
      changeRequests {
        id
      }
    }
  }
`)

const Review = graphql(`
  mutation TestBadgeReview($input: ReviewBadgeChangeInput!) {
    reviewBadgeChange(input: $input) {
      id
      status
      version
      changes {
        field
        before
        after
      }
      reviewDecisions {
        subject
        level
        result
        reason
        office {
          name
        }
        badgeChange {
          id
        }
      }
      badge {
        id
        status
        version
        placement
        siteName
        englishDomain
        ipAddress
        cancelledAt
      }
    }
  }
`)

const Queue = graphql(`
  query TestBadgeQueue {
    badgeChangeReviewQueue(first: 100) {
      totalCount
      edges {
        node {
          id
          kind
          badge {
            badgeNumber
          }
        }
      }
    }
  }
`)

const List = graphql(`
  query TestBadgeChangeList($filter: BadgeChangeRequestFilter) {
    badgeChangeRequests(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`)

const Verify = graphql(`
  query TestBadgeVerify($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      badgeNumber
      status
      cancelledAt
      unitName
      unitType
      address
      functions
      siteName
      chineseDomains
      englishDomain
      placement
      issuer
      issuedAt
    }
  }
`)

const SendCode = graphql(`
  mutation TestBadgeSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)

const SaveDraft = graphql(`
  mutation TestBadgeSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
    }
  }
`)

const Submit = graphql(`
  mutation TestBadgeSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      status
    }
  }
`)

const ReviewSite = graphql(`
  mutation TestBadgeReviewSite($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      status
      badge {
        id
        badgeNumber
        placement
      }
    }
  }
`)

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
})
afterAll(() => t?.close())

const badgeRow = (id: number) => t.db.prisma.badge.findUniqueOrThrow({ where: { id } })
const requestRow = (id: string) => t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })
const forwardRecords = (domainId: number) =>
  t.db.prisma.dnsRecord.findMany({ where: { domainId }, orderBy: { id: 'asc' } })

async function requestChange(
  user: string,
  badgeId: number,
  fields: Omit<RequestBadgeChangeInput, 'badgeId' | 'version'>,
) {
  const { version } = await badgeRow(badgeId)
  return t.execute(
    RequestChange,
    { input: { badgeId: String(badgeId), version, ...fields } },
    { cookie: await t.login(user) },
  )
}

async function requestCancel(user: string, badgeId: number, reason: string) {
  const { version } = await badgeRow(badgeId)
  return t.execute(
    RequestCancel,
    { input: { badgeId: String(badgeId), version, reason } },
    { cookie: await t.login(user) },
  )
}

async function review(user: string, id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  const { version } = await requestRow(id)
  return t.execute(Review, { input: { id, version, decision, reason } }, { cookie: await t.login(user) })
}

/** What the database holds about a badge, for "nothing changed" assertions. */
async function badgeState(badgeId: number) {
  const badge = await badgeRow(badgeId)
  const requests = await t.db.prisma.badgeChangeRequest.findMany({ where: { badgeId }, orderBy: { id: 'asc' } })
  const decisions = await t.db.prisma.reviewDecision.count({ where: { badgeChange: { badgeId } } })
  return { badge, requests, decisions }
}

describe('变更: micro-site ↔ self-built', () => {
  it('approved changes update the badge, re-point the Chinese domain both ways, and leave audit rows and notices', async () => {
    const { badge, domain, application } = await createIssuedBadge(t.db.prisma, {
      unitId: qfzfUnit,
      placement: 'MICRO_SITE',
    })
    // The unit's own records on @: an A record that clashes with the forward (replaced), a TXT that does not (kept).
    const ownA = await t.db.prisma.dnsRecord.create({
      data: { domainId: domain.id, host: '@', type: 'A', value: '198.51.100.7' },
    })
    const ownTxt = await t.db.prisma.dnsRecord.create({
      data: { domainId: domain.id, host: '@', type: 'TXT', value: 'v=spf1 -all' },
    })

    const asked = await requestChange('qfzf', badge.id, {
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: 'WWW.Qingfeng-Site.gov.cn',
      newIpAddress: '203.0.113.20',
      reason: '网站已建成',
    })
    expect(asked.errors).toBeUndefined()
    const request = asked.data!.requestBadgeChange
    expect(request).toMatchObject({
      kind: 'CHANGE',
      status: 'PENDING',
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: 'www.qingfeng-site.gov.cn',
      newIpAddress: '203.0.113.20',
      reason: '网站已建成',
    })
    expect(request.requestedByName).not.toBe('')
    expect(request.changes).toEqual([
      { field: 'placement', before: 'MICRO_SITE', after: 'SELF_BUILT' },
      { field: 'englishDomain', before: null, after: 'www.qingfeng-site.gov.cn' },
      { field: 'ipAddress', before: null, after: '203.0.113.20' },
    ])
    expect(request.badge.pendingChangeRequest?.id).toBe(request.id)
    // Asking changes nothing on the badge yet; the office is told.
    expect((await badgeRow(badge.id)).placement).toBe('MICRO_SITE')
    const officeNotices = await t.db.prisma.notification.findMany({
      where: {
        template: 'badgeChange.awaitingOfficeReview',
        dedupeKey: { startsWith: `badge-change-request:${request.id}:` },
      },
    })
    expect(officeNotices.length).toBeGreaterThan(0)

    const queue = await t.execute(Queue, {}, { cookie: await t.login('qingfeng') })
    expect(queue.data!.badgeChangeReviewQueue.edges.map((e) => e.node.id)).toContain(request.id)

    const approved = await review('qingfeng', request.id, 'APPROVE')
    expect(approved.errors).toBeUndefined()
    const decided = approved.data!.reviewBadgeChange
    expect(decided.status).toBe('APPROVED')
    expect(decided.reviewDecisions).toEqual([
      {
        subject: 'BADGE_CHANGE',
        level: 'OFFICE',
        result: 'APPROVED',
        reason: null,
        office: { name: expect.any(String) },
        badgeChange: { id: request.id },
      },
    ])
    expect(decided.badge).toMatchObject({
      status: 'ACTIVE',
      version: badge.version + 1,
      placement: 'SELF_BUILT',
      englishDomain: 'www.qingfeng-site.gov.cn',
      ipAddress: '203.0.113.20',
    })
    // The history still shows before → after once the badge has changed.
    expect(decided.changes.map((c) => c.field)).toEqual(['placement', 'englishDomain', 'ipAddress'])

    let records = await forwardRecords(domain.id)
    expect(records.map((r) => r.id)).not.toContain(ownA.id)
    expect(records.map((r) => r.id)).toContain(ownTxt.id)
    let forward = records.filter((r) => r.type === 'URL_FORWARD')
    expect(forward).toHaveLength(1)
    expect(forward[0]).toMatchObject({ host: '@', value: 'http://www.qingfeng-site.gov.cn/' })
    const pairA = records.filter((r) => r.type === 'A')
    expect(pairA).toEqual([
      expect.objectContaining({
        host: '@',
        value: config.urlForwardServerIpv4,
        forwardGroup: forward[0]!.forwardGroup,
      }),
    ])

    const audits = await t.db.prisma.auditLog.findMany({
      where: {
        OR: [
          { subjectType: 'BadgeChangeRequest', subjectId: request.id },
          { subjectType: 'Badge', subjectId: String(badge.id) },
        ],
      },
      orderBy: { id: 'asc' },
    })
    expect(audits.map((a) => a.action)).toEqual(['badgeChange.request', 'badgeChange.review', 'badge.change'])
    const dnsAudits = await t.db.prisma.auditLog.findMany({
      where: { subjectType: 'DnsRecord', subjectId: { in: [String(ownA.id), ...records.map((r) => String(r.id))] } },
    })
    expect(dnsAudits.map((a) => a.action).sort()).toEqual(['dnsRecord.add', 'dnsRecord.add', 'dnsRecord.delete'])

    const decision = await t.db.prisma.reviewDecision.findFirstOrThrow({ where: { badgeChangeId: Number(request.id) } })
    const notices = await t.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `badge-change-review:${decision.id}:` } },
    })
    expect(new Set(notices.map((n) => n.channel))).toEqual(new Set(['SMS', 'EMAIL', 'IN_APP']))
    expect(notices.find((n) => n.channel === 'SMS')!.address).toBe(application.handlerMobile)
    expect(notices.find((n) => n.channel === 'EMAIL')!.address).toBe(application.handlerEmail)
    expect(notices.every((n) => n.template === 'badgeChange.changeApproved')).toBe(true)

    // And back to the micro-site: no English domain or IP any more, and the forward follows.
    const back = await requestChange('qfzf', badge.id, {
      newPlacement: 'MICRO_SITE',
      newSiteName: '清丰县人民政府办公室网络红页',
    })
    expect(back.errors).toBeUndefined()
    expect(back.data!.requestBadgeChange).toMatchObject({
      newPlacement: 'MICRO_SITE',
      newEnglishDomain: null,
      newIpAddress: null,
    })
    const backApproved = await review('qingfeng', back.data!.requestBadgeChange.id, 'APPROVE')
    expect(backApproved.errors).toBeUndefined()
    expect(backApproved.data!.reviewBadgeChange.badge).toMatchObject({
      placement: 'MICRO_SITE',
      englishDomain: null,
      ipAddress: null,
      siteName: '清丰县人民政府办公室网络红页',
      version: badge.version + 2,
    })
    records = await forwardRecords(domain.id)
    forward = records.filter((r) => r.type === 'URL_FORWARD')
    expect(forward).toHaveLength(1)
    expect(forward[0]!.value).toBe(`${config.publicPortalUrl}/m/${qfzfUnit}`)
    expect(records.filter((r) => r.type === 'A')).toHaveLength(1)
    expect(records.map((r) => r.id)).toContain(ownTxt.id)
  })

  it('a site-name-only change keeps the DNS as it is', async () => {
    const { badge, domain } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const asked = await requestChange('qfzf', badge.id, { newSiteName: '清丰县人民政府门户网' })
    expect(asked.errors).toBeUndefined()
    expect(asked.data!.requestBadgeChange.changes).toEqual([
      { field: 'siteName', before: badge.siteName, after: '清丰县人民政府门户网' },
    ])
    expect((await review('qingfeng', asked.data!.requestBadgeChange.id, 'APPROVE')).errors).toBeUndefined()
    const after = await badgeRow(badge.id)
    expect(after).toMatchObject({
      siteName: '清丰县人民政府门户网',
      placement: 'SELF_BUILT',
      englishDomain: badge.englishDomain,
      ipAddress: badge.ipAddress,
    })
    expect(await forwardRecords(domain.id)).toEqual([])
  })

  it('rejects invalid changes per field and creates nothing', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit, placement: 'MICRO_SITE' })
    const self = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const cases: [number, Omit<RequestBadgeChangeInput, 'badgeId' | 'version'>, string][] = [
      [badge.id, { newPlacement: 'SELF_BUILT', newEnglishDomain: 'www.qingfeng.gov.cn' }, 'newIpAddress'],
      [badge.id, { newPlacement: 'SELF_BUILT', newIpAddress: '203.0.113.9' }, 'newEnglishDomain'],
      [
        badge.id,
        { newPlacement: 'SELF_BUILT', newEnglishDomain: 'www.qingfeng.com', newIpAddress: '203.0.113.9' },
        'newEnglishDomain',
      ],
      [
        badge.id,
        { newPlacement: 'SELF_BUILT', newEnglishDomain: 'www.qingfeng.gov.cn', newIpAddress: '300.1.2.3' },
        'newIpAddress',
      ],
      [badge.id, { newEnglishDomain: 'www.qingfeng.gov.cn' }, 'newEnglishDomain'],
      [badge.id, { newSiteName: '   ' }, 'newSiteName'],
      [badge.id, {}, 'newPlacement'],
      [self.badge.id, { newSiteName: self.badge.siteName, newIpAddress: self.badge.ipAddress }, 'newPlacement'],
      [self.badge.id, { newIpAddress: '' }, 'newIpAddress'],
      [self.badge.id, { newSiteName: '政'.repeat(129) }, 'newSiteName'],
      [self.badge.id, { newSiteName: '新名称', reason: '因'.repeat(501) }, 'reason'],
    ]
    for (const [badgeId, fields, field] of cases) {
      const result = await requestChange('qfzf', badgeId, fields)
      expect(errorCodes(result), JSON.stringify(fields)).toEqual(['BAD_USER_INPUT'])
      expect(Object.keys(result.errors![0]!.extensions!.fields as object), JSON.stringify(fields)).toContain(field)
    }
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: { in: [badge.id, self.badge.id] } } })).toBe(
      0,
    )
    // IPv6 is fine; a cancellation needs a reason.
    expect(
      (await requestChange('qfzf', self.badge.id, { newIpAddress: '2001:DB8::20' })).data?.requestBadgeChange
        .newIpAddress,
    ).toBe('2001:db8::20')
    const other = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    expect(errorCodes(await requestCancel('qfzf', other.badge.id, ' '))).toEqual(['BAD_USER_INPUT'])
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: other.badge.id } })).toBe(0)
  })

  it('a stale badge version is a conflict', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const stale = await t.execute(
      RequestChange,
      { input: { badgeId: String(badge.id), version: badge.version + 5, newSiteName: '新名称' } },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: badge.id } })).toBe(0)
  })
})

describe('rejection and the one pending request', () => {
  it('rejection needs a reason and changes nothing on the badge', async () => {
    const { badge, domain } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const asked = await requestChange('qfzf', badge.id, { newEnglishDomain: 'www.new-site.gov.cn' })
    const id = asked.data!.requestBadgeChange.id
    const noReason = await review('qingfeng', id, 'REJECT')
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT'])
    expect((await requestRow(id)).status).toBe('PENDING')
    expect(await t.db.prisma.reviewDecision.count({ where: { badgeChangeId: Number(id) } })).toBe(0)

    // A reason that ends in a full stop is kept as written, and the notice does not add a second one.
    const rejected = await review('qingfeng', id, 'REJECT', '英文域名无法访问。')
    expect(rejected.errors).toBeUndefined()
    expect(rejected.data!.reviewBadgeChange).toMatchObject({
      status: 'REJECTED',
      reviewDecisions: [{ result: 'REJECTED', reason: '英文域名无法访问。' }],
    })
    const after = await badgeRow(badge.id)
    expect(after).toEqual(badge)
    expect(await forwardRecords(domain.id)).toEqual([])
    const decision = await t.db.prisma.reviewDecision.findFirstOrThrow({ where: { badgeChangeId: Number(id) } })
    const notices = await t.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `badge-change-review:${decision.id}:` } },
    })
    expect(notices.length).toBeGreaterThanOrEqual(3)
    expect(
      notices.every(
        (n) =>
          n.template === 'badgeChange.changeRejected' &&
          n.body.includes('原因：英文域名无法访问。如有需要，请修改后重新申请。'),
      ),
    ).toBe(true)
    // A decided request cannot be decided again.
    expect(
      errorCodes(
        await t.execute(
          Review,
          { input: { id, version: 0, decision: 'APPROVE' } },
          { cookie: await t.login('qingfeng') },
        ),
      ),
    ).toEqual(['CONFLICT'])
  })

  it('a second pending request is a CONFLICT, also when asked at once; withdrawing frees the badge', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const first = await requestChange('qfzf', badge.id, { newSiteName: '第一次变更' })
    expect(first.errors).toBeUndefined()
    const second = await requestChange('qfzf', badge.id, { newSiteName: '第二次变更' })
    expect(errorCodes(second)).toEqual(['CONFLICT'])
    expect(second.errors![0]!.message).toBe('该标识已有待审核的变更或注销申请')
    expect(errorCodes(await requestCancel('qfzf', badge.id, '网站关停'))).toEqual(['CONFLICT'])
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: badge.id } })).toBe(1)

    // 撤回: only the unit, only while pending, with the current version.
    const id = first.data!.requestBadgeChange.id
    const officeWithdraw = await t.execute(
      Withdraw,
      { input: { id, version: 0 } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(officeWithdraw)).toEqual(['FORBIDDEN'])
    const staleWithdraw = await t.execute(Withdraw, { input: { id, version: 7 } }, { cookie: await t.login('qfzf') })
    expect(errorCodes(staleWithdraw)).toEqual(['CONFLICT'])
    const withdrawn = await t.execute(Withdraw, { input: { id, version: 0 } }, { cookie: await t.login('qfzf') })
    expect(withdrawn.errors).toBeUndefined()
    expect(withdrawn.data!.withdrawBadgeChangeRequest.pendingChangeRequest).toBeNull()
    expect(await t.db.prisma.auditLog.count({ where: { action: 'badgeChange.withdraw', subjectId: id } })).toBe(1)
    // Kept for history, as WITHDRAWN.
    expect(await t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })).toMatchObject({
      status: 'WITHDRAWN',
      version: 1,
    })

    // Several requests at once: the partial unique index lets exactly one in.
    const { version } = await badgeRow(badge.id)
    const cookie = await t.login('qfzf')
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2
          ? t.execute(
              RequestCancel,
              { input: { badgeId: String(badge.id), version, reason: `注销原因${i}` } },
              { cookie },
            )
          : t.execute(
              RequestChange,
              { input: { badgeId: String(badge.id), version, newSiteName: `并发变更${i}` } },
              { cookie },
            ),
      ),
    )
    expect(results.filter((r) => !r.errors)).toHaveLength(1)
    expect(results.filter((r) => r.errors).every((r) => errorCodes(r)[0] === 'CONFLICT')).toBe(true)
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: badge.id, status: 'PENDING' } })).toBe(1)
  })

  it('10 concurrent reviews: one transition, one decision, the badge changed once', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const asked = await requestChange('qfzf', badge.id, { newIpAddress: '203.0.113.77' })
    const id = asked.data!.requestBadgeChange.id
    const cookies = await Promise.all(Array.from({ length: 10 }, () => t.login('qingfeng')))
    const results = await Promise.all(
      cookies.map((cookie, i) =>
        t.execute(
          Review,
          { input: { id, version: 0, decision: i % 2 ? 'REJECT' : 'APPROVE', reason: i % 2 ? '并发审核' : null } },
          { cookie },
        ),
      ),
    )
    expect(results.filter((r) => !r.errors)).toHaveLength(1)
    expect(results.filter((r) => r.errors).every((r) => errorCodes(r)[0] === 'CONFLICT')).toBe(true)
    const row = await requestRow(id)
    expect(row.version).toBe(1)
    expect(await t.db.prisma.reviewDecision.count({ where: { badgeChangeId: Number(id) } })).toBe(1)
    const after = await badgeRow(badge.id)
    expect(after.version).toBe(row.status === 'APPROVED' ? badge.version + 1 : badge.version)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'badgeChange.review', subjectId: id } })).toBe(1)
  })
})

describe('注销', () => {
  it('approval cancels the badge and the application, removes the forward, and the unit may apply again', async () => {
    const { badge, domain, application } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    // A forward made by the badge (through an approved change), and one the unit made itself on www.
    const moved = await requestChange('qfzf', badge.id, { newEnglishDomain: 'www.before-cancel.gov.cn' })
    expect((await review('qingfeng', moved.data!.requestBadgeChange.id, 'APPROVE')).errors).toBeUndefined()
    expect((await forwardRecords(domain.id)).filter((r) => r.type === 'URL_FORWARD')).toHaveLength(1)
    const own = await t.db.prisma.dnsRecord.create({
      data: { domainId: domain.id, host: 'www', type: 'A', value: '198.51.100.8' },
    })

    // Before the cancellation the same Chinese domain cannot carry a second live application.
    const blocked = await applyAgain(domain.id)
    expect(errorCodes(blocked)).toEqual(['CONFLICT'])

    const asked = await requestCancel('qfzf', badge.id, '网站已关停')
    expect(asked.errors).toBeUndefined()
    expect(asked.data!.requestBadgeCancellation).toMatchObject({
      kind: 'CANCEL',
      status: 'PENDING',
      reason: '网站已关停',
    })
    const approved = await review('qingfeng', asked.data!.requestBadgeCancellation.id, 'APPROVE')
    expect(approved.errors).toBeUndefined()
    expect(approved.data!.reviewBadgeChange.badge).toMatchObject({
      status: 'CANCELLED',
      cancelledAt: expect.any(String),
    })
    expect(approved.data!.reviewBadgeChange.changes).toEqual([])
    const app = await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: application.id } })
    expect(app.status).toBe('BADGE_CANCELLED')
    expect(app.version).toBe(application.version + 1)
    expect((await forwardRecords(domain.id)).map((r) => r.id)).toEqual([own.id])
    const actions = (
      await t.db.prisma.auditLog.findMany({
        where: {
          OR: [
            { subjectType: 'Badge', subjectId: String(badge.id) },
            { subjectType: 'SiteApplication', subjectId: String(application.id) },
          ],
        },
        orderBy: { id: 'asc' },
      })
    ).map((a) => a.action)
    expect(actions).toEqual(['badge.change', 'badge.cancel', 'siteApplication.badgeCancelled'])
    const decision = await t.db.prisma.reviewDecision.findFirstOrThrow({
      where: { badgeChangeId: Number(asked.data!.requestBadgeCancellation.id) },
    })
    const notices = await t.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `badge-change-review:${decision.id}:` } },
    })
    expect(new Set(notices.map((n) => n.template))).toEqual(new Set(['badgeChange.cancelApproved']))
    expect(new Set(notices.map((n) => n.channel))).toEqual(new Set(['SMS', 'EMAIL', 'IN_APP']))

    // A cancelled badge takes no more requests.
    expect(errorCodes(await requestChange('qfzf', badge.id, { newSiteName: '注销后变更' }))).toEqual(['CONFLICT'])
    expect(errorCodes(await requestCancel('qfzf', badge.id, '再次注销'))).toEqual(['CONFLICT'])

    const again = await applyAgain(domain.id)
    expect(again.errors).toBeUndefined()
    expect(again.data!.submitSiteApplication.status).toBe('PENDING_OFFICE_REVIEW')
  })
})

/** A new application for the Chinese domain through the API: draft, SMS code, submission. */
async function applyAgain(chineseDomainId: number) {
  const cookie = await t.login('qfzf')
  const handlerMobile = freshMobile()
  const input: SaveSiteApplicationDraftInput = {
    kind: 'NEW_SITE',
    siteName: '清丰县人民政府网（新）',
    siteIntro: '本网站由清丰县人民政府办公室主办。',
    chineseDomainId: String(chineseDomainId),
    englishDomain: 'www.qingfeng-again.gov.cn',
    useMicroSite: false,
    ipAddress: '203.0.113.30',
    principalName: '李负责',
    principalMobile: '13912345678',
    principalEmail: 'principal@example.com',
    handlerName: '张经办',
    handlerMobile,
    handlerEmail: 'handler@example.com',
    handlerIdNumber: makeIdNumber('410922'),
  }
  const draft = await t.execute(SaveDraft, { input }, { cookie })
  expect(draft.errors).toBeUndefined()
  await ageCodes(t.db.prisma, handlerMobile, 61)
  expect(
    (await t.execute(SendCode, { input: { mobile: handlerMobile, purpose: 'SITE_APPLICATION' } }, { cookie })).errors,
  ).toBeUndefined()
  const code = await latestCode(t.db.prisma, handlerMobile)
  const { id, version } = draft.data!.saveSiteApplicationDraft
  return t.execute(Submit, { input: { id, version, verificationCode: code } }, { cookie })
}

describe('who may ask and who may review', () => {
  it('another county, the city office, CONAC and unit users cannot review; other units and offices cannot ask', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const asked = await requestChange('qfzf', badge.id, { newSiteName: '范围测试' })
    const id = asked.data!.requestBadgeChange.id
    const before = await badgeState(badge.id)

    expect(errorCodes(await review('nanle', id, 'APPROVE'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await review('puyang', id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('henan', id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('conac', id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('qfzf', id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('qfyy', id, 'REJECT', '无权审核'))).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(Withdraw, { input: { id, version: 0 } }, { cookie: await t.login('qfyy') })),
    ).toEqual(['NOT_FOUND'])

    const other = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    expect(errorCodes(await requestChange('qfyy', other.badge.id, { newSiteName: '他人变更' }))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await requestCancel('qfyy', other.badge.id, '他人注销'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await requestChange('qingfeng', other.badge.id, { newSiteName: '编办变更' }))).toEqual([
      'FORBIDDEN',
    ])
    expect(errorCodes(await requestCancel('conac', other.badge.id, 'CONAC 注销'))).toEqual(['FORBIDDEN'])
    expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: other.badge.id } })).toBe(0)

    expect(await badgeState(badge.id)).toEqual(before)

    // Queues: the same-level office only; CONAC does not review badge changes.
    const ids = async (user: string) =>
      (await t.execute(Queue, {}, { cookie: await t.login(user) })).data?.badgeChangeReviewQueue.edges.map(
        (e) => e.node.id,
      ) ?? []
    expect(await ids('qingfeng')).toContain(id)
    expect(await ids('nanle')).not.toContain(id)
    expect(await ids('puyang')).not.toContain(id)
    expect(errorCodes(await t.execute(Queue, {}, { cookie: await t.login('conac') }))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(Queue, {}, { cookie: await t.login('qfzf') }))).toEqual(['FORBIDDEN'])

    // Lists: the unit its own, an office its subtree, CONAC all; the status filter applies.
    const listed = async (user: string, statuses?: ('PENDING' | 'APPROVED' | 'REJECTED')[]) =>
      (
        await t.execute(List, { filter: statuses ? { statuses } : null }, { cookie: await t.login(user) })
      ).data!.badgeChangeRequests.edges.map((e) => e.node.id)
    expect(await listed('qfzf')).toContain(id)
    expect(await listed('qfzf', ['APPROVED'])).not.toContain(id)
    expect(await listed('qfyy')).not.toContain(id)
    expect(await listed('nanle')).not.toContain(id)
    expect(await listed('puyang')).toContain(id)
    expect(await listed('conac')).toContain(id)
    expect(await listed('hebei')).not.toContain(id)
  })
})

describe('公开核验', () => {
  it('shows the public facts without login and nothing personal', async () => {
    const { badge, domain, application } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const result = await t.execute(Verify, { badgeNumber: badge.badgeNumber })
    expect(result.errors).toBeUndefined()
    const facts = result.data!.badgeVerification!
    expect(facts).toMatchObject({
      badgeNumber: badge.badgeNumber,
      status: 'ACTIVE',
      cancelledAt: null,
      unitName: '清丰县人民政府办公室',
      unitType: 'PARTY_GOVERNMENT',
      address: application.address,
      siteName: badge.siteName,
      englishDomain: badge.englishDomain,
      placement: 'SELF_BUILT',
      issuer: expect.stringContaining('中央机构编制委员会办公室'),
    })
    expect(facts.chineseDomains[0]).toBe(`${domain.name}.政务`)
    const text = JSON.stringify(result)
    for (const secret of [
      application.principalName,
      application.principalMobile,
      application.principalEmail,
      application.handlerName,
      application.handlerMobile,
      application.handlerEmail,
      openIdNumber('siteApplication', application.handlerIdNumberEnc)!,
      application.handlerIdNumberMasked!.trim(),
      application.ipAddress!,
    ]) {
      expect(text).not.toContain(secret)
    }

    // The unit's own view carries the code and the addresses.
    const list = await t.execute(BadgeFields, {}, { cookie: await t.login('qfzf') })
    const mine = list.data!.badges.edges.find((e) => e.node.id === String(badge.id))!.node
    expect(mine.snippet).toContain(`${config.publicPortalUrl}/badge/${badge.badgeNumber}.js`)
    expect(mine.verificationUrl).toBe(`${config.publicPortalUrl}/verify/${badge.badgeNumber}`)
    expect(mine.chineseDomain?.id).toBe(String(domain.id))
    expect(mine.ipAddress).toBe(application.ipAddress)
  })

  it('shows a cancelled badge as CANCELLED; unknown is null; a malformed number is BAD_USER_INPUT', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfyyUnit, placement: 'MICRO_SITE' })
    const asked = await requestCancel('qfyy', badge.id, '单位撤并')
    expect((await review('qingfeng', asked.data!.requestBadgeCancellation.id, 'APPROVE')).errors).toBeUndefined()
    const cancelled = await t.execute(Verify, { badgeNumber: badge.badgeNumber })
    expect(cancelled.data!.badgeVerification).toMatchObject({
      status: 'CANCELLED',
      cancelledAt: expect.any(String),
      unitType: 'PUBLIC_INSTITUTION',
      placement: 'MICRO_SITE',
      englishDomain: null,
    })

    expect((await t.execute(Verify, { badgeNumber: 'Z99999999999' })).data!.badgeVerification).toBeNull()
    for (const bad of ['', 'abc', '2026-0001', 'A'.repeat(33), '<script>']) {
      const result = await t.execute(Verify, { badgeNumber: bad })
      expect(errorCodes(result), bad).toEqual(['BAD_USER_INPUT'])
      expect(result.data?.badgeVerification ?? null).toBeNull()
    }
  })
})

describe('badge issue', () => {
  it('points the Chinese domain at the micro-site when the badge is issued', async () => {
    const cookie = await t.login('qfyy')
    const domain = await t.db.prisma.domain.create({
      data: {
        name: `发放解析${Date.now().toString(36)}`,
        suffix: 'GONGYI',
        unitId: qfyyUnit,
        status: 'REGISTERED',
        years: 1,
        registeredAt: new Date(),
        expiresAt: new Date(Date.now() + 365 * 86_400_000),
      },
    })
    const handlerMobile = freshMobile()
    const draft = await t.execute(
      SaveDraft,
      {
        input: {
          kind: 'NEW_SITE',
          siteName: '清丰县人民医院',
          siteIntro: '本网站由清丰县人民医院主办。',
          chineseDomainId: String(domain.id),
          useMicroSite: true,
          principalName: '王院长',
          principalMobile: '13912345670',
          principalEmail: 'p@example.com',
          handlerName: '赵经办',
          handlerMobile,
          handlerEmail: 'h@example.com',
          handlerIdNumber: makeIdNumber('410922'),
        },
      },
      { cookie },
    )
    expect(draft.errors).toBeUndefined()
    await ageCodes(t.db.prisma, handlerMobile, 61)
    await t.execute(SendCode, { input: { mobile: handlerMobile, purpose: 'SITE_APPLICATION' } }, { cookie })
    const { id, version } = draft.data!.saveSiteApplicationDraft
    const submitted = await t.execute(
      Submit,
      { input: { id, version, verificationCode: await latestCode(t.db.prisma, handlerMobile) } },
      { cookie },
    )
    expect(submitted.errors).toBeUndefined()
    for (const user of ['qingfeng', 'conac']) {
      const row = await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(id) } })
      const result = await t.execute(
        ReviewSite,
        { input: { id, version: row.version, decision: 'APPROVE' } },
        { cookie: await t.login(user) },
      )
      expect(result.errors).toBeUndefined()
    }
    const issued = await t.db.prisma.badge.findUniqueOrThrow({ where: { siteApplicationId: Number(id) } })
    const records = await forwardRecords(domain.id)
    expect(records.map((r) => `${r.host} ${r.type} ${r.value}`).sort()).toEqual([
      `@ A ${config.urlForwardServerIpv4}`,
      `@ URL_FORWARD ${config.publicPortalUrl}/m/${qfyyUnit}`,
    ])
    expect(new Set(records.map((r) => r.forwardGroup)).size).toBe(1)
    expect(issued.placement).toBe('MICRO_SITE')
  })
})
