// The global budget of SMS verification codes (modules/verification/budget.ts): concurrent sends cannot overshoot
// it, a refused send gives its units back, one audit alert per period, and CONAC reads it on the jobs page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { awayFromBeijingMidnight, awayFromHourTurn } from '../testkit/clock.ts'

const SendCode = graphql(`
  mutation TestBudgetSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) { expiresAt }
  }
`)

const SmsBudget = graphql(`
  query TestSmsBudget {
    smsBudget { perHour perDay sentThisHour sentToday alerts { window periodStart budget reachedAt } }
  }
`)

const BUDGET = { perHour: 5, perDay: 8 }

let t: TestApp
let sequence = 0
/** A new number and a new address for every send, so only the global budget can refuse it. */
const send = () => {
  sequence += 1
  const mobile = `1370000${String(sequence).padStart(4, '0')}`
  return t.execute(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } }, { ip: `198.51.100.${sequence}` })
}
const outcome = (result: Awaited<ReturnType<typeof send>>) =>
  result.errors ? `${errorCodes(result)[0]}:${String(result.errors[0]!.extensions?.reason)}:${String(result.errors[0]!.extensions?.budgetWindow)}` : 'SENT'
const codesSent = () => t.db.prisma.verificationCode.count({ where: { mobile: { startsWith: '1370000' } } })
const alerts = () => t.db.prisma.auditLog.findMany({ where: { action: 'verification.budgetReached' }, orderBy: { id: 'asc' } })
const periods = () => t.db.prisma.smsBudgetPeriod.findMany({ orderBy: [{ period: 'asc' }, { periodStart: 'asc' }] })

beforeAll(async () => {
  t = await createTestApp({ smsBudget: BUDGET, poolSize: 8 })
  // The budget counts clock hours and Beijing days: keep the test inside one of each.
  await awayFromBeijingMidnight()
  await awayFromHourTurn()
})
afterAll(() => t?.close())

describe('the global SMS budget', () => {
  it('12 concurrent sends against an hourly budget of 5: exactly 5 are sent, the rest refused, one alert', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => send()))
    const outcomes = results.map(outcome)
    expect(outcomes.filter((o) => o === 'SENT')).toHaveLength(5)
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR')).toHaveLength(7)
    const refusal = results.find((r) => r.errors)!.errors![0]!
    expect(refusal.message).toBe('系统每小时短信验证码发送量已达上限（5 条），请稍后再试')
    expect(refusal.extensions?.retryAfterSeconds).toBeGreaterThan(0)

    expect(await codesSent()).toBe(5)
    expect(await t.db.prisma.notification.count({ where: { template: 'verification.code', address: { startsWith: '1370000' } } })).toBe(5)
    const [hour, day] = await periods()
    expect(hour).toMatchObject({ period: 'HOUR', sent: 5, budget: 5, reachedAt: expect.any(Date) })
    expect(day).toMatchObject({ period: 'DAY', sent: 5, budget: null, reachedAt: null })

    const alert = await alerts()
    expect(alert).toHaveLength(1)
    expect(alert[0]).toMatchObject({ subjectType: 'SmsBudget', subjectId: `HOUR:${hour!.periodStart.toISOString()}` })
    expect(alert[0]!.after).toMatchObject({ window: 'HOUR', budget: 5 })

    // Further refusals in the same hour write no further alert.
    for (let i = 0; i < 3; i++) expect(outcome(await send())).toBe('TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:HOUR')
    expect(await alerts()).toHaveLength(1)
  })

  it('the daily budget refuses in a new hour, and the refused send gives its hour back', async () => {
    // As if the hour had turned: this hour's row becomes last hour's.
    await t.db.prisma.smsBudgetPeriod.updateMany({ where: { period: 'HOUR' }, data: { periodStart: { set: new Date(Date.now() - 2 * 3_600_000) } } })
    const outcomes = []
    for (let i = 0; i < 5; i++) outcomes.push(outcome(await send()))
    expect(outcomes).toEqual(['SENT', 'SENT', 'SENT', 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:DAY', 'TOO_MANY_ATTEMPTS:SMS_BUDGET_REACHED:DAY'])
    const rows = await periods()
    const thisHour = rows.find((row) => row.period === 'HOUR' && row.periodStart.getTime() > Date.now() - 3_600_000)
    expect(thisHour).toMatchObject({ sent: 3, reachedAt: null })
    expect(rows.find((row) => row.period === 'DAY')).toMatchObject({ sent: 8, budget: 8, reachedAt: expect.any(Date) })
    expect((await alerts()).map((row) => (row.after as { window: string }).window)).toEqual(['HOUR', 'DAY'])
    expect(await codesSent()).toBe(8)
  })

  it('CONAC reads the budget, its use and the alerts (the jobs page); nobody else does', async () => {
    const result = await t.execute(SmsBudget, {}, { cookie: await t.login('conac') })
    expect(result.errors).toBeUndefined()
    const status = result.data!.smsBudget
    expect(status).toMatchObject({ perHour: 5, perDay: 8, sentThisHour: 3, sentToday: 8 })
    expect(status.alerts.map((alert) => [alert.window, alert.budget])).toEqual([
      ['DAY', 8],
      ['HOUR', 5],
    ])
    expect(errorCodes(await t.execute(SmsBudget, {}, { cookie: await t.login('henan') }))).toEqual(['FORBIDDEN'])
  })
})
