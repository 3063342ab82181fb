// The global budget of SMS verification codes (SMS_BUDGET_PER_HOUR, SMS_BUDGET_PER_DAY), on top of the limits per
// number and per address: whoever sends from however many addresses, the system sends at most this many codes in
// a clock hour and in a Beijing day. Codes anyone may ask for without a login (UNIT_REGISTRATION) may use only
// their share of each budget (SMS_BUDGET_ANONYMOUS_SHARE), so an anonymous flood cannot use up what logged-in units
// need for their site applications and contact changes. Each send claims one unit of both periods with one
// conditional upsert per period inside the send's transaction (the row lock makes concurrent sends queue, so they
// cannot overshoot the budget or the share; a send that rolls back gives its units back). The first refused send of
// a period marks that budget reached and writes the one audit alert that CONAC's jobs page (定时任务) shows.
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
  /** Percent (1-100) of each budget that anonymous codes may use. */
  anonymousShare: number
}

/** Which budget refused a send: the whole system's, or the anonymous codes' share of it. */
export type SmsBudgetScope = 'ALL' | 'ANONYMOUS'

interface BudgetPeriod {
  window: SmsBudgetWindow
  periodStart: Date
  budget: number
  anonymousBudget: number
}

const HOUR_MS = 3_600_000

/** The anonymous codes' part of a budget (rounded down: the share is a ceiling). */
export function anonymousPart(budget: number, share: number): number {
  return Math.floor((budget * share) / 100)
}

/** The hour and the day `now` falls in (Beijing hours start with UTC hours: the offset is whole hours). */
export function smsBudgetPeriods(now: Date, budget: SmsBudget): BudgetPeriod[] {
  const period = (window: SmsBudgetWindow, periodStart: Date, total: number): BudgetPeriod => ({
    window,
    periodStart,
    budget: total,
    anonymousBudget: anonymousPart(total, budget.anonymousShare),
  })
  return [
    period('HOUR', new Date(now.getTime() - (now.getTime() % HOUR_MS)), budget.perHour),
    period('DAY', startOfBeijingDay(now), budget.perDay),
  ]
}

/** Thrown inside the send's transaction; reportSmsBudgetReached turns it into the alert and the refusal. */
export class SmsBudgetReachedError extends Error {
  constructor(
    readonly period: BudgetPeriod,
    readonly scope: SmsBudgetScope,
  ) {
    super(`SMS budget reached: ${scope} ${period.window} from ${period.periodStart.toISOString()}`)
  }
}

/**
 * Takes one code from this hour's and this day's budget (and, for an anonymous code, from their anonymous share),
 * or throws SmsBudgetReachedError.
 */
export async function claimSmsBudget(
  tx: Prisma.TransactionClient,
  now: Date,
  budget: SmsBudget,
  anonymous: boolean,
): Promise<void> {
  for (const period of smsBudgetPeriods(now, budget)) {
    const anonymousCount = anonymous ? 1 : 0
    // The SELECT's condition guards the first send of a period (no row yet), when the share may round down to 0.
    const claimed = await tx.$executeRaw`
      INSERT INTO "sms_budget_periods" AS b ("period", "periodStart", "sent", "anonymousSent")
      SELECT ${period.window}::"SmsBudgetWindow", ${sqlTimestamp(period.periodStart)}, 1, ${anonymousCount}::int
      WHERE ${anonymous ? period.anonymousBudget : period.budget}::int > 0
      ON CONFLICT ("period", "periodStart") DO UPDATE
        SET "sent" = b."sent" + 1, "anonymousSent" = b."anonymousSent" + EXCLUDED."anonymousSent"
        WHERE b."sent" < ${period.budget}::int AND (EXCLUDED."anonymousSent" = 0 OR b."anonymousSent" < ${period.anonymousBudget}::int)`
    if (claimed === 1) continue
    // Refused: say the whole system's budget when that is what is used up (it matters most), else the share.
    const row = anonymous
      ? await tx.smsBudgetPeriod.findUnique({
          where: { period_periodStart: { period: period.window, periodStart: period.periodStart } },
          select: { sent: true },
        })
      : null
    const scope: SmsBudgetScope = !anonymous || (row && row.sent >= period.budget) ? 'ALL' : 'ANONYMOUS'
    throw new SmsBudgetReachedError(period, scope)
  }
}

const WINDOW_NAMES: Record<SmsBudgetWindow, string> = { HOUR: '每小时', DAY: '每日' }

/**
 * After the refused send rolled back: marks the budget of the period reached and writes its audit alert, both only
 * if no other refused send of the period did it first (one alert per period and scope, however many sends are
 * refused). Returns the refusal for the caller to throw.
 */
