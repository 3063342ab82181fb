// 忘记密码 / 协助重置密码. Each command is a file of its own (commands/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { opaqueText } from '../../validation/text.ts'
import { helpResetPassword } from './commands/help-reset-password.ts'
import { requestPasswordReset } from './commands/request-password-reset.ts'
import { resetPassword } from './commands/reset-password.ts'

const RequestPasswordResetPayload = builder.objectRef<{ message: string }>('RequestPasswordResetPayload').implement({
  description: 'The same answer whether or not the login names an account.',
  fields: (t) => ({
    message: t.exposeString('message', { description: '若账号存在，验证码已发送至其登记的手机和邮箱' }),
  }),
})

const ResetPasswordInput = builder.inputType('ResetPasswordInput', {
  description: 'Either username + code (the SMS code), or token (from the emailed link); and the new password.',
  fields: (t) => ({
    username: t.string({ description: 'The login the SMS code was asked for (with code).' }),
    code: t.string({ description: 'The 6-digit SMS code (with username).' }),
    token: t.string({
      ...opaqueText(),
      description: 'The secret of the emailed link /reset-password?token=… (instead of username and code).',
    }),
    newPassword: t.string({
      required: true,
      ...opaqueText(),
      description: 'At least 10 characters, not containing the login name, not a common or leaked password.',
    }),
  }),
})

const ResetPasswordPayload = builder.objectRef<{ username: string }>('ResetPasswordPayload').implement({
  description: 'The password was reset and every session of the account ended; the person now logs in.',
  fields: (t) => ({ username: t.exposeString('username', { description: 'The login whose password was reset.' }) }),
})

const HelpResetPasswordPayload = builder
  .objectRef<{ maskedMobile: string | null; maskedEmail: string | null }>('HelpResetPasswordPayload')
  .implement({
    description: 'Where the code and the link went (masked); the helper never sees either.',
    fields: (t) => ({
      maskedMobile: t.exposeString('maskedMobile', { nullable: true, description: 'e.g. 138****1234' }),
      maskedEmail: t.exposeString('maskedEmail', { nullable: true, description: 'e.g. q***@example.cn' }),
    }),
  })

builder.mutationFields((t) => ({
  requestPasswordReset: t.field({
    type: RequestPasswordResetPayload,
    description:
      '忘记密码: sends an SMS code to the account’s registered mobile and a one-time link to its registered email. ' +
      'Answers the same whether or not the login names an account. Errors: BAD_USER_INPUT (no login), ' +
      'TOO_MANY_ATTEMPTS (too many codes from this address, or the SMS budget; extensions.retryAfterSeconds).',
    args: { username: t.arg.string({ required: true, description: '用户名' }) },
    resolve: (_root, args, ctx) => requestPasswordReset.execute(ctx, { username: args.username }),
  }),
  resetPassword: t.field({
    type: ResetPasswordPayload,
    description:
      'Sets a new password with the SMS code (username + code) or the emailed link (token); ends every session of ' +
      'the account; does not sign in. Errors: BAD_USER_INPUT (extensions.fields: code — wrong, with ' +
      'extensions.remainingAttempts, used or expired —, newPassword against the policy), TOO_MANY_ATTEMPTS (the ' +
      'code took 5 wrong guesses), TOKEN_INVALID (the link is unknown, used, superseded or expired).',
    args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => resetPassword.execute(ctx, input),
  }),
  helpResetPassword: t.field({
    type: HelpResetPasswordPayload,
    description:
      '协助重置密码: sends the reset code and link to the user’s registered mobile and email. Errors: NOT_FOUND (not ' +
      'a user the viewer administers), CONFLICT (pending activation, disabled, no mobile or email), ' +
      'TOO_MANY_ATTEMPTS, FORBIDDEN (ROLE_REQUIRED, UNIT_PRIMARY_REQUIRED).',
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => helpResetPassword.execute(ctx, { userId: Number(args.userId) }),
  }),
}))
