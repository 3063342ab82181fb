// 我的登录设备 → 退出其他所有设备: ends every live session of the person except the one in use.
import { forgetDevices } from '../../secondFactor/devices.ts'
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { endSessions } from '../../auth/passwords.ts'

export const endOtherSessions = defineCommand({
  name: 'endOtherSessions',
  policy: { who: SIGNED_IN, tokens: false, rule: 'a person signed in by session: their own sessions only' },
  scope: 'the viewer’s own sessions',
  effects: ['the other sessions revoked (endedReason BY_USER)', 'audit auth.endOtherSessions'],

  /** How many sessions ended. */
  async run(ctx, _input: undefined): Promise<number> {
    const { viewer } = ctx
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
    return ctx.prisma.$transaction(async (tx) => {
      const ended = await endSessions(tx, viewer.userId, 'BY_USER', { except: viewer.sessionId })
      await forgetDevices(tx, viewer.userId) // 退出其他设备: the remembered ones too
      await writeAudit(tx, ctx, {
        action: 'auth.endOtherSessions',
        subjectType: 'User',
        subjectId: viewer.userId,
        after: { endedSessions: ended },
      })
      return ended
    })
  },
})
