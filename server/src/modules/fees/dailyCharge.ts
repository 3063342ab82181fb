// 每日扣费: at 01:00 Beijing time (or 立即执行 by CONAC) every uncharged item is charged, in collection order, once a
// day. 认款 already charges what it recharged; this is the sweep of whatever still waits.
import { badInput } from '../../errors.ts'
import type { JobRun, PrismaClient } from '../../generated/prisma/client.ts'
import { anonymous } from '../../viewer.ts'
import { claimJobRun, finishJobRun } from '../jobs/runs.ts'
import { latestDueSlot, periodKeyOf, type Schedule } from '../jobs/schedule.ts'
import { dayKey } from './calendar.ts'
import { chargeInOrder, noCharges, type ChargeActor } from './charges.ts'

export const DAILY_CHARGE_JOB = 'dailyCharge'
/** 每日扣费 runs at 01:00 Beijing time. */
export const DAILY_CHARGE_SCHEDULE: Schedule = { days: 'DAILY', hour: 1, minute: 0 }
/** The claim of a day's run; a RUNNING run older than timeoutMs is taken to have died with its process. */
const DAILY_CHARGE_RUN = { name: DAILY_CHARGE_JOB, title: '当日扣费', timeoutMs: 30 * 60_000 }

/**
 * The days a charge may be run for at `now`: today (Beijing), and the day of the scheduler's latest due slot, which
 * is yesterday until today's 01:00 (how a server that was down at 01:00 catches up). Any other day would claim that
 * day's once-a-day run out of turn: a run "for" a future day leaves the real charge of that day with nothing to do
 * (its period is taken), and one for 1971 is a second charge on a day that was never scheduled.
 */
export function chargeableDays(now: Date): string[] {
  const slot = latestDueSlot(DAILY_CHARGE_SCHEDULE, now)
  return [...new Set([dayKey(now), ...(slot ? [periodKeyOf(slot)] : [])])]
}

/**
 * Charges every uncharged item in collection order, once per day: a second run of the same day returns the first
 * (succeeded) JobRun; a failed or dead run of the day is taken over by one caller (every item is charged at most
 * once anyway). `date` must be one of chargeableDays(now); `now` is the clock (the scheduler's, in its tests).
 */
export async function runDailyCharge(
  prisma: PrismaClient,
  date: Date,
  actor: ChargeActor = { viewer: anonymous, ip: null },
  { now = new Date() }: { now?: Date } = {},
): Promise<JobRun> {
  const periodKey = dayKey(date)
  const allowed = chargeableDays(now)
  if (!allowed.includes(periodKey)) {
    throw badInput(
      `每日扣费只能为今天（北京时间 ${dayKey(now)}）执行，或补执行调度错过的上一天；不能为 ${periodKey} 执行`,
      {
        date: `可选日期：${allowed.join('、')}`,
      },
    )
  }
  const claim = await claimJobRun(prisma, DAILY_CHARGE_RUN, periodKey)
  if (!claim.claimed) return claim.run
  const result = noCharges()
  try {
    const items = await prisma.feeCollectionItem.findMany({
      where: { chargedAt: null },
      orderBy: [{ feeCollectionId: 'asc' }, { id: 'asc' }],
      select: { id: true, amountFen: true },
    })
    await chargeInOrder(prisma, items, actor, { result })
    return await finishJobRun(prisma, claim.run, { result })
  } catch (error) {
    await finishJobRun(prisma, claim.run, { result, error })
    throw error
  }
}
