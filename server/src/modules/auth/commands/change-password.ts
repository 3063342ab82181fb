// 修改密码: every signed-in person changes their own password. The current password is asked again (a session left
// open on a shared computer must not be enough) and its wrong guesses count like login failures; the new one passes
// the policy (lib/passwordPolicy.ts); every other session of the person ends, the one in use stays.
import { defineCommand } from '../../../commands/define.ts'
import { SIGNED_IN } from '../../../commands/policy.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { hashPassword } from '../../../lib/password.ts'
import { PASSWORD_MAX_LENGTH } from '../../../lib/passwordPolicy.ts'
import { forgetDevices } from '../../secondFactor/devices.ts'
import { endSessions, newPasswordProblem, storePassword } from '../passwords.ts'
import { checkCurrentPassword } from '../currentPassword.ts'

export interface ChangePasswordInput {
  currentPassword: string
  newPassword: string
}

export const changePassword = defineCommand({
  name: 'changePassword',
  policy: {
    who: SIGNED_IN,
    tokens: false,
    rule: 'a person signed in by session, for their own account only; the current password proves it',
  },
  scope: 'the viewer’s own user',
  effects: [
    'the password hash',
    'the person’s other sessions are revoked, and every remembered device (记住此设备) forgotten',
    'the check’s login_attempts row (a wrong current password counts like a failed login)',
    'audit auth.changePassword (no password material)',
  ],

  /** How many other sessions were ended. */
  async run(ctx, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
    const { prisma, viewer } = ctx
    // The policy admits sessions only; this narrows the type.
    if (viewer.kind !== 'user') throw appError('UNAUTHENTICATED', '请先登录')
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: viewer.userId },
      include: { office: { include: { region: true } }, unit: { include: { region: true } } },
    })

    const fields: Record<string, string> = {}
    if (input.currentPassword.length < 1 || input.currentPassword.length > PASSWORD_MAX_LENGTH)
      fields.currentPassword = '请输入当前密码'
    const problem =
      input.newPassword === input.currentPassword
        ? '新密码不能与当前密码相同'
        : await newPasswordProblem(prisma, user, input.newPassword)
    if (problem) fields.newPassword = problem
    if (Object.keys(fields).length) throw badInput('密码未修改，请按提示修改', fields)

    await checkCurrentPassword(ctx, user, input.currentPassword, 'currentPassword', '密码未修改')

    const passwordHash = await hashPassword(input.newPassword) // slow on purpose: outside the transaction
    return prisma.$transaction(async (tx) => {
      // Only over the hash just verified: a change that raced this one wins, and this one says so.
      if (!(await storePassword(tx, user.id, passwordHash, { replacing: user.passwordHash })))
        throw appError('CONFLICT', '密码刚刚已被修改，请重新登录后再试')
      const endedSessions = await endSessions(tx, user.id, 'PASSWORD_CHANGED', { except: viewer.sessionId })
      await forgetDevices(tx, user.id)
      await writeAudit(tx, ctx, {
        action: 'auth.changePassword',
        subjectType: 'User',
        subjectId: user.id,
        regionPath: user.office?.region.path ?? user.unit?.region.path ?? null,
        after: { endedSessions },
      })
      return { endedSessions }
    })
  },
})
