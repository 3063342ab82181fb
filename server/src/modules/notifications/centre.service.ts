// 消息中心: the viewer's own in-portal (IN_APP) notifications. Every query is restricted to the viewer's user id, so
// another user's rows are never listed, counted or marked.
import type { Context } from '../../context.ts'
import { badInput, forbidden } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { UserRole } from '../../generated/prisma/enums.ts'

/** The most ids one markNotificationsRead call may name. */
export const MAX_MARK_IDS = 500

/** The portal user whose inbox this is. API tokens have no inbox: the centre is a portal feature. */
export function inboxOwner(ctx: Context): { userId: number; role: UserRole } {
  const { viewer } = ctx
  if (viewer.kind === 'user') return { userId: viewer.userId, role: viewer.role }
  if (viewer.kind === 'token') throw forbidden('消息中心仅供登录门户的用户使用，不能使用 API 令牌')
  throw forbidden()
}

export function inboxWhere(ctx: Context, unreadOnly?: boolean | null): Prisma.NotificationWhereInput {
  const { userId } = inboxOwner(ctx)
  return { userId, channel: 'IN_APP', ...(unreadOnly ? { readAt: null } : {}) }
}

export function countUnreadNotifications(ctx: Context): Promise<number> {
  return ctx.prisma.notification.count({ where: inboxWhere(ctx, true) })
}

/** Marks the viewer's own unread notifications read: the listed ids, or all of them. Returns how many changed. */
export async function markNotificationsRead(ctx: Context, input: { ids?: ReadonlyArray<string | number> | null; all?: boolean | null }): Promise<number> {
  const where = inboxWhere(ctx, true)
  if (input.all) {
    const { count } = await ctx.prisma.notification.updateMany({ where, data: { readAt: new Date() } })
    return count
  }
  if (!input.ids?.length) throw badInput('请选择要标为已读的消息', { ids: '请选择消息，或使用 all: true' })
  if (input.ids.length > MAX_MARK_IDS) throw badInput(`一次最多标记 ${MAX_MARK_IDS} 条消息`, { ids: `最多 ${MAX_MARK_IDS} 条` })
  // Ids that are not numbers cannot be the viewer's rows; they are ignored like another user's ids.
  const ids = input.ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0)
  if (!ids.length) return 0
  const { count } = await ctx.prisma.notification.updateMany({ where: { ...where, id: { in: ids } }, data: { readAt: new Date() } })
  return count
}

type Area = 'unit' | 'office' | 'conac'

const areaOf = (role: UserRole): Area => (role === 'UNIT_USER' ? 'unit' : role === 'CONAC_STAFF' ? 'conac' : 'office')

function numberIn(payload: unknown, key: string): number | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null
  const value = (payload as Record<string, unknown>)[key]
  const id = typeof value === 'string' ? Number(value) : value
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * The portal page a notification points at, for the viewer's role: review notices open the reviewer's queue,
 * results open the unit's own page (a site application by id), money and invoice notices their lists.
 */
export function notificationLink(notification: { template: string; payload: unknown }, role: UserRole): string {
  const area = areaOf(role)
  const { template, payload } = notification
  const [group, event = ''] = template.split('.')
  const siteApplicationId = numberIn(payload, 'siteApplicationId')
  switch (group) {
    case 'domain':
      if (event === 'awaitingOfficeReview' || event === 'awaitingConacReview' || event === 'resubmitted') return area === 'unit' ? '/unit/domains' : `/${area}/domains/review`
      if (event === 'expired') return area === 'unit' ? '/unit/renewals' : `/${area === 'conac' ? 'conac/domains' : 'office/renewals'}`
      return `/${area}/domains`
    case 'renewal':
      return area === 'conac' ? '/conac/domains' : `/${area}/renewals`
    case 'siteApplication':
      if (event.startsWith('awaiting')) return area === 'unit' ? '/unit/sites' : `/${area}/sites/review`
      return siteApplicationId ? `/${area}/sites/${siteApplicationId}` : `/${area}/sites`
    case 'badge':
      if (event === 'notInstalled' && area === 'office') return '/office/badges/overdue'
      if (area === 'conac') return '/conac/badges/install-checks'
      return area === 'unit' ? '/unit/badges' : '/office/badges/overdue'
    case 'badgeChange':
      return area === 'unit' ? '/unit/badges' : area === 'office' ? '/office/badges/changes' : '/conac'
    case 'remittance':
      return `/${area === 'unit' ? 'unit/fees' : `${area}/remittances`}`
    case 'fee':
      return area === 'unit' ? '/unit/fees' : area === 'office' ? '/office/fees' : '/conac/remittances'
    case 'invoiceRequest':
      return area === 'unit' ? '/unit/invoices' : `/${area}/invoices/requests`
    case 'invoice':
      return area === 'unit' ? '/unit/invoices' : area === 'office' ? '/office/invoices' : '/conac/reports/invoices'
    case 'review':
      // An escalated review: the queue of the kind that is overdue, at the viewer's level.
      if (area === 'unit') return '/unit'
      if (siteApplicationId) return `/${area}/sites/review`
      return `/${area}/domains/review`
    default:
      return `/${area}`
  }
}
