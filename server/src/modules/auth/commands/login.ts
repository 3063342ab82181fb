// 登录: a password login for the portal, which sets the session cookie. Throttles and locks: ../throttle.ts.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { config } from '../../../config.ts'
import type { Context } from '../../../context.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { SerialQueues } from '../../../lib/serialQueues.ts'
import { decoyPasswordHash, verifyPassword } from '../../../lib/password.ts'
import { continueLogin, withRegionPath } from '../../secondFactor/loginSteps.ts'
import {
  enterLoginGate,
  loginAttemptKeyOf,
  loginProvedRight,
  recordLoginOutcome,
  type LoginOutcome,
} from '../throttle.ts'
import { addressLocked, refuseClosedGate } from '../refusals.ts'

export interface LoginInput {
  username: string
  password: string
}

/**
 * Attempts for one (name, address key) are checked one at a time (lib/serialQueues.ts): the holder opening several
 * sessions at once is never counted against themself. A flood of one pair waits in memory up to this many.
 */
const attemptsInTurn = new SerialQueues(32)

export const login = defineCommand({
  name: 'login',
  policy: {
    who: EVERYONE,
    tokens: true,
    rule: 'none: the password decides (throttled per address, per name and address, per name)',
  },
  scope: 'the user named by the login',
  effects: [
    'a session and its cookie, or (staff needing a second factor) a login challenge, or (an expired staff password) a PASSWORD_CHANGE link token',
    'the remembered device’s lastUsedAt (记住此设备)',
    'the login attempt’s throttle rows',
    'audit auth.login / auth.lockAddress / auth.slowDownAccount',
  ],

  async run(ctx, input: LoginInput) {
    const username = input.username.trim().toLowerCase()
    const fields: Record<string, string> = {}
    if (username.length < 1 || username.length > 64) fields.username = '请输入 1-64 个字符的用户名'
    if (input.password.length < 1 || input.password.length > 128) fields.password = '请输入密码（不超过 128 个字符）'
    if (Object.keys(fields).length) throw badInput('登录信息不完整', fields)

    const key = { username, address: ctx.ip }
    const { addressKey } = loginAttemptKeyOf(key)
    const attempt = await attemptsInTurn.run(`${username}\u0000${addressKey}`, () =>
      checkPasswordAndSignIn(ctx, input, key),
    )
    if (!attempt.ran) {
      throw appError('TOO_MANY_ATTEMPTS', '该账号在本网络地址的登录请求过多，请稍后再试', { retryAfterSeconds: 1 })
    }
    return attempt.value
  },
})

async function checkPasswordAndSignIn(
  ctx: Context,
  input: LoginInput,
  key: { username: string; address: string | null },
) {
  const { prisma } = ctx
  const { username } = key
  const now = new Date()
  // Throttles and locks are decided before the password is looked at (throttle.ts), which also records the attempt.
  const gate = await enterLoginGate(prisma, key, now)
  const recordAttempt = (outcome: LoginOutcome) => recordLoginOutcome(prisma, gate.attemptId, outcome)
  refuseClosedGate(gate)

  const user = await prisma.user.findUnique({
    where: { username },
    include: { office: { include: { region: true } }, unit: { include: { region: true } } },
  })
  const regionPath = user?.office?.region.path ?? user?.unit?.region.path ?? null
  let passwordRight = false
  // An account awaiting activation has no password yet: it answers exactly as a wrong password does.
  if (user?.passwordHash) passwordRight = await verifyPassword(user.passwordHash, input.password)
  else await verifyPassword(await decoyPasswordHash(), input.password) // same time as a wrong password
  if (!user || !passwordRight) {
    if (user && gate.startsAccountDelay) {
      await writeAudit(prisma, ctx, {
        action: 'auth.slowDownAccount',
        subjectType: 'User',
        subjectId: user.id,
        regionPath,
        after: { failures: config.login.accountFreeFailures + 1, maxDelaySeconds: config.login.accountMaxDelaySeconds },
      })
    }
    if (gate.locksAddress) {
      await recordAttempt({ kind: 'wrongPassword', failureCode: 'ACCOUNT_LOCKED' })
      if (user) {
        await writeAudit(prisma, ctx, {
          action: 'auth.lockAddress',
          subjectType: 'User',
          subjectId: user.id,
          regionPath,
          after: { address: ctx.ip, failures: gate.addressFailures, lockedUntil: gate.lockedUntil },
        })
      }
      throw addressLocked(gate.lockedUntil!)
    }
    await recordAttempt({ kind: 'wrongPassword', failureCode: 'INVALID_CREDENTIALS' })
    throw appError('INVALID_CREDENTIALS', '用户名或密码错误', {
      remainingAttempts: config.login.maxFailuresPerAccountAndAddress - gate.addressFailures,
    })
  }
  if (user.status === 'DISABLED') {
    await loginProvedRight(prisma, gate, username)
    await recordAttempt({ kind: 'refused', failureCode: 'ACCOUNT_DISABLED' })
    throw appError('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')
  }

  // The password was right: the throttle forgets this address's failures with the step that follows (a session, a
  // second factor or a password change), in the same transaction.
  return continueLogin(ctx, withRegionPath(user), {
    within: async (tx, status) => {
      await loginProvedRight(tx, gate, username)
      await recordLoginOutcome(
        tx,
        gate.attemptId,
        status === 'SIGNED_IN' ? { kind: 'signedIn' } : { kind: 'refused', failureCode: status },
      )
    },
  })
}
