// 审核记录: every decision on an application, oldest first, kept across resubmissions (site applications and
// domain applications alike; each feature names its own review levels).
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState } from '@/components/ui/states'
import type { ReviewLevel, ReviewResult } from '@/graphql/generated/graphql'

export const REVIEW_RESULT_TEXT: Record<ReviewResult, string> = {
  APPROVED: '通过',
  REJECTED: '不通过',
}

export const REVIEW_RESULT_TONES: Record<ReviewResult, StatusTone> = { APPROVED: 'ok', REJECTED: 'error' }

export interface ReviewDecisionRow {
  id: string
  level: ReviewLevel
  result: ReviewResult
  reason?: string | null
  decidedAt: string
  reviewerName?: string
  office: { name: string }
}

export function ReviewHistory({
  decisions,
  levelText,
  showReviewer,
  testId = 'review-history',
}: {
  decisions: readonly ReviewDecisionRow[]
  levelText: Record<ReviewLevel, string>
  showReviewer?: boolean
  testId?: string
}) {
  if (decisions.length === 0) return <EmptyState>暂无审核记录</EmptyState>
  return (
    <TableScroll label="审核记录">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">审核环节</th>
            <th scope="col">结果</th>
            <th scope="col">原因/意见</th>
            <th scope="col">审核机构</th>
            {showReviewer && <th scope="col">审核人</th>}
            <th scope="col">时间</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((decision) => (
            <tr key={decision.id}>
              <td>{levelText[decision.level]}</td>
              <td>
                <StatusTag tone={REVIEW_RESULT_TONES[decision.result]}>{REVIEW_RESULT_TEXT[decision.result]}</StatusTag>
              </td>
              <td className="table-wrap-cell">{decision.reason ?? '—'}</td>
              <td className="table-wrap-cell">{decision.office.name}</td>
              {showReviewer && <td>{decision.reviewerName}</td>}
              <td>{formatDateTime(decision.decidedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
