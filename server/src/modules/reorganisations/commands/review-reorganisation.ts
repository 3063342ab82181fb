// 机构改革审核: the reviewing office approves or rejects a filed reorganisation.
//
// Who: 审核员 of the request's review office (set when it was filed, targets.ts reviewOfficeFor). When every unit
// involved lies in the filing office's own subtree that is the filing office itself, and the approver must be
// another person than the one who filed it (four eyes: FORBIDDEN FOUR_EYES). For a cross-area plan (a target in
// another region) it is the lowest office covering every region involved: the city office for two counties, the
// province for two cities, CONAC for two provinces. Anyone else is refused once the request is found.
//
// An approval carries the plan out in the same transaction (plan.ts carryOutPlan): every object moves or is
// cancelled as listed, units are created, renamed or deactivated, successions, object history and audit rows are
// written. Any problem (the units changed since filing, a row moved meanwhile) rolls everything back: nothing moves
// halfway. A rejection needs a reason and frees the domains.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, forbidden } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { checkReviewReason } from '../../../lib/review.ts'
import { actingUserId, officeScopeOf } from '../../../viewer.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import { carryOutPlan, KIND_TEXT, type ReorganisationPlan } from '../plan.ts'
import { requestInScope } from '../targets.ts'
import { sourceNames } from './propose-reorganisation.ts'

export interface ReviewReorganisationInput {
  id: string | number
  version?: number | null
  approve: boolean
  note?: string | null
}

export const NOT_REVIEW_OFFICE =
  '机构改革由申请指定的审核编办审核（本辖区内由同一编办的另一名审核员，跨区域由上级编办）'

export const reviewReorganisation = defineCommand({
  name: 'reviewReorganisation',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['REVIEWER'],
    rule: '审核编办: 审核员 of the request’s review office; within one office not the person who filed it (four eyes); cross-area: the office above covering every region (CONAC across provinces)',
    refusal: NOT_REVIEW_OFFICE,
  },
  scope: 'reorganisationScope',
  transition: { entity: 'UnitReorganisation', from: ['PENDING'], to: ['CARRIED_OUT', 'REJECTED'] },
  effects: [
    'approved: carryOutPlan — domains, badges, site applications, micro-sites and users move or are cancelled; new units created, a renamed unit’s name changed, ceasing sources INACTIVE; unit_successions, reorganised_objects (statistics), audit under every unit',
  ],
  notices: ['reorganisation.carriedOut', 'reorganisation.rejected'],

  async run(ctx, input: ReviewReorganisationInput) {
    const request = await requestInScope(ctx, input.id)
    const office = officeScopeOf(ctx.viewer)
    const reviewerId = actingUserId(ctx.viewer)
    if (!office || reviewerId == null || office.officeId !== request.reviewOfficeId) throw forbidden(NOT_REVIEW_OFFICE)
    if (request.reviewOfficeId === request.initiatingOfficeId && request.requestedById === reviewerId)
      throw appError('FORBIDDEN', '提交人不能审核自己提交的机构改革申请，请由本编办另一名审核员审核', {
        reason: 'FOUR_EYES',
      })
    if (request.status !== 'PENDING') throw appError('CONFLICT', '该申请已审核或已撤回')
    const note = checkReviewReason(input.approve, input.note)
    const plan = request.plan as unknown as ReorganisationPlan

    return ctx.prisma.$transaction(
      async (tx) => {
        const params = {
          kind: KIND_TEXT[plan.kind],
          unit: await sourceNames(tx, plan.sourceUnitIds),
          reason: note,
        }
        const initiatingStaff = (template: 'reorganisation.carriedOut' | 'reorganisation.rejected') =>
          staffNotices(tx, { sameLevelOfficeOf: request.initiatingOffice.regionCode }, template, params, {
            key: `reorganisation-review:${request.id}`,
            payload: { reorganisationId: request.id },
          })
        if (!input.approve) {
          await transition(tx, ctx, 'unitReorganisation', {
            entity: request,
            from: 'PENDING',
            to: 'REJECTED',
            expectedVersion: input.version ?? undefined,
            set: { decidedById: reviewerId, decidedAt: new Date(), decisionNote: note },
            audit: { action: 'reorganisation.reject', regionPath: request.reviewOffice.region.path, after: { note } },
            notify: await initiatingStaff('reorganisation.rejected'),
          })
          return request.id
        }
        await transition(tx, ctx, 'unitReorganisation', {
          entity: request,
          from: 'PENDING',
          to: 'CARRIED_OUT',
          expectedVersion: input.version ?? undefined,
          set: { decidedById: reviewerId, decidedAt: new Date(), decisionNote: note },
          audit: { action: 'reorganisation.approve', regionPath: request.reviewOffice.region.path, after: { note } },
          notify: await initiatingStaff('reorganisation.carriedOut'),
        })
        const outcome = await carryOutPlan(tx, ctx, request.id, plan)
        await tx.unitReorganisation.update({
          where: { id: request.id },
          data: { outcome: outcome as unknown as Prisma.InputJsonValue },
        })
        return request.id
      },
      // A province-wide plan moves many rows; the default 5 s would cut it off halfway (and roll it all back).
      { timeout: 120_000, maxWait: 20_000 },
    )
  },
})
