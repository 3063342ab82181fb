// Each row of a batch is recorded as a 机构改革 request of its own (unit_reorganisations, batchId set), so a unit's
// history, the audit trail and the statistics read a batch's reorganisation exactly like a single one. The request
// is born decided: the batch was reviewed as a whole, and the row's transaction carries it out at once.
import type { Context } from '../../context.ts'
import type { Prisma, ReorganisationBatch, ReorganisationBatchRow } from '../../generated/prisma/client.ts'
import { claimDomains } from '../domains/openRequests.ts'
import type { ReorganisationPlan } from '../reorganisations/plan.ts'

type Tx = Prisma.TransactionClient

/** Creates the row's request (CARRIED_OUT, decided by the batch's reviewer) and claims its domains; returns its id. */
export async function recordBatchRequest(
  tx: Tx,
  ctx: Pick<Context, 'viewer'>,
  batch: ReorganisationBatch,
  row: ReorganisationBatchRow,
  plan: ReorganisationPlan,
): Promise<number> {
  // One open request per domain: a renewal or 注销 filed since the dry run makes this row fail with its reason.
  const domainIds = plan.assignments.filter((a) => a.objectType === 'DOMAIN').map((a) => a.objectId)
  await claimDomains(tx, domainIds)
  const request = await tx.unitReorganisation.create({
    data: {
      kind: plan.kind,
      plan: plan as unknown as Prisma.InputJsonValue,
      status: 'CARRIED_OUT',
      initiatingOfficeId: batch.officeId,
      reviewOfficeId: batch.reviewOfficeId,
      effectiveDate: new Date(`${plan.effectiveDate}T00:00:00Z`),
      note: plan.note.slice(0, 500),
      requestedById: batch.uploadedById,
      decidedById: batch.reviewedById ?? (ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.userId),
      decidedAt: batch.reviewedAt ?? new Date(),
      decisionNote: `批量机构改革第 ${batch.id} 批，序号 ${row.sequence}`,
      batchId: batch.id,
    },
    select: { id: true },
  })
  return request.id
}
