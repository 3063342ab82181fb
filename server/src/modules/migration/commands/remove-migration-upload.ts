// 移除文件: takes an uploaded file off a run before it is committed; the run goes back to UPLOADED (validate again).
import { defineCommand } from '../../../commands/define.ts'
import { appError, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { parseId } from '../../../lib/rowId.ts'
import { MIGRATION_POLICY } from '../policy.ts'
import { isLive } from '../run.ts'

export const removeMigrationUpload = defineCommand({
  name: 'removeMigrationUpload',
  policy: MIGRATION_POLICY,
  scope: 'none (an import is of the whole system)',
  transition: { entity: 'MigrationRun', from: ['UPLOADED', 'VALIDATED'], to: ['UPLOADED'] },
  effects: ['the MigrationUpload deleted', 'audit migrationUpload.remove'],

  async run(ctx, input: { id: string }) {
    const id = parseId(input.id, '文件')
    const upload = await ctx.prisma.migrationUpload.findUnique({
      where: { id },
      select: { id: true, runId: true, fileName: true, run: true },
    })
    if (!upload) throw notFound('文件')
    const { run } = upload
    if (isLive(run) || !['UPLOADED', 'VALIDATED'].includes(run.status))
      throw appError('CONFLICT', '该导入已开始提交或正在校验，不能再移除文件', { reason: 'MIGRATION_RUN_STATE' })
    await ctx.prisma.$transaction(async (tx) => {
      const moved = await tx.migrationRun.updateMany({
        where: { id: run.id, version: run.version, status: run.status },
        data: { status: 'UPLOADED', version: { increment: 1 } },
      })
      if (!moved.count) throw appError('CONFLICT', '导入的状态已变化，请刷新后重试', { reason: 'STALE_VERSION' })
      await tx.migrationUpload.delete({ where: { id } })
      await writeAudit(tx, ctx, {
        action: 'migrationUpload.remove',
        subjectType: 'MigrationRun',
        subjectId: run.id,
        before: { fileName: upload.fileName },
      })
    })
    return run.id
  },
})
