// 发送验证码 (login's second step): an SMS code to the mobile registered on the account whose password was just
// given. Only a live challenge names the account, so nobody can send codes to a number of their choosing; the usual
// limits apply (../../verification/issue.ts). These codes are not anonymous: the password was proved, so they do not
// use the anonymous share of the SMS budget. When the system's SMS budget refuses the code, the refusal names the way
// in that does not need an SMS: the authenticator (身份验证器), now if it is bound, else once signed in.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { GraphQLError } from 'graphql'
import { appError, badInput } from '../../../errors.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { RESEND_COOLDOWN_SECONDS } from '../../verification/codes.ts'
import { issueVerificationCode } from '../../verification/issue.ts'
import { liveChallenge } from '../challenges.ts'

export const sendLoginCode = defineCommand({
  name: 'sendLoginCode',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'a live login challenge (the password was right); the code goes to the account’s own mobile',
  },
  scope: 'the challenge’s user',
  effects: [
    'a VerificationCode (purpose LOGIN)',
    'one unit of the SMS budget',
    'audit verification.send',
    'none when the account is no longer ACTIVE (ACCOUNT_DISABLED)',
  ],
  notices: ['verification.code'],

  async run(ctx, input: { challenge: string }) {
    const challenge = await liveChallenge(ctx.prisma, input.challenge)
    const user = await ctx.prisma.user.findUniqueOrThrow({
      where: { id: challenge.userId },
      select: { mobile: true, totpEnabledAt: true, status: true },
    })
    // The challenge outlives a 停用 made after the password was checked: no code (and no SMS cost) for a closed account.
    if (user.status !== 'ACTIVE') throw appError('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')
    if (!user.mobile)
      throw badInput('账号未登记手机号，请使用身份验证器或联系管理员', { challenge: '账号未登记手机号' })
    const sent = await issueVerificationCode(ctx, {
      mobile: user.mobile,
      purpose: 'LOGIN',
      numberLimits: 'refuse',
    }).catch((error: unknown) => {
      throw isSmsBudgetRefusal(error) ? budgetRefusalAtLogin(error, user.totpEnabledAt != null) : error
    })
    return {
      maskedMobile: maskMobile(user.mobile),
      expiresAt: sent!.expiresAt, // 'refuse' never skips
      resendAfterSeconds: RESEND_COOLDOWN_SECONDS,
    }
  },
})

const isSmsBudgetRefusal = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && error.extensions.reason === 'SMS_BUDGET_REACHED'

/**
 * The budget's refusal (TOO_MANY_ATTEMPTS, reason SMS_BUDGET_REACHED, retryAfterSeconds …) with what to do instead:
 * extensions.alternative TOTP (bound: choose 身份验证器 now) or BIND_TOTP (none yet: wait, and bind one once in).
 */
function budgetRefusalAtLogin(refusal: GraphQLError, totpBound: boolean) {
  const busy = '系统短信验证码发送量已达上限，暂时无法发送短信验证码'
  if (totpBound)
    return appError(
      'TOO_MANY_ATTEMPTS',
      `${busy}。请改用身份验证器：打开手机上的身份验证器，输入当前显示的 6 位数字。`,
      {
        ...refusal.extensions,
        alternative: 'TOTP',
      },
    )
  const seconds = Number(refusal.extensions.retryAfterSeconds) || 3600
  return appError(
    'TOO_MANY_ATTEMPTS',
    `${busy}，请约 ${Math.ceil(seconds / 60)} 分钟后再试。登录后可在“双重验证”页面绑定身份验证器（手机应用生成验证码，不依赖短信），以后遇到这种情况也能登录。`,
    { ...refusal.extensions, alternative: 'BIND_TOTP' },
  )
}
