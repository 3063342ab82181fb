// 立即运行标识安装检测: CONAC queues a run over every ACTIVE self-built site that is due. The scheduler carries it
// out (in this process if it runs one, woken at once; else the scheduler process at its next tick, within a
// minute), streaming the sites and writing the progress on the run, which the page follows (latestInstallCheckRun).
import { defineCommand } from '../../../commands/define.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { wakeSchedulers } from '../../jobs/scheduler.ts'
import { queueManualRun } from '../manualRun.ts'

export const runInstallChecks = defineCommand({
  name: 'runInstallChecks',
  policy: { who: ['conac'], tokens: true, roles: ['REVIEWER'], rule: 'CONAC only', refusal: '仅限 CONAC 工作人员' },
  scope: 'all (every ACTIVE self-built site that is due)',
  effects: [
    'a queued JobRun of installChecks (CONFLICT while a run is going on); the run then writes a BadgeInstallCheck row per badge and each badge’s latest result',
    'audit badge.installCheck.run',
  ],

  async run(ctx) {
    const run = await queueManualRun(ctx.prisma)
    await writeAudit(ctx.prisma, ctx, {
      action: 'badge.installCheck.run',
      subjectType: 'InstallCheckRun',
      subjectId: run.id,
      after: { periodKey: run.periodKey, queued: true },
    })
    wakeSchedulers()
    return run
  },
})
