// 发送短信验证码: a 6-digit code by SMS, valid CODE_TTL_MINUTES, stored only as its hash. Limits, in the order they
// are checked: 60 s between codes for a number and purpose, codes a number a day, codes an address an hour, and the
// whole system's hourly and daily budget (budget.ts) with the anonymous codes' share of it.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES, EVERYONE } from '../../../commands/policy.ts'
import { appError, badInput, forbidden } from '../../../errors.ts'
import type { VerificationPurpose } from '../../../generated/prisma/enums.ts'
import { isValidMobile } from '../../../lib/identifiers.ts'
import { isAnonymousPurpose } from '../codes.ts'
import { issueVerificationCode, reportingSmsBudget, SEND_TRANSACTION } from '../issue.ts'

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
    // 经办人交接 sends its code itself, only to the new handler's mobile it holds: not to any number asked for here.
    if (input.purpose === 'HANDOVER')
      throw badInput('经办人交接的验证码请在交接页面获取', { purpose: '经办人交接的验证码请在交接页面获取' })

    const now = new Date()
    const { expiresAt, resendAfterSeconds } = await reportingSmsBudget(ctx, now, () =>
      ctx.prisma.$transaction(
        (tx) => issueVerificationCode(tx, ctx, { mobile, purpose: input.purpose, now }),
        SEND_TRANSACTION,
      ),
    )
    return { mobile, purpose: input.purpose, expiresAt, resendAfterSeconds }
  },
})
