// 经办人交接 (complete): the new handler, on their own device, opens the emailed link and enters the SMS code sent to
// the new mobile (so the mobile is proved theirs) and a new password. The unit keeps its primary account (its
// login, domains and history belong to the unit); the person behind it changes: the unit's handler facts and the
// account's name, mobile, email and password are replaced, and every session of the account ends, so the old
// handler is signed out everywhere. Both handlers hear of it.
import { forgetDevices } from '../../secondFactor/devices.ts'
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { consumeAccountToken, tokenInvalid } from '../../auth/accountTokens.ts'
import { acceptNewPassword, endSessions, storePassword } from '../../auth/passwords.ts'
import { unitContactNotices } from '../../notifications/drafts.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { matchVerificationCode, spendVerifiedCode } from '../../verification/codes.ts'
import { maskedHandoverIdNumber, maskedUnitHandlerIdNumber, unitHandlerIdNumberData } from '../handover/idNumber.ts'
import { handoverOfLink } from '../handover/pending.ts'

export interface CompleteHandoverInput {
  token: string
  code: string
  newPassword: string
}

export const completeHandover = defineCommand({
  name: 'completeHandover',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'none: the new handler, signed in or not; the emailed link and the SMS code to the new mobile prove it',
  },
  scope: 'the unit of the link’s primary account',
  transition: { entity: 'UnitHandover', from: ['PENDING'], to: ['COMPLETED'] },
  effects: [
    'the link (AccountToken HANDOVER) and the HANDOVER code are consumed',
    'the unit’s handler name, mobile, email and ID number (version + 1)',
    'the primary account’s displayName, mobile, email and password (passwordChangedAt, history)',
    'every session of the primary account ends (endedReason HANDOVER)',
    'audit unit.handover.complete (masked values only)',
  ],
  notices: ['handover.completed'],

  async run(ctx, input: CompleteHandoverInput) {
    const found = await handoverOfLink(ctx.prisma, input.token.trim())
    if (!found) throw tokenInvalid()
    const { handover, user } = found
    // Guesses count against the code before anything else is told; a wrong code leaves the link usable.
    const matched = await matchVerificationCode(ctx.prisma, {
      mobile: handover.newMobile,
      purpose: 'HANDOVER',
      code: input.code.trim(),
      field: 'code',
    })
    const passwordHash = await acceptNewPassword(ctx.prisma, user, input.newPassword)
    const { unit } = handover
    const now = new Date()
    return ctx.prisma.$transaction(async (tx) => {
      // The link works once: of two completions racing with it exactly one gets past here.
      const userId = await consumeAccountToken(tx, input.token.trim(), 'HANDOVER')
      if (userId !== user.id) throw tokenInvalid()
      await spendVerifiedCode(tx, matched)
      const completed = await tx.unitHandover.updateMany({
        where: { id: handover.id, status: 'PENDING', expiresAt: { gt: now } },
        data: { status: 'COMPLETED', completedAt: now },
      })
      if (completed.count !== 1) throw tokenInvalid()
      const handler = {
        handlerName: handover.newName,
        handlerMobile: handover.newMobile,
        handlerEmail: handover.newEmail,
      }
      await tx.unit.update({
        where: { id: unit.id },
        data: { ...handler, ...unitHandlerIdNumberData(handover), version: { increment: 1 } },
      })
      await tx.user.update({
        where: { id: user.id },
        data: {
          displayName: handover.newName,
          mobile: handover.newMobile,
          email: handover.newEmail,
          version: { increment: 1 },
        },
      })
      if (!(await storePassword(tx, user.id, passwordHash))) throw appError('CONFLICT', '账号状态已变化，请重试')
      const endedSessions = await endSessions(tx, user.id, 'HANDOVER')
      await forgetDevices(tx, user.id) // the old handler's remembered browsers too
      await writeAudit(tx, ctx, {
        action: 'unit.handover.complete',
        subjectType: 'UnitHandover',
        subjectId: handover.id,
        regionPath: unit.region.path,
        before: {
          handlerName: unit.handlerName,
          handlerMobile: maskMobile(unit.handlerMobile),
          handlerEmail: unit.handlerEmail,
          handlerIdNumber: maskedUnitHandlerIdNumber(unit),
        },
        after: {
          ...handler,
          handlerMobile: maskMobile(handover.newMobile),
          handlerIdNumber: maskedHandoverIdNumber(handover),
          userId: user.id,
          endedSessions,
        },
      })
      const params = { unit: unit.name, handler: handover.oldName, newHandler: handover.newName }
      const users = await tx.user.findMany({ where: { unitId: unit.id, status: 'ACTIVE' }, select: { id: true } })
      const key = `handover.completed:${handover.id}`
      await enqueueNotifications(tx, [
        // The old handler hears of it on the mobile (and email) they had: it is their sign-out notice.
        ...unitContactNotices(
          { handlerMobile: unit.handlerMobile, handlerEmail: unit.handlerEmail, users: [] },
          'handover.completed',
          params,
          { key, payload: { handoverId: handover.id } },
        ),
        ...unitContactNotices({ ...handler, users }, 'handover.completed', params, {
          key,
          payload: { handoverId: handover.id },
        }),
      ])
      return { unitName: unit.name, username: user.username }
    })
  },
})
