// 消息中心: myNotifications, unreadNotificationCount, markNotificationsRead. Only the viewer's own IN_APP rows. The
// command and the queries are files of their own (commands/, queries/) with their policy at the top; this file only
// translates.
import { builder } from '../../builder.ts'
import { markNotificationsRead } from './commands/mark-notifications-read.ts'
import { inboxOwner, inboxWhere } from './inbox.ts'
import { notificationLink } from './links.ts'
import { myNotifications, unreadNotificationCount } from './queries/my-notifications.ts'

// A variant of the Notification model (the outbox row), as the notification centre shows it to its recipient.
export const InboxNotificationRef = builder.prismaObject('Notification', {
  variant: 'InboxNotification',
  description: '消息中心的一条站内消息 (an in-portal notification of the viewer).',
  fields: (t) => ({
    id: t.exposeID('id'),
    template: t.exposeString('template', {
      description: 'The event, e.g. domain.officeRejected, badge.issued, renewal.due',
    }),
    subject: t.exposeString('subject', { nullable: true, description: '标题' }),
    body: t.exposeString('body', { description: '正文' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the viewer read it; null = 未读',
    }),
    link: t.string({
      description: 'The portal path the notification is about, for the viewer’s role, e.g. /unit/sites/12',
      select: { template: true, payload: true },
      resolve: (row, _args, ctx) => notificationLink(row, inboxOwner(ctx).role),
    }),
  }),
})

builder.queryFields((t) => ({
  myNotifications: t.prismaConnection({
    type: InboxNotificationRef,
    cursor: 'id',
    description:
      '消息中心: the viewer’s own in-portal notifications, newest first. unreadOnly lists only the unread ones. Portal ' +
      'sessions only (an API token gets FORBIDDEN).',
    args: { unreadOnly: t.arg.boolean({ required: false, description: '只看未读' }) },
    totalCount: (_parent, { unreadOnly }, ctx) => ctx.prisma.notification.count({ where: inboxWhere(ctx, unreadOnly) }),
    resolve: (query, _root, { unreadOnly }, ctx) => myNotifications.execute(ctx, { query, unreadOnly }),
  }),
  unreadNotificationCount: t.int({
    description: 'How many of the viewer’s in-portal notifications are unread (the badge in the top bar).',
    resolve: (_root, _args, ctx) => unreadNotificationCount.execute(ctx, undefined),
  }),
}))

builder.mutationFields((t) => ({
  markNotificationsRead: t.int({
    description:
      '标为已读: the listed notifications, or all: true for every unread one. Only the viewer’s own rows change; ids of ' +
      'other users’ notifications are ignored. Returns how many changed (already read ones do not count). ' +
      'BAD_USER_INPUT when neither ids nor all is given.',
    args: {
      ids: t.arg.idList({ required: false }),
      all: t.arg.boolean({ required: false, description: '全部标为已读' }),
    },
    resolve: (_root, { ids, all }, ctx) => markNotificationsRead.execute(ctx, { ids, all }),
  }),
}))
