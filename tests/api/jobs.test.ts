// 定时任务: expiry reminders once per threshold, review escalation after N working days over a holiday with a 调休
// working day (to the office above only, audited), one run per (job, period) with takeover of a dead run, the
// scheduler catching up a missed period once, nextRunAt in Beijing time, and the CONAC-only API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { runReviewEscalation, ESCALATION_ACTION } from '../../server/src/modules/jobs/escalation.ts'
import { JOBS, jobByName, runJob, type JobDefinition } from '../../server/src/modules/jobs/registry.ts'
import { runExpiryReminders } from '../../server/src/modules/jobs/reminders.ts'
import { startScheduler } from '../../server/src/modules/jobs/scheduler.ts'
import { latestDueSlot, nextRunAt } from '../../server/src/modules/jobs/schedule.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { fakeNetwork } from '../testkit/network.ts'
import { describeResult } from '../../web/components/jobs/results.ts'

const ScheduledJobs = graphql(`
  query TestScheduledJobs {
    scheduledJobs {
      name
      title
      schedule
      nextRunAt
      lastRun {
        periodKey
        status
        startedAt
        finishedAt
        result
        error
      }
    }
  }
`)

const RunJobNow = graphql(`
  mutation TestRunJobNow($job: String!) {
    runJobNow(job: $job) {
      periodKey
      alreadyRan
      job {
        name
      }
      run {
        periodKey
        status
        result
        error
      }
    }
  }
`)

const DAY_MS = 86_400_000
let t: TestApp
let prisma: PrismaClient
let seq = 0

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
})
afterAll(async () => {
  await t?.close()
})

async function unitWithUser(regionCode = '410922') {
  const unit = await createUnit(prisma, { regionCode })
  const user = await prisma.user.create({
    data: {
      username: `jobs-unit-${Date.now()}-${++seq}`,
      displayName: '测试用户',
      passwordHash: 'x',
      role: 'UNIT_USER',
      unitRole: 'PRIMARY',
      unitId: unit.id,
    },
  })
  return { unit, user }
}

const keysOf = async (prefix: string) =>
  (await prisma.notification.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { id: 'asc' } })).map(
    (n) => ({ channel: n.channel, key: n.dedupeKey!, body: n.body, address: n.address, userId: n.userId }),
  )

describe('expiryReminders', () => {
  it('fires once per threshold (30, 7, 1 days, expired), not twice on a second run, not for other statuses', async () => {
    // 10:00 Beijing on 2026-03-10.
    const now = new Date('2026-03-10T02:00:00Z')
    const { unit, user } = await unitWithUser()
    const at = (days: number) => new Date(now.getTime() + days * DAY_MS)
    const d30 = await createDomain(prisma, { unitId: unit.id, status: 'REGISTERED', expiresAt: at(30) })
    const d7 = await createDomain(prisma, { unitId: unit.id, status: 'REGISTERED', expiresAt: at(7) })
    const d1 = await createDomain(prisma, { unitId: unit.id, status: 'REGISTERED', expiresAt: at(1) })
    const gone = await createDomain(prisma, { unitId: unit.id, status: 'REGISTERED', expiresAt: at(-2) })
    const far = await createDomain(prisma, { unitId: unit.id, status: 'REGISTERED', expiresAt: at(60) })
    const cancelled = await createDomain(prisma, { unitId: unit.id, status: 'CANCELLED' })
    await prisma.domain.update({ where: { id: cancelled.id }, data: { expiresAt: at(7) } })
    const expiredStatus = await createDomain(prisma, { unitId: unit.id, status: 'EXPIRED', expiresAt: at(-1) })
    const pending = await createDomain(prisma, { unitId: unit.id, status: 'FEE_COLLECTED' })
    await prisma.domain.update({ where: { id: pending.id }, data: { expiresAt: at(1) } })

    await runExpiryReminders(prisma, now)
    await runExpiryReminders(prisma, now) // the job run twice: nothing new
    for (const [domain, threshold] of [
      [d30, 'd30'],
      [d7, 'd7'],
      [d1, 'd1'],
      [gone, 'expired'],
    ] as const) {
      const rows = await keysOf(`domain.expiry:${domain.id}:`)
      expect(rows.map((row) => row.channel).sort()).toEqual(['EMAIL', 'IN_APP', 'SMS'])
      expect(rows.every((row) => row.key.includes(`:${threshold}:`))).toBe(true)
      expect(rows.find((row) => row.channel === 'IN_APP')!.userId).toBe(user.id)
      expect(rows.find((row) => row.channel === 'SMS')!.address).toBe(unit.handlerMobile)
      expect(rows.find((row) => row.channel === 'EMAIL')!.address).toBe(unit.handlerEmail)
      expect(rows[0]!.body).toContain(domain.name)
    }
    const date = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    expect((await keysOf(`domain.expiry:${d7.id}:`))[0]!.body).toContain(date(d7.expiresAt!))
    for (const domain of [far, cancelled, expiredStatus, pending])
      expect(await keysOf(`domain.expiry:${domain.id}:`)).toEqual([])

    // The next day every domain is still within the same threshold: nothing new.
    await runExpiryReminders(prisma, at(1))
    expect(await keysOf(`domain.expiry:${d30.id}:`)).toHaveLength(3)
    expect(await keysOf(`domain.expiry:${d7.id}:`)).toHaveLength(3)
    // 23 days later the 30-day domain has 7 left: its 7-day reminder, once.
    await runExpiryReminders(prisma, at(23))
    await runExpiryReminders(prisma, at(23))
    const d30rows = await keysOf(`domain.expiry:${d30.id}:`)
    expect(d30rows).toHaveLength(6)
    expect(d30rows.filter((row) => row.key.includes(':d7:'))).toHaveLength(3)
  })
})

