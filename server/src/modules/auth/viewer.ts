// Resolves the viewer of a request from its bearer token or session cookie.
import { config } from '../../config.ts'
import { appError } from '../../errors.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type {
  ApiTokenAccess,
  OfficeLevel,
  OfficeRole,
  UnitUserRole,
  UserRole,
  UserStatus,
} from '../../generated/prisma/enums.ts'
import { parseJsonColumn, toDate } from '../../lib/jsonRows.ts'
import { readCookie } from '../../lib/cookies.ts'
import { sha256Hex } from '../../lib/tokens.ts'
import type { OfficeScope, Viewer } from '../../viewer.ts'
import type { VerifiedTokenCache } from './tokenCache.ts'

// Touch lastSeenAt / lastUsedAt at most this often, so reads do not turn into a write per request.
const TOUCH_INTERVAL_MS = 60_000

type OfficeRow = { id: number; level: OfficeScope['officeLevel']; region: { path: string } }

function toScope(office: OfficeRow): OfficeScope {
  return { officeId: office.id, officeLevel: office.level, regionPath: office.region.path }
}

// Every request resolves its viewer, so each lookup is one statement: the token or session with its user and
// office (and the office's region path) joined, instead of Prisma's one query per relation.

const timestamp = (value: string | null) => (value == null ? null : toDate(value))

async function findToken(prisma: PrismaClient, tokenHash: string) {
  const [row] = await prisma.$queryRaw<{ token: unknown }[]>`
    SELECT jsonb_build_object(
      'id', t.id, 'access', t.access, 'createdById', t."createdById", 'expiresAt', t."expiresAt", 'lastUsedAt', t."lastUsedAt",
      'revokedAt', t."revokedAt", 'creatorStatus', u.status, 'officeId', o.id,
      'roles', ARRAY(SELECT unnest(t.roles) INTERSECT SELECT unnest(u."officeRoles")), 'officeLevel', o.level, 'regionPath', r.path
    ) AS token
    FROM api_tokens t
    JOIN users u ON u.id = t."createdById"
    JOIN offices o ON o.id = t."officeId"
    JOIN regions r ON r.code = o."regionCode"
    WHERE t."tokenHash" = ${tokenHash}`
  if (!row) return null
  const token = parseJsonColumn<{
    id: number
    access: ApiTokenAccess
    createdById: number
    expiresAt: string | null
    lastUsedAt: string | null
    revokedAt: string | null
    creatorStatus: UserStatus
    roles: OfficeRole[]
    officeId: number
    officeLevel: OfficeLevel
    regionPath: string
  }>(row.token)
  return {
    id: token.id,
    access: token.access,
    createdById: token.createdById,
    expiresAt: timestamp(token.expiresAt),
    lastUsedAt: timestamp(token.lastUsedAt),
    revokedAt: timestamp(token.revokedAt),
    createdBy: { status: token.creatorStatus },
    officeRoles: token.roles,
    office: { id: token.officeId, level: token.officeLevel, region: { path: token.regionPath } } satisfies OfficeRow,
  }
}

async function findSession(prisma: PrismaClient, tokenHash: string) {
  const [row] = await prisma.$queryRaw<{ session: unknown }[]>`
    SELECT jsonb_build_object(
      'id', s.id, 'expiresAt', s."expiresAt", 'lastSeenAt', s."lastSeenAt", 'revokedAt', s."revokedAt",
      'userId', u.id, 'role', u.role, 'unitId', u."unitId", 'status', u.status,
      'officeRoles', u."officeRoles", 'unitRole', u."unitRole",
      'officeId', o.id, 'officeLevel', o.level, 'regionPath', r.path
    ) AS session
    FROM sessions s
    JOIN users u ON u.id = s."userId"
    LEFT JOIN offices o ON o.id = u."officeId"
    LEFT JOIN regions r ON r.code = o."regionCode"
    WHERE s."tokenHash" = ${tokenHash}`
  if (!row) return null
  const session = parseJsonColumn<{
    id: number
    expiresAt: string
    lastSeenAt: string
    revokedAt: string | null
    userId: number
    role: UserRole
    unitId: number | null
    status: UserStatus
    officeRoles: OfficeRole[]
    unitRole: UnitUserRole | null
    officeId: number | null
    officeLevel: OfficeLevel | null
    regionPath: string | null
  }>(row.session)
  return {
    id: session.id,
    expiresAt: toDate(session.expiresAt),
    lastSeenAt: toDate(session.lastSeenAt),
    revokedAt: timestamp(session.revokedAt),
    user: {
      id: session.userId,
      role: session.role,
      unitId: session.unitId,
      status: session.status,
      officeRoles: session.officeRoles,
      unitRole: session.unitRole,
      office:
        session.officeId == null
          ? null
          : ({
              id: session.officeId,
              level: session.officeLevel!,
              region: { path: session.regionPath! },
            } satisfies OfficeRow),
    },
  }
}

