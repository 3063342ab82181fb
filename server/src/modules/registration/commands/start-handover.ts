// 经办人交接 (start): the unit's primary account (or its same-level office, when the old handler has left) names the
// new handler. Nothing changes on the unit yet: the new handler completes it on their own device with the emailed
// link and the SMS code sent to the new mobile (complete-handover.ts), which proves that the mobile is theirs.
import { defineCommand } from '../../../commands/define.ts'
import { config } from '../../../config.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { issueAccountToken } from '../../auth/accountTokens.ts'
import { renderNotification } from '../../notifications/templates.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { issueCodeInTransaction, SEND_TRANSACTION, withSmsBudgetReport } from '../../verification/issue.ts'
import { checkHandler, type Fields } from '../forms.ts'
import { actingUser, handoverStarters, handoverUnitId } from '../handover/access.ts'
import { handoverIdNumberData, maskedHandoverIdNumber } from '../handover/idNumber.ts'

export interface StartHandoverInput {
  /** Office staff name the unit; a unit user's own unit is implied. */
  unitId?: string | null
  newName: string
  newMobile: string
  newEmail: string
  newIdNumber: string
}

const NEW_HANDLER_FIELDS = {
  handlerName: 'newName',
  handlerMobile: 'newMobile',
  handlerEmail: 'newEmail',
  handlerIdNumber: 'newIdNumber',
} as const

export const ALREADY_PENDING = '本单位已有进行中的经办人交接，请先取消或等待新经办人完成'

export const startHandover = defineCommand({
  name: 'startHandover',
  policy: {
    ...handoverStarters,
    rule:
      '本单位: the unit’s primary account (单位主账号); or the 管理员 of the unit’s same-level office (同级编办), when ' +
      'the old handler has left',
  },
  scope: 'the viewer’s own unit; for an office its same-level units (lib/scope.ts unitScope, same region path)',
  transition: { entity: 'UnitHandover', from: [], to: ['PENDING'] },
  effects: [
    'a PENDING UnitHandover (one per unit; a lapsed one is cancelled first)',
    'an AccountToken HANDOVER for the unit’s primary account (emailed link; older ones consumed)',
    'a HANDOVER verification code to the new mobile (every SMS limit and the budget apply)',
    'audit unit.handover.start (masked values only)',
  ],
  notices: ['handover.started', 'verification.code'],

  async run(ctx, input: StartHandoverInput) {
    const unitId = await handoverUnitId(ctx, input.unitId)
    const fields: Fields = {}
    const handler = checkHandler(
      {
        handlerName: input.newName,
        handlerMobile: input.newMobile,
        handlerEmail: input.newEmail,
        handlerIdNumber: input.newIdNumber,
      },
      fields,
      NEW_HANDLER_FIELDS,
    )
    if (Object.keys(fields).length) throw badInput('新经办人信息有误，请按提示修改', fields)

    const unit = await ctx.prisma.unit.findUniqueOrThrow({
      where: { id: unitId },
      include: {
        region: { select: { path: true } },
        users: { where: { unitRole: 'PRIMARY' }, select: { id: true } },
      },
    })
    const primary = unit.users[0]
    if (!primary) throw appError('CONFLICT', '该单位没有主账号，无法办理经办人交接')
    const startedById = actingUser(ctx)
    const now = new Date()
    const hours = config.accounts.handoverHours
    try {
      return await withSmsBudgetReport(ctx, now, () =>
        ctx.prisma.$transaction(async (tx) => {
          // A lapsed handover no longer holds the unit's one PENDING place.
          await tx.unitHandover.updateMany({
            where: { unitId, status: 'PENDING', expiresAt: { lte: now } },
            data: { status: 'CANCELLED', cancelledAt: now },
          })
          const handover = await tx.unitHandover.create({
            data: {
              unitId,
              startedById,
              oldName: unit.handlerName,
              oldMobile: unit.handlerMobile,
              newName: handler.handlerName,
              newMobile: handler.handlerMobile,
              newEmail: handler.handlerEmail,
              ...handoverIdNumberData(handler.handlerIdNumber),
              expiresAt: new Date(now.getTime() + hours * 3_600_000),
              createdAt: now,
            },
          })
          const secret = await issueAccountToken(tx, {
            userId: primary.id,
            purpose: 'HANDOVER',
            validMinutes: hours * 60,
            createdById: startedById,
          })
          const maskedMobile = maskMobile(handover.newMobile)
          const link = `${config.publicPortalUrl}/handover?token=${encodeURIComponent(secret)}`
          const { subject, body } = renderNotification('handover.started', {
            unit: unit.name,
            newHandler: handover.newName,
            hours,
            maskedMobile,
            link,
          })
          await enqueueNotifications(tx, [
            {
              channel: 'EMAIL',
              address: handover.newEmail,
              template: 'handover.started',
              subject,
              body,
              // The link's secret stays out of the payload: only the email text carries it.
              payload: { handoverId: handover.id, unitId },
              dedupeKey: `handover.started:${handover.id}`,
            },
          ])
          await issueCodeInTransaction(tx, ctx, { mobile: handover.newMobile, purpose: 'HANDOVER', now })
          await writeAudit(tx, ctx, {
            action: 'unit.handover.start',
            subjectType: 'UnitHandover',
            subjectId: handover.id,
            regionPath: unit.region.path,
            after: {
              unitId,
              oldName: handover.oldName,
              oldMobile: maskMobile(handover.oldMobile),
              newName: handover.newName,
              newMobile: maskedMobile,
              newEmail: handover.newEmail,
              newIdNumber: maskedHandoverIdNumber(handover),
              expiresAt: handover.expiresAt,
            },
          })
          return handover.id
        }, SEND_TRANSACTION),
      )
    } catch (error) {
      // The unit's one PENDING place is taken (the partial unique index settles a race between two starts).
      if (isUniqueViolation(error)) throw appError('CONFLICT', ALREADY_PENDING)
      throw error
    }
  },
})
