// 短信预算 on CONAC's jobs page (定时任务): the global SMS verification-code budget, its anonymous share, this hour's
// and today's use, and the periods that reached either recently.
import { defineQuery } from '../../../commands/define.ts'
import { config } from '../../../config.ts'
import { smsBudgetStatus } from '../budget.ts'

export const smsBudget = defineQuery({
  name: 'smsBudget',
  policy: { who: ['conac'], tokens: true, rule: 'CONAC only (the panel of 定时任务)', refusal: '仅限 CONAC 工作人员' },
  scope: 'the whole system’s budget (no rows of a region)',
  run: (ctx, _input: undefined) => smsBudgetStatus(ctx.prisma, new Date(), ctx.smsBudget ?? config.smsBudget),
})