/** `tokens`: the app's cache of verified API tokens (tokenCache.ts); without it every request looks its token up. */
export async function resolveViewer(
  prisma: PrismaClient,
  request: Request,
  tokens?: VerifiedTokenCache,
): Promise<Viewer> {
  const authorization = request.headers.get('authorization')
  if (authorization) return resolveToken(prisma, authorization, tokens)
  const secret = readCookie(request.headers.get('cookie'), config.session.cookieName)
  if (secret === undefined) return { kind: 'anonymous' }
  return resolveSession(prisma, secret)
}

/** A bad token fails the whole request: an integrator should hear at once that the token is wrong. */
async function resolveToken(prisma: PrismaClient, authorization: string, tokens?: VerifiedTokenCache): Promise<Viewer> {
  const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(authorization.trim())
  const invalid = (message: string) => appError('INVALID_TOKEN', message, { http: { status: 401 } })
  if (!match) throw invalid('Authorization 头格式应为 "Bearer <令牌>"')
  const tokenHash = sha256Hex(match[1]!)
  const now = new Date()
  const cached = tokens?.get(tokenHash, now.getTime())
  if (cached) {
    if (cached.expiresAt !== null && cached.expiresAt <= now.getTime()) throw invalid('令牌已过期')
    if (now.getTime() - cached.touchedAt > TOUCH_INTERVAL_MS) {
      cached.touchedAt = now.getTime()
      await prisma.apiToken.update({ where: { id: cached.tokenId }, data: { lastUsedAt: now } })
    }
    return cached.viewer
  }
  const startedIn = tokens?.generation ?? 0
  const token = await findToken(prisma, tokenHash)
  if (!token) throw invalid('令牌无效')
  if (token.revokedAt) throw invalid('令牌已被撤销')
  if (token.expiresAt && token.expiresAt <= now) throw invalid('令牌已过期')
  if (token.createdBy.status !== 'ACTIVE') throw invalid('令牌的创建人已被停用')
  let touchedAt = token.lastUsedAt?.getTime() ?? 0
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } })
    touchedAt = now.getTime()
  }
  const viewer = {
    kind: 'token',
    tokenId: token.id,
    access: token.access,
    userId: token.createdById,
    office: toScope(token.office),
    officeRoles: token.officeRoles,
  } as const
  tokens?.set(
    tokenHash,
    { viewer, tokenId: token.id, expiresAt: token.expiresAt?.getTime() ?? null, touchedAt },
    startedIn,
    now.getTime(),
  )
  return viewer
}

async function resolveSession(prisma: PrismaClient, secret: string): Promise<Viewer> {
  const rejected = (code: 'SESSION_INVALID' | 'SESSION_EXPIRED' | 'ACCOUNT_DISABLED', message: string): Viewer => ({
    kind: 'anonymous',
    authError: { code, message },
  })
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(secret)) return rejected('SESSION_INVALID', '登录状态无效，请重新登录')
  const session = await findSession(prisma, sha256Hex(secret))
  if (!session) return rejected('SESSION_INVALID', '登录状态无效，请重新登录')
  const now = new Date()
  const idleLimit = session.lastSeenAt.getTime() + config.session.idleMinutes * 60_000
  if (session.revokedAt || session.expiresAt <= now || idleLimit <= now.getTime()) {
    return rejected('SESSION_EXPIRED', '登录已过期，请重新登录')
  }
  const { user } = session
  if (user.status !== 'ACTIVE') return rejected('ACCOUNT_DISABLED', '账号已停用，请联系上级编办')
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
    officeRoles: user.officeRoles,
    unitRole: user.unitRole,
  }
}
