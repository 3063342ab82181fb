// 每日扣费 at a glance (CONAC): today's daily run (if it ran), every item charged today whichever way (that run, or
// right after a 认款), and what waits, with how much the offices' balances fall short of it, so 立即执行 can say what
// was done and what was not, and why.
import { defineQuery } from '../../../commands/define.ts'
import type { JobRun } from '../../../generated/prisma/client.ts'
import { dayKey, startOfDay } from '../calendar.ts'
import { DAILY_CHARGE_JOB } from '../dailyCharge.ts'

export interface ChargeTally {
  items: number
  amountFen: bigint
}

export interface ChargeOverview {
  /** Today, Beijing time (YYYY-MM-DD). */
  day: string
  todaysRun: JobRun | null
  chargedToday: ChargeTally
  waiting: ChargeTally & { shortfallFen: bigint; offices: number }
}

export const chargeOverview = defineQuery({
  name: 'chargeOverview',
  policy: { who: ['conac'], tokens: true, rule: 'CONAC only', refusal: '仅限 CONAC 工作人员' },
  scope: 'all (CONAC)',

  async run(ctx): Promise<ChargeOverview> {
    const { prisma } = ctx
    const day = dayKey(new Date())
    const todaysRun = await prisma.jobRun.findUnique({
      where: { job_periodKey: { job: DAILY_CHARGE_JOB, periodKey: day } },
    })
    const charged = await prisma.feeCollectionItem.aggregate({
      where: { chargedAt: { gte: startOfDay(day) } },
      _count: { _all: true },
      _sum: { amountFen: true },
    })
    const waiting = await prisma.feeCollectionItem.findMany({
      where: { chargedAt: null },
      select: { amountFen: true, feeCollection: { select: { officeId: true } } },
    })
    const owedByOffice = new Map<number, bigint>()
    for (const item of waiting)
      owedByOffice.set(
        item.feeCollection.officeId,
        (owedByOffice.get(item.feeCollection.officeId) ?? 0n) + item.amountFen,
      )
    const balances = await prisma.account.findMany({
      where: { kind: 'OFFICE_PREPAID', officeId: { in: [...owedByOffice.keys()] } },
      select: { officeId: true, balanceFen: true },
    })
    const balanceOf = new Map(balances.map((account) => [account.officeId, account.balanceFen]))
    let shortfallFen = 0n
    for (const [officeId, owed] of owedByOffice) {
      const balance = balanceOf.get(officeId) ?? 0n
      if (owed > balance) shortfallFen += owed - balance
    }
    return {
      day,
      todaysRun,
      chargedToday: { items: charged._count._all, amountFen: charged._sum.amountFen ?? 0n },
      waiting: {
        items: waiting.length,
        amountFen: [...owedByOffice.values()].reduce((sum, owed) => sum + owed, 0n),
        shortfallFen,
        offices: owedByOffice.size,
      },
    }
  },
})
