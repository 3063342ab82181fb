// 密码已过期: a staff login whose password is older than PASSWORD_MAX_AGE_DAYS got a PASSWORD_CHANGE token instead
// of a session; with it the person sets a new password (the policy and staff's history apply) and the login goes on
// (a second factor if one is needed, else a session). Every other session and remembered device of the person ends.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { verifyPassword } from '../../../lib/password.ts'
import { consumeAccountToken, findLiveAccountToken, tokenInvalid } from '../../auth/accountTokens.ts'
import { acceptNewPassword, endSessions, storePassword } from '../../auth/passwords.ts'
import { forgetDevices } from '../devices.ts'
import { continueLogin, loadLoginUser, type LoginResult } from '../loginSteps.ts'

export const changeExpiredPassword = defineCommand({
  name: 'changeExpiredPassword',
  policy: {
    who: EVERYONE,
    tokens: false,
    rule: 'a live PASSWORD_CHANGE token from login (the old password was right)',
  },
  scope: 'the token’s user',
  effects: [
    'the password hash, passwordChangedAt, password history',
    'the token is consumed',
    'the person’s sessions end and remembered devices are forgotten',
    'then as login: a session, or a second-factor challenge',
    'audit auth.changeExpiredPassword',
  ],

  async run(ctx, input: { token: string; newPassword: string }): Promise<LoginResult> {
    const token = await findLiveAccountToken(ctx.prisma, input.token, 'PASSWORD_CHANGE')
    if (!token) throw tokenInvalid()
    const before = await loadLoginUser(ctx.prisma, token.userId)
    if (before.status !== 'ACTIVE') throw tokenInvalid()
    // The expired password itself may not come back (the history may not hold it: seeded hashes have none).
    if (before.passwordHash && (await verifyPassword(before.passwordHash, input.newPassword)))
      throw badInput('密码未设置，请按提示修改', { newPassword: '新密码不能与当前密码相同' })
    const passwordHash = await acceptNewPassword(ctx.prisma, before, input.newPassword)
    await ctx.prisma.$transaction(async (tx) => {
      await consumeAccountToken(tx, input.token, 'PASSWORD_CHANGE')
      await storePassword(tx, before.id, passwordHash)
      await endSessions(tx, before.id, 'PASSWORD_CHANGED')
      await forgetDevices(tx, before.id)
      await writeAudit(tx, ctx, {
        action: 'auth.changeExpiredPassword',
        subjectType: 'User',
        subjectId: before.id,
        regionPath: before.regionPath,
      })
    })
    return continueLogin(ctx, await loadLoginUser(ctx.prisma, before.id), { passwordJustSet: true })
  },
})
