// 提交批量机构改革: the office submits a file whose dry run is clean; the file is run through the dry run again here
// (never trusted from the portal), and any problem refuses it with BAD_INPUT and the problem count: nothing is
// written. A clean file becomes a batch PENDING_REVIEW with one row per reorganisation (its plan), reviewed by the
// office above (reads.ts reviewOfficeFor). Rows of a submitted batch do not yet hold their domains: the carry-out
// claims each row's domains (one open request per domain) and a row that meets another open request fails alone.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError, badInput } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { dryRunSpreadsheet } from '../dryRun.ts'
import { reviewOfficeFor } from '../reads.ts'
import { decodeUpload, type UploadInput } from '../upload.ts'

export const submitReorganisationBatch = defineCommand({
  name: 'submitReorganisationBatch',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['ADMIN', 'REVIEWER'],
    rule: 'the file’s dry run as the viewer must be clean (every unit in the viewer’s subtree); reviewed by the office above',
  },
  scope: 'unitScope',
  transition: { entity: 'ReorganisationBatch', from: [], to: ['PENDING_REVIEW'] },
  effects: ['one ReorganisationBatchRow per reorganisation, each with its validated plan'],

  async run(ctx, input: UploadInput) {
    const viewer = ctx.viewer
    if (viewer.kind === 'anonymous' || !viewer.office) throw appError('FORBIDDEN', '只有编办工作人员可以提交')
    const { fileName, bytes } = decodeUpload(input)
    const report = await dryRunSpreadsheet(ctx.prisma, viewer, fileName, bytes)
    if (report.problems.length || !report.plans.length)
      throw appError(
        'BAD_USER_INPUT',
        report.plans.length
          ? `试运行发现 ${report.problems.length} 个问题，请修改文件后重新试运行`
          : '文件中没有可执行的改革事项',
        { reason: 'DRY_RUN_NOT_CLEAN', problemCount: report.problems.length },
      )
    if (report.plans.length !== report.rowCount) throw badInput('试运行结果不完整，请重新试运行')
    const reviewOfficeId = await reviewOfficeFor(ctx, viewer.office.officeId)
    const { plans, ...stored } = report
    const batch = await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.reorganisationBatch.create({
        data: {
          fileName,
          officeId: viewer.office!.officeId,
          uploadedById: viewer.userId,
          reviewOfficeId,
          rowCount: plans.length,
          report: stored as unknown as Prisma.InputJsonValue,
        },
      })
      await tx.reorganisationBatchRow.createMany({
        data: plans.map((each) => ({
          batchId: created.id,
          sequence: each.sequence,
          sheetRow: each.sheetRow,
          kind: each.kind,
          plan: each.plan as unknown as Prisma.InputJsonValue,
        })),
      })
      await writeAudit(tx, ctx, {
        action: 'reorganisationBatch.submit',
        subjectType: 'ReorganisationBatch',
        subjectId: created.id,
        regionPath: viewer.office!.regionPath,
        after: { fileName, rowCount: plans.length, reviewOfficeId },
      })
      return created
    })
    return batch.id
  },
})
