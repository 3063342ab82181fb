// 域名到期后的生命周期: the daily job domainLifecycle walks an expired domain through 宽限期 → 赎回期 → 已删除 → 名称释放
// across 90 simulated days (the job's clock moved a day at a time), each step audited and notified once to the unit
// and its office, with its DNS effect (dns_publishable_domains, the zone serial) and the name free again after the
// hold; a job that did not run for weeks catches up step by step; renewal in grace by the unit through the fee
// path, in redemption only through the office; a renewal racing the deletion: one wins, the other CONFLICT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { mondayOf } from '../../server/src/modules/fees/calendar.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { runDomainLifecycle } from '../../server/src/modules/lifecycle/advance.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { expectLedgerConsistent, unitByName } from '../testkit/money.ts'

const RequestRenewal = graphql(`
  mutation TestLifecycleRenewal($input: RequestRenewalInput!) {
    requestRenewal(input: $input) {
      renewals {
        id
        status
      }
    }
  }
`)

const CollectRenewal = graphql(`
  mutation TestLifecycleCollect($input: CollectFeeInput!) {
    collectFee(input: $input) {
      id
    }
  }
`)

const Remit = graphql(`
  mutation TestLifecycleRemit($input: CreateRemittanceInput!) {
    createRemittance(input: $input) {
      id
      version
    }
  }
`)

const Confirm = graphql(`
  mutation TestLifecycleConfirm($input: ConfirmRemittanceInput!) {
    confirmRemittance(input: $input) {
      id
    }
  }
`)

const MyDomain = graphql(`
  query TestLifecycleDomain($id: ID!) {
    domain(id: $id) {
      status
      expiresAt
      nextLifecycleStep {
        status
        at
      }
    }
  }
`)

const DomainCounts = graphql(`
  query TestLifecycleStatistics($regionCode: String) {
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

const DAY = 86_400_000
let t: TestApp
let prisma: PrismaClient
const cookies: Record<string, string> = {}
let unitId: number
let seq = 0

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
  for (const name of ['qingfeng', 'qfzf', 'conac']) cookies[name] = await t.login(name)
  unitId = (await unitByName(prisma, '清丰县人民政府办公室')).id
})
afterAll(() => t?.close())

const as = (name: string) => ({ cookie: cookies[name] })
const lifecycleJob = jobByName('domainLifecycle')!

/** 收费 of one renewal (one year of .政务) at 清丰县编办's counter. */
const collectRenewal = (renewalId: string, idempotencyKey: string, invoiceCount: number) =>
  t.execute(
    CollectRenewal,
    { input: { unitId: String(unitId), renewalIds: [renewalId], amountFen: 30000, invoiceCount, idempotencyKey } },
    as('qingfeng'),
  )

/** 02:00 Beijing time (the job's slot) on the Beijing day of `date`. */
const slotOf = (date: Date) => {
  const day = Math.floor((date.getTime() + 8 * 3_600_000) / DAY)
  return new Date(day * DAY - 8 * 3_600_000 + 2 * 3_600_000)
}

const statusOf = async (id: number) => (await prisma.domain.findUniqueOrThrow({ where: { id } })).status
const publishes = async (id: number) =>
  (
    await prisma.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM dns_publishable_domains WHERE domain_id = ${id}`
  )[0]!.n === 1
const serial = async () =>
  Number(
    (await prisma.$queryRaw<{ serial: bigint }[]>`SELECT serial FROM dns_zones WHERE suffix = 'ZHENGWU'`)[0]!.serial,
  )
const liveNames = async (id: number) => prisma.domainName.count({ where: { domainId: id, live: true } })
const auditActions = async (id: number) =>
  (
    await prisma.auditLog.findMany({
      where: { subjectType: 'Domain', subjectId: String(id), action: { startsWith: 'domain.' } },
      orderBy: { id: 'asc' },
    })
  ).map((row) => row.action)
const notices = (id: number, status: string) =>
  prisma.notification.findMany({ where: { dedupeKey: { contains: `domain.lifecycle:${id}:${status}:` } } })

