// 注销 and the Chinese domain's URL转发 (issue 15, defect 7). The cancellation form promises "注销审核通过后 … 中文域名的
// URL 转发将被删除": the approval removes every URL forward of the badge's Chinese domain (both records of each pair),
// whether the system made it (at issue or at an approved 变更) or the unit added it itself (seed 002's 添加解析
// URL转发), in the approval's own transaction, with audit rows and rows in the domain's DNS history (解析变更记录,
// Domain.dnsChanges), which the unit reads: which records went, and why. The unit's other records stay; a
// rejected 注销 removes nothing. The history also holds the unit's own changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const RequestChange = graphql(`
  mutation TestCancelDnsRequestChange($input: RequestBadgeChangeInput!) {
    requestBadgeChange(input: $input) {
      id
    }
  }
`)

const RequestCancel = graphql(`
  mutation TestCancelDnsRequestCancel($input: RequestBadgeCancellationInput!) {
    requestBadgeCancellation(input: $input) {
      id
    }
  }
`)

const Review = graphql(`
  mutation TestCancelDnsReview($input: ReviewBadgeChangeInput!) {
    reviewBadgeChange(input: $input) {
      id
      status
      badge {
        id
        status
      }
    }
  }
`)

const History = graphql(`
  query TestCancelDnsHistory($id: ID!) {
    domain(id: $id) {
      id
      dnsChanges(first: 50) {
        totalCount
        edges {
          node {
            id
            action
            cause
            badgeNumber
            actorName
            recordId
            before {
              host
              type
              value
              ttl
            }
            after {
              host
              type
              value
              ttl
            }
          }
        }
      }
    }
  }
`)

const UpdateRecord = graphql(`
  mutation TestCancelDnsUpdateRecord($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
    }
  }
`)

const DeleteRecord = graphql(`
  mutation TestCancelDnsDeleteRecord($id: ID!) {
    deleteDnsRecord(id: $id)
  }
`)

const AddRecord = graphql(`
  mutation TestCancelDnsAddRecord($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
      type
      forwardGroup
    }
  }
`)

/** The machine is shared: these tests write many rows and wait on each other, so they get a generous limit. */
const SLOW = { timeout: 180_000 }

let t: TestApp
let qfzfUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
})
afterAll(() => t?.close())

const records = (domainId: number) => t.db.prisma.dnsRecord.findMany({ where: { domainId }, orderBy: { id: 'asc' } })
const badgeVersion = async (id: number) => (await t.db.prisma.badge.findUniqueOrThrow({ where: { id } })).version
const requestVersion = async (id: string) =>
  (await t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })).version

async function review(id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  return t.execute(
    Review,
    { input: { id, version: await requestVersion(id), decision, reason } },
    { cookie: await t.login('qingfeng') },
  )
}

async function add(domainId: number, host: string, type: 'A' | 'TXT' | 'URL_FORWARD', value: string) {
  const result = await t.execute(
    AddRecord,
    { input: { domainId: String(domainId), host, type, value } },
    { cookie: await t.login('qfzf') },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.addDnsRecord
}

/**
 * A self-built badge whose Chinese domain carries the system's forward on @ (made by an approved 变更), the unit's
 * own URL forward on www, and two records that are no forward (an A on mail, a TXT on @).
 */
async function badgeWithForwards() {
  const { badge, domain } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
  const cookie = await t.login('qfzf')
  const changed = await t.execute(
    RequestChange,
    {
      input: {
        badgeId: String(badge.id),
        version: await badgeVersion(badge.id),
        newEnglishDomain: `www.cancel${badge.id}.gov.cn`,
      },
    },
    { cookie },
  )
  expect(changed.errors).toBeUndefined()
  expect((await review(changed.data!.requestBadgeChange.id, 'APPROVE')).errors).toBeUndefined()
  const own = await add(domain.id, 'www', 'URL_FORWARD', `https://www.cancel${badge.id}.gov.cn/index.html`)
  const kept = [
    ...(await add(domain.id, 'mail', 'A', '198.51.100.9')),
    ...(await add(domain.id, '@', 'TXT', 'v=spf1 -all')),
  ]
  const all = await records(domain.id)
  const forwards = all.filter((record) => record.forwardGroup)
  expect(
    forwards
      .filter((record) => record.type === 'URL_FORWARD')
      .map((record) => record.host)
      .sort(),
  ).toEqual(['@', 'www'])
  expect(forwards.map((record) => record.id)).toEqual(expect.arrayContaining(own.map((record) => Number(record.id))))
  return { badge, domain, forwards, kept: kept.map((record) => Number(record.id)) }
}

