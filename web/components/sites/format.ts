// Words and small rules the site application pages share: level and result names, the Chinese names of the form's
// fields, which unit types send paper materials, and what a failed mutation tells a person.
import type { CombinedError } from 'urql'
import { SITE_APPLICATION_KIND_LABELS } from '@/components/labels'
import { describeFailure } from '@/graphql/errors'
import type { ReviewLevel, SiteApplicationKind, SiteApplicationStatus, UnitType } from '@/graphql/generated/graphql'

export const REVIEW_LEVEL_TEXT: Record<ReviewLevel, string> = {
  OFFICE: '编办初审',
  CONAC: 'CONAC 复审',
  PAPER: '书面材料确认',
}

/** The form's fields by their names in the API (changesSinceLastReview names them so). */
export const SITE_FIELD_LABELS: Record<string, string> = {
  kind: '申请类型',
  siteName: '网站名称',
  siteIntro: '网站简介',
  chineseDomainId: '中文域名',
  englishDomain: '英文域名',
  useMicroSite: '使用网络红页',
  ipAddress: '网站 IP 地址',
  principalName: '网站负责人',
  principalLandline: '负责人固定电话',
  principalMobile: '负责人手机',
  principalEmail: '负责人电子邮箱',
  handlerName: '申请经办人',
  handlerLandline: '经办人固定电话',
  handlerMobile: '经办人手机',
  handlerEmail: '经办人电子邮箱',
  handlerIdNumber: '经办人身份证号',
}

/** A changed field's value as a person reads it (the API sends booleans as text and the Chinese domain by name). */
export function changeValueText(field: string, value: string | null): string {
  if (value == null || value === '') return '（空）'
  if (field === 'kind') return SITE_APPLICATION_KIND_LABELS[value as SiteApplicationKind] ?? value
  if (field === 'useMicroSite') return value === 'true' ? '是' : '否'
  return value
}

/** 党政机关 and 群团机关 send the stamped letter and forms to their office; 事业单位 and 社会组织 skip it (seed 000). */
export function needsPaper(type: UnitType): boolean {
  return type === 'PARTY_GOVERNMENT' || type === 'MASS_ORGANIZATION'
}

export const REJECTED_STATUSES: SiteApplicationStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED', 'PAPER_REJECTED']
/** The unit may take these back (the API's withdrawSiteApplication). */
export const WITHDRAWABLE_STATUSES: SiteApplicationStatus[] = ['DRAFT', 'PENDING_OFFICE_REVIEW', ...REJECTED_STATUSES]

export const STALE_TEXT = '该申请已被他人处理，请刷新后重试'

export interface SiteFailure {
  code: string
  message: string
  fields: Record<string, string>
  /** The version was stale: reloading the page shows the current state. */
  stale: boolean
}

/** A failed site application mutation, in words: a stale version gets the 刷新 text, other conflicts their own. */
export function describeSiteError(error: CombinedError): SiteFailure {
  const failure = describeFailure(error)
  const reason = error.graphQLErrors[0]?.extensions?.reason
  const stale = failure.code === 'CONFLICT' && reason == null && failure.message.includes('刷新')
  const fields = { ...failure.fields }
  if (reason === 'DOMAIN_HAS_LIVE_APPLICATION') fields.chineseDomainId = failure.message
  return { ...failure, fields, message: stale ? STALE_TEXT : failure.message, stale }
}
