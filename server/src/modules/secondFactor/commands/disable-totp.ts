// 双重验证 → 解除绑定: the password again (checked like a login) and a current code from the app, so neither a
// session left open nor a lost phone alone can remove it. Logins then use SMS codes.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { checkCurrentPassword } from '../../auth/currentPassword.ts'
import { signedInStaff, STAFF_IN_PERSON } from '../staff.ts'
import { acceptTotpCode } from '../totp.ts'

export const disableTotp = defineCommand({
  name: 'disableTotp',
  policy: STAFF_IN_PERSON,
  scope: 'the viewer’s own user',
  effects: [
    'users.totpSecretEnc, totpEnabledAt cleared',
    'the password check’s login_attempts row',
    'audit auth.totpDisabled',
  ],

  async run(ctx, input: { password: string; code: string }): Promise<boolean> {
    const user = await signedInStaff(ctx)
    if (!user.totpEnabledAt) throw appError('CONFLICT', '尚未绑定身份验证器')
    await checkCurrentPassword(ctx, user, input.password, 'password', '未解除绑定')
    if (!(await acceptTotpCode(ctx.prisma, user, input.code.trim())))
      throw badInput('验证码不正确或已使用，未解除绑定', { code: '验证码不正确' })
    await ctx.prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: user.id },
        data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null },
      })
      await writeAudit(tx, ctx, { action: 'auth.totpDisabled', subjectType: 'User', subjectId: user.id })
    })
    return true
  },
})
