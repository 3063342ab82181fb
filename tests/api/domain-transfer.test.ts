// 域名过户 (issue 19): a unit gives a domain, with its DNS records, to another unit; every office of the approval
// chain approves (both units' same-level offices; those above each on the way to the region they share; CONAC across
// provinces), in any order; one rejection ends it. On the last approval the domain, its dependent badges (moved or
// cancelled as listed) and the statistics move at once, the records stay published, and both sides' offices find
// it in their audit trail. Refusals are coded; conflicts with renewals and between concurrent decisions leave one
// winner. With TEST_DATABASE_URL the races really overlap on PostgreSQL; on PGlite the calls run one after another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { approvingRegions } from '../../server/src/modules/domainTransfers/chain.ts'
import { runDomainLifecycle } from '../../server/src/modules/lifecycle/advance.ts'
import { graphql } from '../graphql/generated/index.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { createTestApp, errorCodes, type Result, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain, createUnit, makeCreditCode } from '../testkit/fixtures.ts'
import { raceAtFirstWrite } from '../testkit/raceGate.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const RequestTransfer = graphql(`
  mutation TestDomainTransferRequest($input: RequestDomainTransferInput!) {
    requestDomainTransfer(input: $input) {
      id
      status
      version
      domainName
      fromUnitName
      toUnitName
      outgoing
      badges {
        badgeId
        action
      }
      approvals {
        officeName
        decision
      }
    }
  }
`)

const Decide = graphql(`
  mutation TestDomainTransferDecide($input: DecideDomainTransferInput!) {
    decideDomainTransfer(input: $input) {
      id
      status
      approvals {
        officeName
        decision
        note
        decidedByName
      }
    }
  }
`)

const Withdraw = graphql(`
  mutation TestDomainTransferWithdraw($input: WithdrawDomainTransferInput!) {
    withdrawDomainTransfer(input: $input) {
      id
      status
    }
  }
`)

const Queue = graphql(`
  query TestDomainTransferQueue($waitingForMe: Boolean) {
    domainTransferQueue(first: 100, waitingForMe: $waitingForMe) {
      totalCount
      edges {
        node {
          id
          status
          awaitingMyDecision
        }
      }
    }
  }
`)

const List = graphql(`
  query TestDomainTransferList($domainId: ID) {
    domainTransfers(first: 100, domainId: $domainId) {
      totalCount
      edges {
        node {
          id
          status
          outgoing
        }
      }
    }
  }
`)

const Recipient = graphql(`
  query TestDomainTransferRecipient($domainId: ID!, $creditCode: String!) {
    domainTransferRecipient(domainId: $domainId, creditCode: $creditCode) {
      name
      regionName
    }
  }
`)

const Dependents = graphql(`
  query TestDomainTransferDependents($id: ID!) {
    domain(id: $id) {
      id
      pendingTransfer {
        id
      }
      transferDependents {
        id
        badgeNumber
      }
    }
  }
`)

const Quote = graphql(`
  query TestDomainTransferRenewalQuote($domainIds: [ID!]!) {
    renewalQuote(domainIds: $domainIds, years: 1) {
      count
    }
  }
`)

let t: TestApp
let prisma: PrismaClient
const cookies: Record<string, string> = {}
let qfzfId: number
let qfzfCreditCode: string

/** Logs in a new account like `like` (same office or unit unless overridden). */
async function loginLike(like: string, overrides: Parameters<typeof makeUserLike>[2] = {}) {
  const user = await makeUserLike(t, like, overrides)
  return t.login(user.username)
}

beforeAll(async () => {
  t = await createTestApp({ poolSize: 8 })
  prisma = t.db.prisma
  for (const login of ['qfzf', 'qfyy', 'qingfeng', 'nanle', 'puyang', 'henan', 'hebei', 'conac', 'py-caiwu'])
    cookies[login] = await t.login(login)
  qfzfId = await demoUnitId(t, '清丰县人民政府办公室')
  qfzfCreditCode = (await prisma.unit.findUniqueOrThrow({ where: { id: qfzfId } })).creditCode
  const sjz = await prisma.office.findUniqueOrThrow({ where: { regionCode: '130100' } })
  cookies.shijiazhuang = await loginLike('hebei', { officeId: sjz.id })
}, 180_000)

afterAll(async () => {
  await t?.close()
})

const ok = <T>(result: Result<T>): T => {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined()
  return result.data!
}
const codeOf = (result: Result<unknown>) => errorCodes(result)[0]
const reasonOf = (result: Result<unknown>) => result.errors?.[0]?.extensions?.reason

/** A registered domain of 清丰县人民政府办公室 with one published A record (a value no other test uses). */
async function givingDomain(unitId = qfzfId) {
  const domain = await createDomain(prisma, { unitId, status: 'REGISTERED' })
  const value = `192.0.2.${(domain.id % 200) + 20}`
  await prisma.dnsRecord.create({ data: { domainId: domain.id, type: 'A', host: 'www', value, ttl: 600 } })
  return { ...domain, recordValue: value }
}

const published = async (value: string) =>
  Number(
    (await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "pdns"."records" WHERE "content" = ${value}`)[0]!
      .n,
  )