export async function reportSmsBudgetReached(
  prisma: PrismaClient,
  ctx: Pick<Context, 'viewer' | 'ip'>,
  error: SmsBudgetReachedError,
  now: Date,
) {
  const { period, scope } = error
  const { window, periodStart } = period
  const budget = scope === 'ALL' ? period.budget : period.anonymousBudget
  await prisma.$transaction(async (tx) => {
    const where = { period: window, periodStart }
    // A claim, not a person's state change: the first refused send of the period takes the alert (reachedAt was
    // null), and only it writes the audit row. The period row has no status or version, so no transition() here.
    const marked =
      scope === 'ALL'
        ? await tx.smsBudgetPeriod.updateMany({
            where: { ...where, reachedAt: null },
            data: { reachedAt: now, budget },
          })
        : await tx.smsBudgetPeriod.updateMany({
            where: { ...where, anonymousReachedAt: null },
            data: { anonymousReachedAt: now, anonymousBudget: budget },
          })
    if (marked.count !== 1) return
    await writeAudit(tx, ctx, {
      action: 'verification.budgetReached',
      subjectType: 'SmsBudget',
      subjectId: `${scope === 'ALL' ? '' : 'ANONYMOUS:'}${window}:${periodStart.toISOString()}`,
      after: { window, scope, periodStart, budget, reachedAt: now },
    })
  })
  const retryAfterSeconds = Math.ceil(
    (periodStart.getTime() + (window === 'HOUR' ? HOUR_MS : 24 * HOUR_MS) - now.getTime()) / 1000,
  )
  const what = scope === 'ALL' ? '短信验证码发送量' : '新用户注册短信验证码发送量'
  return appError('TOO_MANY_ATTEMPTS', `系统${WINDOW_NAMES[window]}${what}已达上限（${budget} 条），请稍后再试`, {
    reason: 'SMS_BUDGET_REACHED',
    budgetWindow: window,
    budgetScope: scope,
    retryAfterSeconds,
  })
}

export interface SmsBudgetAlert {
  window: SmsBudgetWindow
  scope: SmsBudgetScope
  periodStart: Date
  budget: number
  reachedAt: Date
}

export interface SmsBudgetStatus {
  perHour: number
  perDay: number
  anonymousShare: number
  anonymousPerHour: number
  anonymousPerDay: number
  sentThisHour: number
  sentToday: number
  anonymousSentThisHour: number
  anonymousSentToday: number
  /** Budgets reached (the whole system's or the anonymous share), newest first. */
  alerts: SmsBudgetAlert[]
}

const MAX_ALERTS = 50

/** For CONAC's jobs page: the budgets, what this hour and today used, and the budgets reached recently. */
export async function smsBudgetStatus(
  prisma: PrismaClient,
  now: Date,
  budget: SmsBudget,
  alertDays = 7,
): Promise<SmsBudgetStatus> {
  const [hour, day] = smsBudgetPeriods(now, budget)
  const since = new Date(now.getTime() - alertDays * 24 * HOUR_MS)
  const [current, reached] = await Promise.all([
    prisma.smsBudgetPeriod.findMany({
      where: {
        OR: [
          { period: 'HOUR', periodStart: hour!.periodStart },
          { period: 'DAY', periodStart: day!.periodStart },
        ],
      },
    }),
    prisma.smsBudgetPeriod.findMany({
      where: { OR: [{ reachedAt: { gte: since } }, { anonymousReachedAt: { gte: since } }] },
      orderBy: { periodStart: 'desc' },
      take: MAX_ALERTS,
    }),
  ])
  const row = (window: SmsBudgetWindow) => current.find((candidate) => candidate.period === window)
  const alerts = reached.flatMap((period) => {
    const found: SmsBudgetAlert[] = []
    const base = { window: period.period, periodStart: period.periodStart }
    if (period.reachedAt && period.reachedAt >= since)
      found.push({ ...base, scope: 'ALL', budget: period.budget ?? 0, reachedAt: period.reachedAt })
    if (period.anonymousReachedAt && period.anonymousReachedAt >= since) {
      found.push({
        ...base,
        scope: 'ANONYMOUS',
        budget: period.anonymousBudget ?? 0,
        reachedAt: period.anonymousReachedAt,
      })
    }
    return found
  })
  // Newest first; at one instant the whole system's budget before the share, the day before the hour.
  const rank = (alert: SmsBudgetAlert) => (alert.scope === 'ALL' ? 0 : 2) + (alert.window === 'DAY' ? 0 : 1)
  alerts.sort((a, b) => b.reachedAt.getTime() - a.reachedAt.getTime() || rank(a) - rank(b))
  return {
    perHour: budget.perHour,
    perDay: budget.perDay,
    anonymousShare: budget.anonymousShare,
    anonymousPerHour: hour!.anonymousBudget,
    anonymousPerDay: day!.anonymousBudget,
    sentThisHour: row('HOUR')?.sent ?? 0,
    sentToday: row('DAY')?.sent ?? 0,
    anonymousSentThisHour: row('HOUR')?.anonymousSent ?? 0,
    anonymousSentToday: row('DAY')?.anonymousSent ?? 0,
    alerts: alerts.slice(0, MAX_ALERTS),
  }
}
