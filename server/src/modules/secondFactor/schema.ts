// 双重验证: the login payload (shared with auth's login), the second step, password expiry, the authenticator and
// remembered devices. The commands and the query are files of their own with their policy at the top; this file
// only translates.
import { builder } from '../../builder.ts'
import { SecondFactorMethod } from '../../generated/prisma/enums.ts'
import { opaqueText } from '../../validation/text.ts'
import { changeExpiredPassword } from './commands/change-expired-password.ts'
import { completeLogin } from './commands/complete-login.ts'
import { confirmTotp } from './commands/confirm-totp.ts'
import { disableTotp } from './commands/disable-totp.ts'
import { forgetDevice } from './commands/forget-device.ts'
import { sendLoginCode } from './commands/send-login-code.ts'
import { startTotpSetup } from './commands/start-totp-setup.ts'
import type { LoginResult } from './loginSteps.ts'
import { myTrustedDevices } from './queries/my-trusted-devices.ts'

const SecondFactorMethodEnum = builder.enumType(SecondFactorMethod, {
  name: 'SecondFactorMethod',
  description: 'SMS 短信验证码, TOTP 身份验证器, DEVICE 已记住的设备',
})

const LoginStatusEnum = builder.enumType('LoginStatus', {
  values: {
    SIGNED_IN: { description: 'Signed in: the session cookie is set.' },
    SECOND_FACTOR_REQUIRED: {
      description: 'Staff: pass the second factor with `challenge` (sendLoginCode, completeLogin).',
    },
    PASSWORD_CHANGE_REQUIRED: {
      description: 'The staff password has expired: set a new one with `changeToken` (changeExpiredPassword).',
    },
  } as const,
})

/** What login, completeLogin and changeExpiredPassword answer. */
export const LoginPayload = builder.objectRef<LoginResult>('LoginPayload').implement({
  description:
    'The outcome of a login step. SIGNED_IN: the session travels in an httpOnly cookie, never in the body. ' +
    'SECOND_FACTOR_REQUIRED: no session yet; `challenge` continues. PASSWORD_CHANGE_REQUIRED: no session; `changeToken` continues.',
  fields: (t) => ({
    status: t.field({ type: LoginStatusEnum, resolve: (payload) => payload.status }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'SIGNED_IN: when the session ends at the latest.',
      resolve: (payload) => (payload.status === 'SIGNED_IN' ? payload.expiresAt : null),
    }),
    user: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'SIGNED_IN: who signed in.',
      resolve: (query, payload, _args, ctx) =>
        payload.status === 'SIGNED_IN'
          ? ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: payload.userId } })
          : null,
    }),
    challenge: t.string({
      nullable: true,
      description:
        'SECOND_FACTOR_REQUIRED: the secret for sendLoginCode and completeLogin (valid LOGIN_CHALLENGE_MINUTES, at most 5 codes).',
      resolve: (payload) => (payload.status === 'SECOND_FACTOR_REQUIRED' ? payload.challenge : null),
    }),
    methods: t.field({
      type: [SecondFactorMethodEnum],
      nullable: true,
      description:
        'SECOND_FACTOR_REQUIRED: the ways this account can pass it (SMS when a mobile is registered, TOTP when bound).',
      resolve: (payload) => (payload.status === 'SECOND_FACTOR_REQUIRED' ? payload.methods : null),
    }),
    maskedMobile: t.string({
      nullable: true,
      description: 'SECOND_FACTOR_REQUIRED: where the SMS code goes, e.g. 138****1234.',
      resolve: (payload) => (payload.status === 'SECOND_FACTOR_REQUIRED' ? payload.maskedMobile : null),
    }),
    rememberDays: t.int({
      nullable: true,
      description: 'SECOND_FACTOR_REQUIRED: 记住此设备 lasts this many days (0: not offered).',
      resolve: (payload) => (payload.status === 'SECOND_FACTOR_REQUIRED' ? payload.rememberDays : null),
    }),
    changeToken: t.string({
      nullable: true,
      description: 'PASSWORD_CHANGE_REQUIRED: the secret for changeExpiredPassword.',
      resolve: (payload) => (payload.status === 'PASSWORD_CHANGE_REQUIRED' ? payload.changeToken : null),
    }),
  }),
})

const SendLoginCodePayload = builder
  .objectRef<{ maskedMobile: string; expiresAt: Date; resendAfterSeconds: number }>('SendLoginCodePayload')
  .implement({
    fields: (t) => ({
      maskedMobile: t.exposeString('maskedMobile'),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
      resendAfterSeconds: t.exposeInt('resendAfterSeconds'),
    }),
  })

const TotpSetup = builder.objectRef<{ uri: string; secret: string; qrDataUrl: string }>('TotpSetup').implement({
  description: 'A new authenticator secret, not yet in use until confirmTotp.',
  fields: (t) => ({
    uri: t.exposeString('uri', { description: 'The otpauth:// URI.' }),
    secret: t.exposeString('secret', { description: 'The secret in base32, for typing into the app by hand.' }),
    qrDataUrl: t.exposeString('qrDataUrl', { description: 'The URI as a QR code (a data: PNG URL).' }),
  }),
})

