// Chinese names for the API's enum values, as the portal shows them.
import type { DnsRecordType } from '@/graphql/generated/graphql'
import type { OfficeLevel, SystemCategory, UnitStatus, UnitType, UserRole } from '@/graphql/generated/graphql'
import type { DomainStatus, DomainSuffix } from '@/graphql/generated/graphql'

export const SYSTEM_NAME = '政务和公益机构域名注册管理系统'

export const ROLE_LABELS: Record<UserRole, string> = {
  UNIT_USER: '单位用户',
  OFFICE_STAFF: '编办工作人员',
  CONAC_STAFF: 'CONAC 工作人员',
}

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
}

export const DOMAIN_SUFFIX_LABELS: Record<DomainSuffix, string> = { ZHENGWU: '.政务', GONGYI: '.公益' }