const request = (domainId: number, toCreditCode: string, extra: object = {}, cookie = cookies.qfzf) =>
  t.execute(
    RequestTransfer,
    { input: { domainId: String(domainId), toCreditCode, reason: '职能划转，域名随之移交', ...extra } },
    { cookie },
  )

const decide = (id: string, login: string, approve = true, note?: string) =>
  t.execute(Decide, { input: { id, approve, note } }, { cookie: cookies[login] })

describe('who approves', () => {
  it('computes the chain from the region tree', () => {
    const qf = '/100000/410000/410900/410922/'
    expect(approvingRegions(qf, qf)).toEqual(['410922'])
    expect(approvingRegions(qf, '/100000/410000/410900/410923/')).toEqual(['410922', '410923'])
    expect(approvingRegions(qf, '/100000/410000/410900/')).toEqual(['410922', '410900'])
    expect(approvingRegions(qf, '/100000/130000/130100/')).toEqual([
      '410922',
      '410900',
      '410000',
      '130100',
      '130000',
      '100000',
    ])
  })
})

describe('same county: the county office alone, and the domain moves with its records', () => {
  it('moves the domain, keeps its DNS records published, leaves history on both sides and notifies both', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    const toCookie = await loginLike('qfyy', { unitId: to.id, unitRole: 'PRIMARY' })
    const domain = await givingDomain()
    expect(await published(domain.recordValue)).toBe(1)

    const lookup = ok(
      await t.execute(Recipient, { domainId: String(domain.id), creditCode: to.creditCode }, { cookie: cookies.qfzf }),
    )
    expect(lookup.domainTransferRecipient).toEqual({ name: to.name, regionName: '清丰县' })

    const filed = ok(await request(domain.id, to.creditCode.toLowerCase())).requestDomainTransfer
    expect(filed).toMatchObject({ status: 'PENDING', toUnitName: to.name, outgoing: true })
    const qingfengOffice = await prisma.office.findUniqueOrThrow({ where: { regionCode: '410922' } })
    expect(filed.approvals).toEqual([{ officeName: qingfengOffice.name, decision: 'PENDING' }])

    // The receiving unit sees it (read-only), an office outside does not, CONAC is not in this chain.
    const incoming = ok(await t.execute(List, { domainId: String(domain.id) }, { cookie: toCookie })).domainTransfers
    expect(incoming.edges.map((e) => e.node)).toEqual([{ id: filed.id, status: 'PENDING', outgoing: false }])
    expect(codeOf(await t.execute(Withdraw, { input: { id: filed.id } }, { cookie: toCookie }))).toBe('FORBIDDEN')
    expect(codeOf(await decide(filed.id, 'nanle'))).toBe('NOT_FOUND')
    expect(codeOf(await decide(filed.id, 'conac'))).toBe('FORBIDDEN')
    expect(codeOf(await decide(filed.id, 'puyang'))).toBe('FORBIDDEN')
    expect(codeOf(await decide(filed.id, 'py-caiwu'))).toBe('FORBIDDEN')
    const queue = ok(await t.execute(Queue, { waitingForMe: true }, { cookie: cookies.qingfeng })).domainTransferQueue
    expect(queue.edges.map((e) => e.node)).toContainEqual({ id: filed.id, status: 'PENDING', awaitingMyDecision: true })

    const done = ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer
    expect(done.status).toBe('APPROVED')
    expect(done.approvals[0]).toMatchObject({ decision: 'APPROVED', decidedByName: expect.any(String) })
    const after = await prisma.domain.findUniqueOrThrow({ where: { id: domain.id }, include: { dnsRecords: true } })
    expect(after.unitId).toBe(to.id)
    expect(after.status).toBe('REGISTERED')
    expect(after.dnsRecords.map((r) => r.value)).toEqual([domain.recordValue])
    expect(await published(domain.recordValue)).toBe(1)
    expect(codeOf(await decide(filed.id, 'qingfeng'))).toBe('CONFLICT')

    // History on both units: the request in each unit's list, audit rows on each side.
    const giving = ok(await t.execute(List, { domainId: String(domain.id) }, { cookie: cookies.qfzf })).domainTransfers
    expect(giving.edges.map((e) => e.node.status)).toEqual(['APPROVED'])
    const actions = await prisma.auditLog.findMany({
      where: { subjectType: 'Domain', subjectId: String(domain.id) },
      select: { action: true },
    })
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['domain.transferOut', 'domain.transferIn']))
    const notices = await prisma.notification.findMany({
      where: {
        template: 'domainTransfer.completed',
        payload: { path: ['domainTransferId'], equals: Number(filed.id) },
      },
      select: { userId: true },
    })
    const toUsers = await prisma.user.findMany({ where: { unitId: to.id }, select: { id: true } })
    const fromUsers = await prisma.user.findMany({ where: { unitId: qfzfId, status: 'ACTIVE' }, select: { id: true } })
    const notified = new Set(notices.map((n) => n.userId))
    expect(toUsers.every((u) => notified.has(u.id))).toBe(true)
    expect(fromUsers.every((u) => notified.has(u.id))).toBe(true)
  })
})

