// 申请变更单位信息: a unit user asks to change its unit's registered facts (name, type, credit code, address …); the
// unit's same-level office reviews it (review-unit-change.ts). One request waits per unit, and it is filed against
// the unit as the person saw it (unitVersion): a unit that changed meanwhile answers CONFLICT, so the office never
// reviews a "before" the unit no longer has. The partial unique index unit_change_requests_one_pending settles two
// requests at once.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { conflictStale } from '../../../lib/review.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { actingUserId } from '../../../viewer.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import { changesAgainst, factsOf, type RequestedUnitFacts } from '../facts.ts'
import { ownUnit, UNIT_CHANGE_REQUESTERS } from '../targets.ts'
import { changedFactsText, PENDING_EXISTS } from '../texts.ts'

export interface RequestUnitChangeInput {
  after: RequestedUnitFacts
  reason: string
  unitVersion: number
}

export const requestUnitChange = defineCommand({
  name: 'requestUnitChange',
  policy: UNIT_CHANGE_REQUESTERS,
  scope: 'unitScope',
  transition: { entity: 'UnitChangeRequest', from: [], to: ['PENDING'] },
  notices: ['unitChange.awaitingOfficeReview'],

  async run(ctx, input: RequestUnitChangeInput) {
    const unit = await ownUnit(ctx)
    const reason = input.reason.trim()
    const reasonLength = [...reason].length
    if (reasonLength < 2 || reasonLength > 500)
      throw badInput('请填写变更原因', { reason: '请填写 2-500 个字的变更原因' })
    if (unit.version !== input.unitVersion) throw conflictStale()
    const { before, after } = changesAgainst(factsOf(unit), input.after)
    const reviewOfficeId = unit.region.office?.id
    // Registration accepts only regions with an office, so this is a unit whose office was removed since.
    if (reviewOfficeId == null) throw appError('CONFLICT', '本单位所属区域暂无编办，无法受理变更申请')

    try {
      return await ctx.prisma.$transaction(async (tx) => {
        // The unit row locked until the end: a change approved or contacts edited meanwhile shows as a new version.
        const [row] = await tx.$queryRaw<
          { version: number }[]
        >`SELECT "version" FROM "units" WHERE "id" = ${unit.id} FOR UPDATE`
        if (!row || row.version !== input.unitVersion) throw conflictStale()
        if (await tx.unitChangeRequest.count({ where: { unitId: unit.id, status: 'PENDING' } }))
          throw appError('CONFLICT', PENDING_EXISTS)
        const request = await tx.unitChangeRequest.create({
          data: {
            unitId: unit.id,
            before,
            after,
            reason,
            requestedById: actingUserId(ctx.viewer)!,
            reviewOfficeId,
          },
        })
        await writeAudit(tx, ctx, {
          action: 'unitChange.request',
          subjectType: 'UnitChangeRequest',
          subjectId: request.id,
          regionPath: unit.region.path,
          before: { unitId: unit.id, unitVersion: unit.version, ...before },
          after: { status: request.status, ...after, reason },
        })
        const params = { unit: unit.name, changedFacts: changedFactsText(after) }
        const options = { key: `unit-change-request:${request.id}`, payload: { unitChangeId: request.id } }
        await enqueueNotifications(
          tx,
          await staffNotices(
            tx,
            { sameLevelOfficeOf: unit.regionCode },
            'unitChange.awaitingOfficeReview',
            params,
            options,
          ),
        )
        return request.id
      })
    } catch (error) {
      // The partial unique index unit_change_requests_one_pending: a concurrent request won.
      if (isUniqueViolation(error)) throw appError('CONFLICT', PENDING_EXISTS)
      throw error
    }
  },
})
