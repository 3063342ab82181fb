// 每日扣费 runs, newest first (CONAC).
import { defineQuery } from '../../../commands/define.ts'
import type { Context } from '../../../context.ts'
import type { JobRun } from '../../../generated/prisma/client.ts'
import { DAILY_CHARGE_JOB } from '../dailyCharge.ts'

const DAILY_CHARGE_RUNS = { job: DAILY_CHARGE_JOB }

export const chargeRuns = defineQuery({
  name: 'chargeRuns',
  policy: { who: ['conac'], tokens: true, rule: 'CONAC only', refusal: '仅限 CONAC 工作人员' },
  scope: 'all (CONAC): the daily charge’s JobRun rows',
  run: (ctx, query: Record<string, unknown>): Promise<JobRun[]> =>
    ctx.prisma.jobRun.findMany({ ...query, where: DAILY_CHARGE_RUNS, orderBy: { id: 'desc' } }),
})

/** The connection's totalCount; its page (chargeRuns) has already checked the policy. */
export const countChargeRuns = (ctx: Context) => ctx.prisma.jobRun.count({ where: DAILY_CHARGE_RUNS })
