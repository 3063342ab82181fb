// Wording shared by the letter (申请函) and the form (申请表), after seed 004's templates.
import type { RegionLevel, SiteApplicationKind, SiteApplicationStatus, UnitType } from '@/graphql/generated/graphql'

/** 开办审核 for a new site, 资格复核 for an existing one. */
export const REVIEW_NAME: Record<SiteApplicationKind, string> = { NEW_SITE: '开办审核', RE_REVIEW: '资格复核' }

/** What the letter asks the office to do. */
export const REVIEW_VERB: Record<SiteApplicationKind, string> = { NEW_SITE: '审核', RE_REVIEW: '复核' }

/** The status, as the not-yet message names it. */
export const STATUS_TEXT: Record<SiteApplicationStatus, string> = {
  DRAFT: '草稿',
  PENDING_OFFICE_REVIEW: '初审中',
  OFFICE_REJECTED: '初审未通过',
  PENDING_CONAC_REVIEW: '复审中',
  CONAC_REJECTED: '复审未通过',
  AWAITING_PAPER: '审核通过，待提交书面材料',
  PAPER_REJECTED: '书面材料未通过',
  BADGE_ISSUED: '已发放网站标识',
  WITHDRAWN: '已撤回',
  BADGE_CANCELLED: '标识已注销',
}

/** 党政机关 and 群团机关 send the stamped paper materials to their office (事业单位 and 社会组织 skip that step). */
export function needsPaperStep(type: UnitType): boolean {
  return type === 'PARTY_GOVERNMENT' || type === 'MASS_ORGANIZATION'
}

/** The form is sent in four copies (一式四份) when there is a paper step. */
export const PAPER_FORM_COPIES = 4

/** How many copies of the form to print: the paper step's requirement, otherwise one. */
export function formCopies(application: {
  paperSubmission?: { copiesRequired: number } | null
  unit: { type: UnitType }
}): number {
  const required =
    application.paperSubmission?.copiesRequired ?? (needsPaperStep(application.unit.type) ? PAPER_FORM_COPIES : 1)
  return Math.max(1, Math.min(required, 10))
}

/** Region names that only group divisions (GB/T 2260) and are not the name of a government. */
const GROUPING_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

/**
 * The unit's same-level staffing office as a letter addresses it, from the unit's region:
 * 清丰县 → 清丰县机构编制委员会办公室, 濮阳市 → 濮阳市机构编制委员会办公室, the country → 中央机构编制委员会办公室.
 */
export function sameLevelOfficeName(region: {
  name: string
  level: RegionLevel
  parent?: { name: string } | null
}): string {
  if (region.level === 'NATIONAL') return '中央机构编制委员会办公室'
  const name = GROUPING_NAMES.has(region.name) && region.parent ? region.parent.name : region.name
  return `${name}机构编制委员会办公室`
}

const chinaDate = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
})

/** A date as written in a letter, in China time: 2026年3月5日. */
export function letterDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : chinaDate.format(date)
}

/** A small count in Chinese numerals, as in 一式四份 (1-10; larger counts stay in digits). */
export function chineseCount(count: number): string {
  return '一二三四五六七八九十'[count - 1] ?? String(count)
}

/** Landline and mobile, whichever are given. */
export function phones(landline: string | null | undefined, mobile: string): string {
  return [landline?.trim(), mobile].filter(Boolean).join('，')
}