async function history(login: string, domainId: number) {
  return t.execute(History, { id: String(domainId) }, { cookie: await t.login(login) })
}

const historyRows = (domainId: number, cause?: 'UNIT' | 'BADGE_ISSUED' | 'BADGE_CHANGED' | 'BADGE_CANCELLED') =>
  t.db.prisma.dnsRecordChange.findMany({ where: { domainId, ...(cause ? { cause } : {}) }, orderBy: { id: 'asc' } })

async function askToCancel(badgeId: number) {
  const asked = await t.execute(
    RequestCancel,
    { input: { badgeId: String(badgeId), version: await badgeVersion(badgeId), reason: '网站已关停' } },
    { cookie: await t.login('qfzf') },
  )
  expect(asked.errors).toBeUndefined()
  return asked.data!.requestBadgeCancellation.id
}

describe('an approved 注销 removes the Chinese domain’s URL转发', SLOW, () => {
  it('removes the system’s and the unit’s own forwards (both records of each), keeps the other records, and audits each removal', async () => {
    const { badge, domain, forwards, kept } = await badgeWithForwards()
    const requestId = await askToCancel(badge.id)
    const approved = await review(requestId, 'APPROVE')
    expect(approved.errors).toBeUndefined()
    expect(approved.data!.reviewBadgeChange.badge.status).toBe('CANCELLED')

    expect((await records(domain.id)).map((record) => record.id)).toEqual(kept)
    const audits = await t.db.prisma.auditLog.findMany({
      where: {
        action: 'dnsRecord.delete',
        subjectType: 'DnsRecord',
        subjectId: { in: forwards.map((record) => String(record.id)) },
      },
    })
    expect(audits).toHaveLength(forwards.length)
    for (const audit of audits)
      expect(audit.after).toMatchObject({ badgeId: badge.id, badgeChangeId: Number(requestId), reason: 'badge.cancel' })

    // The history rows: one per removed record, naming the badge and the approved request, by the reviewer.
    const reviewer = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    const rows = await historyRows(domain.id, 'BADGE_CANCELLED')
    expect(rows.map((row) => row.recordId).sort()).toEqual(forwards.map((record) => record.id).sort())
    for (const row of rows)
      expect(row).toMatchObject({
        action: 'DELETED',
        badgeId: badge.id,
        badgeChangeRequestId: Number(requestId),
        actorUserId: reviewer.id,
        after: null,
      })

    // What the unit reads on its DNS page: which records went and why, newest first.
    const read = await history('qfzf', domain.id)
    expect(read.errors).toBeUndefined()
    const changes = read.data!.domain.dnsChanges.edges.map((edge) => edge.node)
    const removed = changes.slice(0, forwards.length)
    expect(
      removed.every(
        (change) =>
          change.action === 'DELETED' &&
          change.cause === 'BADGE_CANCELLED' &&
          change.badgeNumber === badge.badgeNumber &&
          change.after === null,
      ),
    ).toBe(true)
    expect(removed.every((change) => change.actorName === reviewer.displayName)).toBe(true)
    expect(
      removed.map((change) => `${change.before!.host} ${change.before!.type} ${change.before!.value}`).sort(),
    ).toEqual(forwards.map((record) => `${record.host} ${record.type} ${record.value}`).sort())
    // Earlier in the same history: the 变更 that pointed @ at the site, and the unit's own additions.
    expect(
      changes.some(
        (change) =>
          change.cause === 'BADGE_CHANGED' &&
          change.action === 'ADDED' &&
          change.after?.type === 'URL_FORWARD' &&
          change.badgeNumber === badge.badgeNumber,
      ),
    ).toBe(true)
    expect(changes.filter((change) => change.cause === 'UNIT').map((change) => change.action)).toEqual([
      'ADDED',
      'ADDED',
      'ADDED',
      'ADDED',
    ])
    expect(read.data!.domain.dnsChanges.totalCount).toBe(changes.length)
  })

  it('a rejected 注销 removes nothing', async () => {
    const { badge, domain } = await badgeWithForwards()
    const before = await records(domain.id)
    const requestId = await askToCancel(badge.id)
    const rejected = await review(requestId, 'REJECT', '网站仍在使用')
    expect(rejected.errors).toBeUndefined()
    expect(await records(domain.id)).toEqual(before)
    expect(
      await t.db.prisma.auditLog.count({
        where: { action: 'dnsRecord.delete', subjectId: { in: before.map((record) => String(record.id)) } },
      }),
    ).toBe(0)
    expect(await historyRows(domain.id, 'BADGE_CANCELLED')).toEqual([])
    expect(
      (await history('qfzf', domain.id)).data!.domain.dnsChanges.edges.some((edge) => edge.node.action === 'DELETED'),
    ).toBe(false)
  })

  it('10 concurrent decisions: one wins, and the forwards are removed once or not at all', async () => {
    const { badge, domain, forwards, kept } = await badgeWithForwards()
    const requestId = await askToCancel(badge.id)
    const version = await requestVersion(requestId)
    const cookies = await Promise.all(Array.from({ length: 10 }, () => t.login('qingfeng')))
    const results = await Promise.all(
      cookies.map((cookie, i) =>
        t.execute(
          Review,
          {
            input: {
              id: requestId,
              version,
              decision: i % 2 ? 'REJECT' : 'APPROVE',
              reason: i % 2 ? '并发审核' : null,
            },
          },
          { cookie },
        ),
      ),
    )
    expect(results.filter((result) => !result.errors)).toHaveLength(1)
    expect(results.filter((result) => result.errors).every((result) => errorCodes(result)[0] === 'CONFLICT')).toBe(true)
    const approved =
      (await t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).status ===
      'APPROVED'
    const left = (await records(domain.id)).map((record) => record.id)
    expect(left).toEqual(approved ? kept : [...forwards.map((record) => record.id), ...kept].sort((a, b) => a - b))
    const audits = await t.db.prisma.auditLog.count({
      where: { action: 'dnsRecord.delete', subjectId: { in: forwards.map((record) => String(record.id)) } },
    })
    expect(audits).toBe(approved ? forwards.length : 0)
    expect(await historyRows(domain.id, 'BADGE_CANCELLED')).toHaveLength(approved ? forwards.length : 0)
  })
})

