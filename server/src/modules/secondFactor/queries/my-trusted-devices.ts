// 已记住的设备: the person's own remembered browsers that still skip the second factor, newest first.
import { defineQuery } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'

export const myTrustedDevices = defineQuery({
  name: 'myTrustedDevices',
  policy: { who: SIGNED_IN, tokens: false, rule: 'the person’s own live devices only' },
  scope: 'the viewer’s own trusted devices',
  run: (ctx, input: { query: { include?: Prisma.TrustedDeviceInclude; select?: Prisma.TrustedDeviceSelect } }) => {
    const { viewer } = ctx
    if (viewer.kind !== 'user') return []
    return ctx.prisma.trustedDevice.findMany({
      ...input.query,
      where: { userId: viewer.userId, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { id: 'desc' },
    })
  },
})
