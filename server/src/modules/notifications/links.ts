// 消息中心: the portal page a notification points at, for the viewer's role.
import type { UserRole } from '../../generated/prisma/enums.ts'

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
      if (event === 'awaitingOfficeReview' || event === 'awaitingConacReview' || event === 'resubmitted')
        return area === 'unit' ? '/unit/domains' : `/${area}/domains/review`
      if (event === 'expired')
        return area === 'unit' ? '/unit/renewals' : `/${area === 'conac' ? 'conac/domains' : 'office/renewals'}`
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
    case 'unitChange':
      return area === 'unit' ? '/unit/profile' : area === 'office' ? '/office/unit-changes' : '/conac'
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