describe('the DNS history (解析变更记录)', SLOW, () => {
  it('holds the unit’s own 添加/修改/删除 with the user’s name, and the records as they were and became', async () => {
    const { domain } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit })
    const [a] = await add(domain.id, 'web', 'A', '198.51.100.10')
    const cookie = await t.login('qfzf')
    expect(
      (await t.execute(UpdateRecord, { input: { id: a!.id, value: '198.51.100.11', ttl: 1200 } }, { cookie })).errors,
    ).toBeUndefined()
    expect((await t.execute(DeleteRecord, { id: a!.id }, { cookie })).errors).toBeUndefined()
    const unitUser = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qfzf' } })
    const read = await history('qfzf', domain.id)
    expect(read.errors).toBeUndefined()
    expect(read.data!.domain.dnsChanges.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({
        action: 'DELETED',
        cause: 'UNIT',
        badgeNumber: null,
        actorName: unitUser.displayName,
        recordId: a!.id,
        before: { host: 'web', type: 'A', value: '198.51.100.11', ttl: 1200 },
        after: null,
      }),
      expect.objectContaining({
        action: 'UPDATED',
        cause: 'UNIT',
        before: { host: 'web', type: 'A', value: '198.51.100.10', ttl: 600 },
        after: { host: 'web', type: 'A', value: '198.51.100.11', ttl: 1200 },
      }),
      expect.objectContaining({
        action: 'ADDED',
        cause: 'UNIT',
        before: null,
        after: { host: 'web', type: 'A', value: '198.51.100.10', ttl: 600 },
      }),
    ])
    // Audited as before, once per change.
    expect(
      (
        await t.db.prisma.auditLog.findMany({
          where: { subjectType: 'DnsRecord', subjectId: a!.id },
          orderBy: { id: 'asc' },
        })
      ).map((row) => row.action),
    ).toEqual(['dnsRecord.add', 'dnsRecord.update', 'dnsRecord.delete'])
  })

  it('is read by the unit and the offices over it, not by another unit or another county; rows cannot be edited', async () => {
    const { domain } = await badgeWithForwards()
    for (const login of ['qfzf', 'qingfeng', 'puyang', 'conac']) {
      const read = await history(login, domain.id)
      expect(read.errors, login).toBeUndefined()
      expect(read.data!.domain.dnsChanges.totalCount, login).toBeGreaterThan(0)
    }
    for (const login of ['qfyy', 'nanle', 'hebei'])
      expect(errorCodes(await history(login, domain.id)), login).toEqual(['NOT_FOUND'])
    const row = (await historyRows(domain.id))[0]!
    await expect(
      t.db.prisma.dnsRecordChange.update({ where: { id: row.id }, data: { cause: 'UNIT' } }),
    ).rejects.toThrow()
    await expect(t.db.prisma.dnsRecordChange.delete({ where: { id: row.id } })).rejects.toThrow()
  })
})
