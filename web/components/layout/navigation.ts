// The portal's menu for each role, grouped the way the seeds' users know the work (域名管理, 网站管理, 财务管理,
// 用户管理, 统计, 系统). Each area adds its own entries here, in the order a person works.
import type { OfficeLevel, UserRole } from '@/graphql/generated/graphql'

export interface NavItem {
  href: string
  label: string
  /** Only for staff of offices at these levels (e.g. 两代一统 is the province's view). */
  officeLevels?: OfficeLevel[]
}

export interface NavGroup {
  label: string
  items: NavItem[]
}

export type NavEntry = NavItem | NavGroup

export const isGroup = (entry: NavEntry): entry is NavGroup => 'items' in entry

export const NAV: Record<UserRole, NavEntry[]> = {
  UNIT_USER: [
    { href: '/unit', label: '首页' },
    {
      label: '域名管理',
      items: [
        { href: '/unit/domains', label: '我的域名' },
        { href: '/unit/renewals', label: '续费' },
        { href: '/unit/dns', label: '域名解析' },
      ],
    },
    {
      label: '网站管理',
      items: [
        { href: '/unit/sites', label: '网站开办申请' },
        { href: '/unit/badges', label: '标识管理' },
        { href: '/unit/micro-site', label: '网络红页' },
      ],
    },
    {
      label: '财务管理',
      items: [
        { href: '/unit/fees', label: '缴费' },
        { href: '/unit/invoices', label: '缴费和发票' },
      ],
    },
    {
      label: '用户管理',
      items: [
        { href: '/unit/contacts', label: '变更联系人' },
        { href: '/unit/handover', label: '经办人交接' },
      ],
    },
  ],
  OFFICE_STAFF: [
    { href: '/office', label: '首页' },
    {
      label: '域名管理',
      items: [
        { href: '/office/domains/review', label: '待审核域名' },
        { href: '/office/domains', label: '域名查询' },
        { href: '/office/domains/history', label: '域名历史查询' },
        { href: '/office/domains/apply', label: '代单位申请' },
        { href: '/office/renewals', label: '续费' },
      ],
    },
    {
      label: '网站管理',
      items: [
        { href: '/office/sites/review', label: '网站开办审核' },
        { href: '/office/sites', label: '网站申请查询' },
        { href: '/office/badges/changes', label: '标识变更审核' },
        { href: '/office/badges/overdue', label: '逾期未安装' },
      ],
    },
    {
      label: '财务管理',
      items: [
        { href: '/office/fees', label: '申报单位管理/缴费' },
        { href: '/office/remittances', label: '汇款单' },
        { href: '/office/invoices/requests', label: '预开发票申请' },
        { href: '/office/invoices', label: '发票开具' },
        { href: '/office/reports/payments', label: '用户缴费查询' },
        { href: '/office/reports/invoices', label: '用户发票管理' },
        { href: '/office/payment-settings', label: '缴费方式设置' },
      ],
    },
    {
      label: '统计',
      items: [
        { href: '/office/province', label: '两代一统', officeLevels: ['PROVINCE'] },
        { href: '/office/statistics', label: '统计分析', officeLevels: ['PROVINCE', 'CITY', 'COUNTY'] },
      ],
    },
    {
      label: '系统',
      items: [
        { href: '/office/audit', label: '操作日志' },
        { href: '/office/api-tokens', label: 'API 令牌' },
      ],
    },
  ],
  CONAC_STAFF: [
    { href: '/conac', label: '首页' },
    {
      label: '域名管理',
      items: [
        { href: '/conac/domains/review', label: 'CONAC 审核' },
        { href: '/conac/domains', label: '域名查询' },
        { href: '/conac/domains/history', label: '域名历史查询' },
      ],
    },
    {
      label: '网站管理',
      items: [
        { href: '/conac/sites/review', label: '网站复审' },
        { href: '/conac/sites', label: '网站申请查询' },
        { href: '/conac/badges/install-checks', label: '标识安装检测' },
      ],
    },
    {
      label: '财务管理',
      items: [
        { href: '/conac/remittances', label: '认款' },
        { href: '/conac/invoices/requests', label: '预开发票审核' },
        { href: '/conac/reports/payments', label: '用户缴费查询' },
        { href: '/conac/reports/invoices', label: '用户发票管理' },
        { href: '/conac/reward-rates', label: '奖励比例' },
        { href: '/conac/charge-runs', label: '每日扣费' },
      ],
    },
    {
      label: '统计',
      items: [
        { href: '/conac/province', label: '两代一统' },
        { href: '/conac/statistics', label: '统计分析' },
      ],
    },
    {
      label: '系统',
      items: [
        { href: '/conac/jobs', label: '定时任务' },
        { href: '/conac/audit', label: '操作日志' },
        { href: '/conac/api-tokens', label: 'API 令牌' },
      ],
    },
  ],
}

/** The role's menu for an office of `level` (null: not an office): entries it may not use, and empty groups, left out. */
export function navFor(role: UserRole, level: OfficeLevel | null | undefined): NavEntry[] {
  const allowed = (item: NavItem) => !item.officeLevels || (level != null && item.officeLevels.includes(level))
  return NAV[role].flatMap((entry): NavEntry[] => {
    if (!isGroup(entry)) return allowed(entry) ? [entry] : []
    const items = entry.items.filter(allowed)
    return items.length ? [{ label: entry.label, items }] : []
  })
}

/**
 * The menu entry the page at `pathname` belongs to: the longest href that is the path or a folder of it. A home
 * page (one segment, e.g. /office) is current only on itself, not on every page of the role.
 */
export function currentHref(entries: NavEntry[], pathname: string): string | null {
  const hrefs = entries.flatMap((entry) => (isGroup(entry) ? entry.items : [entry])).map((item) => item.href)
  const isHome = (href: string) => href.split('/').length === 2
  const matching = hrefs.filter((href) => pathname === href || (!isHome(href) && pathname.startsWith(`${href}/`)))
  return matching.sort((a, b) => b.length - a.length)[0] ?? null
}
