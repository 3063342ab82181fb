// 校验 (试运行): reads and validates every uploaded file in the background and stores the refused rows; writes none
// of the imported objects. From UPLOADED, VALIDATED (again, e.g. after another upload) or a dry run that failed.
import { defineCommand } from '../../../commands/define.ts'
import { appError, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { parseId } from '../../../lib/rowId.ts'
import { actingUserId } from '../../../viewer.ts'
import { MIGRATION_POLICY } from '../policy.ts'
import { claimRun } from '../run.ts'
import { startRunInBackground } from '../worker.ts'

export const validateMigrationRun = defineCommand({
  name: 'validateMigrationRun',
  policy: MIGRATION_POLICY,
  scope: 'none (an import is of the whole system)',
  transition: { entity: 'MigrationRun', from: ['UPLOADED', 'VALIDATED', 'FAILED'], to: ['VALIDATING'] },
  effects: ['migration_problems of the run replaced (background)', 'audit migrationRun.validate'],

  async run(ctx, input: { id: string; version?: number | null }) {
    const id = parseId(input.id, '导入')
    const uploads = await ctx.prisma.migrationUpload.count({ where: { runId: id } })
    const exists = await ctx.prisma.migrationRun.findUnique({ where: { id }, select: { id: true } })
    if (!exists) throw notFound('导入')
    if (!uploads) throw appError('BAD_USER_INPUT', '请先上传要导入的文件', { reason: 'NO_FILES' })
    const run = await claimRun(ctx.prisma, {
      dryRun: true,
      runId: id,
      source: 'PORTAL',
      createdById: actingUserId(ctx.viewer),
      version: input.version ?? undefined,
    })
    await writeAudit(ctx.prisma, ctx, { action: 'migrationRun.validate', subjectType: 'MigrationRun', subjectId: id })
    startRunInBackground(ctx.prisma, run)
    return id
  },
})
