// 新建导入: CONAC's 管理员 starts a run on the page; files are then uploaded to it (POST
// /migration/runs/<id>/files, upload.ts), validated (validateMigrationRun) and committed (commitMigrationRun).
import { defineCommand } from '../../../commands/define.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { actingUserId } from '../../../viewer.ts'
import { MIGRATION_POLICY } from '../policy.ts'

export const createMigrationRun = defineCommand({
  name: 'createMigrationRun',
  policy: MIGRATION_POLICY,
  scope: 'none (an import is of the whole system)',
  transition: { entity: 'MigrationRun', from: [], to: ['UPLOADED'] },
  effects: ['audit migrationRun.create'],

  async run(ctx, _input: undefined) {
    return ctx.prisma.$transaction(async (tx) => {
      const run = await tx.migrationRun.create({
        data: { source: 'PORTAL', status: 'UPLOADED', dryRun: true, createdById: actingUserId(ctx.viewer) },
      })
      await writeAudit(tx, ctx, { action: 'migrationRun.create', subjectType: 'MigrationRun', subjectId: run.id })
      return run.id
    })
  },
})