describe('different counties of one city: both county offices, in any order', () => {
  it('needs both; the first approval leaves it pending; statistics move to the receiving county', async () => {
    const to = await createUnit(prisma, { regionCode: '410923' })
    const domain = await givingDomain()
    // A charged renewal counts where the domain's unit is: it moves too.
    const requester = await prisma.user.findUniqueOrThrow({ where: { username: 'qfzf' } })
    await prisma.domainRenewal.create({
      data: { domainId: domain.id, years: 1, status: 'CHARGED', requestedById: requester.id },
    })
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    expect(filed.approvals).toHaveLength(2)

    const first = ok(await decide(filed.id, 'nanle')).decideDomainTransfer
    expect(first.status).toBe('PENDING')
    expect(codeOf(await decide(filed.id, 'nanle'))).toBe('CONFLICT')
    const nanleQueue = ok(await t.execute(Queue, { waitingForMe: true }, { cookie: cookies.nanle })).domainTransferQueue
    expect(nanleQueue.edges.map((e) => e.node.id)).not.toContain(filed.id)
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(qfzfId)

    // Counters of a county sit under its city (root 濮阳市, child the county).
    const countIn = async (child: string) =>
      Number(
        (
          await prisma.$queryRaw<{ n: bigint | null }[]>`
            SELECT SUM(n) AS n FROM (SELECT "n" FROM region_statistics WHERE "root" = '410900' AND "child" = ${child} AND "metric" = 'renewals' AND "bucket" = ''
                                     UNION ALL SELECT "n" FROM region_statistic_deltas WHERE "root" = '410900' AND "child" = ${child} AND "metric" = 'renewals' AND "bucket" = '') s`
        )[0]!.n ?? 0,
      )
    const domainsIn = async (child: string) =>
      Number(
        (
          await prisma.$queryRaw<{ n: bigint | null }[]>`
            SELECT SUM(n) AS n FROM (SELECT "n" FROM region_statistics WHERE "root" = '410900' AND "child" = ${child} AND "metric" = 'domains_status' AND "bucket" = ''
                                     UNION ALL SELECT "n" FROM region_statistic_deltas WHERE "root" = '410900' AND "child" = ${child} AND "metric" = 'domains_status' AND "bucket" = '') s`
        )[0]!.n ?? 0,
      )
    const before = {
      qf: await domainsIn('410922'),
      nl: await domainsIn('410923'),
      qfR: await countIn('410922'),
      nlR: await countIn('410923'),
    }
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('APPROVED')
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(to.id)
    expect(await domainsIn('410922')).toBe(before.qf - 1)
    expect(await domainsIn('410923')).toBe(before.nl + 1)
    expect(await countIn('410922')).toBe(before.qfR - 1)
    expect(await countIn('410923')).toBe(before.nlR + 1)
    // What the triggers kept equals a recomputation from the tables.
    const counters = () => prisma.$queryRaw<object[]>`
      SELECT "root"::text, "child"::text, "metric", "bucket", "k1", "k2", SUM("n")::text AS "n", SUM("fen")::text AS "fen"
        FROM (SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM region_statistics
              UNION ALL SELECT "root", "child", "metric", "bucket", "k1", "k2", "n", "fen" FROM region_statistic_deltas) s
       WHERE "root" IN ('410900', '410000', '100000') AND "metric" IN ('domains_status', 'registrations', 'renewals')
       GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM("n") <> 0 OR SUM("fen") <> 0 ORDER BY 1, 2, 3, 4, 5, 6`
    const incremental = await counters()
    await prisma.$queryRaw`SELECT rebuild_region_statistics()`
    expect(await counters()).toEqual(incremental)
  })

  it('one rejection ends it; the domain stays and is free for a new request', async () => {
    const to = await createUnit(prisma, { regionCode: '410923' })
    const domain = await givingDomain()
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    expect(codeOf(await decide(filed.id, 'nanle', false))).toBe('BAD_USER_INPUT') // a rejection needs a reason
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('PENDING')
    const rejected = ok(await decide(filed.id, 'nanle', false, '接收单位职能不符')).decideDomainTransfer
    expect(rejected.status).toBe('REJECTED')
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(qfzfId)
    expect(ok(await request(domain.id, to.creditCode)).requestDomainTransfer.status).toBe('PENDING')
  })
})

