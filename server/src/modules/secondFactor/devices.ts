// 记住此设备: after a second factor, the browser may get a device cookie (httpOnly, DEVICE_COOKIE_NAME) that lets
// the same person skip the second factor there for SECOND_FACTOR_REMEMBER_DAYS. Only the SHA-256 of its secret is
// kept. The cookie proves the browser, never the person: the password is always asked. A password change, reset,
// disable or handover forgets every device of the person (forgetDevices).
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { readCookie, sessionCookie } from '../../lib/cookies.ts'
import { newSecret, sha256Hex } from '../../lib/tokens.ts'

type Db = PrismaClient | Prisma.TransactionClient

const SECRET_FORMAT = /^d_[A-Za-z0-9_-]{43}$/

/** The device the request's cookie remembers for this user, if it is live; its last use is noted. */
export async function rememberedDeviceOf(ctx: Context, userId: number): Promise<{ id: number } | null> {
  const secret = readCookie(ctx.request.headers.get('cookie'), config.secondFactor.deviceCookieName)
  if (!secret || !SECRET_FORMAT.test(secret)) return null
  const now = new Date()
  const touched = await ctx.prisma.trustedDevice.updateManyAndReturn({
    where: { tokenHash: sha256Hex(secret), userId, revokedAt: null, expiresAt: { gt: now } },
    data: { lastUsedAt: now },
    select: { id: true },
  })
  return touched[0] ?? null
}

/** Remembers the request's browser for the user and queues its cookie. */
export async function rememberDevice(tx: Db, ctx: Context, userId: number, days: number): Promise<void> {
  const secret = newSecret('d')
  await tx.trustedDevice.create({
    data: {
      userId,
      tokenHash: sha256Hex(secret),
      userAgent: ctx.request.headers.get('user-agent')?.slice(0, 256) ?? null,
      ip: ctx.ip,
      expiresAt: new Date(Date.now() + days * 86_400_000),
    },
  })
  ctx.setCookie(
    sessionCookie(config.secondFactor.deviceCookieName, secret, {
      maxAgeSeconds: days * 86_400,
      secure: config.session.secureCookie,
    }),
  )
}

/** Forgets every remembered device of the user (password change, reset, disable, handover); returns how many. */
export async function forgetDevices(tx: Db, userId: number): Promise<number> {
  const forgotten = await tx.trustedDevice.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  return forgotten.count
}
