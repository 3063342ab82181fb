// The global budget of SMS verification codes (SMS_BUDGET_PER_HOUR, SMS_BUDGET_PER_DAY), on top of the limits per
// number and per address: whoever sends from however many addresses, the system sends at most this many codes in
// a clock hour and in a Beijing day. Each send claims one unit of both periods with a conditional upsert inside the
// send's transaction (the row lock makes concurrent sends queue, so they cannot overshoot; a send that rolls back
// gives its units back). The first refused send of a period marks the period reached and writes the one audit alert
// that CONAC's jobs page (定时任务) shows.
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { SmsBudgetWindow } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { sqlTimestamp } from '../../lib/sqlTime.ts'
import { startOfBeijingDay } from '../../lib/workdays.ts'

export interface SmsBudget {
  perHour: number
  perDay: number
}

interface BudgetPeriod {
  window: SmsBudgetWindow
  periodStart: Date
  budget: number
}

const HOUR_MS = 3_600_000

/** The hour and the day `now` falls in (Beijing hours start with UTC hours: the offset is whole hours). */
export function smsBudgetPeriods(now: Date, budget: SmsBudget): BudgetPeriod[] {
  return [
    { window: 'HOUR', periodStart: new Date(now.getTime() - (now.getTime() % HOUR_MS)), budget: budget.perHour },
    { window: 'DAY', periodStart: startOfBeijingDay(now), budget: budget.perDay },
  ]
}

/** Thrown inside the send's transaction; reportSmsBudgetReached turns it into the alert and the refusal. */
export class SmsBudgetReachedError extends Error {
  constructor(readonly period: BudgetPeriod) {
    super(`SMS budget reached: ${period.window} from ${period.periodStart.toISOString()}`)
  }
}

/** Takes one code from this hour's and this day's budget, or throws SmsBudgetReachedError. */
export async function claimSmsBudget(tx: Prisma.TransactionClient, now: Date, budget: SmsBudget): Promise<void> {
  for (const period of smsBudgetPeriods(now, budget)) {
    const claimed = await tx.$executeRaw`
      INSERT INTO "sms_budget_periods" AS b ("period", "periodStart", "sent")
      VALUES (${period.window}::"SmsBudgetWindow", ${sqlTimestamp(period.periodStart)}, 1)
      ON CONFLICT ("period", "periodStart") DO UPDATE SET "sent" = b."sent" + 1
      WHERE b."sent" < ${period.budget}::int`
    if (claimed !== 1) throw new SmsBudgetReachedError(period)
  }
}

const WINDOW_NAMES: Record<SmsBudgetWindow, string> = { HOUR: '每小时', DAY: '每日' }

/**
 * After the refused send rolled back: marks the period reached and writes its audit alert, both only if no other
 * refused send of the period did it first (one alert per period, however many sends are refused). Returns the
 * refusal for the caller to throw.
 */
export async function reportSmsBudgetReached(prisma: PrismaClient, ctx: Pick<Context, 'viewer' | 'ip'>, error: SmsBudgetReachedError, now: Date) {
  const { window, periodStart, budget } = error.period
  await prisma.$transaction(async (tx) => {
    const marked = await tx.smsBudgetPeriod.updateMany({
      where: { period: window, periodStart, reachedAt: null },
      data: { reachedAt: now, budget },
    })
    if (marked.count !== 1) return
    await writeAudit(tx, ctx, {
      action: 'verification.budgetReached',
      subjectType: 'SmsBudget',
      subjectId: `${window}:${periodStart.toISOString()}`,
      after: { window, periodStart, budget, reachedAt: now },
    })
  })
  const retryAfterSeconds = Math.ceil((periodStart.getTime() + (window === 'HOUR' ? HOUR_MS : 24 * HOUR_MS) - now.getTime()) / 1000)
  return appError('TOO_MANY_ATTEMPTS', `系统${WINDOW_NAMES[window]}短信验证码发送量已达上限（${budget} 条），请稍后再试`, {
    reason: 'SMS_BUDGET_REACHED',
    budgetWindow: window,
    retryAfterSeconds,
  })
}

export interface SmsBudgetStatus {
  perHour: number
  perDay: number
  sentThisHour: number
  sentToday: number
  /** Periods whose budget was reached, newest first. */
  alerts: { window: SmsBudgetWindow; periodStart: Date; budget: number; reachedAt: Date }[]
}

/** For CONAC's jobs page: the budget, what this hour and today used, and the periods that reached it recently. */
export async function smsBudgetStatus(prisma: PrismaClient, now: Date, budget: SmsBudget, alertDays = 7): Promise<SmsBudgetStatus> {
  const [hour, day] = smsBudgetPeriods(now, budget)
  const [current, reached] = await Promise.all([
    prisma.smsBudgetPeriod.findMany({
      where: { OR: [{ period: 'HOUR', periodStart: hour!.periodStart }, { period: 'DAY', periodStart: day!.periodStart }] },
    }),
    prisma.smsBudgetPeriod.findMany({
      where: { reachedAt: { gte: new Date(now.getTime() - alertDays * 24 * HOUR_MS) } },
      orderBy: [{ reachedAt: 'desc' }, { period: 'asc' }],
      take: 50,
    }),
  ])
  const sent = (window: SmsBudgetWindow) => current.find((row) => row.period === window)?.sent ?? 0
  return {
    perHour: budget.perHour,
    perDay: budget.perDay,
    sentThisHour: sent('HOUR'),
    sentToday: sent('DAY'),
    alerts: reached.map((row) => ({ window: row.period, periodStart: row.periodStart, budget: row.budget ?? 0, reachedAt: row.reachedAt! })),
  }
}
