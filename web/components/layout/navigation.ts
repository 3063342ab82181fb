// The portal's menu for each role. Each area adds its own entries here (keep them in the order a person works).
import type { OfficeLevel, UserRole } from '@/graphql/generated/graphql'

export interface NavItem {
  href: string
  label: string
  /** Only for staff of offices at these levels (e.g. 两代一统 is the province's view). */
  officeLevels?: OfficeLevel[]
}

export const NAV_ITEMS: Record<UserRole, NavItem[]> = {
  UNIT_USER: [{ href: '/unit', label: '首页' }, { href: '/unit/domains', label: '我的域名' }, { href: '/unit/fees', label: '缴费' }, { href: '/unit/invoices', label: '缴费和发票' }, { href: '/unit/renewals', label: '续费' }, { href: '/unit/dns', label: '域名解析' }, { href: '/unit/sites', label: '网站开办申请' }, { href: '/unit/badges', label: '标识管理' }, { href: '/unit/micro-site', label: '网络红页' }, { href: '/unit/contacts', label: '变更联系人' }],
  OFFICE_STAFF: [
    { href: '/office', label: '首页' },
    { href: '/office/domains/review', label: '待审核域名' },
    { href: '/office/domains', label: '域名查询' },
    { href: '/office/domains/history', label: '域名历史查询' },
    { href: '/office/domains/apply', label: '代单位申请' },
    { href: '/office/sites/review', label: '网站开办审核' },
    { href: '/office/sites', label: '网站申请查询' },
    { href: '/office/badges/changes', label: '标识变更审核' },
    { href: '/office/badges/overdue', label: '逾期未安装' },
    { href: '/office/fees', label: '申报单位管理/缴费' },
    { href: '/office/remittances', label: '汇款单' },
    { href: '/office/invoices/requests', label: '预开发票申请' },
    { href: '/office/invoices', label: '发票开具' },
    { href: '/office/reports/payments', label: '用户缴费查询' },
    { href: '/office/reports/invoices', label: '用户发票管理' },
    { href: '/office/province', label: '两代一统', officeLevels: ['PROVINCE'] },
    { href: '/office/statistics', label: '统计分析', officeLevels: ['PROVINCE', 'CITY', 'COUNTY'] },
    { href: '/office/renewals', label: '续费' },
    { href: '/office/payment-settings', label: '缴费方式设置' },
    { href: '/office/audit', label: '操作日志' },
    { href: '/office/api-tokens', label: 'API 令牌' },
  ],
  CONAC_STAFF: [
    { href: '/conac', label: '首页' },
    { href: '/conac/domains/review', label: 'CONAC 审核' },
    { href: '/conac/domains', label: '域名查询' },
    { href: '/conac/domains/history', label: '域名历史查询' },
    { href: '/conac/sites/review', label: '网站复审' },
    { href: '/conac/sites', label: '网站申请查询' },
    { href: '/conac/badges/install-checks', label: '标识安装检测' },
    { href: '/conac/remittances', label: '认款' },
    { href: '/conac/invoices/requests', label: '预开发票审核' },
    { href: '/conac/reports/payments', label: '用户缴费查询' },
    { href: '/conac/reports/invoices', label: '用户发票管理' },
    { href: '/conac/province', label: '两代一统' },
    { href: '/conac/statistics', label: '统计分析' },
    { href: '/conac/reward-rates', label: '奖励比例' },
    { href: '/conac/charge-runs', label: '每日扣费' },
    { href: '/conac/jobs', label: '定时任务' },
    { href: '/conac/audit', label: '操作日志' },
    { href: '/conac/api-tokens', label: 'API 令牌' },
  ],
}
