// 双重验证 → 绑定身份验证器, step 2: a code from the app proves it holds the secret; from then on the authenticator
// is offered at login. The code's step counts as used (it cannot then sign anybody in).
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { signedInStaff, STAFF_IN_PERSON } from '../staff.ts'
import { claimTotpStep, totpStepOf } from '../totp.ts'
import { openTotpSecret } from '../totpSecret.ts'

export const confirmTotp = defineCommand({
  name: 'confirmTotp',
  policy: STAFF_IN_PERSON,
  scope: 'the viewer’s own user',
  effects: ['users.totpEnabledAt, totpLastStep', 'audit auth.totpEnabled'],

  async run(ctx, input: { code: string }): Promise<boolean> {
    const user = await signedInStaff(ctx)
    if (user.totpEnabledAt) throw appError('CONFLICT', '身份验证器已绑定')
    if (!user.totpSecretEnc) throw appError('CONFLICT', '请先开始绑定身份验证器')
    const step = totpStepOf(openTotpSecret(user.id, user.totpSecretEnc), input.code.trim())
    if (step === null) throw badInput('验证码不正确，请输入身份验证器当前显示的 6 位数字', { code: '验证码不正确' })
    await ctx.prisma.$transaction(async (tx) => {
      if (!(await claimTotpStep(tx, user.id, step)))
        throw badInput('该验证码已使用，请等待下一个', { code: '验证码已使用' })
      await tx.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date() } })
      await writeAudit(tx, ctx, { action: 'auth.totpEnabled', subjectType: 'User', subjectId: user.id })
    })
    return true
  },
})