builder.prismaObject('TrustedDevice', {
  description: '已记住的设备: a browser that skips the second factor until expiresAt.',
  fields: (t) => ({
    id: t.exposeID('id'),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

builder.prismaObjectField('User', 'totpEnabled', (t) =>
  t.boolean({
    nullable: true,
    description: 'Whether the person has bound an authenticator (身份验证器); only for the person themself, else null.',
    select: { totpEnabledAt: true },
    resolve: (user, _args, ctx) =>
      ctx.viewer.kind === 'user' && ctx.viewer.userId === user.id ? user.totpEnabledAt !== null : null,
  }),
)

const CompleteLoginInput = builder.inputType('CompleteLoginInput', {
  fields: (t) => ({
    challenge: t.string({ required: true, ...opaqueText() }),
    code: t.string({ description: 'The 6-digit SMS code (sendLoginCode).', ...opaqueText() }),
    totp: t.string({ description: 'The 6-digit code the authenticator shows.', ...opaqueText() }),
    rememberDevice: t.boolean({ description: '记住此设备: skip the second factor on this browser for rememberDays.' }),
  }),
})

const ChangeExpiredPasswordInput = builder.inputType('ChangeExpiredPasswordInput', {
  fields: (t) => ({
    token: t.string({ required: true, ...opaqueText() }),
    newPassword: t.string({ required: true, ...opaqueText() }),
  }),
})

const DisableTotpInput = builder.inputType('DisableTotpInput', {
  fields: (t) => ({
    password: t.string({ required: true, ...opaqueText() }),
    code: t.string({ required: true, ...opaqueText() }),
  }),
})

builder.mutationFields((t) => ({
  sendLoginCode: t.field({
    type: SendLoginCodePayload,
    description:
      'Login step 2: send an SMS code to the account’s registered mobile. Errors: TOKEN_INVALID (challenge unknown, used ' +
      'or expired), ACCOUNT_DISABLED (停用 since the password step; no code is sent), BAD_USER_INPUT (no mobile ' +
      'registered), TOO_MANY_ATTEMPTS (the SMS limits, retryAfterSeconds; ' +
      'when the system’s SMS budget is used up, reason SMS_BUDGET_REACHED and alternative: TOTP — an authenticator ' +
      'is bound, use it now — or BIND_TOTP — none is bound, wait and bind one after signing in).',
    args: { challenge: t.arg.string({ required: true, ...opaqueText() }) },
    resolve: (_root, args, ctx) => sendLoginCode.execute(ctx, args),
  }),
  completeLogin: t.field({
    type: LoginPayload,
    description:
      'Login step 2: the SMS code or the authenticator code opens the session (status SIGNED_IN). Errors: TOKEN_INVALID, ' +
      'BAD_USER_INPUT (wrong code, remainingAttempts), TOO_MANY_ATTEMPTS (the 5th wrong code: the challenge is used up).',
    args: { input: t.arg({ type: CompleteLoginInput, required: true }) },
    resolve: (_root, { input }, ctx) => completeLogin.execute(ctx, input),
  }),
  changeExpiredPassword: t.field({
    type: LoginPayload,
    description:
      'An expired staff password: set a new one with the changeToken from login; the login then goes on. Errors: ' +
      'TOKEN_INVALID, BAD_USER_INPUT (extensions.fields.newPassword: the password policy).',
    args: { input: t.arg({ type: ChangeExpiredPasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) => changeExpiredPassword.execute(ctx, input),
  }),
  startTotpSetup: t.field({
    type: TotpSetup,
    description: 'Staff: start binding an authenticator (a new secret). Errors: CONFLICT (already bound).',
    resolve: (_root, _args, ctx) => startTotpSetup.execute(ctx, undefined),
  }),
  confirmTotp: t.boolean({
    description: 'Staff: confirm the authenticator with its current code. Errors: BAD_USER_INPUT, CONFLICT.',
    args: { code: t.arg.string({ required: true, ...opaqueText() }) },
    resolve: (_root, args, ctx) => confirmTotp.execute(ctx, args),
  }),
  disableTotp: t.boolean({
    description: 'Staff: unbind the authenticator (password and a current code). Errors: BAD_USER_INPUT, CONFLICT.',
    args: { input: t.arg({ type: DisableTotpInput, required: true }) },
    resolve: (_root, { input }, ctx) => disableTotp.execute(ctx, input),
  }),
  forgetDevice: t.boolean({
    description: 'Forget one of the person’s remembered devices. Errors: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => forgetDevice.execute(ctx, { id: Number(args.id) }),
  }),
}))

builder.queryField('myTrustedDevices', (t) =>
  t.prismaField({
    type: ['TrustedDevice'],
    description: '已记住的设备: the signed-in person’s remembered browsers that still skip the second factor.',
    resolve: (query, _root, _args, ctx) => myTrustedDevices.execute(ctx, { query }),
  }),
)
