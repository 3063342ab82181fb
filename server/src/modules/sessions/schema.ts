// 我的登录设备. Each command and query is a file of its own with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { endOtherSessions } from './commands/end-other-sessions.ts'
import { endSession } from './commands/end-session.ts'
import { mySessions, type SessionRow } from './queries/my-sessions.ts'

const SignInSession = builder.objectRef<SessionRow>('SignInSession').implement({
  description: 'One live session of the signed-in person (我的登录设备).',
  fields: (t) => ({
    id: t.exposeID('id'),
    browser: t.exposeString('browser', { nullable: true, description: 'e.g. Chrome 120; null when unknown' }),
    os: t.exposeString('os', { nullable: true, description: 'e.g. Windows 10; null when unknown' }),
    deviceKind: t.exposeString('kind', { nullable: true, description: '电脑 / 手机 / 平板; null when unknown' }),
    ip: t.exposeString('ip', { nullable: true, description: 'The address it signed in from.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it signed in.' }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', description: 'Its last use (to the minute).' }),
    current: t.exposeBoolean('current', { description: 'The session of this request (当前设备).' }),
  }),
})

builder.queryFields((t) => ({
  mySessions: t.field({
    type: [SignInSession],
    description: 'The signed-in person’s live sessions, most recently used first (a session, not an API token).',
    resolve: (_root, _args, ctx) => mySessions.execute(ctx, undefined),
  }),
}))

builder.mutationFields((t) => ({
  endSession: t.boolean({
    description:
      'End one of the signed-in person’s own sessions (退出). Errors: NOT_FOUND (not theirs, or already ended).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => endSession.execute(ctx, { id: Number(args.id) }),
  }),
  endOtherSessions: t.int({
    description: 'End every session of the signed-in person except this one (退出其他所有设备); how many ended.',
    resolve: (_root, _args, ctx) => endOtherSessions.execute(ctx, undefined),
  }),
}))
