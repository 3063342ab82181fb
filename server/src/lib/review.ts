// Rules shared by every two-level review (domains, site applications): who reviews at which level, what a
// decision's reason must look like, and the answer to a stale or concurrent decision.
import { appError, badInput, forbidden } from '../errors.ts'
import { actingUserId, officeScopeOf, type OfficeScope, type Viewer } from '../viewer.ts'
import { isConac } from './scope.ts'

/** A decision was made on a version that is no longer current (someone else decided first, or the unit edited). */
export const conflictStale = () => appError('CONFLICT', '该申请已被处理或已变更，请刷新')

export interface Reviewer {
  reviewerId: number
  office: OfficeScope
  /** OFFICE: the first review (初审) by the unit's same-level office; CONAC: the second review (复审). */
  level: 'OFFICE' | 'CONAC'
}

/**
 * The review this viewer may make on a unit's application: CONAC staff the second one, staff of the unit's
 * same-level office (the office of the unit's own region) the first one, anybody else none (FORBIDDEN).
 */
export function reviewerFor(
  viewer: Viewer,
  unitRegionPath: string,
  messages: { notStaff: string; notSameLevel: string },
): Reviewer {
  const reviewerId = actingUserId(viewer)
  const office = officeScopeOf(viewer)
  if (!office || reviewerId == null) throw forbidden(messages.notStaff)
  if (isConac(viewer)) return { reviewerId, office, level: 'CONAC' }
  if (unitRegionPath !== office.regionPath) throw forbidden(messages.notSameLevel)
  return { reviewerId, office, level: 'OFFICE' }
}

/** A rejection needs a reason of 2-500 characters; an approval may carry an optional remark of at most 500. */
export function checkReviewReason(approve: boolean, raw: string | null | undefined): string | null {
  const reason = raw?.trim() || null
  const length = reason ? [...reason].length : 0
  if (!approve && length < 2) throw badInput('不通过时须填写原因', { reason: '请填写 2-500 个字的不通过原因' })
  if (length > 500) throw badInput('审核意见过长', { reason: '审核意见不能超过 500 个字' })
  return reason
}
