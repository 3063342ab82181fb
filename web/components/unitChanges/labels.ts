// The words of 单位信息变更 in the portal: each fact's name, a fact's value as people read it (types by their
// Chinese names), and the request's status.
import { SYSTEM_CATEGORY_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import type { StatusTone } from '@/components/ui/StatusTag'
import type { SystemCategory, UnitChangeStatus, UnitType } from '@/graphql/generated/graphql'

/** The changeable facts, in the order the API keeps them (the region is not changeable). */
export const UNIT_FACT_LABELS = {
  name: '单位名称',
  type: '单位类型',
  systemCategory: '系统类别',
  creditCode: '统一社会信用代码',
  address: '单位地址',
  postcode: '邮政编码',
  superiorUnitName: '上级主管单位',
  functions: '开办主体职能',
} as const

export type UnitFactName = keyof typeof UNIT_FACT_LABELS

export const UNIT_CHANGE_STATUS_LABELS: Record<UnitChangeStatus, string> = {
  PENDING: '待审核',
  APPROVED: '审核通过',
  REJECTED: '审核未通过',
  WITHDRAWN: '已撤回',
}

export const UNIT_CHANGE_STATUS_TONES: Record<UnitChangeStatus, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
}

export const factLabel = (field: string) => UNIT_FACT_LABELS[field as UnitFactName] ?? field

/** A fact's value as shown: enum facts by their Chinese names (FieldChanges shows an empty one as 空). */
export function factText(field: string, value: string): string {
  if (field === 'type') return UNIT_TYPE_LABELS[value as UnitType] ?? value
  if (field === 'systemCategory') return SYSTEM_CATEGORY_LABELS[value as SystemCategory] ?? value
  return value
}
