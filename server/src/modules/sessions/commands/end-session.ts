// 我的登录设备 → 退出: ends one of the person's own sessions (the one in use too, which is a logout elsewhere).
// Anyone else's session id is NOT_FOUND, as is one already ended.
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { liveSessionsOf } from '../liveSessions.ts'

export const endSession = defineCommand({
  name: 'endSession',
  policy: { who: SIGNED_IN, tokens: false, rule: 'a person signed in by session: their own sessions only' },
  scope: 'the viewer’s own live sessions',
  effects: ['the session revoked (endedReason BY_USER)', 'audit auth.endSession'],

  async run(ctx, input: { id: number }): Promise<boolean> {
    const { viewer } = ctx
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
    return ctx.prisma.$transaction(async (tx) => {
      const ended = await tx.session.updateMany({
        where: { AND: [{ id: input.id }, liveSessionsOf(viewer.userId)] },
        data: { revokedAt: new Date(), endedReason: 'BY_USER' },
      })
      if (ended.count !== 1) throw notFound('登录设备')
      await writeAudit(tx, ctx, {
        action: 'auth.endSession',
        subjectType: 'Session',
        subjectId: input.id,
        after: { current: input.id === viewer.sessionId },
      })
      return true
    })
  },
})
