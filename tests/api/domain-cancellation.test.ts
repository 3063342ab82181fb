// 域名注销: a unit asks to give up a domain, sees first what depends on it (badges, site applications, the micro-site a
// badge leads to, DNS records, URL forwards, variants), and must agree to cancel those together; the unit's
// same-level office approves (the domain leaves DNS at once and becomes DELETED, its listed dependents are cancelled,
// the name is released by the lifecycle job after the hold period) or rejects with a note; the unit may withdraw.
// One open request per domain: a pending renewal refuses a 注销 and a pending 注销 refuses a renewal; two 注销 at
// once, and an approval racing the lifecycle job, end with one winner and nothing half done.
// With TEST_DATABASE_URL the concurrent calls really race on PostgreSQL; on PGlite they are serialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { runDomainLifecycle } from '../../server/src/modules/lifecycle/advance.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type GraphQLErrorShape, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { unitByName } from '../testkit/money.ts'
import { raceAtFirstWrite } from '../testkit/raceGate.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const Impact = graphql(`
  query TestCancellationImpact($domainId: ID!) {
    domainCancellationImpact(domainId: $domainId) {
      domainId
      fingerprint
      dependents {
        badges {
          id
          badgeNumber
          siteName
          placement
        }
        siteApplications {
          id
          serialNumber
          status
        }
        microSite {
          title
          published
        }
        dnsRecords
        urlForwards
        variants
      }
    }
  }
`)

const RequestCancellation = graphql(`
  mutation TestCancellationRequest($input: RequestDomainCancellationInput!) {
    requestDomainCancellation(input: $input) {
      id
      status
      version
      reason
      cancelDependents
      requestedByName
      dependents {
        badges {
          id
        }
      }
      reviewOffice {
        name
      }
      domain {
        id
        pendingCancellation {
          id
        }
      }
    }
  }
`)

const Withdraw = graphql(`
  mutation TestCancellationWithdraw($input: WithdrawDomainCancellationInput!) {
    withdrawDomainCancellation(input: $input) {
      id
      status
    }
  }
`)

const Review = graphql(`
  mutation TestCancellationReview($input: ReviewDomainCancellationInput!) {
    reviewDomainCancellation(input: $input) {
      id
      status
      reviewNote
      reviewedByName
      domain {
        id
        status
        deletedAt
        nextLifecycleStep {
          status
          at
        }
      }
    }
  }
`)

const Queue = graphql(`
  query TestCancellationQueue {
    domainCancellationReviewQueue(first: 100) {
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

const History = graphql(`
  query TestCancellationHistory {
    domainCancellationRequests(first: 100) {
      edges {
        node {
          id
          unit {
            id
          }
        }
      }
    }
  }
`)

const RenewalQuote = graphql(`
  query TestCancellationRenewalQuote($domainIds: [ID!]!) {
    renewalQuote(domainIds: $domainIds, years: 1) {
      count
    }
  }
`)

const RequestRenewal = graphql(`
  mutation TestCancellationRenewal($input: RequestRenewalInput!) {
    requestRenewal(input: $input) {
      renewals {
        id
        status
      }
    }
  }
`)

const DomainCounts = graphql(`
  query TestCancellationStatistics($regionCode: String) {
    regionStatistics(regionCode: $regionCode) {
      domains {
        byStatus {
          key
          count
        }
      }
    }
  }
`)

const RequestTransfer = graphql(`
  mutation TestCancellationVersusTransfer($input: RequestDomainTransferInput!) {
    requestDomainTransfer(input: $input) {
      id
    }
  }
`)

const DAY = 86_400_000
const FORWARD = { forwardRedirect: 'TEMPORARY', forwardKeepPath: false } as const
let t: TestApp
let prisma: PrismaClient
const cookies: Record<string, string> = {}
let unitId: number
let hospitalId: number

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
  for (const login of ['qfzf', 'qfyy', 'qingfeng', 'nanle', 'puyang', 'conac']) cookies[login] = await t.login(login)
  unitId = (await unitByName(prisma, '清丰县人民政府办公室')).id
  hospitalId = (await unitByName(prisma, '清丰县人民医院')).id
}, 120_000)
afterAll(() => t?.close())

