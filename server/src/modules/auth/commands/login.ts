// 登录: a password login for the portal, which sets the session cookie. Throttles and locks: ../throttle.ts.
import { defineCommand } from '../../../commands/define.ts'
import { EVERYONE } from '../../../commands/policy.ts'
import { config } from '../../../config.ts'
import type { Context } from '../../../context.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { sessionCookie } from '../../../lib/cookies.ts'
import { SerialQueues } from '../../../lib/serialQueues.ts'
import { decoyPasswordHash, verifyPassword } from '../../../lib/password.ts'
import { newSecret, sha256Hex } from '../../../lib/tokens.ts'
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
    'a session and its cookie',
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

  const secret = newSecret('s')
  const expiresAt = new Date(now.getTime() + config.session.absoluteHours * 3_600_000)
  const session = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } })
    await loginProvedRight(tx, gate, username)
    const created = await tx.session.create({
      data: {
        tokenHash: sha256Hex(secret),
        userId: user.id,
        expiresAt,
        ip: ctx.ip,
        userAgent: ctx.request.headers.get('user-agent')?.slice(0, 256) ?? null,
      },
    })
    await recordLoginOutcome(tx, gate.attemptId, { kind: 'signedIn' })
    await writeAudit(
      tx,
      {
        viewer: {
          kind: 'user',
          userId: user.id,
          sessionId: created.id,
          role: user.role,
          unitId: user.unitId,
          office: null,
          officeRoles: user.officeRoles,
          unitRole: user.unitRole,
        },
        ip: ctx.ip,
      },
      {
        action: 'auth.login',
        subjectType: 'User',
        subjectId: user.id,
        regionPath,
      },
    )
    return created
  })
  ctx.setCookie(
    sessionCookie(config.session.cookieName, secret, {
      maxAgeSeconds: config.session.absoluteHours * 3600,
      secure: config.session.secureCookie,
    }),
  )
  return { userId: user.id, expiresAt: session.expiresAt }
}