describe('different provinces: every office on both sides up to the country, and CONAC', () => {
  it('is carried out on the sixth approval, whatever the order', async () => {
    const to = await createUnit(prisma, { regionCode: '130100' })
    const domain = await givingDomain()
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    expect(filed.approvals).toHaveLength(6)
    const order = ['conac', 'hebei', 'qingfeng', 'shijiazhuang', 'henan', 'puyang']
    for (const [i, login] of order.entries()) {
      const status = ok(await decide(filed.id, login)).decideDomainTransfer.status
      expect(status, login).toBe(i === order.length - 1 ? 'APPROVED' : 'PENDING')
    }
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(to.id)
    // Each side's offices find it in their audit trail.
    const paths = await prisma.auditLog.findMany({
      where: { subjectType: 'Domain', subjectId: String(domain.id), action: { startsWith: 'domain.transfer' } },
      select: { regionPath: true },
    })
    expect(paths.map((p) => p.regionPath).sort()).toEqual(['/100000/130000/130100/', '/100000/410000/410900/410922/'])
  })
})

describe('badges that depend on the domain', () => {
  it('must each be listed; MOVE takes the badge and its application along', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    const { badge, domain, application } = await createIssuedBadge(prisma, { unitId: qfzfId })
    const deps = ok(await t.execute(Dependents, { id: String(domain.id) }, { cookie: cookies.qfzf })).domain
    expect(deps?.transferDependents.map((b) => b.id)).toEqual([String(badge.id)])
    const missing = await request(domain.id, to.creditCode)
    expect(codeOf(missing)).toBe('BAD_USER_INPUT')
    const twice = await request(domain.id, to.creditCode, {
      badges: [
        { badgeId: String(badge.id), action: 'MOVE' },
        { badgeId: String(badge.id), action: 'CANCEL' },
      ],
    })
    expect(codeOf(twice)).toBe('BAD_USER_INPUT')
    const filed = ok(
      await request(domain.id, to.creditCode, { badges: [{ badgeId: String(badge.id), action: 'MOVE' }] }),
    ).requestDomainTransfer
    expect(filed.badges).toEqual([{ badgeId: String(badge.id), action: 'MOVE' }])
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('APPROVED')
    const moved = await prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })
    expect(moved).toMatchObject({ status: 'ACTIVE', unitId: to.id })
    expect((await prisma.siteApplication.findUniqueOrThrow({ where: { id: application.id } })).unitId).toBe(to.id)
  })

  it('a site under way refuses the move of its own domain; one that only binds the domain lets it go unbound', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    // A badge's site binds a second domain of the unit (绑定域名: every domain held at submission).
    const { badge, application } = await createIssuedBadge(prisma, { unitId: qfzfId })
    const bound = await givingDomain()
    await prisma.siteApplicationDomain.create({ data: { siteApplicationId: application.id, domainId: bound.id } })
    // And a second application under review, whose own domain is `own` and which binds `bound` too.
    const own = await givingDomain()
    const { id: _id, serialNumber: _s, createdAt: _c, updatedAt: _u, version: _v, ...copy } = application
    const live = await prisma.siteApplication.create({
      data: {
        ...copy,
        serialNumber: `WZ-L-${own.id}`,
        status: 'PENDING_OFFICE_REVIEW',
        chineseDomainId: own.id,
        boundDomains: { create: [{ domainId: own.id }, { domainId: bound.id }] },
      } as never,
    })
    expect(reasonOf(await request(own.id, to.creditCode))).toBe('SITE_APPLICATION_OPEN')

    const deps = ok(await t.execute(Dependents, { id: String(bound.id) }, { cookie: cookies.qfzf })).domain
    expect(deps?.transferDependents).toEqual([])
    const filed = ok(await request(bound.id, to.creditCode)).requestDomainTransfer
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('APPROVED')
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: bound.id } })).unitId).toBe(to.id)
    // Both sites go on, with the unit, without the name it gave away.
    expect(await prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })).toMatchObject({
      status: 'ACTIVE',
      unitId: qfzfId,
    })
    const boundNow = await prisma.siteApplicationDomain.findMany({
      where: { siteApplicationId: { in: [application.id, live.id] } },
      orderBy: [{ siteApplicationId: 'asc' }, { domainId: 'asc' }],
    })
    expect(boundNow.map((row) => [row.siteApplicationId, row.domainId])).toEqual([
      [application.id, application.chineseDomainId],
      [live.id, own.id],
    ])
    expect((await prisma.siteApplication.findUniqueOrThrow({ where: { id: live.id } })).status).toBe(
      'PENDING_OFFICE_REVIEW',
    )
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'domain.transferOut', subjectId: String(bound.id) },
    })
    expect((audit.after as { unboundFromSiteApplicationIds: number[] }).unboundFromSiteApplicationIds).toEqual([
      application.id,
      live.id,
    ])
  })

  it('CANCEL ends the badge through the badge 注销 effect', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    const { badge, domain, application } = await createIssuedBadge(prisma, { unitId: qfzfId })
    const filed = ok(
      await request(domain.id, to.creditCode, { badges: [{ badgeId: String(badge.id), action: 'CANCEL' }] }),
    ).requestDomainTransfer
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('APPROVED')
    expect(await prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })).toMatchObject({
      status: 'CANCELLED',
      unitId: qfzfId,
    })
    expect((await prisma.siteApplication.findUniqueOrThrow({ where: { id: application.id } })).status).toBe(
      'BADGE_CANCELLED',
    )
    const change = await prisma.badgeChangeRequest.findFirstOrThrow({ where: { badgeId: badge.id } })
    expect(change).toMatchObject({ kind: 'CANCEL', status: 'APPROVED' })
  })

  it('a 网络红页 badge that moves takes the giving unit’s micro-site along and points at its new address', async () => {
    const from = await createUnit(prisma, { regionCode: '410922' })
    const fromCookie = await loginLike('qfzf', { unitId: from.id, unitRole: 'PRIMARY' })
    const to = await createUnit(prisma, { regionCode: '410922' })
    await prisma.microSite.create({
      data: { unitId: from.id, title: '红页', introduction: '简介', status: 'PUBLISHED', publishedAt: new Date() },
    })
    const { badge, domain } = await createIssuedBadge(prisma, { unitId: from.id, placement: 'MICRO_SITE' })
    const filed = ok(
      await request(domain.id, to.creditCode, { badges: [{ badgeId: String(badge.id), action: 'MOVE' }] }, fromCookie),
    ).requestDomainTransfer
    expect(ok(await decide(filed.id, 'qingfeng')).decideDomainTransfer.status).toBe('APPROVED')
    expect((await prisma.microSite.findFirstOrThrow({ where: { title: '红页', unitId: to.id } })).unitId).toBe(to.id)
    const forward = await prisma.dnsRecord.findFirstOrThrow({ where: { domainId: domain.id, type: 'URL_FORWARD' } })
    expect(forward.value).toContain(`/m/${to.id}`)
  })
})

