// Asking a signed-in person for their password again (修改密码, 停用身份验证器): a session left open on a shared
// computer must not be enough. The check runs behind the login throttle under the same name and address as a login,
// so its wrong guesses count like failed logins.
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import { verifyPassword } from '../../lib/password.ts'
import { addressLocked, refuseClosedGate } from './refusals.ts'
import { enterLoginGate, loginProvedRight, recordLoginOutcome } from './throttle.ts'

/** Throws BAD_USER_INPUT on `field` ("<what>: 当前密码不正确") for a wrong password, or the throttle's refusal. */
export async function checkCurrentPassword(
  ctx: Context,
  user: { username: string; passwordHash: string | null },
  password: string,
  field: string,
  notDone: string,
): Promise<void> {
  const { prisma } = ctx
  const gate = await enterLoginGate(prisma, { username: user.username, address: ctx.ip }, new Date())
  refuseClosedGate(gate)
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    await recordLoginOutcome(prisma, gate.attemptId, {
      kind: 'wrongPassword',
      failureCode: gate.locksAddress ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS',
    })
    if (gate.locksAddress) throw addressLocked(gate.lockedUntil!)
    throw appError('BAD_USER_INPUT', `当前密码不正确，${notDone}`, {
      fields: { [field]: '当前密码不正确' },
      remainingAttempts: config.login.maxFailuresPerAccountAndAddress - gate.addressFailures,
    })
  }
  await loginProvedRight(prisma, gate, user.username)
  await recordLoginOutcome(prisma, gate.attemptId, { kind: 'refused', failureCode: 'PASSWORD_CHECKED' })
}
