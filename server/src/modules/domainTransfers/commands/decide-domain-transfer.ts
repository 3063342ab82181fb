// 过户审批: each office in the request's chain (chain.ts: both units' same-level offices, the offices above each on
// the way to the lowest region they share, CONAC when the provinces differ) approves or rejects, in any order. Only
// those offices may decide, each once; an office outside the chain that can see the request (an office above both,
// or CONAC when the provinces are the same) is refused. One rejection ends the request; the last approval carries it
// out in the same transaction (effects.ts). Decisions lock the request row first (lock.ts), so concurrent approvals
// each count once and a withdrawal racing the last approval leaves one winner.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { checkReviewReason } from '../../../lib/review.ts'
import { actingUserId, officeScopeOf } from '../../../viewer.ts'
import { carryOutTransfer } from '../effects.ts'
import { lockPendingRequest } from '../lock.ts'
import { bothUnitsNotices, paramsOf } from '../notices.ts'
import { transferInScope } from '../targets.ts'

export interface DecideDomainTransferInput {
  id: string | number
  approve: boolean
  note?: string | null
}

const NOT_IN_CHAIN = '该过户申请无需本编办审批'

export const decideDomainTransfer = defineCommand({
  name: 'decideDomainTransfer',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    roles: ['REVIEWER'],
    rule: '审批链: staff of an office in the request’s approval chain, once each; other offices are refused once the request is found',
    refusal: '域名过户由相关编办审批',
  },
  scope: 'domainScope',
  transition: { entity: 'DomainTransferRequest', from: ['PENDING'], to: ['PENDING', 'APPROVED', 'REJECTED'] },
  effects: [
    'last approval: the domain’s unit (DNS records kept and published), its badges moved or cancelled, a micro-site moved, statistics follow',
  ],
  notices: ['domainTransfer.completed', 'domainTransfer.rejected'],

  async run(ctx, input: DecideDomainTransferInput) {
    const request = await transferInScope(ctx, input.id)
    const office = officeScopeOf(ctx.viewer)
    const deciderId = actingUserId(ctx.viewer)
    const approval = request.approvals.find((row) => row.officeId === office?.officeId)
    if (!office || deciderId == null || !approval) throw forbidden(NOT_IN_CHAIN)
    const approve = input.approve
    const note = checkReviewReason(approve, input.note)
    const params = paramsOf(request.domain, request.fromUnit, request.toUnit)

    await ctx.prisma.$transaction(async (tx) => {
      const locked = await lockPendingRequest(tx, request.id)
      const decidedAt = new Date()
      const { count } = await tx.domainTransferApproval.updateMany({
        where: { id: approval.id, decision: 'PENDING' },
        data: { decision: approve ? 'APPROVED' : 'REJECTED', note, decidedById: deciderId, decidedAt },
      })
      if (!count) throw appError('CONFLICT', '本编办已审批过该申请', { reason: 'ALREADY_DECIDED' })
      await writeAudit(tx, ctx, {
        action: approve ? 'domainTransfer.approve' : 'domainTransfer.reject',
        subjectType: 'DomainTransferRequest',
        subjectId: request.id,
        regionPath: office.regionPath,
        before: { decision: 'PENDING', officeId: office.officeId },
        after: { decision: approve ? 'APPROVED' : 'REJECTED', officeId: office.officeId, note },
      })
      const entity = { id: request.id, status: 'PENDING' as const, version: locked.version }
      const regionPath = request.fromUnit.region.path
      if (!approve) {
        await transition(tx, ctx, 'domainTransferRequest', {
          entity,
          from: 'PENDING',
          to: 'REJECTED',
          set: { closedAt: decidedAt },
          audit: { action: 'domainTransfer.rejected', regionPath, after: { officeId: office.officeId, note } },
          notify: bothUnitsNotices(
            request.fromUnit,
            request.toUnit,
            'domainTransfer.rejected',
            { ...params, office: approval.office.name, reason: note },
            request.id,
          ),
        })
        return
      }
      const waiting = await tx.domainTransferApproval.count({ where: { requestId: request.id, decision: 'PENDING' } })
      if (waiting) {
        // Not the last: the request's version moves, so a withdrawal made on the version before answers CONFLICT.
        await transition(tx, ctx, 'domainTransferRequest', {
          entity,
          from: 'PENDING',
          audit: { action: 'domainTransfer.progress', regionPath, after: { waiting } },
        })
        return
      }
      await transition(tx, ctx, 'domainTransferRequest', {
        entity,
        from: 'PENDING',
        to: 'APPROVED',
        set: { closedAt: decidedAt },
        audit: { action: 'domainTransfer.completed', regionPath },
        notify: bothUnitsNotices(request.fromUnit, request.toUnit, 'domainTransfer.completed', params, request.id),
      })
      await carryOutTransfer(tx, ctx, request)
    })
    return request.id
  },
})