describe('bad input: coded, and nothing filed', () => {
  it('refuses each with its reason', async () => {
    const domain = await givingDomain()
    const inactive = await createUnit(prisma, { regionCode: '410922' })
    await prisma.unit.update({ where: { id: inactive.id }, data: { status: 'INACTIVE' } })
    const institution = await createUnit(prisma, { regionCode: '410922', type: 'PUBLIC_INSTITUTION' })
    const cases: [string, string, string][] = [
      [qfzfCreditCode, 'BAD_USER_INPUT', 'RECIPIENT_IS_SELF'],
      [makeCreditCode('410922'), 'BAD_USER_INPUT', 'RECIPIENT_NOT_FOUND'],
      ['12345', 'BAD_USER_INPUT', 'CREDIT_CODE_INVALID'],
      [inactive.creditCode, 'BAD_USER_INPUT', 'RECIPIENT_INACTIVE'],
      [institution.creditCode, 'BAD_USER_INPUT', 'RECIPIENT_SUFFIX_NOT_ALLOWED'],
    ]
    for (const [code, want, reason] of cases) {
      const result = await request(domain.id, code)
      expect([codeOf(result), reasonOf(result)], code).toEqual([want, reason])
      const lookup = await t.execute(
        Recipient,
        { domainId: String(domain.id), creditCode: code },
        { cookie: cookies.qfzf },
      )
      expect(reasonOf(lookup), code).toBe(reason)
    }
    const to = await createUnit(prisma, { regionCode: '410922' })
    expect(codeOf(await request(domain.id, to.creditCode, { reason: ' ' }))).toBe('BAD_USER_INPUT')
    // Another unit's domain, a deputy account, an office: refused.
    const other = await createDomain(prisma, { unitId: await demoUnitId(t, '清丰县人民医院'), status: 'REGISTERED' })
    expect(codeOf(await request(other.id, to.creditCode))).toBe('NOT_FOUND')
    expect(codeOf(await request(domain.id, to.creditCode, {}, await loginLike('qfzf')))).toBe('FORBIDDEN')
    expect(codeOf(await request(domain.id, to.creditCode, {}, cookies.qingfeng))).toBe('FORBIDDEN')
    const pending = await createDomain(prisma, { unitId: qfzfId })
    expect(reasonOf(await request(pending.id, to.creditCode))).toBe('DOMAIN_NOT_TRANSFERABLE')
    expect(await prisma.domainTransferRequest.count({ where: { domainId: { in: [domain.id, other.id] } } })).toBe(0)
  })
})

