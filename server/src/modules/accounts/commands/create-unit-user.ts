// 新建单位用户: a unit's primary account opens an account for another person of the unit (e.g. a deputy handler).
// The unit has at most UNIT_MAX_USERS accounts in use (disabled ones do not count: they stay for the history).
import { defineCommand } from '../../../commands/define.ts'
import { config } from '../../../config.ts'
import { appError } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { createPendingAccount } from '../accountCreation.ts'
import { checkNewAccount, type NewAccountInput } from '../form.ts'
import { sessionViewerOf } from '../staff.ts'

export const createUnitUser = defineCommand({
  name: 'createUnitUser',
  policy: {
    who: ['unit'],
    tokens: false,
    unitPrimary: true,
    rule: 'the unit’s primary account, for its own unit; at most UNIT_MAX_USERS accounts in use',
  },
  scope: 'the viewer’s own unit',
  transition: { entity: 'User', from: [], to: ['PENDING_ACTIVATION'] },
  effects: [
    'the user (DEPUTY, PENDING_ACTIVATION, no password)',
    'an ACTIVATION account link and an ACTIVATION SMS code (limits and SMS budget apply)',
    'audit user.create',
  ],
  notices: ['account.activation', 'verification.code'],

  async run(ctx, input: NewAccountInput) {
    const viewer = sessionViewerOf(ctx)
    const unitId = viewer.unitId!
    const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, include: { region: true } })
    const account = checkNewAccount(input)
    const userId = await createPendingAccount(ctx, {
      account,
      placement: { role: 'UNIT_USER', unitId, unitRole: 'DEPUTY' },
      organisation: unit.name,
      regionPath: unit.region.path,
      beforeInsert: (tx) => refuseTooManyUnitUsers(tx, unitId),
    })
    return { userId }
  },
})

/** Counts the unit's accounts in use under a lock of the unit row, so concurrent creations cannot overshoot. */
async function refuseTooManyUnitUsers(tx: Prisma.TransactionClient, unitId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM units WHERE id = ${unitId} FOR UPDATE`
  const inUse = await tx.user.count({ where: { unitId, status: { not: 'DISABLED' } } })
  const max = config.accounts.unitMaxUsers
  if (inUse >= max) {
    throw appError('CONFLICT', `本单位最多可有 ${max} 个在用账号，请先停用不再使用的账号`, {
      reason: 'UNIT_USER_LIMIT',
      max,
    })
  }
}
