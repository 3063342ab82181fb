// 审核批量机构改革: the office above the uploader (CONAC for a province's batch; another CONAC reviewer for CONAC's
// own) approves or rejects the batch as a whole. Approval queues the carry-out job (job.ts), which carries the rows
// out one transaction each and shows its progress; a rejection needs a reason. The uploader never reviews its own.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError, forbidden } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { checkReviewReason } from '../../../lib/review.ts'
import { startBatchJob } from '../job.ts'
import { batchInScope } from '../reads.ts'

export interface ReviewReorganisationBatchInput {
  id: string | number
  version?: number | null
  approve: boolean
  note?: string | null
}

const REVIEWER_ONLY = '批量机构改革由上级编办审核（省级编办提交的由中央编办审核）'

export const reviewReorganisationBatch = defineCommand({
  name: 'reviewReorganisationBatch',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['REVIEWER'],
    rule: 'the batch’s review office (the office above the uploader’s; CONAC reviews its own with another person); never the uploader',
    refusal: REVIEWER_ONLY,
  },
  scope: 'batchScope',
  transition: { entity: 'ReorganisationBatch', from: ['PENDING_REVIEW'], to: ['APPROVED', 'REJECTED'] },
  effects: ['approved: the carry-out job starts (rows carried out one transaction each; progress on the page)'],

  async run(ctx, input: ReviewReorganisationBatchInput) {
    const batch = await batchInScope(ctx, input.id)
    const viewer = ctx.viewer
    if (viewer.kind === 'anonymous' || viewer.office?.officeId !== batch.reviewOfficeId) throw forbidden(REVIEWER_ONLY)
    if (viewer.userId === batch.uploadedById) throw forbidden('提交人不能审核自己提交的批量机构改革')
    const note = checkReviewReason(input.approve, input.note)
    const status = input.approve ? 'APPROVED' : 'REJECTED'
    await ctx.prisma.$transaction(async (tx) => {
      const updated = await tx.reorganisationBatch.updateMany({
        where: { id: batch.id, status: 'PENDING_REVIEW', version: input.version ?? batch.version },
        data: {
          status,
          reviewedById: viewer.userId,
          reviewedAt: new Date(),
          reviewNote: note,
          version: { increment: 1 },
        },
      })
      if (!updated.count) throw appError('CONFLICT', '该批次已被处理或已变化，请刷新后再试', { reason: 'STALE' })
      await writeAudit(tx, ctx, {
        action: 'reorganisationBatch.review',
        subjectType: 'ReorganisationBatch',
        subjectId: batch.id,
        before: { status: batch.status },
        after: { status, reviewNote: note },
      })
    })
    if (input.approve) startBatchJob(ctx.prisma, batch.id)
    return batch.id
  },
})
