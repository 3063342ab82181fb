// The portal's menu for each role, grouped the way the seeds' users know the work (域名管理, 网站管理, 财务管理,
// 用户管理, 统计, 系统). Each area adds its own entries here, in the order a person works.
// An entry's `roles` (编办内角色) also guard its pages: OfficeRoleGate shows 无权限 on a page of an entry whose roles
// the person lacks, so the menu and the pages cannot disagree. The API refuses the same commands (ROLE_REQUIRED).
// Relative, not '@/…': tests/api/portal-menu.test.ts imports this file outside the portal's path aliases.
import type { OfficeLevel, OfficeRole, UnitUserRole, UserRole } from '../../graphql/generated/graphql'

export interface NavItem {
  href: string
  label: string
  /** Only for staff of offices at these levels (e.g. 两代一统 is the province's view). */
  officeLevels?: OfficeLevel[]
  /** Only for staff holding one of these office roles (审核 pages: REVIEWER, 财务管理: FINANCE). */
  roles?: OfficeRole[]
  /** Only for a unit's primary account (单位主账号). */
  unitPrimary?: true
}

/** What the menu needs to know of the person beyond the role: office roles and whether a unit's primary account. */
export interface NavAccess {
  officeRoles: readonly OfficeRole[]
  unitRole: UnitUserRole | null | undefined
}

const ADMIN: OfficeRole[] = ['ADMIN']
const REVIEWER: OfficeRole[] = ['REVIEWER']
const FINANCE: OfficeRole[] = ['FINANCE']

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
        { href: '/unit/profile', label: '单位信息' },
        { href: '/unit/contacts', label: '变更联系人' },
        { href: '/unit/users', label: '单位用户', unitPrimary: true },
        { href: '/unit/handover', label: '经办人交接', unitPrimary: true },
      ],
    },
  ],
  OFFICE_STAFF: [
    { href: '/office', label: '首页' },
    {
      label: '域名管理',
      items: [
        { href: '/office/domains/review', label: '待审核域名', roles: REVIEWER },
        { href: '/office/domains', label: '域名查询' },
        { href: '/office/domains/history', label: '域名历史查询' },
        { href: '/office/domains/apply', label: '代单位申请', roles: ['REVIEWER', 'FINANCE'] },
        { href: '/office/renewals', label: '续费', roles: FINANCE },
        { href: '/office/domain-cancellations', label: '域名注销审核', roles: REVIEWER },
        { href: '/office/domain-transfers', label: '域名过户审批', roles: REVIEWER },
      ],
    },
    {
      label: '网站管理',
      items: [
        { href: '/office/sites/review', label: '网站开办审核', roles: REVIEWER },
        { href: '/office/sites', label: '网站申请查询' },
        { href: '/office/badges/changes', label: '标识变更审核', roles: REVIEWER },
        { href: '/office/badges/overdue', label: '逾期未安装' },
      ],
    },
    {
      label: '财务管理',
      items: [
        { href: '/office/fees', label: '单位收费', roles: FINANCE },
        { href: '/office/remittances', label: '汇款单', roles: FINANCE },
        { href: '/office/invoices/requests', label: '预开发票申请', roles: FINANCE },
        { href: '/office/invoices', label: '发票开具', roles: FINANCE },
        { href: '/office/reports/payments', label: '用户缴费查询', roles: FINANCE },
        { href: '/office/reports/invoices', label: '用户发票管理', roles: FINANCE },
        { href: '/office/payment-settings', label: '缴费方式设置', roles: FINANCE },
      ],
    },
    {
      label: '用户管理',
      items: [
        { href: '/office/users', label: '本办用户', roles: ADMIN },
        { href: '/office/units', label: '单位账号管理', roles: ['ADMIN', 'REVIEWER'] },
        { href: '/office/unclaimed-accounts', label: '未认领账号', roles: ADMIN },
        { href: '/office/unit-changes', label: '单位信息变更审核', roles: REVIEWER },
        { href: '/office/reorganisations', label: '机构改革', roles: REVIEWER },
        { href: '/office/reorganisation-batches', label: '批量机构改革', roles: ['ADMIN', 'REVIEWER'] },
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
        { href: '/conac/domains/review', label: 'CONAC 审核', roles: REVIEWER },
        { href: '/conac/domains', label: '域名查询' },
        { href: '/conac/domains/history', label: '域名历史查询' },
        { href: '/conac/lifecycle-periods', label: '生命周期期限' },
        { href: '/conac/domain-transfers', label: '域名过户审批', roles: REVIEWER },
      ],
    },
    {
      label: '网站管理',
      items: [
        { href: '/conac/sites/review', label: '网站复审', roles: REVIEWER },
        { href: '/conac/sites', label: '网站申请查询' },
        { href: '/conac/badges/install-checks', label: '标识安装检测', roles: REVIEWER },
      ],
    },
    {
      label: '财务管理',
      items: [
        { href: '/conac/remittances', label: '认款', roles: FINANCE },
        { href: '/conac/invoices/requests', label: '预开发票审核', roles: FINANCE },
        { href: '/conac/reports/payments', label: '用户缴费查询', roles: FINANCE },
        { href: '/conac/reports/invoices', label: '用户发票管理', roles: FINANCE },
        { href: '/conac/reward-rates', label: '奖励比例', roles: FINANCE },
        { href: '/conac/charge-runs', label: '每日扣费', roles: FINANCE },
      ],
    },
    {
      label: '用户管理',
      items: [
        { href: '/conac/office-admins', label: '编办管理员', roles: ADMIN },
        { href: '/conac/users', label: '本中心用户', roles: ADMIN },
        { href: '/conac/unclaimed-accounts', label: '未认领账号', roles: ADMIN },
        { href: '/conac/reorganisations', label: '机构改革审核', roles: REVIEWER },
        { href: '/conac/reorganisation-batches', label: '批量机构改革', roles: ['ADMIN', 'REVIEWER'] },
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
        { href: '/conac/jobs', label: '定时任务', roles: ADMIN },
        { href: '/conac/migration', label: '数据迁移', roles: ADMIN },
        { href: '/conac/audit', label: '操作日志' },
        { href: '/conac/api-tokens', label: 'API 令牌' },
      ],
    },
  ],
}

