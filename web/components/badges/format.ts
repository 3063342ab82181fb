// Shared wording for the badge pages: the names of the facts a change may touch, and how their values read.
import { BADGE_PLACEMENT_LABELS } from '@/components/labels'
import type { BadgePlacement } from '@/graphql/generated/graphql'

export const BADGE_FIELD_LABELS: Record<string, string> = {
  placement: '挂标位置',
  siteName: '网站名称',
  englishDomain: '英文域名',
  ipAddress: 'IP 地址',
}

/** A fact's value as text: placement by its Chinese name, an empty value as —. */
export function showFact(field: string, value: string | null | undefined): string {
  if (value == null || value === '') return '—'
  if (field === 'placement') return BADGE_PLACEMENT_LABELS[value as BadgePlacement] ?? value
  return value
}

/** The message for a failed badge mutation; a decision or request made on a stale version says so plainly. */
export const STALE_MESSAGE = '该申请已被他人处理，请刷新'
