// 发送短信验证码: a 6-digit code by SMS for the forms that ask for one (新用户注册, 变更联系人, 网站开办申请). The code and
// its limits are issue.ts's; codes of the account flows (忘记密码, 激活, 交接 …) are sent by their own commands, which
// know the number from the account, so this command refuses those purposes.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES, EVERYONE } from '../../../commands/policy.ts'
import { appError, badInput, forbidden } from '../../../errors.ts'
import type { VerificationPurpose } from '../../../generated/prisma/enums.ts'
import { isValidMobile } from '../../../lib/identifiers.ts'
import { isAnonymousPurpose, RESEND_COOLDOWN_SECONDS } from '../codes.ts'
import { issueVerificationCode } from '../issue.ts'

/** The purposes whose codes a form asks for by number; the others go only to an account's registered number. */
const FORM_PURPOSES: readonly VerificationPurpose[] = ['UNIT_REGISTRATION', 'CONTACT_CHANGE', 'SITE_APPLICATION']

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
    // Who may ask is decided first (above), so the refusal of a purpose tells an outsider nothing.
    if (!FORM_PURPOSES.includes(input.purpose))
      throw badInput('此类验证码请在相应页面获取', { purpose: '此类验证码请在相应页面获取' })
    if (!isValidMobile(mobile)) throw badInput('手机号码格式不正确', { mobile: '请输入 11 位手机号码' })

    const issued = await issueVerificationCode(ctx, { mobile, purpose: input.purpose, numberLimits: 'refuse' })
    const expiresAt = issued!.expiresAt // 'refuse' never skips
    return { mobile, purpose: input.purpose, expiresAt, resendAfterSeconds: RESEND_COOLDOWN_SECONDS }
  },
})
