// The portal's menu for each role. Each area adds its own entries here (keep them in the order a person works).
import type { UserRole } from '@/graphql/generated/graphql'

export interface NavItem {
  href: string
  label: string
}

export const NAV_ITEMS: Record<UserRole, NavItem[]> = {
  UNIT_USER: [{ href: '/unit', label: '首页' }, { href: '/unit/domains', label: '我的域名' }, { href: '/unit/fees', label: '缴费' }, { href: '/unit/renewals', label: '续费' }, { href: '/unit/dns', label: '域名解析' }, { href: '/unit/contacts', label: '变更联系人' }],
  OFFICE_STAFF: [
    { href: '/office', label: '首页' },
    { href: '/office/domains/review', label: '待审核域名' },
    { href: '/office/domains', label: '域名查询' },
    { href: '/office/domains/history', label: '域名历史查询' },
    { href: '/office/domains/apply', label: '代单位申请' },
    { href: '/office/fees', label: '申报单位管理/缴费' },
    { href: '/office/remittances', label: '汇款单' },
    { href: '/office/renewals', label: '续费' },
    { href: '/office/payment-settings', label: '缴费方式设置' },
  ],
  CONAC_STAFF: [
    { href: '/conac', label: '首页' },
    { href: '/conac/domains/review', label: 'CONAC 审核' },
    { href: '/conac/domains', label: '域名查询' },
    { href: '/conac/domains/history', label: '域名历史查询' },
    { href: '/conac/remittances', label: '认款' },
    { href: '/conac/charge-runs', label: '每日扣费' },
  ],
}