async function expiringDomain(expiresAt: Date, name?: string) {
  const domain = await createDomain(prisma, {
    unitId,
    status: 'REGISTERED',
    expiresAt,
    name: name ?? `生命周期测试${++seq}`,
  })
  return domain
}

// Each test runs the daily job over many simulated days (a transaction per domain and step): on two shared cores
// under load one took over the default 30 s in CI, so the whole file gets a generous limit (no assertion on time).
describe('domain lifecycle after expiry', { timeout: 240_000 }, () => {
  it('walks grace, redemption, deletion and release across 90 simulated days: each once, noticed, with its DNS effect', async () => {
    // Expires at 01:00 Beijing; the job runs at 02:00, so each step is taken on the day it falls due.
    const expiresAt = new Date('2031-05-31T17:00:00Z')
    const domain = await expiringDomain(expiresAt)
    const history: { day: number; status: string; publishes: boolean }[] = []
    let previous = { status: 'REGISTERED' as string, serial: await serial() }
    expect(await publishes(domain.id)).toBe(true)
    for (let day = -2; day <= 92; day += 1) {
      const now = slotOf(new Date(expiresAt.getTime() + day * DAY))
      const { run } = await runJob(prisma, lifecycleJob, { now })
      expect(run.status, `day ${day}`).toBe('SUCCEEDED')
      // A second run the same day finds its period done; the job itself is idempotent too.
      expect((await runJob(prisma, lifecycleJob, { now })).alreadyRan).toBe(true)
      expect((await runDomainLifecycle(prisma, now)).movedDomains).toBe(0)
      const status = await statusOf(domain.id)
      const current = { status, serial: await serial() }
      if (status !== previous.status) {
        history.push({ day, status, publishes: await publishes(domain.id) })
        // What resolves changed (or the name left the zone): the SOA serial moved with it.
        expect(current.serial, `serial on day ${day}`).toBeGreaterThan(previous.serial)
      } else if ((run.result as { movedDomains: number }).movedDomains === 0) {
        // (The first run also moves the seeded demo domains that expired long before 2031.)
        expect(current.serial, `serial on day ${day}`).toBe(previous.serial)
      }
      previous = current
    }
    expect(history).toEqual([
      { day: 0, status: 'GRACE', publishes: true },
      { day: 30, status: 'REDEMPTION', publishes: false },
      { day: 60, status: 'DELETED', publishes: false },
      { day: 90, status: 'RELEASED', publishes: false },
    ])
    expect(await auditActions(domain.id)).toEqual([
      'domain.grace',
      'domain.redemption',
      'domain.delete',
      'domain.release',
    ])

    // Each step told the unit (SMS, email, its users in the portal) and its office's staff, once.
    const unitUsers = await prisma.user.count({ where: { unitId, status: 'ACTIVE' } })
    const officeStaff = await prisma.user.count({ where: { office: { regionCode: '410922' }, status: 'ACTIVE' } })
    for (const [status, template] of [
      ['GRACE', 'domain.grace'],
      ['REDEMPTION', 'domain.redemption'],
      ['DELETED', 'domain.deleted'],
      ['RELEASED', 'domain.released'],
    ] as const) {
      const sent = await notices(domain.id, status)
      const toUnit = sent.filter((n) => n.template === template)
      const toOffice = sent.filter((n) => n.template === `office.${template}`)
      expect(toUnit.map((n) => n.channel).sort(), status).toEqual(
        ['EMAIL', 'SMS', ...Array(unitUsers).fill('IN_APP')].sort(),
      )
      expect(toOffice.length, status).toBe(officeStaff)
      expect(toOffice.every((n) => n.channel === 'IN_APP')).toBe(true)
      expect(toUnit.every((n) => /[\u4e00-\u9fff]/.test(n.body) && !n.body.includes('undefined'))).toBe(true)
    }
    const grace = (await notices(domain.id, 'GRACE')).find((n) => n.channel === 'SMS')!
    expect(grace.body).toContain('2031-07-01') // renew before redemption: expiry + 30 days (Beijing date)
  })

  it('the 区域统计 counters follow each state, day by day', async () => {
    const counts = async () => {
      const result = await t.execute(DomainCounts, { regionCode: '410922' }, as('qingfeng'))
      expect(result.errors).toBeUndefined()
      return Object.fromEntries(result.data!.regionStatistics.domains.byStatus.map((entry) => [entry.key, entry.count]))
    }
    const expiresAt = new Date('2034-03-01T17:00:00Z')
    // Whatever else is due by the last day moves first, so from here on only this domain moves.
    await runDomainLifecycle(prisma, new Date(expiresAt.getTime() + 92 * DAY))
    const before = await counts()
    await expiringDomain(expiresAt)
    const change = async () => {
      const after = await counts()
      const keys = new Set([...Object.keys(before), ...Object.keys(after)])
      return Object.fromEntries(
        [...keys].map((key) => [key, (after[key] ?? 0) - (before[key] ?? 0)]).filter(([, delta]) => delta !== 0),
      )
    }
    expect(await change()).toEqual({ REGISTERED: 1 })
    for (const [day, status] of [
      [1, 'GRACE'],
      [31, 'REDEMPTION'],
      [61, 'DELETED'],
    ] as const) {
      await runDomainLifecycle(prisma, slotOf(new Date(expiresAt.getTime() + day * DAY)))
      expect(await change(), `day ${day}`).toEqual({ [status]: 1 })
    }
    // Released: the name is free, and the domain no longer counts as one the unit holds in any state it had.
    await runDomainLifecycle(prisma, slotOf(new Date(expiresAt.getTime() + 91 * DAY)))
    const released = await change()
    for (const status of ['REGISTERED', 'GRACE', 'REDEMPTION', 'DELETED']) expect(released[status] ?? 0).toBe(0)
  })

  it('holds the name while DELETED and lets another unit apply for it once RELEASED', async () => {
    const other = await createUnit(prisma, { regionCode: '410922' })
    const expiresAt = new Date('2032-01-10T17:00:00Z')
    const domain = await expiringDomain(expiresAt)
    await runDomainLifecycle(prisma, new Date(expiresAt.getTime() + 61 * DAY))
    expect(await statusOf(domain.id)).toBe('DELETED')
    expect(await liveNames(domain.id)).toBe(1)
    await expect(createDomain(prisma, { unitId: other.id, name: domain.name })).rejects.toThrow()
    await runDomainLifecycle(prisma, new Date(expiresAt.getTime() + 91 * DAY))
    expect(await statusOf(domain.id)).toBe('RELEASED')
    expect(await liveNames(domain.id)).toBe(0)
    const again = await createDomain(prisma, { unitId: other.id, name: domain.name })
    expect(again.status).toBe('PENDING_OFFICE_REVIEW')
    expect(await prisma.domainName.count({ where: { domainId: again.id, live: true } })).toBe(1)
  })

  it('catches up after weeks without a run: every state passed, in order, each audited and noticed once', async () => {
    const expiresAt = new Date('2032-06-01T17:00:00Z')
    const domain = await expiringDomain(expiresAt)
    const legacy = await createDomain(prisma, { unitId, status: 'EXPIRED', expiresAt, name: `生命周期测试${++seq}` })
    const now = slotOf(new Date(expiresAt.getTime() + 75 * DAY))
    const summary = await runDomainLifecycle(prisma, now)
    expect(summary).toMatchObject({ movedDomains: 2, grace: 2, redemption: 2, deleted: 2, released: 0 })
    for (const id of [domain.id, legacy.id]) {
      expect(await statusOf(id)).toBe('DELETED')
      expect(await auditActions(id)).toEqual(['domain.grace', 'domain.redemption', 'domain.delete'])
      for (const status of ['GRACE', 'REDEMPTION', 'DELETED'])
        expect((await notices(id, status)).filter((n) => n.channel === 'SMS')).toHaveLength(1)
    }
    expect(await runDomainLifecycle(prisma, now)).toMatchObject({ movedDomains: 0 })
    expect(await auditActions(domain.id)).toHaveLength(3)
  })

  it('follows the periods in force on the expiry date (dated like the price list)', async () => {
    await prisma.domainLifecyclePeriods.create({
      data: { graceDays: 10, redemptionDays: 5, holdDays: 20, effectiveFrom: new Date('2033-01-01') },
    })
    const before = await expiringDomain(new Date('2032-12-30T17:00:00Z'))
    const after = await expiringDomain(new Date('2033-01-02T17:00:00Z'))
    await runDomainLifecycle(prisma, new Date('2033-01-20T00:00:00Z'))
    expect(await statusOf(before.id)).toBe('GRACE') // 30 days of grace under the entry of 2000
    expect(await statusOf(after.id)).toBe('DELETED') // 10 + 5 days under the entry of 2033
    const result = await t.execute(MyDomain, { id: String(before.id) }, as('qfzf'))
    expect(result.data!.domain.nextLifecycleStep).toEqual({
      status: 'REDEMPTION',
      at: new Date(new Date('2032-12-30T17:00:00Z').getTime() + 30 * DAY).toISOString(),
    })
  })

  it('renews in grace by the unit through the fee path, which brings the domain back to REGISTERED and to DNS', async () => {
    const domain = await expiringDomain(new Date(Date.now() - 3 * DAY))
    await runDomainLifecycle(prisma, new Date())
    expect(await statusOf(domain.id)).toBe('GRACE')
    const requested = await t.execute(
      RequestRenewal,
      { input: { domainIds: [String(domain.id)], years: 1 } },
      as('qfzf'),
    )
    expect(requested.errors).toBeUndefined()
    const renewalId = requested.data!.requestRenewal.renewals[0]!.id
    const collected = await collectRenewal(renewalId, 'lifecycle-collect-grace', 1)
    expect(collected.errors).toBeUndefined()
    const remitted = await t.execute(
      Remit,
      { input: { weekStart: mondayOf(new Date()).toISOString(), idempotencyKey: 'lifecycle-remit-grace' } },
      as('qingfeng'),
    )
    expect(remitted.errors).toBeUndefined()
    const { id, version } = remitted.data!.createRemittance
    const confirmed = await t.execute(
      Confirm,
      { input: { id, version, idempotencyKey: 'lifecycle-confirm-grace' } },
      as('conac'),
    )
    expect(confirmed.errors).toBeUndefined()
    const after = await prisma.domain.findUniqueOrThrow({ where: { id: domain.id } })
    expect(after.status).toBe('REGISTERED')
    expect(after.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 360 * DAY)
    expect(await publishes(domain.id)).toBe(true)
    await expectLedgerConsistent(prisma)
  })

  it('in redemption only the office renews; a paid renewal holds the deletion until its charge', async () => {
    const domain = await expiringDomain(new Date(Date.now() - 40 * DAY))
    await runDomainLifecycle(prisma, new Date())
    expect(await statusOf(domain.id)).toBe('REDEMPTION')
    const input = { domainIds: [String(domain.id)], years: 1 }
    const byUnit = await t.execute(RequestRenewal, { input }, as('qfzf'))
    expect(errorCodes(byUnit)).toEqual(['FORBIDDEN'])
    expect(byUnit.errors![0]!.message).toContain('赎回期')
    expect(await prisma.domainRenewal.count({ where: { domainId: domain.id } })).toBe(0)
    const byOffice = await t.execute(RequestRenewal, { input }, as('qingfeng'))
    expect(byOffice.errors).toBeUndefined()
    const renewalId = byOffice.data!.requestRenewal.renewals[0]!.id
    const collected = await collectRenewal(renewalId, 'lifecycle-collect-redemption', 0)
    expect(collected.errors).toBeUndefined()
    // Past the deletion date: the paid renewal keeps the domain in redemption for its charge.
    const late = new Date(Date.now() + 30 * DAY)
    expect(await runDomainLifecycle(prisma, late)).toMatchObject({ waitingForCharge: 1, deleted: 0 })
    expect(await statusOf(domain.id)).toBe('REDEMPTION')
  })

  it('a deleted domain cannot be renewed: CONFLICT, nothing written', async () => {
    const domain = await expiringDomain(new Date(Date.now() - 70 * DAY))
    await runDomainLifecycle(prisma, new Date())
    expect(await statusOf(domain.id)).toBe('DELETED')
    const result = await t.execute(
      RequestRenewal,
      { input: { domainIds: [String(domain.id)], years: 1 } },
      as('qingfeng'),
    )
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(result.errors![0]!.message).toContain('已删除')
    expect(await prisma.domainRenewal.count({ where: { domainId: domain.id } })).toBe(0)
  })

  it('a renewal request racing the deletion: CONFLICT after it, or the job leaves no open renewal on a deleted domain', async () => {
    for (let round = 0; round < 3; round += 1) {
      const expiresAt = new Date(Date.now() - 50 * DAY)
      const domain = await expiringDomain(expiresAt)
      await runDomainLifecycle(prisma, new Date())
      const [requested, summary] = await Promise.all([
        t.execute(RequestRenewal, { input: { domainIds: [String(domain.id)], years: 1 } }, as('qingfeng')),
        runDomainLifecycle(prisma, new Date(expiresAt.getTime() + 61 * DAY)),
      ])
      const after = await prisma.domain.findUniqueOrThrow({ where: { id: domain.id }, include: { renewals: true } })
      if (requested.errors) {
        expect(errorCodes(requested)).toEqual(['CONFLICT'])
        expect(after.status).toBe('DELETED')
        expect(after.renewals).toEqual([])
      } else if (after.status === 'DELETED') {
        // The request came first, unpaid: the deletion withdrew it.
        expect(after.renewals.map((r) => r.status)).toEqual(['CANCELLED'])
      } else {
        // The request moved the domain while the job worked on it: the job left it for its next run.
        expect(summary.movedOn).toBe(1)
        expect(after.status).toBe('REDEMPTION')
        expect(after.renewals.map((r) => r.status)).toEqual(['REQUESTED'])
      }
    }
  })

  it('收费 racing the deletion: one wins, the other gets CONFLICT (or the job leaves the domain to its next run)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const expiresAt = new Date(Date.now() - 50 * DAY)
      const domain = await expiringDomain(expiresAt)
      await runDomainLifecycle(prisma, new Date())
      expect(await statusOf(domain.id)).toBe('REDEMPTION')
      const requested = await t.execute(
        RequestRenewal,
        { input: { domainIds: [String(domain.id)], years: 1 } },
        as('qingfeng'),
      )
      expect(requested.errors).toBeUndefined()
      const renewalId = requested.data!.requestRenewal.renewals[0]!.id
      const deletionDay = new Date(expiresAt.getTime() + 61 * DAY)
      const [collected] = await Promise.all([
        collectRenewal(renewalId, `lifecycle-race-${round}`, 0),
        runDomainLifecycle(prisma, deletionDay),
      ])
      const after = await prisma.domain.findUniqueOrThrow({ where: { id: domain.id }, include: { renewals: true } })
      if (collected.errors) {
        // The job won: deleted, the unpaid renewal withdrawn, the collection refused and nothing collected.
        expect(errorCodes(collected)).toEqual(['CONFLICT'])
        expect(after.status).toBe('DELETED')
        expect(after.renewals.map((r) => r.status)).toEqual(['CANCELLED'])
        expect(await prisma.feeCollectionItem.count({ where: { renewalId: Number(renewalId) } })).toBe(0)
      } else {
        // The collection won: the domain waits in redemption for its charge. (The job's own count of deletions is
        // not looked at: at this deletion day it also deletes what earlier rounds and tests left in redemption.)
        expect(after.status).toBe('REDEMPTION')
        expect(after.renewals.map((r) => r.status)).toEqual(['FEE_COLLECTED'])
      }
      await expectLedgerConsistent(prisma)
    }
  })
})
