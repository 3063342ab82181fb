// 立即运行标识安装检测: CONAC starts a run over every ACTIVE self-built site (the daily job and the CLI run the same).
import { defineCommand } from '../../../commands/define.ts'
import { runInstallChecks as runOverAllSites } from '../runs.ts'

export const runInstallChecks = defineCommand({
  name: 'runInstallChecks',
  policy: { who: ['conac'], tokens: true, roles: ['REVIEWER'], rule: 'CONAC only', refusal: '仅限 CONAC 工作人员' },
  scope: 'all (every ACTIVE self-built site)',
  effects: ['a BadgeInstallCheck row per site; each badge’s latest result', 'one audit row for the run'],

  run: (ctx) => runOverAllSites(ctx.prisma, ctx, { outbound: ctx.outbound }),
})
