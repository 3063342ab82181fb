// login / logout / changePassword. Each command is a file of its own (commands/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { opaqueText } from '../../validation/text.ts'
import { changePassword } from './commands/change-password.ts'
import { login } from './commands/login.ts'
import { logout } from './commands/logout.ts'
import { LoginPayload } from '../secondFactor/schema.ts'

const LoginInput = builder.inputType('LoginInput', {
  fields: (t) => ({
    username: t.string({ required: true, description: '用户名 (case-insensitive)' }),
    password: t.string({ required: true, ...opaqueText() }),
  }),
})

const ChangePasswordInput = builder.inputType('ChangePasswordInput', {
  fields: (t) => ({
    currentPassword: t.string({ required: true, ...opaqueText() }),
    newPassword: t.string({
      required: true,
      ...opaqueText(),
      description: 'At least 10 characters, not containing the login name, not a common or leaked password.',
    }),
  }),
})

const ChangePasswordPayload = builder.objectRef<{ endedSessions: number }>('ChangePasswordPayload').implement({
  description: 'The password was changed; the session in use stays signed in.',
  fields: (t) => ({
    endedSessions: t.exposeInt('endedSessions', { description: 'How many other sessions of the person were ended.' }),
  }),
})

builder.mutationFields((t) => ({
  login: t.field({
    type: LoginPayload,
    description:
      'Log in with a password. status SIGNED_IN: the session cookie is set; SECOND_FACTOR_REQUIRED (staff): continue ' +
      'with sendLoginCode / completeLogin; PASSWORD_CHANGE_REQUIRED: continue with changeExpiredPassword. ' +
      'Errors: BAD_USER_INPUT, INVALID_CREDENTIALS ' +
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
  changePassword: t.field({
    type: ChangePasswordPayload,
    description:
      'Change the signed-in person’s own password (a session, not an API token). Ends their other sessions. ' +
      'Errors: BAD_USER_INPUT (extensions.fields: currentPassword wrong — it counts like a failed login, with ' +
      'extensions.remainingAttempts —, newPassword against the policy), ACCOUNT_LOCKED, TOO_MANY_ATTEMPTS, CONFLICT.',
    args: { input: t.arg({ type: ChangePasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => changePassword.execute(ctx, input),
  }),
}))
