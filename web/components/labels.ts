// Chinese names for the API's enum values, as the portal shows them.
import type { DnsRecordType } from '@/graphql/generated/graphql'
import type {
  OfficeLevel,
  OfficeRole,
  SystemCategory,
  UnitStatus,
  UnitType,
  UserRole,
} from '@/graphql/generated/graphql'
import type { DomainStatus, DomainSuffix } from '@/graphql/generated/graphql'
import type { SiteApplicationKind, SiteApplicationStatus } from '@/graphql/generated/graphql'
import type { BadgeChangeKind, BadgeChangeStatus, BadgePlacement, BadgeStatus } from '@/graphql/generated/graphql'
import type { MicroSiteStatus } from '@/graphql/generated/graphql'
import type { StatusTone } from './ui/StatusTag'

export const SYSTEM_NAME = '政务和公益机构域名注册管理系统'

export const ROLE_LABELS: Record<UserRole, string> = {
  UNIT_USER: '单位用户',
  OFFICE_STAFF: '编办工作人员',
  CONAC_STAFF: 'CONAC 工作人员',
}

/** 编办内角色 (the API's refusals name them the same way). */
export const OFFICE_ROLE_LABELS: Record<OfficeRole, string> = { ADMIN: '管理员', REVIEWER: '审核员', FINANCE: '财务' }

export const OFFICE_LEVEL_LABELS: Record<OfficeLevel, string> = {
  CENTRAL: '中央编办',
  PROVINCE: '省级编办',
  CITY: '市级编办',
  COUNTY: '县级编办',
}

export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  PARTY_GOVERNMENT: '党政机关',
  MASS_ORGANIZATION: '群团机关',
  PUBLIC_INSTITUTION: '事业单位',
  SOCIAL_ORGANIZATION: '社会组织',
}

export const SYSTEM_CATEGORY_LABELS: Record<SystemCategory, string> = {
  PARTY_COMMITTEE: '党委',
  PEOPLES_CONGRESS: '人大',
  GOVERNMENT: '政府',
  CPPCC: '政协',
  COURT: '法院',
  PROCURATORATE: '检察院',
  DEMOCRATIC_PARTY: '民主党派',
  MASS_ORGANIZATION: '群团组织',
  PUBLIC_INSTITUTION: '事业单位',
  SOCIAL_ORGANIZATION: '社会组织',
  OTHER: '其他',
}

export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  ACTIVE: '正常',
  INACTIVE: '停用',
}

/** 域名解析 记录类型 */
export const DNS_RECORD_TYPE_LABELS: Record<DnsRecordType, string> = {
  A: 'A',
  AAAA: 'AAAA',
  CNAME: 'CNAME',
  MX: 'MX',
  TXT: 'TXT',
  URL_FORWARD: 'URL转发',
}

/** 域名审核状态, as the old system named them */
export const DOMAIN_STATUS_LABELS: Record<DomainStatus, string> = {
  PENDING_OFFICE_REVIEW: '待审核',
  OFFICE_REJECTED: '编办审核未通过',
  OFFICE_APPROVED: '编办审核通过',
  CONAC_REJECTED: 'CONAC审核未通过',
  CONAC_APPROVED: 'CONAC审核通过',
  FEE_COLLECTED: '待缴费',
  REGISTERED: '注册成功',
  EXPIRED: '已过期',
  CANCELLED: '已撤销',
  GRACE: '宽限期',
  REDEMPTION: '赎回期',
  DELETED: '已删除',
  RELEASED: '已删除（名称已释放）',
}

/** How a domain's status reads in a list: waiting (warn), refused (error), done (ok), ended (neutral). */
export const DOMAIN_STATUS_TONES: Record<DomainStatus, StatusTone> = {
  PENDING_OFFICE_REVIEW: 'warn',
  OFFICE_REJECTED: 'error',
  OFFICE_APPROVED: 'warn',
  CONAC_REJECTED: 'error',
  CONAC_APPROVED: 'ok',
  FEE_COLLECTED: 'warn',
  REGISTERED: 'ok',
  EXPIRED: 'neutral',
  CANCELLED: 'neutral',
  GRACE: 'warn',
  REDEMPTION: 'error',
  DELETED: 'neutral',
  RELEASED: 'neutral',
}

export const DOMAIN_SUFFIX_LABELS: Record<DomainSuffix, string> = { ZHENGWU: '.政务', GONGYI: '.公益' }

/** 网站开办审核/资格复核申请 状态 */
export const SITE_APPLICATION_STATUS_LABELS: Record<SiteApplicationStatus, string> = {
  DRAFT: '草稿',
  PENDING_OFFICE_REVIEW: '初审中',
  OFFICE_REJECTED: '初审未通过',
  PENDING_CONAC_REVIEW: '复审中',
  CONAC_REJECTED: '复审未通过',
  AWAITING_PAPER: '审核通过，待报送书面材料',
  PAPER_REJECTED: '书面材料未通过',
  BADGE_ISSUED: '已发放网站标识',
  WITHDRAWN: '已撤回',
  BADGE_CANCELLED: '标识已注销',
}

export const SITE_APPLICATION_STATUS_TONES: Record<SiteApplicationStatus, StatusTone> = {
  DRAFT: 'warn',
  PENDING_OFFICE_REVIEW: 'warn',
  OFFICE_REJECTED: 'error',
  PENDING_CONAC_REVIEW: 'warn',
  CONAC_REJECTED: 'error',
  AWAITING_PAPER: 'warn',
  PAPER_REJECTED: 'error',
  BADGE_ISSUED: 'ok',
  WITHDRAWN: 'neutral',
  BADGE_CANCELLED: 'neutral',
}

/** 申请类型 */
export const SITE_APPLICATION_KIND_LABELS: Record<SiteApplicationKind, string> = {
  NEW_SITE: '新开办网站申请',
  RE_REVIEW: '已开办网站复核',
}

/** 网站标识 状态 */
export const BADGE_STATUS_LABELS: Record<BadgeStatus, string> = { ACTIVE: '有效', CANCELLED: '已注销' }

/** 挂标位置 */
export const BADGE_PLACEMENT_LABELS: Record<BadgePlacement, string> = { MICRO_SITE: '网络红页', SELF_BUILT: '自建网站' }

/** 标识变更/注销申请 */
export const BADGE_CHANGE_KIND_LABELS: Record<BadgeChangeKind, string> = { CHANGE: '变更', CANCEL: '注销' }
export const BADGE_CHANGE_STATUS_LABELS: Record<BadgeChangeStatus, string> = {
  PENDING: '待审核',
  APPROVED: '审核通过',
  REJECTED: '审核未通过',
  WITHDRAWN: '已撤回',
}
export const BADGE_CHANGE_STATUS_TONES: Record<BadgeChangeStatus, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
}

/** 网络红页 状态 */
export const MICRO_SITE_STATUS_LABELS: Record<MicroSiteStatus, string> = { DRAFT: '未发布', PUBLISHED: '已发布' }