const as = (login: string) => ({ cookie: cookies[login] })

async function impactOf(domainId: number, login = 'qfzf') {
  const result = await t.execute(Impact, { domainId: String(domainId) }, as(login))
  expect(result.errors).toBeUndefined()
  return result.data!.domainCancellationImpact
}

async function request(
  domainId: number,
  options: { cancelDependents?: boolean; reason?: string; fingerprint?: string; login?: string } = {},
) {
  const fingerprint = options.fingerprint ?? (await impactOf(domainId, options.login)).fingerprint
  return t.execute(
    RequestCancellation,
    {
      input: {
        domainId: String(domainId),
        reason: options.reason ?? '该网站已整合至本级政府门户网站，不再使用此域名',
        cancelDependents: options.cancelDependents ?? false,
        impactFingerprint: fingerprint,
      },
    },
    as(options.login ?? 'qfzf'),
  )
}

const review = (id: string, approve: boolean, login = 'qingfeng', note?: string) =>
  t.execute(Review, { input: { id, approve, ...(note ? { note } : {}) } }, as(login))

const reasonOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.reason
const domainRow = (id: number) => prisma.domain.findUniqueOrThrow({ where: { id } })
const publishes = async (id: number) =>
  (
    await prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM dns_publishable_domains WHERE domain_id = ${id}`
  )[0]!.n === 1
const audits = (subjectType: string, subjectId: number) =>
  prisma.auditLog.findMany({ where: { subjectType, subjectId: String(subjectId) }, orderBy: { id: 'asc' } })

/** A registered domain of 清丰县人民政府办公室 with an A record, a URL forward (two records) and a variant. */
async function domainWithDns() {
  const domain = await createDomain(prisma, { unitId, status: 'REGISTERED' })
  await prisma.dnsRecord.createMany({
    data: [
      { domainId: domain.id, host: 'www', type: 'A', value: '192.0.2.7' },
      {
        domainId: domain.id,
        host: 'old',
        type: 'URL_FORWARD',
        value: 'http://old.example.cn/',
        forwardGroup: 'g1',
        ...FORWARD,
      },
      { domainId: domain.id, host: 'old', type: 'A', value: '192.0.2.99', forwardGroup: 'g1' },
    ],
  })
  await prisma.domainName.create({
    data: {
      domainId: domain.id,
      suffix: domain.suffix,
      uLabel: `${domain.name}繁`,
      aLabel: `xn--cancel${domain.id}`,
      kind: 'VARIANT',
    },
  })
  return domain
}

describe('who may ask, and what is refused before anything changes', () => {
  it('shows the impact of a domain without dependents; another unit’s domain is NOT_FOUND', async () => {
    const domain = await domainWithDns()
    const impact = await impactOf(domain.id)
    expect(impact.dependents).toMatchObject({
      badges: [],
      siteApplications: [],
      microSite: null,
      dnsRecords: 1,
      urlForwards: 1,
      variants: [`${domain.name}繁.政务`],
    })
    const other = await createDomain(prisma, { unitId: hospitalId, status: 'REGISTERED' })
    expect(errorCodes(await t.execute(Impact, { domainId: String(other.id) }, as('qfzf')))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await request(other.id, { fingerprint: 'b;s' }))).toEqual(['NOT_FOUND'])
  })

  it('refuses a bad reason, a domain not yet registered, and office staff; nothing is filed', async () => {
    const domain = await domainWithDns()
    for (const reason of ['', '短', 'x'.repeat(501)])
      expect(errorCodes(await request(domain.id, { reason }))).toEqual(['BAD_USER_INPUT'])
    const pending = await createDomain(prisma, { unitId, status: 'PENDING_OFFICE_REVIEW' })
    const notYet = await request(pending.id, { fingerprint: 'b;s' })
    expect(errorCodes(notYet)).toEqual(['CONFLICT'])
    expect(reasonOf(notYet)).toBe('DOMAIN_NOT_CANCELLABLE')
    expect(errorCodes(await request(domain.id, { login: 'qingfeng', fingerprint: 'b;s' }))).toEqual(['FORBIDDEN'])
    expect(await prisma.domainCancellationRequest.count({ where: { domainId: { in: [domain.id, pending.id] } } })).toBe(
      0,
    )
  })
})

describe('a domain a site only binds (绑定域名)', () => {
  it('is not a dependent: the 注销 goes through, the site keeps its badge and loses only the binding', async () => {
    const { application, badge } = await createIssuedBadge(prisma, { unitId })
    const bound = await domainWithDns()
    await prisma.siteApplicationDomain.create({ data: { siteApplicationId: application.id, domainId: bound.id } })
    const impact = await impactOf(bound.id)
    expect(impact.dependents).toMatchObject({ badges: [], siteApplications: [], microSite: null })
    const filed = await request(bound.id, { fingerprint: impact.fingerprint })
    expect(filed.errors).toBeUndefined()
    const reviewed = await review(filed.data!.requestDomainCancellation.id, true)
    expect(reviewed.errors).toBeUndefined()
    expect((await domainRow(bound.id)).status).toBe('DELETED')
    expect((await prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })).status).toBe('ACTIVE')
    const stillBound = await prisma.siteApplicationDomain.findMany({ where: { siteApplicationId: application.id } })
    expect(stillBound.map((row) => row.domainId)).toEqual([application.chineseDomainId])
    const cancelled = (await audits('Domain', bound.id)).find((a) => a.action === 'domain.cancel')!
    expect((cancelled.after as { unboundFromSiteApplicationIds: number[] }).unboundFromSiteApplicationIds).toEqual([
      application.id,
    ])
  })
})

describe('a domain with a badge: agree to cancel it together, the office approves', () => {
  let domainId: number
  let badgeId: number
  let applicationId: number
  let draftId: number
  let requestId: string
  let fingerprint: string
  const countsOf = async () => {
    const result = await t.execute(DomainCounts, { regionCode: '410922' }, as('qingfeng'))
    return Object.fromEntries(result.data!.regionStatistics.domains.byStatus.map((entry) => [entry.key, entry.count]))
  }
  let countsBefore: Record<string, number>

  it('lists the badge, the micro-site it leads to, an open site application and the DNS', async () => {
    await prisma.microSite.upsert({
      where: { unitId },
      create: { unitId, title: '清丰县人民政府办公室网络红页', introduction: '简介' },
      update: {},
    })
    const issued = await createIssuedBadge(prisma, { unitId, placement: 'MICRO_SITE' })
    domainId = issued.domain.id
    badgeId = issued.badge.id
    applicationId = issued.application.id
    // The badge's forward, as issuing it writes: a URL forward on @ with its A record, grouped by the badge.
    await prisma.dnsRecord.createMany({
      data: [
        {
          domainId,
          host: '@',
          type: 'URL_FORWARD',
          value: 'http://portal.example/m/1',
          forwardGroup: `badge-${badgeId}`,
          ...FORWARD,
        },
        { domainId, host: '@', type: 'A', value: '192.0.2.50', forwardGroup: `badge-${badgeId}` },
        { domainId, host: 'mail', type: 'A', value: '192.0.2.8' },
      ],
    })
    // A second (draft) application naming the same domain: it would be left pointing at a deleted domain.
    const app = await prisma.siteApplication.findUniqueOrThrow({ where: { id: applicationId } })
    const { id: _id, serialNumber: _serial, createdAt: _c, updatedAt: _u, version: _v, ...copy } = app
    draftId = (
      await prisma.siteApplication.create({
        data: { ...copy, serialNumber: `WZ-C-${domainId}`, status: 'DRAFT', submittedAt: null } as never,
      })
    ).id
    const impact = await impactOf(domainId)
    fingerprint = impact.fingerprint
    expect(impact.dependents.badges.map((badge) => Number(badge.id))).toEqual([badgeId])
    expect(impact.dependents.badges[0]!.placement).toBe('MICRO_SITE')
    expect(impact.dependents.siteApplications.map((a) => Number(a.id))).toEqual([draftId])
    expect(impact.dependents.microSite).not.toBeNull()
    expect(impact.dependents).toMatchObject({ dnsRecords: 1, urlForwards: 1 })
  })

  it('refuses without 一并注销 (DEPENDENTS_EXIST naming the badge), and against a stale impact', async () => {
    const refused = await request(domainId, { fingerprint })
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(reasonOf(refused)).toBe('DEPENDENTS_EXIST')
    expect(refused.errors![0]!.message).toContain('网站标识')
    const stale = await request(domainId, { fingerprint: 'b;s', cancelDependents: true })
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    expect(reasonOf(stale)).toBe('DEPENDENTS_CHANGED')
    expect(await prisma.domainCancellationRequest.count({ where: { domainId } })).toBe(0)
  })

  it('files with the dependents listed, tells the same-level office, and audits', async () => {
    countsBefore = await countsOf()
    const versionBefore = (await domainRow(domainId)).version
    const result = await request(domainId, { fingerprint, cancelDependents: true })
    expect(result.errors).toBeUndefined()
    const filed = result.data!.requestDomainCancellation
    requestId = filed.id
    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
    expect(filed).toMatchObject({ status: 'PENDING', cancelDependents: true, reviewOffice: { name: office.name } })
    expect(filed.dependents.badges.map((badge) => Number(badge.id))).toEqual([badgeId])
    expect(filed.domain.pendingCancellation?.id).toBe(requestId)
    // claimDomains bumped the domain's version: a renewal quoted before now answers CONFLICT.
    expect((await domainRow(domainId)).version).toBe(versionBefore + 1)
    const staff = await prisma.user.findMany({ where: { office: { regionCode: '410922' }, status: 'ACTIVE' } })
    const notices = await prisma.notification.findMany({
      where: { template: 'domainCancellation.awaitingOfficeReview', dedupeKey: { contains: `:${requestId}:` } },
    })
    expect(notices.map((n) => n.userId).sort()).toEqual(staff.map((u) => u.id).sort())
    expect((await audits('DomainCancellationRequest', Number(requestId))).map((a) => a.action)).toEqual([
      'domainCancellation.request',
    ])
    const queue = await t.execute(Queue, {}, as('qingfeng'))
    expect(queue.data!.domainCancellationReviewQueue.edges.map((e) => e.node.id)).toContain(requestId)
    expect(
      (await t.execute(Queue, {}, as('nanle'))).data!.domainCancellationReviewQueue.edges.map((e) => e.node.id),
    ).not.toContain(requestId)
    // The unit sees its own history; another unit does not see it.
    const history = async (login: string) =>
      (await t.execute(History, {}, as(login))).data!.domainCancellationRequests.edges.map((e) => e.node.id)
    expect(await history('qfzf')).toContain(requestId)
    expect(await history('qfyy')).not.toContain(requestId)
  })

  it('a renewal of the domain is refused while the 注销 waits (DOMAIN_REQUEST_OPEN)', async () => {
    const quote = await t.execute(RenewalQuote, { domainIds: [String(domainId)] }, as('qfzf'))
    expect(errorCodes(quote)).toEqual(['CONFLICT'])
    expect(reasonOf(quote)).toBe('DOMAIN_REQUEST_OPEN')
    const renewal = await t.execute(RequestRenewal, { input: { domainIds: [String(domainId)], years: 1 } }, as('qfzf'))
    expect(errorCodes(renewal)).toEqual(['CONFLICT'])
    expect(await prisma.domainRenewal.count({ where: { domainId } })).toBe(0)
  })

  it('only the same-level office reviews: the city office, another county and CONAC are refused', async () => {
    expect(errorCodes(await review(requestId, true, 'puyang'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review(requestId, true, 'nanle'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await review(requestId, true, 'conac'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review(requestId, false, 'qingfeng'))).toEqual(['BAD_USER_INPUT'])
    expect(
      (await prisma.domainCancellationRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).status,
    ).toBe('PENDING')
  })

  it('approval: the domain is DELETED and out of DNS, the badge and applications cancelled, all audited', async () => {
    expect(await publishes(domainId)).toBe(true)
    const before = Date.now()
    const result = await review(requestId, true)
    expect(result.errors).toBeUndefined()
    const reviewed = result.data!.reviewDomainCancellation
    expect(reviewed.status).toBe('APPROVED')
    expect(reviewed.domain.status).toBe('DELETED')
    const deletedAt = new Date(reviewed.domain.deletedAt as string).getTime()
    expect(deletedAt).toBeGreaterThanOrEqual(before - 1000)
    // The name is held for the hold period (30 days by default) from the deletion, then released.
    expect(reviewed.domain.nextLifecycleStep).toMatchObject({ status: 'RELEASED' })
    expect(new Date(reviewed.domain.nextLifecycleStep!.at as string).getTime()).toBe(deletedAt + 30 * DAY)
    expect(await publishes(domainId)).toBe(false)

    const badge = await prisma.badge.findUniqueOrThrow({ where: { id: badgeId } })
    expect(badge.status).toBe('CANCELLED')
    expect((await prisma.siteApplication.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe(
      'BADGE_CANCELLED',
    )
    expect((await prisma.siteApplication.findUniqueOrThrow({ where: { id: draftId } })).status).toBe('WITHDRAWN')
    // The badge's URL forwards went as a badge 注销 removes them, into the DNS history; other records stay (unpublished).
    const records = await prisma.dnsRecord.findMany({ where: { domainId } })
    expect(records.map((r) => r.host)).toEqual(['mail'])
    const history = await prisma.dnsRecordChange.findMany({ where: { domainId } })
    expect(history.map((h) => [h.cause, h.action, h.badgeId])).toEqual([
      ['BADGE_CANCELLED', 'DELETED', badgeId],
      ['BADGE_CANCELLED', 'DELETED', badgeId],
    ])

    expect((await audits('Domain', domainId)).map((a) => a.action)).toContain('domain.cancel')
    expect((await audits('Badge', badgeId)).map((a) => a.action)).toContain('badge.cancel')
    expect((await audits('SiteApplication', draftId)).map((a) => a.action)).toContain(
      'siteApplication.withdrawWithDomain',
    )
    expect((await audits('DomainCancellationRequest', Number(requestId))).map((a) => a.action)).toEqual([
      'domainCancellation.request',
      'domainCancellation.review',
    ])
    const unitNotice = await prisma.notification.findMany({
      where: {
        template: 'domainCancellation.approved',
        dedupeKey: { contains: `domain-cancellation-review:${requestId}` },
      },
    })
    expect(unitNotice.length).toBeGreaterThan(0)
    expect(
      await prisma.notification.count({
        where: { template: 'office.domainCancellation.approved', dedupeKey: { contains: `:${requestId}:` } },
      }),
    ).toBeGreaterThan(0)
  })

  it('the statistics count it as deleted', async () => {
    const after = await countsOf()
    expect(after.DELETED ?? 0).toBe((countsBefore.DELETED ?? 0) + 1)
    expect(after.REGISTERED ?? 0).toBe((countsBefore.REGISTERED ?? 0) - 1)
  })

  it('is not reviewed twice, and the lifecycle job releases the name after the hold', async () => {
    expect(errorCodes(await review(requestId, true))).toEqual(['CONFLICT'])
    const deletedAt = (await domainRow(domainId)).deletedAt!
    await runDomainLifecycle(prisma, new Date(deletedAt.getTime() + 29 * DAY))
    expect((await domainRow(domainId)).status).toBe('DELETED')
    await runDomainLifecycle(prisma, new Date(deletedAt.getTime() + 30 * DAY + 1000))
    expect((await domainRow(domainId)).status).toBe('RELEASED')
    expect(await prisma.domainName.count({ where: { domainId, live: true } })).toBe(0)
  })
})

describe('reject and withdraw', () => {
  it('a rejection needs a note and leaves the domain as it was', async () => {
    const domain = await domainWithDns()
    const filed = await request(domain.id)
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.requestDomainCancellation.id
    const result = await review(id, false, 'qingfeng', '该域名仍在公文中使用，请继续保留')
    expect(result.data!.reviewDomainCancellation).toMatchObject({
      status: 'REJECTED',
      reviewNote: '该域名仍在公文中使用，请继续保留',
      domain: { status: 'REGISTERED' },
    })
    expect(await publishes(domain.id)).toBe(true)
    expect(await prisma.notification.count({ where: { template: 'domainCancellation.rejected' } })).toBeGreaterThan(0)
  })

  it('the unit withdraws a pending request (another unit cannot), and may ask again', async () => {
    const domain = await domainWithDns()
    const id = (await request(domain.id)).data!.requestDomainCancellation.id
    expect(errorCodes(await t.execute(Withdraw, { input: { id } }, as('qfyy')))).toEqual(['NOT_FOUND'])
    const withdrawn = await t.execute(Withdraw, { input: { id } }, as('qfzf'))
    expect(withdrawn.data!.withdrawDomainCancellation.status).toBe('WITHDRAWN')
    expect(errorCodes(await t.execute(Withdraw, { input: { id } }, as('qfzf')))).toEqual(['CONFLICT'])
    expect(errorCodes(await review(id, true))).toEqual(['CONFLICT'])
    expect((await request(domain.id)).errors).toBeUndefined()
  })
})

describe('conflicting requests on one domain', () => {
  it('a pending renewal refuses a 注销 (DOMAIN_REQUEST_OPEN); once the renewal is gone it may be filed', async () => {
    const domain = await domainWithDns()
    const renewal = await t.execute(RequestRenewal, { input: { domainIds: [String(domain.id)], years: 1 } }, as('qfzf'))
    expect(renewal.errors).toBeUndefined()
    const refused = await request(domain.id)
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(reasonOf(refused)).toBe('DOMAIN_REQUEST_OPEN')
    expect(refused.errors![0]!.message).toContain('续费')
    expect(await prisma.domainCancellationRequest.count({ where: { domainId: domain.id } })).toBe(0)
  })

  it('two 注销 of one domain at once: one is filed, the other gets CONFLICT', async () => {
    const domain = await domainWithDns()
    const { fingerprint } = await impactOf(domain.id)
    const results = await raceAtFirstWrite(t.db, { table: 'domain_cancellation_requests', waiting: 2 }, () => [
      request(domain.id, { fingerprint }),
      request(domain.id, { fingerprint, reason: '另一次申请注销该域名' }),
    ])
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK'])
    expect(await prisma.domainCancellationRequest.count({ where: { domainId: domain.id } })).toBe(1)
  })

  it('the lifecycle job deleted the domain first: the request is closed, audited, and no longer decidable', async () => {
    const expiresAt = new Date(Date.now() - 59 * DAY)
    const domain = await createDomain(prisma, { unitId, status: 'REDEMPTION', expiresAt })
    const id = (await request(domain.id)).data!.requestDomainCancellation.id
    await runDomainLifecycle(prisma, new Date(Date.now() + 2 * DAY))
    expect((await domainRow(domain.id)).status).toBe('DELETED')
    expect((await prisma.domainCancellationRequest.findUniqueOrThrow({ where: { id: Number(id) } })).status).toBe(
      'CLOSED',
    )
    expect((await audits('DomainCancellationRequest', Number(id))).map((a) => a.action)).toEqual([
      'domainCancellation.request',
      'domainCancellation.close',
    ])
    // The office's queue shows it closed, with nothing left to decide.
    const queue = await t.execute(Queue, {}, as('qingfeng'))
    expect(queue.data!.domainCancellationReviewQueue.edges.find((e) => e.node.id === id)?.node.status).toBe('CLOSED')
    const result = await review(id, true)
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect((await domainRow(domain.id)).deletedAt).not.toBeNull()
    expect((await audits('Domain', domain.id)).filter((a) => a.action === 'domain.cancel')).toHaveLength(0)
  })

  it('an approval racing the lifecycle job: one of them moves the domain, never both, nothing half done', async () => {
    const expiresAt = new Date(Date.now() - 59 * DAY)
    const issued = await createIssuedBadge(prisma, { unitId })
    await prisma.domain.update({ where: { id: issued.domain.id }, data: { status: 'REDEMPTION', expiresAt } })
    const domainId = issued.domain.id
    const id = (await request(domainId, { cancelDependents: true })).data!.requestDomainCancellation.id
    const [approval, job] = await raceAtFirstWrite<unknown>(t.db, { table: 'domains', waiting: 2 }, () => [
      review(id, true),
      runDomainLifecycle(prisma, new Date(Date.now() + 2 * DAY)),
    ])
    const domain = await domainRow(domainId)
    const request_ = await prisma.domainCancellationRequest.findUniqueOrThrow({ where: { id: Number(id) } })
    const badge = await prisma.badge.findUniqueOrThrow({ where: { id: issued.badge.id } })
    expect(domain.status).toBe('DELETED')
    if ((approval as { errors?: unknown[] }).errors) {
      // The job won: the request is closed with the deletion, the badge is untouched.
      expect(errorCodes(approval as never)).toEqual(['CONFLICT'])
      expect(request_.status).toBe('CLOSED')
      expect(badge.status).toBe('ACTIVE')
    } else {
      // The approval won: the job left the domain to the next run.
      expect((job as { movedOn: number }).movedOn).toBeGreaterThanOrEqual(0)
      expect(request_.status).toBe('APPROVED')
      expect(badge.status).toBe('CANCELLED')
      expect(domain.deletedAt).not.toBeNull()
    }
    const deletes = (await audits('Domain', domainId)).filter((a) =>
      ['domain.cancel', 'domain.delete'].includes(a.action),
    )
    expect(deletes).toHaveLength(1)
  })
})

describe('注销 and 过户 of one domain: one stands, the other gets CONFLICT', () => {
  const transfer = async (domainId: number) => {
    const receiver = await createUnit(prisma, { regionCode: '410922', type: 'PARTY_GOVERNMENT' })
    return t.execute(
      RequestTransfer,
      { input: { domainId: String(domainId), toCreditCode: receiver.creditCode, reason: '职能划转，域名随之移交' } },
      as('qfzf'),
    )
  }

  it('a pending 过户 refuses the 注销, and a pending 注销 refuses the 过户', async () => {
    const first = await domainWithDns()
    expect((await transfer(first.id)).errors).toBeUndefined()
    const cancel = await request(first.id)
    expect(errorCodes(cancel)).toEqual(['CONFLICT'])
    expect(reasonOf(cancel)).toBe('DOMAIN_REQUEST_OPEN')
    expect(cancel.errors![0]!.message).toContain('过户')
    expect(await prisma.domainCancellationRequest.count({ where: { domainId: first.id } })).toBe(0)

    const second = await domainWithDns()
    expect((await request(second.id)).errors).toBeUndefined()
    const moved = await transfer(second.id)
    expect(errorCodes(moved)).toEqual(['CONFLICT'])
    expect(reasonOf(moved)).toBe('DOMAIN_REQUEST_OPEN')
    expect(moved.errors![0]!.message).toContain('注销')
    expect(await prisma.domainTransferRequest.count({ where: { domainId: second.id } })).toBe(0)
  })

  it('filed at the same moment: exactly one of them is open afterwards', async () => {
    const domain = await domainWithDns()
    const { fingerprint } = await impactOf(domain.id)
    const receiver = await createUnit(prisma, { regionCode: '410922', type: 'PARTY_GOVERNMENT' })
    // Both lock the domain row (claimDomains) before writing: the gate holds them at the domains table.
    // Two different mutations: each result is only read for its error code.
    const results = await raceAtFirstWrite<{ errors?: GraphQLErrorShape[] }>(
      t.db,
      { table: 'domains', waiting: 2 },
      () => [
        request(domain.id, { fingerprint }),
        t.execute(
          RequestTransfer,
          {
            input: { domainId: String(domain.id), toCreditCode: receiver.creditCode, reason: '职能划转，域名随之移交' },
          },
          as('qfzf'),
        ),
      ],
    )
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK'])
    const open =
      (await prisma.domainCancellationRequest.count({ where: { domainId: domain.id, status: 'PENDING' } })) +
      (await prisma.domainTransferRequest.count({ where: { domainId: domain.id, status: 'PENDING' } }))
    expect(open).toBe(1)
  })
})
