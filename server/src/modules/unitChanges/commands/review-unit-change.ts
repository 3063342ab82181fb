// 单位信息变更审核: the unit's same-level office (同级编办, the office that makes the first review of the unit's
// domain applications: lib/review.ts reviewerFor) approves a request, which updates the unit's facts, or rejects it
// with a note. CONAC does not review unit changes. An approval re-checks what may have moved since the unit asked:
// the facts it changes must still be as the request's "before" says, and the new name or credit code must still be
// free (CONFLICT naming the field); the unit row is updated under its version in the same transaction.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { checkReviewReason, reviewerFor } from '../../../lib/review.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { unitContactNotices } from '../../notifications/drafts.ts'
import { factsOf, storedFacts, UNIQUE_FACTS, type FactChanges } from '../facts.ts'
import { contactOf, requestInScope, UNIT_FACT_TEXT } from '../targets.ts'
import { changedFactsText, SAME_LEVEL_ONLY } from '../texts.ts'

type Tx = Prisma.TransactionClient

export interface ReviewUnitChangeInput {
  id: string | number
  /** The request's version the reviewer saw; absent: the version read. */
  version?: number | null
  approve: boolean
  note?: string | null
}

const MOVED_SINCE = '单位信息在提交申请后已发生变化，请单位撤回后重新申请'

export const reviewUnitChange = defineCommand({
  name: 'reviewUnitChange',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    rule: '同级编办: staff of the unit’s same-level office only; other offices are refused once the request is found',
    refusal: SAME_LEVEL_ONLY,
    roles: ['REVIEWER'],
  },
  scope: 'unitScope',
  transition: { entity: 'UnitChangeRequest', from: ['PENDING'], to: ['APPROVED', 'REJECTED'] },
  effects: ['approved: the unit’s facts (Unit, version +1), shown at once on the badge’s public verification page'],
  notices: ['unitChange.approved', 'unitChange.rejected'],

  async run(ctx, input: ReviewUnitChangeInput) {
    const request = await requestInScope(ctx, input.id)
    const { unit } = request
    const { reviewerId, level } = reviewerFor(ctx.viewer, unit.region.path, {
      notStaff: SAME_LEVEL_ONLY,
      notSameLevel: SAME_LEVEL_ONLY,
    })
    if (level !== 'OFFICE') throw forbidden(SAME_LEVEL_ONLY)
    const approve = input.approve
    const note = checkReviewReason(approve, input.note)
    const status = approve ? 'APPROVED' : 'REJECTED'
    const before = storedFacts(request.before)
    const after = storedFacts(request.after)
    const params = {
      unit: approve ? (after.name ?? unit.name) : unit.name,
      changedFacts: changedFactsText(after),
      reason: note,
    }

    try {
      await ctx.prisma.$transaction(async (tx) => {
        await transition(tx, ctx, 'unitChangeRequest', {
          entity: request,
          from: 'PENDING',
          to: status,
          expectedVersion: input.version ?? undefined,
          set: { reviewedById: reviewerId, reviewedAt: new Date(), reviewNote: note },
          audit: { action: 'unitChange.review', regionPath: unit.region.path, after: { reviewNote: note } },
          notify: unitContactNotices(contactOf(unit), approve ? 'unitChange.approved' : 'unitChange.rejected', params, {
            key: `unit-change-review:${request.id}`,
            payload: { unitChangeId: request.id, status },
          }),
        })
        if (approve) await applyChange(tx, ctx, request, before, after)
      })
    } catch (error) {
      // Another unit took the name or credit code between the check below and the update: the unique index says so.
      if (isUniqueViolation(error)) throw takenConflict(takenField(error))
      throw error
    }
    return request.id
  },
})

/** Updates the unit under its version, after checking that the facts are still as asked and still free. */
async function applyChange(
  tx: Tx,
  ctx: Parameters<typeof transition>[1],
  request: Awaited<ReturnType<typeof requestInScope>>,
  before: FactChanges,
  after: FactChanges,
) {
  const { unit } = request
  const current = factsOf(unit)
  for (const name of Object.keys(after) as (keyof FactChanges)[]) {
    if ((current[name] ?? null) !== (before[name] ?? null)) throw appError('CONFLICT', MOVED_SINCE, { field: name })
  }
  for (const field of UNIQUE_FACTS) {
    const value = after[field]
    if (value == null) continue
    const taken = await tx.unit.findFirst({ where: { [field]: value, id: { not: unit.id } }, select: { id: true } })
    if (taken) throw takenConflict(field)
  }
  await transition(tx, ctx, 'unit', {
    entity: unit,
    set: after,
    audit: {
      action: 'unit.changeFacts',
      regionPath: unit.region.path,
      before,
      after: { ...after, unitChangeId: request.id },
    },
    stale: () => appError('CONFLICT', MOVED_SINCE),
  })
}

function takenConflict(field: (typeof UNIQUE_FACTS)[number]) {
  return appError('CONFLICT', `该${UNIT_FACT_TEXT[field]}已被其他单位使用，不能通过此变更`, {
    field,
    fields: { [field]: `该${UNIT_FACT_TEXT[field]}已被其他单位使用` },
  })
}

function takenField(error: unknown): (typeof UNIQUE_FACTS)[number] {
  const { meta, message } = error as { meta?: unknown; message?: string }
  return (JSON.stringify(meta ?? {}) + (message ?? '')).includes('creditCode') ? 'creditCode' : 'name'
}
