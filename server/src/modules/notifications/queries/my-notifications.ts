// 消息中心: the viewer's own in-portal notifications, newest first, and how many are unread (the badge in the top bar).
import { defineQuery } from '../../../commands/define.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { inboxPolicy, inboxWhere } from '../inbox.ts'

const scope = 'the viewer’s own IN_APP notifications (inboxWhere)'

export const myNotifications = defineQuery({
  name: 'myNotifications',
  policy: inboxPolicy,
  scope,
  run: (
    ctx,
    input: {
      query: { include?: Prisma.NotificationInclude; select?: Prisma.NotificationSelect }
      unreadOnly?: boolean | null
    },
  ) =>
    ctx.prisma.notification.findMany({
      ...input.query,
      where: inboxWhere(ctx, input.unreadOnly),
      orderBy: { id: 'desc' },
    }),
})

export const unreadNotificationCount = defineQuery({
  name: 'unreadNotificationCount',
  policy: inboxPolicy,
  scope,
  run: (ctx, _input: undefined) => ctx.prisma.notification.count({ where: inboxWhere(ctx, true) }),
})
