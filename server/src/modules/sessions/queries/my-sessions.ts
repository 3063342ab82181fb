// 我的登录设备: the signed-in person's live sessions, newest use first, the one in use marked.
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError } from '../../../errors.ts'
import { describeDevice, type DeviceLabel } from '../device.ts'
import { liveSessionsOf } from '../liveSessions.ts'

export interface SessionRow extends DeviceLabel {
  id: number
  ip: string | null
  createdAt: Date
  lastSeenAt: Date
  current: boolean
}

export const mySessions = defineQuery({
  name: 'mySessions',
  policy: { who: SIGNED_IN, tokens: false, rule: 'a person signed in by session: their own sessions only' },
  scope: 'the viewer’s own live sessions',
  async run(ctx, _input: undefined): Promise<SessionRow[]> {
    const { viewer } = ctx
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录') // the policy admits sessions only
    const rows = await ctx.prisma.session.findMany({
      where: liveSessionsOf(viewer.userId),
      orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }],
      select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
    })
    return rows.map(({ userAgent, ...row }) => ({
      ...row,
      ...describeDevice(userAgent),
      current: row.id === viewer.sessionId,
    }))
  },
})
