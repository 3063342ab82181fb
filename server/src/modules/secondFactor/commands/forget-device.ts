// 已记住的设备 → 移除: the person's own remembered browser stops skipping the second factor.
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'

export const forgetDevice = defineCommand({
  name: 'forgetDevice',
  policy: { who: SIGNED_IN, tokens: false, rule: 'the person’s own devices only (NOT_FOUND otherwise)' },
  scope: 'the viewer’s own trusted devices',
  effects: ['trusted_devices.revokedAt', 'audit auth.forgetDevice'],

  async run(ctx, input: { id: number }): Promise<boolean> {
    const { viewer } = ctx
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
    return ctx.prisma.$transaction(async (tx) => {
      const forgotten = await tx.trustedDevice.updateMany({
        where: { id: input.id, userId: viewer.userId, revokedAt: null },
        data: { revokedAt: new Date() },
      })
      if (forgotten.count !== 1) throw notFound('该设备')
      await writeAudit(tx, ctx, { action: 'auth.forgetDevice', subjectType: 'TrustedDevice', subjectId: input.id })
      return true
    })
  },
})
