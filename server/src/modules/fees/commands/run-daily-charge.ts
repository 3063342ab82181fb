// 每日扣费 → 立即执行: CONAC runs today's daily charge now instead of waiting for 01:00 (dailyCharge.ts).
import { defineCommand } from '../../../commands/define.ts'
import { runDailyCharge as runDailyChargeJob } from '../dailyCharge.ts'

export const runDailyCharge = defineCommand({
  name: 'runDailyCharge',
  policy: {
    who: ['conac'],
    tokens: true,
    roles: ['FINANCE'],
    rule: 'CONAC only; the day must be today (Beijing) or, before 01:00, yesterday when its run was missed',
    refusal: '仅限 CONAC 工作人员',
  },
  scope: 'all (CONAC): every uncharged fee item',
  transition: { entity: 'Domain / DomainRenewal (each item)', from: ['FEE_COLLECTED'], to: ['REGISTERED', 'CHARGED'] },
  effects: [
    'ledger per item: the office’s OFFICE_PREPAID → CONAC_REVENUE',
    'one JobRun per day (a second run the same day returns the first)',
  ],
  notices: ['domain.charged'],

  /** Returns the day's JobRun id. */
  async run(ctx, input: { date?: Date | null }): Promise<number> {
    const run = await runDailyChargeJob(ctx.prisma, input.date ?? new Date(), ctx)
    return run.id
  },
})
