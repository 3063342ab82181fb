// 发送验证码 (login's second step): an SMS code to the mobile registered on the account whose password was just
// given. Only a live challenge names the account, so nobody can send codes to a number of their choosing; the usual
// limits apply (../../verification/issue.ts). These codes are not anonymous: the password was proved, so they do not
// use the anonymous share of the SMS budget.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
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
  effects: ['a VerificationCode (purpose LOGIN)', 'one unit of the SMS budget', 'audit verification.send'],
  notices: ['verification.code'],

  async run(ctx, input: { challenge: string }) {
    const challenge = await liveChallenge(ctx.prisma, input.challenge)
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: challenge.userId }, select: { mobile: true } })
    if (!user.mobile)
      throw badInput('账号未登记手机号，请使用身份验证器或联系管理员', { challenge: '账号未登记手机号' })
    const sent = await issueVerificationCode(ctx, { mobile: user.mobile, purpose: 'LOGIN', numberLimits: 'refuse' })
    return {
      maskedMobile: maskMobile(user.mobile),
      expiresAt: sent!.expiresAt, // 'refuse' never skips
      resendAfterSeconds: RESEND_COOLDOWN_SECONDS,
    }
  },
})