describe('reviewEscalation', () => {
  it('after 5 working days over 国庆 with the 调休 Sunday and Saturday, tells the parent office only, once, audited', async () => {
    const { unit } = await unitWithUser('410922') // 清丰县: same-level qingfeng, parent puyang, then henan
    // Friday 2025-09-26 10:00 Beijing. Working days after it: 09-28 (调休 Sunday), 09-29, 09-30, then 国庆 10-01..10-08,
    // 10-09, 10-10: five working days end with 10-10; 10-11 is a 调休 Saturday, a working day.
    const domain = await createDomain(prisma, { unitId: unit.id })
    await prisma.domain.update({ where: { id: domain.id }, data: { submittedAt: new Date('2025-09-26T02:00:00Z') } })
    const staff = async (username: string) => prisma.user.findUniqueOrThrow({ where: { username } })
    const puyang = await staff('puyang')
    const pyShenhe = await staff('py-shenhe') // 濮阳市's 审核员-only clerk; its 管理员 and 财务 are not told
    const qingfeng = await staff('qingfeng')
    const henan = await staff('henan')
    const prefix = `domain.reviewEscalation:${domain.id}:`

    await runReviewEscalation(prisma, new Date('2025-10-10T01:00:00Z'), { workingDays: 5 }) // 10-10 09:00, the 5th day
    expect(await keysOf(prefix)).toEqual([])

    const first = await runReviewEscalation(prisma, new Date('2025-10-11T01:00:00Z'), { workingDays: 5 }) // 10-11 09:00 (调休)
    expect(first.escalations).toBeGreaterThanOrEqual(1)
    let rows = await keysOf(prefix)
    expect(rows.filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([puyang.id, pyShenhe.id])
    expect(rows.filter((row) => row.channel === 'EMAIL').map((row) => row.address)).toEqual([
      puyang.email,
      pyShenhe.email,
    ])
    expect(rows.some((row) => row.userId === qingfeng.id || row.userId === henan.id)).toBe(false)
    expect(rows[0]!.body).toContain(domain.name)

    // Again the same day, and the next working day: nothing new.
    await runReviewEscalation(prisma, new Date('2025-10-11T05:00:00Z'), { workingDays: 5 })
    await runReviewEscalation(prisma, new Date('2025-10-13T01:00:00Z'), { workingDays: 5 })
    expect(await keysOf(prefix)).toHaveLength(rows.length)
    const audits = await prisma.auditLog.findMany({
      where: { action: ESCALATION_ACTION, subjectType: 'Domain', subjectId: String(domain.id) },
    })
    expect(audits).toHaveLength(1)
    expect(audits[0]!.after).toMatchObject({ level: 1, workingDays: 5 })

    // After 10 working days (10-16) the province is told as well; the city not again.
    await runReviewEscalation(prisma, new Date('2025-10-17T01:00:00Z'), { workingDays: 5 })
    rows = await keysOf(prefix)
    expect(rows.filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([
      puyang.id,
      pyShenhe.id,
      henan.id,
    ])
    expect(await prisma.auditLog.count({ where: { action: ESCALATION_ACTION, subjectId: String(domain.id) } })).toBe(2)

    // Reviewed applications are not escalated.
    const reviewed = await createDomain(prisma, { unitId: unit.id, status: 'OFFICE_APPROVED' })
    await prisma.domain.update({ where: { id: reviewed.id }, data: { submittedAt: new Date('2025-09-26T02:00:00Z') } })
    await runReviewEscalation(prisma, new Date('2025-10-17T01:00:00Z'), { workingDays: 5 })
    expect(await keysOf(`domain.reviewEscalation:${reviewed.id}:`)).toEqual([])
  })
})

describe('JobRun: one run per job and period', () => {
  const counting = (name: string) => {
    const calls: Date[] = []
    const job: JobDefinition = {
      name,
      title: '测试任务',
      schedule: { days: 'DAILY', hour: 1, minute: 0 },
      timeoutMs: 30 * 60_000,
      run: async ({ now }) => {
        calls.push(now)
        return { calls: calls.length }
      },
    }
    return { job, calls }
  }

  it('a second run of the same period is a no-op; the next day runs again', async () => {
    const { job, calls } = counting(`test-${++seq}`)
    const now = new Date('2025-03-05T03:00:00Z')
    const first = await runJob(prisma, job, { now })
    expect(first).toMatchObject({ periodKey: '2025-03-05', alreadyRan: false })
    expect(first.run.status).toBe('SUCCEEDED')
    expect(first.run.result).toEqual({ calls: 1 })
    const second = await runJob(prisma, job, { now: new Date('2025-03-05T15:00:00Z') }) // 23:00 Beijing, same day
    expect(second.alreadyRan).toBe(true)
    expect(second.run.id).toBe(first.run.id)
    expect(calls).toHaveLength(1)
    const nextDay = await runJob(prisma, job, { now: new Date('2025-03-05T16:30:00Z') }) // 00:30 Beijing on 03-06
    expect(nextDay).toMatchObject({ periodKey: '2025-03-06', alreadyRan: false })
    expect(calls).toHaveLength(2)
  })

  it('a RUNNING row is a CONFLICT while fresh and taken over when stale; a FAILED one is retried', async () => {
    const { job, calls } = counting(`test-${++seq}`)
    const now = new Date('2025-03-05T03:00:00Z')
    const row = await prisma.jobRun.create({ data: { job: job.name, periodKey: '2025-03-05', status: 'RUNNING' } })
    await expect(runJob(prisma, job, { now })).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', reason: 'JOB_RUNNING' },
    })
    expect(calls).toHaveLength(0)
    await prisma.jobRun.update({ where: { id: row.id }, data: { startedAt: new Date(Date.now() - 2 * 3_600_000) } })
    const taken = await runJob(prisma, job, { now })
    expect(taken.run).toMatchObject({ id: row.id, status: 'SUCCEEDED' })
    expect(calls).toHaveLength(1)

    const failing: JobDefinition = {
      ...job,
      name: `test-${++seq}`,
      run: async () => {
        throw new Error('出错了')
      },
    }
    const failed = await runJob(prisma, failing, { now })
    expect(failed.run).toMatchObject({ status: 'FAILED', error: '出错了' })
    const retried = await runJob(prisma, { ...failing, run: job.run }, { now })
    expect(retried.run).toMatchObject({ id: failed.run.id, status: 'SUCCEEDED' })
  })

  it('the daily charge keeps its own JobRun: once per day', async () => {
    const dailyCharge = jobByName('dailyCharge')!
    const now = new Date('2025-01-02T03:00:00Z')
    const first = await runJob(prisma, dailyCharge, { now })
    expect(first.run).toMatchObject({ job: 'dailyCharge', periodKey: '2025-01-02', status: 'SUCCEEDED' })
    const second = await runJob(prisma, dailyCharge, { now })
    expect(second.alreadyRan).toBe(true)
    expect(await prisma.jobRun.count({ where: { job: 'dailyCharge', periodKey: '2025-01-02' } })).toBe(1)
  })

  it('the scheduler catches up the latest missed period once at start, and not again on restart', async () => {
    const { job, calls } = counting(`test-${++seq}`)
    // 00:30 Beijing on 2025-03-07: today's 01:00 has not come, yesterday's was missed.
    const clock = () => new Date('2025-03-06T16:30:00Z')
    for (let round = 0; round < 2; round += 1) {
      const stop = startScheduler(prisma, { jobs: [job], now: clock, tickMs: 3_600_000, log: () => {} })
      for (
        let i = 0;
        i < 100 && (await prisma.jobRun.count({ where: { job: job.name, status: 'SUCCEEDED' } })) === 0;
        i += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
      await stop()
    }
    const runs = await prisma.jobRun.findMany({ where: { job: job.name } })
    expect(runs.map((run) => [run.periodKey, run.status])).toEqual([['2025-03-06', 'SUCCEEDED']])
    expect(calls).toHaveLength(1)
  })
})

describe('schedule in Beijing time', () => {
  it('nextRunAt and the latest slot', () => {
    const daily = { days: 'DAILY' as const, hour: 1, minute: 0 }
    // 00:59 Beijing on 03-11 -> 01:00 Beijing the same day (17:00 UTC the day before).
    expect(nextRunAt(daily, new Date('2026-03-10T16:59:00Z')).toISOString()).toBe('2026-03-10T17:00:00.000Z')
    expect(nextRunAt(daily, new Date('2026-03-10T17:00:00Z')).toISOString()).toBe('2026-03-11T17:00:00.000Z')
    const workdays = { days: 'WORKDAYS' as const, hour: 9, minute: 0 }
    // After 09:00 on Friday 2025-09-26: the next working day is Sunday 09-28 (调休).
    expect(nextRunAt(workdays, new Date('2025-09-26T02:00:00Z')).toISOString()).toBe('2025-09-28T01:00:00.000Z')
    // After 09:00 on 09-30: 国庆 until 10-08, next 10-09.
    expect(nextRunAt(workdays, new Date('2025-09-30T02:00:00Z')).toISOString()).toBe('2025-10-09T01:00:00.000Z')
    expect(latestDueSlot(workdays, new Date('2025-10-05T02:00:00Z'))!.toISOString()).toBe('2025-09-30T01:00:00.000Z')
  })
})

describe('API: scheduledJobs and runJobNow', () => {
  it('CONAC sees the jobs with their next run in Beijing time and runs one once', async () => {
    const conac = await t.login('conac')
    const listed = await t.execute(ScheduledJobs, {}, { cookie: conac })
    expect(listed.errors).toBeUndefined()
    const jobs = listed.data!.scheduledJobs
    expect(jobs.map((job) => job.name)).toEqual(JOBS.map((job) => job.name))
    const charge = jobs.find((job) => job.name === 'dailyCharge')!
    expect(charge).toMatchObject({ title: '每日扣费', schedule: '每天 01:00（北京时间）' })
    const next = new Date(charge.nextRunAt)
    expect(next.getTime()).toBeGreaterThan(Date.now())
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(DAY_MS)
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([17, 0]) // 01:00 Beijing
    expect(jobs.find((job) => job.name === 'reviewEscalation')!.schedule).toBe('工作日 09:00（北京时间）')

    const first = await t.execute(RunJobNow, { job: 'officeDigest' }, { cookie: conac })
    expect(first.errors).toBeUndefined()
    expect(first.data!.runJobNow).toMatchObject({
      alreadyRan: false,
      job: { name: 'officeDigest' },
      run: { status: 'SUCCEEDED' },
    })
    expect(JSON.parse(first.data!.runJobNow!.run.result!)).toHaveProperty('notifications')
    const again = await t.execute(RunJobNow, { job: 'officeDigest' }, { cookie: conac })
    expect(again.data!.runJobNow).toMatchObject({ alreadyRan: true, periodKey: first.data!.runJobNow!.periodKey })
    const after = await t.execute(ScheduledJobs, {}, { cookie: conac })
    expect(after.data!.scheduledJobs.find((job) => job.name === 'officeDigest')!.lastRun).toMatchObject({
      status: 'SUCCEEDED',
      periodKey: first.data!.runJobNow!.periodKey,
    })

    expect(errorCodes(await t.execute(RunJobNow, { job: 'noSuchJob' }, { cookie: conac }))).toEqual(['BAD_USER_INPUT'])
    // A fresh RUNNING row of the current period: CONFLICT.
    await prisma.jobRun.create({
      data: { job: 'expiryReminders', periodKey: first.data!.runJobNow!.periodKey, status: 'RUNNING' },
    })
    expect(errorCodes(await t.execute(RunJobNow, { job: 'expiryReminders' }, { cookie: conac }))).toEqual(['CONFLICT'])
  })

  it('is denied to everybody but CONAC', async () => {
    for (const username of ['qingfeng', 'puyang', 'henan', 'qfzf']) {
      const cookie = await t.login(username)
      expect(errorCodes(await t.execute(ScheduledJobs, {}, { cookie }))).toEqual(['FORBIDDEN'])
      expect(errorCodes(await t.execute(RunJobNow, { job: 'officeDigest' }, { cookie }))).toEqual(['FORBIDDEN'])
    }
    expect(errorCodes(await t.execute(ScheduledJobs, {}))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodes(await t.execute(RunJobNow, { job: 'officeDigest' }))).toEqual(['UNAUTHENTICATED'])
  })

  it('every job’s result reads in Chinese on the jobs page: no summary key is shown raw', async () => {
    // A day no other test runs jobs on, so every job really runs and writes its summary.
    const now = new Date('2031-01-07T02:00:00Z')
    const network = fakeNetwork() // every site's name is unknown: the install check records that, offline
    for (const job of JOBS) {
      const { run } = await runJob(prisma, job, {
        now,
        options: { installChecks: { outbound: network.options, now: () => now } },
      })
      expect(run.status, job.name).toBe('SUCCEEDED')
      const summary = JSON.stringify(run.result) // as the API sends it
      expect(Object.keys(run.result as object).length, job.name).toBeGreaterThan(0)
      expect(describeResult(summary), job.name).not.toMatch(/[A-Za-z]/)
    }
  })

  it('money in a summary reads in yuan, with two decimals and thousands separators, as everywhere in the portal', () => {
    const text = describeResult(JSON.stringify({ charged: 3, skipped: 2, already: 0, chargedFen: 180_000 }))
    expect(text).toContain('扣费金额 1,800.00 元')
    expect(text).not.toContain('分')
    expect(text).not.toContain('180000')
    expect(describeResult(JSON.stringify({ chargedFen: 5 }))).toBe('扣费金额 0.05 元')
  })
})

describe('officeDigest', () => {
  it('one IN_APP notice per staff member of an office with waiting work, once a day', async () => {
    const { unit } = await unitWithUser('410922')
    await createDomain(prisma, { unitId: unit.id })
    const qingfeng = await prisma.user.findUniqueOrThrow({ where: { username: 'qingfeng' } })
    const job = jobByName('officeDigest')!
    const now = new Date('2025-06-03T00:30:00Z')
    await runJob(prisma, job, { now })
    await runJob(prisma, job, { now })
    const rows = await keysOf(`office.digest:2025-06-03:${qingfeng.id}`)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ channel: 'IN_APP', userId: qingfeng.id })
    expect(rows[0]!.body).toMatch(/域名申请待审核 \d+ 件/)
  })
})
