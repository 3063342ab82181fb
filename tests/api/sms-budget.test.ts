// The global budget of SMS verification codes (modules/verification/budget.ts) and the share of it that codes
// without a login (UNIT_REGISTRATION) may use: concurrent sends cannot overshoot either, an anonymous flood leaves
// logged-in units' codes going out, a refused send gives its units back, one audit alert per budget and period, and
// CONAC reads both on the jobs page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import type { VerificationPurpose } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { awayFromBeijingMidnight, awayFromHourTurn } from '../testkit/clock.ts'

/** createTestApp, then both waits at their longest (3 minutes each). */
const AWAY_FROM_TURNS_MS = 480_000

const SendCode = graphql(`
  mutation TestBudgetSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

const SmsBudget = graphql(`
  query TestSmsBudget {
    smsBudget {
      perHour
      perDay
      sentThisHour
      sentToday
      anonymousShare
      anonymousPerHour
      anonymousPerDay
      anonymousSentThisHour
      anonymousSentToday
      alerts {
        window
        scope
        periodStart
        budget
        reachedAt
      }
    }
  }
`)

/** Anonymous codes may use half: 5 an hour, 8 a day. */
const BUDGET = { perHour: 10, perDay: 16, anonymousShare: 50 }

/** Sends through one app: a new number and a new address for every send, so only the budget can refuse it. */
function sender(t: TestApp, prefix: string) {
  let sequence = 0
  let unitCookie: Promise<string> | undefined
  return async (purpose: VerificationPurpose) => {
    sequence += 1
    const mobile = `${prefix}${String(sequence).padStart(4, '0')}`
    const ip = `198.51.${Math.floor(sequence / 250)}.${(sequence % 250) + 1}`
    // Logged-in codes (SITE_APPLICATION) come from a unit user; UNIT_REGISTRATION needs no login.
    const cookie = purpose === 'UNIT_REGISTRATION' ? undefined : await (unitCookie ??= t.login('qfzf'))
    return t.execute(SendCode, { input: { mobile, purpose } }, { ip, cookie })
  }
}

type SendResult = Awaited<ReturnType<ReturnType<typeof sender>>>
/** SENT, or TOO_MANY_ATTEMPTS:<reason>:<window>:<scope>. */
const outcome = (result: SendResult) => {
  if (!result.errors) return 'SENT'
  const extensions = result.errors[0]!.extensions ?? {}
  return `${errorCodes(result)[0]}:${String(extensions.reason)}:${String(extensions.budgetWindow)}:${String(extensions.budgetScope)}`
}
const tally = (results: SendResult[]) => {
  const counts: Record<string, number> = {}
  for (const result of results) counts[outcome(result)] = (counts[outcome(result)] ?? 0) + 1
  return counts
}

describe('the global SMS budget and its anonymous share', () => {
  let t: TestApp
  let send: ReturnType<typeof sender>
  const anonymous = () => send('UNIT_REGISTRATION')
  const loggedIn = () => send('SITE_APPLICATION')
  const alerts = () =>
    t.db.prisma.auditLog.findMany({ where: { action: 'verification.budgetReached' }, orderBy: { id: 'asc' } })
  const periods = () => t.db.prisma.smsBudgetPeriod.findMany({ orderBy: [{ period: 'asc' }, { periodStart: 'asc' }] })
  const codesSent = () => t.db.prisma.verificationCode.count({ where: { mobile: { startsWith: '1370000' } } })

  // The waits below take up to 3 minutes each (near 16:00 UTC both): the hook's time covers them.
  beforeAll(async () => {
    t = await createTestApp({ smsBudget: BUDGET, poolSize: 8 })
    send = sender(t, '1370000')
    // The budget counts clock hours and Beijing days: keep the test inside one of each.
    await awayFromBeijingMidnight()
    await awayFromHourTurn()
  }, AWAY_FROM_TURNS_MS)
  afterAll(() => t?.close())

  it('12 concurrent anonymous sends against an hourly share of 5: exactly 5 are sent, the rest refused, one alert', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => anonymous()))
    expect(tally(results)).toEqual({ SENT: 5, 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR:ANONYMOUS': 7 })
    const refusal = results.find((r) => r.errors)!.errors![0]!
    expect(refusal.message).toBe('系统每小时新用户注册短信验证码发送量已达上限（5 条），请稍后再试')
    expect(refusal.extensions?.retryAfterSeconds).toBeGreaterThan(0)

    expect(await codesSent()).toBe(5)
    expect(
      await t.db.prisma.notification.count({
        where: { template: 'verification.code', address: { startsWith: '1370000' } },
      }),
    ).toBe(5)
    const [hour, day] = await periods()
    expect(hour).toMatchObject({
      period: 'HOUR',
      sent: 5,
      anonymousSent: 5,
      anonymousBudget: 5,
      anonymousReachedAt: expect.any(Date),
      reachedAt: null,
    })
    expect(day).toMatchObject({ period: 'DAY', sent: 5, anonymousSent: 5, anonymousReachedAt: null, reachedAt: null })

    const alert = await alerts()
    expect(alert).toHaveLength(1)
    expect(alert[0]).toMatchObject({
      subjectType: 'SmsBudget',
      subjectId: `ANONYMOUS:HOUR:${hour!.periodStart.toISOString()}`,
    })
    expect(alert[0]!.after).toMatchObject({ window: 'HOUR', scope: 'ANONYMOUS', budget: 5 })

    // Further refusals in the same hour write no further alert.
    for (let i = 0; i < 3; i++)
      expect(outcome(await anonymous())).toBe('TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR:ANONYMOUS')
    expect(await alerts()).toHaveLength(1)
  })

  it('while anonymous codes are refused, logged-in units’ codes go out up to the whole budget, then those are refused too', async () => {
    for (let i = 0; i < 3; i++) expect(outcome(await loggedIn())).toBe('SENT')
    // 8 total: 2 left. Logged-in and anonymous sends at once: only logged-in ones can take them.
    const [units, strangers] = await Promise.all([
      Promise.all(Array.from({ length: 6 }, () => loggedIn())),
      Promise.all(Array.from({ length: 6 }, () => anonymous())),
    ])
    expect(tally(units)).toEqual({ SENT: 2, 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR:ALL': 4 })
    expect(strangers.map(outcome).every((o) => o.startsWith('TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR:'))).toBe(true)
    const refusal = units.find((r) => r.errors)!.errors![0]!
    expect(refusal.message).toBe('系统每小时短信验证码发送量已达上限（10 条），请稍后再试')

    const [hour] = await periods()
    expect(hour).toMatchObject({ sent: 10, anonymousSent: 5, budget: 10, reachedAt: expect.any(Date) })
    expect((await alerts()).map((row) => row.subjectId)).toEqual([
      `ANONYMOUS:HOUR:${hour!.periodStart.toISOString()}`,
      `HOUR:${hour!.periodStart.toISOString()}`,
    ])
  })

  it('the daily budget and its share refuse in a new hour, and a refused send gives its hour back', async () => {
    // As if the hour had turned: this hour's row becomes last hour's.
    await t.db.prisma.smsBudgetPeriod.updateMany({
      where: { period: 'HOUR' },
      data: { periodStart: { set: new Date(Date.now() - 2 * 3_600_000) } },
    })
    // Today: 10 sent, 5 of them anonymous; the day allows 16, 8 anonymous.
    const outcomes = []
    for (let i = 0; i < 4; i++) outcomes.push(outcome(await anonymous()))
    for (let i = 0; i < 4; i++) outcomes.push(outcome(await loggedIn()))
    expect(outcomes).toEqual([
      'SENT',
      'SENT',
      'SENT',
      'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:DAY:ANONYMOUS',
      'SENT',
      'SENT',
      'SENT',
      'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:DAY:ALL',
    ])
    const rows = await periods()
    const thisHour = rows.find((row) => row.period === 'HOUR' && row.periodStart.getTime() > Date.now() - 3_600_000)
    expect(thisHour).toMatchObject({ sent: 6, anonymousSent: 3, reachedAt: null, anonymousReachedAt: null })
    expect(rows.find((row) => row.period === 'DAY')).toMatchObject({
      sent: 16,
      budget: 16,
      reachedAt: expect.any(Date),
      anonymousSent: 8,
      anonymousBudget: 8,
      anonymousReachedAt: expect.any(Date),
    })
    expect(
      (await alerts())
        .map((row) => row.after as { window: string; scope: string })
        .map((after) => `${after.scope}:${after.window}`),
    ).toEqual(['ANONYMOUS:HOUR', 'ALL:HOUR', 'ANONYMOUS:DAY', 'ALL:DAY'])
  })

  it('CONAC reads both budgets, their use and the alerts (the jobs page); nobody else does', async () => {
    const result = await t.execute(SmsBudget, {}, { cookie: await t.login('conac') })
    expect(result.errors).toBeUndefined()
    const status = result.data!.smsBudget
    expect(status).toMatchObject({
      perHour: 10,
      perDay: 16,
      sentThisHour: 6,
      sentToday: 16,
      anonymousShare: 50,
      anonymousPerHour: 5,
      anonymousPerDay: 8,
      anonymousSentThisHour: 3,
      anonymousSentToday: 8,
    })
    expect(status.alerts.map((alert) => [alert.scope, alert.window, alert.budget])).toEqual([
      ['ALL', 'DAY', 16],
      ['ANONYMOUS', 'DAY', 8],
      ['ALL', 'HOUR', 10],
      ['ANONYMOUS', 'HOUR', 5],
    ])
    expect(errorCodes(await t.execute(SmsBudget, {}, { cookie: await t.login('henan') }))).toEqual(['FORBIDDEN'])
  })
})

describe('the anonymous share under concurrency', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ smsBudget: { perHour: 30, perDay: 100, anonymousShare: 50 }, poolSize: 12 })
    await awayFromBeijingMidnight()
    await awayFromHourTurn()
  }, AWAY_FROM_TURNS_MS)
  afterAll(() => t?.close())

  it('40 anonymous and 10 logged-in sends at once: exactly 15 anonymous codes go out, and every logged-in one', async () => {
    const send = sender(t, '1370001')
    const all = await Promise.all([
      ...Array.from({ length: 40 }, () => send('UNIT_REGISTRATION')),
      ...Array.from({ length: 10 }, () => send('SITE_APPLICATION')),
    ])
    expect(tally(all.slice(0, 40))).toEqual({ SENT: 15, 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR:ANONYMOUS': 25 })
    expect(tally(all.slice(40))).toEqual({ SENT: 10 })
    const hour = await t.db.prisma.smsBudgetPeriod.findFirstOrThrow({ where: { period: 'HOUR' } })
    expect(hour).toMatchObject({ sent: 25, anonymousSent: 15 })
    expect(
      await t.db.prisma.verificationCode.count({
        where: { purpose: 'UNIT_REGISTRATION', mobile: { startsWith: '1370001' } },
      }),
    ).toBe(15)
    expect(await t.db.prisma.auditLog.count({ where: { action: 'verification.budgetReached' } })).toBe(1)
  }, 120_000)
})
