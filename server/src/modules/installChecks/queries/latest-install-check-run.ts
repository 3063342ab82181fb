// The latest run of 标识安装检测 with its progress (checked / total, found, missing, failed, ETA). CONAC.
import { defineQuery } from '../../../commands/define.ts'
import { INSTALL_CHECK_JOB } from '../manualRun.ts'

export const latestInstallCheckRun = defineQuery({
  name: 'latestInstallCheckRun',
  policy: { who: ['conac'], tokens: true, rule: 'CONAC only', refusal: '仅限 CONAC 工作人员' },
  scope: 'all (runs over the whole country)',

  run: (ctx) =>
    ctx.prisma.jobRun.findFirst({
      where: { job: INSTALL_CHECK_JOB },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    }),
})
