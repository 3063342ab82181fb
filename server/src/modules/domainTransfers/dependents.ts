// What depends on a domain that changes hands: the ACTIVE badges of the sites whose Chinese domain it is (each moves
// with the domain or is cancelled, as the request lists), the micro-site a moving 网络红页 badge shows, and site
// applications still under way whose Chinese domain it is (they must end first: the domain cannot move under a
// review). Applications that merely bind it (绑定域名) lose the binding when it moves: siteApplications/boundDomains.ts.
// Checked when the unit files and again when the last approval carries the request out.
import { appError, badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { LIVE_SITE_APPLICATION_STATUSES, type BadgeAction, type StoredBadgeAction } from './targets.ts'

type Db = Pick<Prisma.TransactionClient, 'badge' | 'siteApplication' | 'microSite'>

/** The ACTIVE badges whose site's Chinese domain this is, oldest first. */
export function dependentBadges(db: Db, domainId: number) {
  return db.badge.findMany({
    where: { status: 'ACTIVE', siteApplication: { chineseDomainId: domainId } },
    select: {
      id: true,
      badgeNumber: true,
      siteName: true,
      placement: true,
      unitId: true,
      changeRequests: { where: { status: 'PENDING' }, select: { id: true }, take: 1 },
    },
    orderBy: { id: 'asc' },
  })
}

export type DependentBadge = Awaited<ReturnType<typeof dependentBadges>>[number]

export const BADGES_CHANGED = '该域名关联的网站标识已发生变化，请撤回后重新申请过户'

/**
 * The request's list against the badges there are: each exactly once with MOVE or CANCEL. At filing a mismatch is
 * bad input; at carrying out (`stale`) a badge issued since is a CONFLICT, one cancelled since is simply gone.
 */
export function checkBadgeActions(
  badges: readonly DependentBadge[],
  actions: readonly { badgeId: string | number; action: BadgeAction }[],
  mode: 'filing' | 'carrying-out',
): StoredBadgeAction[] {
  const byId = new Map<number, BadgeAction>()
  for (const { badgeId, action } of actions) {
    const id = Number(badgeId)
    if (byId.has(id) || (action !== 'MOVE' && action !== 'CANCEL'))
      throw badInput('网站标识的处理方式有误', { badges: '每个网站标识须且只须选择一次：随域名转移或注销' })
    byId.set(id, action)
  }
  const listed = badges.filter((badge) => byId.has(badge.id))
  if (mode === 'filing') {
    if (listed.length !== badges.length || byId.size !== badges.length)
      throw badInput('请为该域名关联的每个网站标识选择处理方式', {
        badges: '请为每个网站标识选择“随域名转移”或“注销”',
      })
  } else if (listed.length !== badges.length) {
    throw appError('CONFLICT', BADGES_CHANGED, { reason: 'BADGES_CHANGED' })
  }
  for (const badge of listed)
    if (badge.changeRequests.length)
      throw appError('CONFLICT', `网站标识 ${badge.badgeNumber} 有待审核的变更或注销申请，请待其办结后再申请过户`, {
        reason: 'BADGE_REQUEST_OPEN',
      })
  return listed.map((badge) => ({ badgeId: badge.id, action: byId.get(badge.id)! }))
}

/** Site applications under way whose Chinese domain this is refuse the move. */
export async function refuseLiveSiteApplications(db: Db, domainId: number) {
  const live = await db.siteApplication.findFirst({
    where: {
      status: { in: [...LIVE_SITE_APPLICATION_STATUSES] },
      chineseDomainId: domainId,
    },
    select: { serialNumber: true },
  })
  if (live)
    throw appError(
      'CONFLICT',
      `网站开办申请 ${live.serialNumber} 正在办理中且使用该域名，请待其办结或撤回后再申请过户`,
      { reason: 'SITE_APPLICATION_OPEN' },
    )
}

/**
 * A moving 网络红页 badge shows a micro-site of the receiving unit afterwards: the receiving unit's own if it has one;
 * otherwise the giving unit's moves with it, which it may only when no badge the giving unit keeps shows it.
 * Returns the micro-site that moves (or null).
 */
export async function microSitePlan(
  db: Db,
  domainId: number,
  fromUnitId: number,
  toUnitId: number,
  actions: readonly StoredBadgeAction[],
  badges: readonly DependentBadge[],
): Promise<{ microSiteId: number } | null> {
  const moving = new Set(actions.filter((a) => a.action === 'MOVE').map((a) => a.badgeId))
  const movingMicro = badges.filter((badge) => badge.placement === 'MICRO_SITE' && moving.has(badge.id))
  if (!movingMicro.length) return null
  if (await db.microSite.findUnique({ where: { unitId: toUnitId }, select: { id: true } })) return null
  const own = await db.microSite.findUnique({ where: { unitId: fromUnitId }, select: { id: true } })
  if (!own) return null
  const staying = await db.badge.count({
    where: {
      unitId: fromUnitId,
      status: 'ACTIVE',
      placement: 'MICRO_SITE',
      id: { notIn: [...moving] },
      NOT: { siteApplication: { chineseDomainId: domainId } },
    },
  })
  if (staying)
    throw badInput('接收单位尚无网络红页，而本单位的网络红页仍用于其他网站标识', {
      badges: '使用网络红页的网站标识请选择“注销”，或待接收单位开通网络红页后再申请',
    })
  return { microSiteId: own.id }
}
