// The row below a resubmitted application in the review queue (编办审核 and CONAC审核): that it was sent back, by
// whom, when and why, what the applicant changed since (old → new), and every decision so far.
import { FieldChanges, type FieldChangeRow } from '@/components/reviews/FieldChanges'
import { ReviewHistory, type ReviewDecisionRow } from '@/components/reviews/ReviewHistory'
import { formatDateTime } from '@/components/ui/format'
import { DOMAIN_REVIEW_LEVEL_TEXT, domainChangeValueText, domainFieldLabel } from './review'

export interface ResubmittedDomain {
  id: string
  fullName: string
  reviewDecisions: readonly ReviewDecisionRow[]
  changesSinceLastRejection: readonly FieldChangeRow[]
}

/** `lastRejection`: the latest REJECTED decision among `domain.reviewDecisions`. */
export function ResubmissionRow({
  domain,
  lastRejection,
}: {
  domain: ResubmittedDomain
  lastRejection: ReviewDecisionRow
}) {
  const changes = domain.changesSinceLastRejection
  return (
    <tr className="review-resubmission-row">
      <td colSpan={6}>
        <section
          className="review-resubmission"
          aria-label={`${domain.fullName} 重新提交情况`}
          data-testid={`resubmission-${domain.id}`}
        >
          <p className="review-resubmission-summary">
            <strong>重新提交</strong>：此前{DOMAIN_REVIEW_LEVEL_TEXT[lastRejection.level]}不通过（
            {lastRejection.office.name}，{formatDateTime(lastRejection.decidedAt)}），原因：
            {lastRejection.reason}
          </p>
          <h3>自上次退回以来的修改</h3>
          {changes.length > 0 ? (
            <FieldChanges
              changes={changes}
              fieldLabel={domainFieldLabel}
              valueText={domainChangeValueText}
              testId={`changes-${domain.id}`}
            />
          ) : (
            <p className="muted">申请单位未修改域名和注册年限。</p>
          )}
          <h3>审核记录</h3>
          <ReviewHistory
            decisions={domain.reviewDecisions}
            levelText={DOMAIN_REVIEW_LEVEL_TEXT}
            testId={`decisions-${domain.id}`}
          />
        </section>
      </td>
    </tr>
  )
}
