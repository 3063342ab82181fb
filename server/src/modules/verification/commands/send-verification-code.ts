// 发送短信验证码: a 6-digit code by SMS, valid CODE_TTL_MINUTES, stored only as its hash. The limits (60 s between
// codes for a number and purpose, codes a number a day, codes an address an hour, the whole system's budget) are
// checked where every code is issued (issue.ts).
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES, EVERYONE } from '../../../commands/policy.ts'
import { appError, badInput, forbidden } from '../../../errors.ts'
import type { VerificationPurpose } from '../../../generated/prisma/enums.ts'
import { isValidMobile } from '../../../lib/identifiers.ts'
import { isAnonymousPurpose, RESEND_COOLDOWN_SECONDS } from '../codes.ts'
import { issueVerificationCode, withSmsBudgetReport } from '../issue.ts'

export interface SendVerificationCodeInput {
  mobile: string
  purpose: VerificationPurpose
}

const ONLY_UNIT_USERS = '仅限单位用户获取此类验证码'

export const sendVerificationCode = defineCommand({
  name: 'sendVerificationCode',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'UNIT_REGISTRATION (新用户注册) needs no login; every other purpose a logged-in unit user',
    refusal: ONLY_UNIT_USERS,
    onlyForSomeInput: { principals: ['anonymous', ...ALL_OFFICES], when: 'purpose UNIT_REGISTRATION (单位注册)' },
  },
  scope: 'none (the mobile number is the input)',
  effects: [
    'a VerificationCode (its hash)',
    'one unit of this hour’s and this day’s SMS budget',
    'audit verification.send',
  ],
  notices: ['verification.code'],

  async run(ctx, input: SendVerificationCodeInput) {
    const mobile = input.mobile.trim()
    if (!isAnonymousPurpose(input.purpose)) {
      const { viewer } = ctx
      if (viewer.kind === 'anonymous') {
        throw viewer.authError
          ? appError(viewer.authError.code, viewer.authError.message)
          : appError('UNAUTHENTICATED', '请先登录')
      }
      if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER') throw forbidden(ONLY_UNIT_USERS)
    }
    if (!isValidMobile(mobile)) throw badInput('手机号码格式不正确', { mobile: '请输入 11 位手机号码' })

    const now = new Date()
    const { expiresAt } = await withSmsBudgetReport(ctx, now, () =>
      // Many sends at once queue on the limits' locks: wait for a turn, do not fail.
      ctx.prisma.$transaction((tx) => issueVerificationCode(tx, ctx, { mobile, purpose: input.purpose, now }), {
        maxWait: 30_000,
        timeout: 30_000,
      }),
    )
    return { mobile, purpose: input.purpose, expiresAt, resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
  },
})
