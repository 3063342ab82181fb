// 提交导入: writes the valid rows of a validated run in the background (batches of the writer, each all-or-nothing),
// then finishes (statistics). Only from VALIDATED with the version the page showed: a file uploaded since then
// moved the run back to UPLOADED, so what is committed is what was validated. A commit that failed, or whose
// process died (old heartbeat), is resumed by the same command: committed batches are skipped.
import { defineCommand } from '../../../commands/define.ts'
import { notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { parseId } from '../../../lib/rowId.ts'
import { actingUserId } from '../../../viewer.ts'
import { MIGRATION_POLICY } from '../policy.ts'
import { claimRun } from '../run.ts'
import { startRunInBackground } from '../worker.ts'

export const commitMigrationRun = defineCommand({
  name: 'commitMigrationRun',
  policy: MIGRATION_POLICY,
  scope: 'none (an import is of the whole system)',
  transition: { entity: 'MigrationRun', from: ['VALIDATED', 'FAILED', 'COMMITTING'], to: ['COMMITTING'] },
  effects: [
    'units, accounts, domains, DNS records, badges, site applications, opening balances and invoice stock (background)',
    'audit migrationRun.commit',
  ],

  async run(ctx, input: { id: string; version: number }) {
    const id = parseId(input.id, '导入')
    const exists = await ctx.prisma.migrationRun.findUnique({ where: { id }, select: { id: true } })
    if (!exists) throw notFound('导入')
    const run = await claimRun(ctx.prisma, {
      dryRun: false,
      runId: id,
      source: 'PORTAL',
      createdById: actingUserId(ctx.viewer),
      version: input.version,
    })
    await writeAudit(ctx.prisma, ctx, {
      action: 'migrationRun.commit',
      subjectType: 'MigrationRun',
      subjectId: id,
      after: { counts: run.counts, problemCount: run.problemCount },
    })
    startRunInBackground(ctx.prisma, run)
    return id
  },
})