/** Whether a person with these office roles may open the entry's pages (an entry without roles: anybody of the role). */
export function holdsRoleFor(item: Pick<NavItem, 'roles'>, officeRoles: readonly OfficeRole[]): boolean {
  return !item.roles || item.roles.some((role) => officeRoles.includes(role))
}

/**
 * The role's menu for an office of `level` (null: not an office) and a person with `officeRoles`: entries they may
 * not use, and empty groups, left out.
 */
export function navFor(
  role: UserRole,
  level: OfficeLevel | null | undefined,
  access: NavAccess = { officeRoles: [], unitRole: null },
): NavEntry[] {
  const allowed = (item: NavItem) =>
    (!item.officeLevels || (level != null && item.officeLevels.includes(level))) &&
    holdsRoleFor(item, access.officeRoles) &&
    (!item.unitPrimary || access.unitRole === 'PRIMARY')
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
  return currentItem(entries, pathname)?.href ?? null
}

/** The menu entry the page at `pathname` belongs to (see currentHref). */
export function currentItem(entries: NavEntry[], pathname: string): NavItem | null {
  const items = entries.flatMap((entry) => (isGroup(entry) ? entry.items : [entry]))
  const isHome = (href: string) => href.split('/').length === 2
  const matching = items.filter(
    (item) => pathname === item.href || (!isHome(item.href) && pathname.startsWith(`${item.href}/`)),
  )
  return matching.sort((a, b) => b.href.length - a.href.length)[0] ?? null
}

/** The role's home page: the first entry of its menu (首页). */
export function homePathOf(role: UserRole): string {
  const home = NAV[role].find((entry): entry is NavItem => !isGroup(entry))
  return home?.href ?? '/'
}

/** Whether a person may open the page at `href` (its menu entry's roles; pages outside the menu: yes). */
export function mayOpen(role: UserRole, officeRoles: readonly OfficeRole[], href: string): boolean {
  const item = currentItem(NAV[role], href)
  return !item || holdsRoleFor(item, officeRoles)
}
