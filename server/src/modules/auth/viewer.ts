// Resolves the viewer of a request from its bearer token or session cookie.
import { config } from '../../config.ts'
import { appError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { readCookie } from '../../lib/cookies.ts'
import { sha256Hex } from '../../lib/tokens.ts'
import type { OfficeScope, Viewer } from '../../viewer.ts'

// Touch lastSeenAt / lastUsedAt at most this often, so reads do not turn into a write per request.
const TOUCH_INTERVAL_MS = 60_000

const officeSelect = { id: true, level: true, region: { select: { path: true } } } as const

function toScope(office: { id: number; level: OfficeScope['officeLevel']; region: { path: string } }): OfficeScope {
  return { officeId: office.id, officeLevel: office.level, regionPath: office.region.path }
}

export async function resolveViewer(prisma: PrismaClient, request: Request): Promise<Viewer> {
  const authorization = request.headers.get('authorization')
  if (authorization) return resolveToken(prisma, authorization)
  const secret = readCookie(request.headers.get('cookie'), config.session.cookieName)
  if (secret === undefined) return { kind: 'anonymous' }
  return resolveSession(prisma, secret)
}

/** A bad token fails the whole request: an integrator should hear at once that the token is wrong. */
async function resolveToken(prisma: PrismaClient, authorization: string): Promise<Viewer> {
  const match = /^Bearer ([A-Za-z0-9_\-]{10,200})$/.exec(authorization.trim())
  const invalid = (message: string) => appError('INVALID_TOKEN', message, { http: { status: 401 } })
  if (!match) throw invalid('Authorization 头格式应为 "Bearer <令牌>"')
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256Hex(match[1]!) },
    include: { office: { select: officeSelect }, createdBy: { select: { status: true } } },
  })
  const now = new Date()
  if (!token) throw invalid('令牌无效')
  if (token.revokedAt) throw invalid('令牌已被撤销')
  if (token.expiresAt && token.expiresAt <= now) throw invalid('令牌已过期')
  if (token.createdBy.status !== 'ACTIVE') throw invalid('令牌的创建人已被停用')
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } })
  }
  return {
    kind: 'token',
    tokenId: token.id,
    access: token.access,
    userId: token.createdById,
    office: toScope(token.office),
  }
}

async function resolveSession(prisma: PrismaClient, secret: string): Promise<Viewer> {
  const rejected = (code: 'SESSION_INVALID' | 'SESSION_EXPIRED' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED', message: string): Viewer => ({
    kind: 'anonymous',
    authError: { code, message },
  })
  if (!/^[A-Za-z0-9_\-]{10,200}$/.test(secret)) return rejected('SESSION_INVALID', '登录状态无效，请重新登录')
  const session = await prisma.session.findUnique({
    where: { tokenHash: sha256Hex(secret) },
    include: { user: { include: { office: { select: officeSelect } } } },
  })
  if (!session) return rejected('SESSION_INVALID', '登录状态无效，请重新登录')
  const now = new Date()
  const idleLimit = session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000
  if (session.revokedAt || session.expiresAt <= now || idleLimit <= now.getTime()) {
    return rejected('SESSION_EXPIRED', '登录已过期，请重新登录')
  }
  const { user } = session
  if (user.status === 'DISABLED') return rejected('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')
  if (user.lockedUntil && user.lockedUntil > now) return rejected('ACCOUNT_LOCKED', '账号已锁定，请稍后再试')
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } })
  }
  return {
    kind: 'user',
    userId: user.id,
    sessionId: session.id,
    role: user.role,
    unitId: user.unitId,
    office: user.office ? toScope(user.office) : null,
  }
}
