// A review decision on a site application (初审, 复审 or the paper step): the decision row with the fields as
// reviewed, and what its audit row and notices carry. Shared by reviewSiteApplication and confirmPaperMaterials.
import type { Prisma } from '../../generated/prisma/client.ts'
import type { ReviewLevel } from '../../generated/prisma/enums.ts'
import { reviewSnapshot } from '../reviews/changes.ts'
import { FIELD_NAMES, reviewedFieldsOf } from './fields.ts'
import type { LoadedApplication } from './targets.ts'

type Tx = Prisma.TransactionClient

export interface Decided {
  level: ReviewLevel
  officeId: number
  reviewerId: number
  approve: boolean
  reason: string | null
}

/** Written before the transition so its audit row and notices can name it; a lost race rolls it back. */
export function recordDecision(tx: Tx, app: LoadedApplication, decided: Decided) {
  const { level, officeId, reviewerId, approve, reason } = decided
  return tx.reviewDecision.create({
    data: {
      subject: 'SITE_APPLICATION',
      siteApplicationId: app.id,
      level,
      officeId,
      reviewerId,
      result: approve ? 'APPROVED' : 'REJECTED',
      reason,
      snapshot: reviewSnapshot(reviewedFieldsOf(app), FIELD_NAMES),
    },
  })
}

type Decision = Awaited<ReturnType<typeof recordDecision>>

/** The audit row of a decision (action siteApplication.review at every level). */
export function decisionAudit(app: LoadedApplication, decision: Decision) {
  return {
    action: 'siteApplication.review',
    regionPath: app.unit.region.path,
    // snapshot: the fields as reviewed (also stored with the decision, where changesSinceLastReview reads them).
    after: { decisionId: decision.id, level: decision.level, reason: decision.reason, snapshot: reviewedFieldsOf(app) },
  }
}

/** The key and payload of a decision's notices (one key per decision: it never notifies twice). */
export function decisionNotice(app: LoadedApplication, decision: Decision) {
  const { id: decisionId, level, result, reason } = decision
  return { key: `site-review:${decisionId}`, payload: { siteApplicationId: app.id, decisionId, level, result, reason } }
}