describe('conflicts', () => {
  it('the domain goes into 赎回期 while the request waits: the job closes it, audited; no office can approve it', async () => {
    const to = await createUnit(prisma, { regionCode: '410923' })
    const domain = await givingDomain()
    await prisma.domain.update({
      where: { id: domain.id },
      data: { status: 'GRACE', expiresAt: new Date(Date.now() - 29 * 86_400_000) },
    })
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    await runDomainLifecycle(prisma, new Date(Date.now() + 2 * 86_400_000))
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).status).toBe('REDEMPTION')
    const closed = await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: Number(filed.id) } })
    expect(closed.status).toBe('CLOSED')
    const actions = await prisma.auditLog.findMany({
      where: { subjectType: 'DomainTransferRequest', subjectId: filed.id },
      orderBy: { id: 'asc' },
    })
    expect(actions.map((a) => a.action)).toEqual([
      'domainTransfer.request',
      'domainTransfer.incoming',
      'domainTransfer.close',
    ])
    const queue = ok(await t.execute(Queue, { waitingForMe: true }, { cookie: cookies.qingfeng })).domainTransferQueue
    expect(queue.edges.map((e) => e.node.id)).not.toContain(filed.id)
    expect(codeOf(await decide(filed.id, 'qingfeng'))).toBe('CONFLICT')
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(qfzfId)
  })

  it('a renewal open refuses the transfer, and a transfer pending refuses the renewal', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    const renewing = await givingDomain()
    const requester = await prisma.user.findUniqueOrThrow({ where: { username: 'qfzf' } })
    await prisma.domainRenewal.create({ data: { domainId: renewing.id, years: 1, requestedById: requester.id } })
    const refused = await request(renewing.id, to.creditCode)
    expect([codeOf(refused), reasonOf(refused)]).toEqual(['CONFLICT', 'DOMAIN_REQUEST_OPEN'])

    const transferring = await givingDomain()
    ok(await request(transferring.id, to.creditCode))
    const quote = await t.execute(Quote, { domainIds: [String(transferring.id)] }, { cookie: cookies.qfzf })
    expect([codeOf(quote), reasonOf(quote)]).toEqual(['CONFLICT', 'DOMAIN_REQUEST_OPEN'])
    const again = await request(transferring.id, to.creditCode)
    expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'DOMAIN_REQUEST_OPEN'])
    const pending = ok(await t.execute(Dependents, { id: String(transferring.id) }, { cookie: cookies.qfzf })).domain
    expect(pending?.pendingTransfer).not.toBeNull()
  })

  it('two transfers of one domain filed at once: one wins, the other gets CONFLICT', async () => {
    const a = await createUnit(prisma, { regionCode: '410922' })
    const b = await createUnit(prisma, { regionCode: '410922' })
    const domain = await givingDomain()
    const results = await raceAtFirstWrite(t.db, { table: 'domains', waiting: 2 }, () => [
      request(domain.id, a.creditCode),
      request(domain.id, b.creditCode),
    ])
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined])
    expect(await prisma.domainTransferRequest.count({ where: { domainId: domain.id } })).toBe(1)
  })

  it('two offices approving at once: both count, exactly once, and the transfer is carried out', async () => {
    const to = await createUnit(prisma, { regionCode: '410923' })
    const domain = await givingDomain()
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    const results = await raceAtFirstWrite(t.db, { table: 'domain_transfer_approvals', waiting: 2 }, () => [
      decide(filed.id, 'qingfeng'),
      decide(filed.id, 'nanle'),
    ])
    expect(results.map(codeOf)).toEqual([undefined, undefined])
    const row = await prisma.domainTransferRequest.findUniqueOrThrow({
      where: { id: Number(filed.id) },
      include: { approvals: true },
    })
    expect(row.status).toBe('APPROVED')
    expect(row.approvals.map((a) => a.decision)).toEqual(['APPROVED', 'APPROVED'])
    expect((await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId).toBe(to.id)
  })

  it('the last approval and a withdrawal at once: one wins, nothing moves halfway', async () => {
    const to = await createUnit(prisma, { regionCode: '410922' })
    const domain = await givingDomain()
    const filed = ok(await request(domain.id, to.creditCode)).requestDomainTransfer
    const [approved, withdrawn] = await raceAtFirstWrite(
      t.db,
      { table: 'domain_transfer_requests', waiting: 2 },
      (): Promise<Result<unknown>>[] => [
        decide(filed.id, 'qingfeng'),
        t.execute(Withdraw, { input: { id: filed.id } }, { cookie: cookies.qfzf }),
      ],
    )
    const codes = [codeOf(approved!), codeOf(withdrawn!)]
    expect(codes.filter((c) => c === undefined)).toHaveLength(1)
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(1)
    const row = await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: Number(filed.id) } })
    const unitId = (await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })).unitId
    if (row.status === 'APPROVED') expect(unitId).toBe(to.id)
    else expect([row.status, unitId]).toEqual(['WITHDRAWN', qfzfId])
  })
})
