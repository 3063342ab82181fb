// The portal's menu for each role. Each area adds its own entries here (keep them in the order a person works).
import type { UserRole } from '@/graphql/generated/graphql'

export interface NavItem {
  href: string
  label: string
}

export const NAV_ITEMS: Record<UserRole, NavItem[]> = {
  UNIT_USER: [{ href: '/unit', label: '首页' }],
  OFFICE_STAFF: [{ href: '/office', label: '首页' }],
  CONAC_STAFF: [{ href: '/conac', label: '首页' }],
}
