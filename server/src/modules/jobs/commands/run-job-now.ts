// 立即运行: CONAC runs a scheduled job for the current period (today, Beijing time) unless it already ran; CONFLICT
// while it is running. The run itself is the job's (registry.ts); this records who asked.
import { defineCommand } from '../../../commands/define.ts'
import { badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { jobByName, runJob } from '../registry.ts'

export const runJobNow = defineCommand({
  name: 'runJobNow',
  policy: {
    who: ['conac'],
    tokens: true,
    roles: ['ADMIN'],
    rule: 'CONAC only (定时任务)',
    refusal: '仅限 CONAC 工作人员',
  },
  scope: 'none (a job of the whole system)',
  effects: [
    'one JobRun of the period (claimed, then SUCCEEDED or FAILED) and whatever the job does',
    'audit job.runNow',
  ],

  async run(ctx, input: { job: string }) {
    const job = jobByName(input.job)
    if (!job) throw badInput('没有这个定时任务', { job: '没有这个定时任务' })
    const result = await runJob(ctx.prisma, job, { actor: ctx, options: { installChecks: { outbound: ctx.outbound } } })
    await writeAudit(ctx.prisma, ctx, {
      action: 'job.runNow',
      subjectType: 'JobRun',
      subjectId: result.run.id,
      after: { job: job.name, periodKey: result.periodKey, status: result.run.status, alreadyRan: result.alreadyRan },
    })
    return result
  },
})
