// login / logout. Each command is a file of its own (commands/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { opaqueText } from '../../validation/text.ts'
import { login } from './commands/login.ts'
import { logout } from './commands/logout.ts'

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true, description: '用户名 (case-insensitive)' }),
    password: t.string({ required: true, ...opaqueText() }),
  }),
})

const LoginPayload = builder.objectRef<{ userId: number; expiresAt: Date }>('LoginPayload').implement({
  description: 'A successful login. The session itself travels in an httpOnly cookie, never in the response body.',
  fields: (t) => ({
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When the session ends at the latest.' }),
    user: t.prismaField({
      type: 'User',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } }),
    }),
  }),
})

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    description:
      'Log in with a password; sets the session cookie. Errors: BAD_USER_INPUT, INVALID_CREDENTIALS ' +
      '(extensions.remainingAttempts: wrong passwords left for this name from this address), ACCOUNT_LOCKED (this ' +
      'address may not log in to this name until extensions.lockedUntil; other addresses can), ACCOUNT_DISABLED, ' +
      'TOO_MANY_ATTEMPTS (too many failures from this address, or the name is being guessed from many addresses; ' +
      'extensions.retryAfterSeconds).',
    args: { input: t.arg({ type: LoginInput, required: true }) },
    resolve: (_root, { input }, ctx) => login.execute(ctx, input),
  }),
  logout: t.boolean({
    description: 'End the current session and clear its cookie. True when a session was ended.',
    resolve: (_root, _args, ctx) => logout.execute(ctx, undefined),
  }),
}))
