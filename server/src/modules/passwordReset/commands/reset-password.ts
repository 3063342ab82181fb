// 忘记密码, step 2 (or the emailed link): a new password, proved either by the login and the SMS code, or by the
// link. The code is checked by the verification module's checks (5 guesses, newest code only, single use); for a
// login without an account it is checked against the decoy code (delivery.ts), so a wrong code answers exactly as
// a wrong code does. The new password passes the policy (and staff history); then every session of the account
// ends and the person is told by SMS and email. The reset does not sign in.
import { forgetDevices } from '../../secondFactor/devices.ts'
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { PASSWORD_MAX_LENGTH, passwordPolicyProblem } from '../../../lib/passwordPolicy.ts'
import { consumeAccountToken, findLiveAccountToken, tokenInvalid } from '../../auth/accountTokens.ts'
import { acceptNewPassword, endSessions, storePassword } from '../../auth/passwords.ts'
import { renderNotification } from '../../notifications/templates.ts'
import { matchVerificationCode, spendVerifiedCode } from '../../verification/codes.ts'
import { canResetPassword, RESET_PURPOSE, resetCodeMobile } from '../delivery.ts'
import { normalisedLogin } from './request-password-reset.ts'
import type { Context } from '../../../context.ts'

export interface ResetPasswordInput {
  /** With `code`: the login the code was asked for. */
  username?: string | null
  /** The 6-digit SMS code. */
  code?: string | null
  /** Or the secret of the emailed link. */
  token?: string | null
  newPassword: string
}

const withRegion = { office: { include: { region: true } }, unit: { include: { region: true } } } as const
type ResettableUser = Prisma.UserGetPayload<{ include: typeof withRegion }>

export const resetPassword = defineCommand({
  name: 'resetPassword',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'none: the SMS code sent to the account’s registered mobile, or its emailed link, proves it',
  },
  scope: 'the user the code or link was issued for',
  effects: [
    'the password hash, passwordChangedAt and history',
    'the code or link consumed, with every other live reset code and link of the account',
    'every session of the account ends (PASSWORD_RESET)',
    'audit auth.resetPassword (no password material)',
  ],
  notices: ['password.reset'],

  async run(ctx, input: ResetPasswordInput): Promise<{ username: string }> {
    if (input.newPassword.length > PASSWORD_MAX_LENGTH)
      throw badInput('密码未设置，请按提示修改', { newPassword: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符` })
    if (input.token) return resetByLink(ctx, input.token, input.newPassword)

    const fields: Record<string, string> = {}
    const username = (input.username ?? '').trim().toLowerCase()
    if (!username) fields.username = '请输入用户名'
    if (!input.code) fields.code = '请填写短信验证码'
    // The policy needs only the login: checked before a guess of the code is spent on a password it would refuse.
    const problem = username ? passwordPolicyProblem(input.newPassword, username) : null
    if (problem) fields.newPassword = problem
    if (Object.keys(fields).length) throw badInput('密码未重置，请按提示修改', fields)

    const user = await ctx.prisma.user.findUnique({
      where: { username: normalisedLogin(username) },
      include: withRegion,
    })
    const matched = await matchVerificationCode(ctx.prisma, {
      mobile: resetCodeMobile(username, user),
      purpose: RESET_PURPOSE,
      code: input.code!,
      field: 'code',
    })
    // Only a disabled-since-the-code account gets here without being resettable (a decoy code is never known).
    if (!canResetPassword(user)) throw badInput('验证码已失效，请重新获取', { code: '验证码已失效，请重新获取' })
    const passwordHash = await acceptNewPassword(ctx.prisma, user!, input.newPassword)
    return ctx.prisma.$transaction(async (tx) => {
      await spendVerifiedCode(tx, matched)
      return finishReset(ctx, tx, user!, passwordHash, 'SMS_CODE')
    })
  },
})

async function resetByLink(ctx: Context, token: string, newPassword: string) {
  const link = await findLiveAccountToken(ctx.prisma, token, RESET_PURPOSE)
  if (!link) throw tokenInvalid()
  const user = await ctx.prisma.user.findUnique({ where: { id: link.userId }, include: withRegion })
  if (!canResetPassword(user)) throw tokenInvalid()
  const passwordHash = await acceptNewPassword(ctx.prisma, user!, newPassword)
  return ctx.prisma.$transaction(async (tx) => {
    // The single-use claim: of requests racing with one link, exactly one gets past this.
    await consumeAccountToken(tx, token, RESET_PURPOSE)
    return finishReset(ctx, tx, user!, passwordHash, 'EMAIL_LINK')
  })
}

async function finishReset(
  ctx: Context,
  tx: Prisma.TransactionClient,
  user: ResettableUser,
  passwordHash: string,
  via: 'SMS_CODE' | 'EMAIL_LINK',
): Promise<{ username: string }> {
  const now = new Date()
  // Only while the account is still active: a disable that raced the reset wins.
  const stored = await tx.user.count({ where: { id: user.id, status: 'ACTIVE' } })
  if (stored !== 1 || !(await storePassword(tx, user.id, passwordHash))) throw tokenInvalid()
  // One reset spends every way that was offered for it: the other channel's code or link no longer works.
  await tx.accountToken.updateMany({
    where: { userId: user.id, purpose: RESET_PURPOSE, consumedAt: null },
    data: { consumedAt: now },
  })
  if (user.mobile)
    await tx.verificationCode.updateMany({
      where: { mobile: user.mobile, purpose: RESET_PURPOSE, consumedAt: null },
      data: { consumedAt: now },
    })
  const endedSessions = await endSessions(tx, user.id, 'PASSWORD_RESET')
  await forgetDevices(tx, user.id) // a remembered browser must not skip the second factor for the new password
  const { subject, body, sms } = renderNotification('password.reset', { login: user.username })
  await enqueueNotifications(tx, [
    ...(user.mobile
      ? [{ channel: 'SMS' as const, userId: user.id, address: user.mobile, template: 'password.reset', body: sms }]
      : []),
    ...(user.email
      ? [{ channel: 'EMAIL' as const, userId: user.id, address: user.email, template: 'password.reset', subject, body }]
      : []),
  ])
  await writeAudit(tx, ctx, {
    action: 'auth.resetPassword',
    subjectType: 'User',
    subjectId: user.id,
    regionPath: user.office?.region.path ?? user.unit?.region.path ?? null,
    after: { via, endedSessions },
  })
  return { username: user.username }
}
