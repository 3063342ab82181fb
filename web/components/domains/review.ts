// Words of the domain review (编办审核 → CONAC审核, seed 003's wording) and of the fields an applicant may change
// before resubmitting (Domain.changesSinceLastRejection).
import type { ReviewLevel } from '@/graphql/generated/graphql'

export const DOMAIN_REVIEW_LEVEL_TEXT: Record<ReviewLevel, string> = {
  OFFICE: '编办审核',
  CONAC: 'CONAC审核',
  PAPER: '书面材料确认',
}

const FIELD_LABELS: Record<string, string> = { name: '域名', years: '注册年限' }

export const domainFieldLabel = (field: string) => FIELD_LABELS[field] ?? field

/** The API sends the name as the whole domain (清丰.政务) and the years as a number. */
export const domainChangeValueText = (field: string, value: string) => (field === 'years' ? `${value} 年` : value)
