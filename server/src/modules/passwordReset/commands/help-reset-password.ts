// 协助重置密码: someone who administers an account sends its holder the reset code and link, to the REGISTERED mobile
// and email (never to an address the helper types), so the helper never sees a code and cannot take the account
// over; the holder then sets the password at 忘记密码 / the link. Who may help whom: helpScope.ts.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError, badInput, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { sendResetCodeAndLink } from '../delivery.ts'
import { helpResetScope } from '../helpScope.ts'

export interface HelpResetPasswordInput {
  userId: number
}

/** a***@example.cn: enough for the helper to tell the holder where to look. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@')
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`
}

export const helpResetPassword = defineCommand({
  name: 'helpResetPassword',
  policy: {
    who: ['unit', ...ALL_OFFICES],
    tokens: false,
    roles: ['ADMIN', 'REVIEWER'],
    unitPrimary: true,
    rule:
      'an office: 管理员 for its own staff (CONAC: also offices’ administrators), 管理员 or 审核员 for the unit ' +
      'accounts of its subtree; a unit’s primary account for its other users',
  },
  scope: 'helpResetScope (passwordReset/helpScope.ts)',
  effects: [
    'a VerificationCode PASSWORD_RESET to the registered mobile (number limits and SMS budget apply)',
    'an AccountToken PASSWORD_RESET to the registered email (older reset links consumed)',
    'audit user.helpReset',
  ],
  notices: ['verification.code', 'password.resetLink'],

  async run(ctx, input: HelpResetPasswordInput) {
    const { viewer } = ctx
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录') // the policy admits sessions only
    const user = await ctx.prisma.user.findFirst({
      where: { AND: [{ id: input.userId }, helpResetScope(viewer)] },
      include: { office: { include: { region: true } }, unit: { include: { region: true } } },
    })
    if (!user) throw notFound('用户')
    if (user.id === viewer.userId) throw badInput('请通过“修改密码”修改自己的密码')
    if (user.status === 'PENDING_ACTIVATION')
      throw appError('CONFLICT', '该账号尚未激活，请重新发送激活通知', { reason: 'ACCOUNT_PENDING' })
    if (user.status === 'DISABLED') throw appError('CONFLICT', '该账号已停用，请先启用', { reason: 'ACCOUNT_DISABLED' })
    if (!user.mobile && !user.email)
      throw appError('CONFLICT', '该账号未登记手机号码和邮箱，无法发送重置验证码', { reason: 'NO_CONTACT' })

    // The helper knows the account exists: the number's limits answer as they always do.
    await sendResetCodeAndLink(ctx, {
      username: user.username,
      user,
      numberLimits: 'refuse',
      createdById: viewer.userId,
    })
    const sentTo = {
      maskedMobile: user.mobile ? maskMobile(user.mobile) : null,
      maskedEmail: user.email ? maskEmail(user.email) : null,
    }
    await writeAudit(ctx.prisma, ctx, {
      action: 'user.helpReset',
      subjectType: 'User',
      subjectId: user.id,
      regionPath: user.office?.region.path ?? user.unit?.region.path ?? null,
      after: sentTo,
    })
    return sentTo
  },
})
