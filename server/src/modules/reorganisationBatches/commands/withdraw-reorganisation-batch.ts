// 撤回: the uploading office takes back a batch that has not been reviewed yet.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError, forbidden } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { batchInScope } from '../reads.ts'

export const withdrawReorganisationBatch = defineCommand({
  name: 'withdrawReorganisationBatch',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['ADMIN', 'REVIEWER'],
    rule: 'the uploading office only, while the batch waits for review',
  },
  scope: 'batchScope',
  transition: { entity: 'ReorganisationBatch', from: ['PENDING_REVIEW'], to: ['WITHDRAWN'] },

  async run(ctx, input: { id: string | number }) {
    const batch = await batchInScope(ctx, input.id)
    if (ctx.viewer.kind === 'anonymous' || ctx.viewer.office?.officeId !== batch.officeId)
      throw forbidden('只有提交的编办可以撤回')
    await ctx.prisma.$transaction(async (tx) => {
      const updated = await tx.reorganisationBatch.updateMany({
        where: { id: batch.id, status: 'PENDING_REVIEW' },
        data: { status: 'WITHDRAWN', version: { increment: 1 } },
      })
      if (!updated.count) throw appError('CONFLICT', '该批次已审核，不能撤回', { reason: 'STALE' })
      await writeAudit(tx, ctx, {
        action: 'reorganisationBatch.withdraw',
        subjectType: 'ReorganisationBatch',
        subjectId: batch.id,
        before: { status: batch.status },
        after: { status: 'WITHDRAWN' },
      })
    })
    return batch.id
  },
})
