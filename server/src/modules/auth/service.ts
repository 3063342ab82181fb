// Password login and logout for the portal.
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError, badInput } from '../../errors.ts'
import { writeAudit } from '../../lib/audit.ts'
import { sessionCookie } from '../../lib/cookies.ts'
import { decoyPasswordHash, verifyPassword } from '../../lib/password.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

export interface LoginInput {
  username: string
  password: string
}

export async function loginWithPassword(ctx: Context, input: LoginInput) {
  const { prisma } = ctx
  const username = input.username.trim().toLowerCase()
  const fields: Record<string, string> = {}
  if (username.length < 1 || username.length > 64) fields.username = '请输入 1-64 个字符的用户名'
  if (input.password.length < 1 || input.password.length > 128) fields.password = '请输入密码（不超过 128 个字符）'
  if (Object.keys(fields).length) throw badInput('登录信息不完整', fields)

  const now = new Date()
  const windowStart = new Date(now.getTime() - config.login.windowMinutes * 60_000)
  const recordAttempt = (succeeded: boolean, failureCode?: string) =>
    prisma.loginAttempt.create({ data: { username, ip: ctx.ip, succeeded, failureCode } })

  // Throttle an address that keeps failing, whichever names it tries.
  if (ctx.ip) {
    const recentFailures = await prisma.loginAttempt.count({
      where: { ip: ctx.ip, succeeded: false, at: { gte: windowStart } },
    })
    if (recentFailures >= config.login.maxFailuresPerAddress) {
      await recordAttempt(false, 'TOO_MANY_ATTEMPTS')
      throw appError('TOO_MANY_ATTEMPTS', `登录失败次数过多，请 ${config.login.windowMinutes} 分钟后再试`, {
        retryAfterMinutes: config.login.windowMinutes,
      })
    }
  }

  const user = await prisma.user.findUnique({
    where: { username },
    include: { office: { include: { region: true } }, unit: { include: { region: true } } },
  })
  if (!user) {
    await verifyPassword(await decoyPasswordHash(), input.password) // same time as a wrong password
    await recordAttempt(false, 'INVALID_CREDENTIALS')
    throw appError('INVALID_CREDENTIALS', '用户名或密码错误')
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAttempt(false, 'ACCOUNT_LOCKED')
    throw appError('ACCOUNT_LOCKED', `账号因多次密码错误已锁定，请于 ${formatTime(user.lockedUntil)} 后再试`, {
      lockedUntil: user.lockedUntil.toISOString(),
    })
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    // Count the failure atomically; concurrent wrong guesses cannot skip the lock.
    const updated = await prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    })
    if (updated.failedLogins >= config.login.maxConsecutiveFailures) {
      const lockedUntil = new Date(now.getTime() + config.login.lockMinutes * 60_000)
      await prisma.user.update({ where: { id: user.id }, data: { lockedUntil, failedLogins: 0 } })
      await recordAttempt(false, 'ACCOUNT_LOCKED')
      await writeAudit(prisma, ctx, { action: 'auth.lockAccount', subjectType: 'User', subjectId: user.id, after: { lockedUntil } })
      throw appError('ACCOUNT_LOCKED', `密码连续错误 ${config.login.maxConsecutiveFailures} 次，账号已锁定 ${config.login.lockMinutes} 分钟`, {
        lockedUntil: lockedUntil.toISOString(),
      })
    }
    await recordAttempt(false, 'INVALID_CREDENTIALS')
    throw appError('INVALID_CREDENTIALS', '用户名或密码错误', {
      remainingAttempts: config.login.maxConsecutiveFailures - updated.failedLogins,
    })
  }
  if (user.status === 'DISABLED') {
    await recordAttempt(false, 'ACCOUNT_DISABLED')
    throw appError('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')
  }

  const secret = newSecret('s')
  const expiresAt = new Date(now.getTime() + config.session.absoluteHours * 3_600_000)
  const session = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } })
    const created = await tx.session.create({
      data: {
        tokenHash: sha256Hex(secret),
        userId: user.id,
        expiresAt,
        ip: ctx.ip,
        userAgent: ctx.request.headers.get('user-agent')?.slice(0, 256) ?? null,
      },
    })
    await tx.loginAttempt.create({ data: { username, ip: ctx.ip, succeeded: true } })
    await writeAudit(tx, { viewer: { kind: 'user', userId: user.id, sessionId: created.id, role: user.role, unitId: user.unitId, office: null }, ip: ctx.ip }, {
      action: 'auth.login',
      subjectType: 'User',
      subjectId: user.id,
      regionPath: user.office?.region.path ?? user.unit?.region.path ?? null,
    })
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

export async function logout(ctx: Context): Promise<boolean> {
  const { viewer } = ctx
  // Always clear the cookie, even when the session is already gone.
  ctx.setCookie(sessionCookie(config.session.cookieName, '', { maxAgeSeconds: 0, secure: config.session.secureCookie }))
  if (viewer.kind !== 'user') return false
  await ctx.prisma.$transaction(async (tx) => {
    await tx.session.update({ where: { id: viewer.sessionId }, data: { revokedAt: new Date() } })
    await writeAudit(tx, ctx, { action: 'auth.logout', subjectType: 'User', subjectId: viewer.userId })
  })
  return true
}

function formatTime(date: Date): string {
  return date.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}
