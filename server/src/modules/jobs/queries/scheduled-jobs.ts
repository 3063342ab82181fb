// 定时任务: the scheduled jobs, for CONAC's jobs page (their last and next runs resolve on the type).
import { defineQuery } from '../../../commands/define.ts'
import { JOBS } from '../registry.ts'

export const scheduledJobs = defineQuery({
  name: 'scheduledJobs',
  policy: { who: ['conac'], tokens: true, rule: 'CONAC only (定时任务)', refusal: '仅限 CONAC 工作人员' },
  scope: 'none (the jobs of the whole system)',
  run: (_ctx, _input: undefined) => [...JOBS],
})
